import {
  EXPORT_FORMATS,
  type ExportFormat,
  type ManagedSiteView,
  MessageError,
  OPTIONAL_PURPOSES,
  type OptionalPurpose,
} from '@coreitsm/protocol';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { GpcSwitch } from './gpc-switch.js';
import { LIST_WINDOW, MoreRows } from './more-rows.js';
import { messageOf, type PopupEnv } from './popup-api.js';
import { RightsPanel } from './rights-panel.js';
import { SiteRow } from './site-row.js';
import { type SiteCounts, SummaryLine } from './summary-line.js';

interface Props {
  env: PopupEnv;
  download: (filename: string, mimeType: string, body: string | Blob) => void;
  openOptions: () => void;
  now?: () => Date;
  /** Builds an export file; defaults to asking the background (the real popup reads the store itself). */
  exportFile?: (
    format: ExportFormat,
  ) => Promise<{ filename: string; mimeType: string; body: string | Blob; count: number }>;
}

type Status = { text: string; error: boolean } | null;

/** Whether a site matches the search box (site id, name or origin, case-insensitive). */
export function matchesQuery(site: ManagedSiteView, query: string): boolean {
  const q = query.trim().toLowerCase();
  return (
    q === '' ||
    site.siteId.toLowerCase().includes(q) ||
    site.origin.toLowerCase().includes(q) ||
    (site.siteName ?? '').toLowerCase().includes(q)
  );
}

/**
 * Runs `then` once the frame now being rendered is painted (a task after the next animation frame),
 * or after 100 ms when no frame comes (a hidden page gets none).
 */
function afterPaint(then: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    then();
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, 100);
}

/** The popup: every managed site, search, revocations, export, GPC and privacy-rights requests. */
export function PopupApp({ env, download, openOptions, now = () => new Date(), exportFile }: Props) {
  const { api, t } = env;
  const [sites, setSites] = useState<ManagedSiteView[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  // Rows rendered so far: a window that grows as the list is scrolled (or "show more" pressed), so
  // the first render and every keystroke cost the same with 1,000 sites as with 10.
  const [windowSize, setWindowSize] = useState(LIST_WINDOW);
  const [gpc, setGpc] = useState<boolean | null>(null);
  // Icons of the rows shown, asked for after they render (never delaying the list).
  const [icons, setIcons] = useState<Record<string, string>>({});
  const askedIcons = useRef(new Set<string>());

  // The summary line's counts while only the list's first window is here (null: `sites` is every site).
  const [counts, setCounts] = useState<SiteCounts | null>(null);

  /** Every site (after the first paint, and after each action). */
  const loadAll = useCallback(
    (again = true) => {
      api('sites:list', {})
        .then((answer) => {
          performance.mark('coreitsm:sites-complete');
          setSites(answer.sites);
          setCounts(null);
          setLoadError(null);
          // Open tabs were asked to re-announce: list once more when they have (no loop: `again` is false then).
          if (answer.refreshing && again) setTimeout(() => loadAll(false), 800);
        })
        .catch((e: unknown) => setLoadError(messageOf(e)));
    },
    [api],
  );
  /**
   * The first paint (issue 11): the list's first window and the summary counts, then every site once
   * that is painted — so opening the popup costs the same with 1,000 sites as with 10. A background
   * that predates `limit` refuses it: every site at once then, as before.
   */
  const load = useCallback(() => {
    performance.mark('coreitsm:sites-requested');
    api('sites:list', { limit: LIST_WINDOW })
      .then((answer) => {
        performance.mark('coreitsm:sites-received');
        setSites(answer.sites);
        setLoadError(null);
        if (answer.more) {
          setCounts({ total: answer.total ?? answer.sites.length, sharing: answer.sharing ?? 0 });
          afterPaint(() => loadAll());
        } else {
          setCounts(null);
          if (answer.refreshing) setTimeout(() => loadAll(false), 800);
        }
      })
      .catch((e: unknown) => {
        if (e instanceof MessageError && e.code === 'bad-request') loadAll();
        else setLoadError(messageOf(e));
      });
  }, [api, loadAll]);
  useEffect(load, [load]);
  const reportError = useCallback(
    (message: string) => setStatus({ text: t('actionError', { message }), error: true }),
    [t],
  );

  async function revoke(siteId: string | null, purposes: OptionalPurpose[], origin?: string) {
    setBusy(true);
    try {
      const result = await api('sites:revoke', { siteId, purposes, ...(origin ? { origin } : {}) });
      setStatus({
        text:
          result.sites === 0
            ? t('nothingToRevoke')
            : t('revoked', {
                sites: result.sites,
                tabs: result.deliveredToTabs,
                queued: result.queuedForServer,
              }),
        error: false,
      });
    } catch (e) {
      reportError(messageOf(e));
    } finally {
      setBusy(false);
      setConfirming(false);
      loadAll();
    }
  }

  async function confirmApi(origin: string, to: string) {
    setBusy(true);
    try {
      await api('sites:confirm-api', { origin, api: to });
    } catch (e) {
      reportError(messageOf(e));
    } finally {
      setBusy(false);
      loadAll();
    }
  }

  async function exportAs(format: ExportFormat) {
    try {
      // Marks for bench/extension: building the file vs. handing it to the browser.
      performance.mark(`coreitsm:export-${format}:start`);
      const file = exportFile ? await exportFile(format) : await api('records:export', { format });
      performance.mark(`coreitsm:export-${format}:built`);
      download(file.filename, file.mimeType, file.body);
      performance.mark(`coreitsm:export-${format}:saved`);
      setStatus({ text: t('exported', { count: file.count, format: format.toUpperCase() }), error: false });
    } catch (e) {
      reportError(messageOf(e));
    }
  }

  const shown = sites?.filter((site) => matchesQuery(site, query)) ?? [];
  // While only the first window is here: the whole list's size is the background's count, and a
  // search waits for the rest before it says nothing matches.
  const partial = counts !== null;
  const total = counts?.total ?? sites?.length ?? 0;
  const listed = partial && query.trim() === '' ? total : shown.length;
  const renderedAt = now();
  const visible = shown.slice(0, windowSize);
  const visibleOrigins = visible.map((site) => site.origin).join(' ');
  useEffect(() => {
    const wanted = [...new Set(visibleOrigins.split(' '))]
      .filter((origin) => origin !== '' && !askedIcons.current.has(origin))
      .slice(0, 200);
    if (wanted.length === 0) return;
    for (const origin of wanted) askedIcons.current.add(origin);
    api('sites:icons', { origins: wanted })
      .then((answer) => setIcons((known) => ({ ...known, ...answer.icons })))
      .catch(() => undefined); // no icon: the monogram stays
  }, [api, visibleOrigins]);
  return (
    <main>
      <header>
        <h1>{t('title')}</h1>
        <GpcSwitch env={env} onError={reportError} onState={setGpc} />
      </header>
      {sites && total > 0 && <SummaryLine env={env} sites={sites} counts={counts} gpc={gpc} />}
      <div class="toolbar">
        <input
          type="search"
          aria-label={t('search')}
          placeholder={t('searchPlaceholder')}
          value={query}
          onInput={(e) => {
            setQuery(e.currentTarget.value);
            setWindowSize(LIST_WINDOW);
          }}
        />
        <fieldset class="exports">
          <legend class="visually-hidden">{t('exportTitle')}</legend>
          {EXPORT_FORMATS.map((format) => (
            <button key={format} type="button" data-export={format} onClick={() => void exportAs(format)}>
              {t('exportAs', { format: format.toUpperCase() })}
            </button>
          ))}
        </fieldset>
        <button
          type="button"
          data-action="revoke-everything"
          class="danger"
          disabled={busy || !sites || total === 0}
          onClick={() => setConfirming(true)}
        >
          {t('revokeEverything')}
        </button>
      </div>
      {confirming && (
        <div
          role="alertdialog"
          aria-labelledby="confirm-text"
          class="confirm"
          data-confirm="everything"
          onKeyDown={(e) => {
            if (e.key === 'Escape') setConfirming(false); // Escape is "no", as in any dialog
          }}
        >
          <p id="confirm-text">{t('confirmEverything', { count: total })}</p>
          <button
            type="button"
            class="danger"
            data-action="confirm"
            onClick={() => void revoke(null, [...OPTIONAL_PURPOSES])}
          >
            {t('confirmYes')}
          </button>
          <button
            type="button"
            data-action="cancel"
            ref={(el) => el?.focus()}
            onClick={() => setConfirming(false)}
          >
            {t('cancel')}
          </button>
        </div>
      )}
      <p
        aria-live="polite"
        role={status?.error ? 'alert' : 'status'}
        class={status?.error ? 'error' : 'note'}
        data-status
      >
        {status?.text ?? ''}
      </p>
      {loadError && (
        <div role="alert" class="error" data-state="error">
          <p>{t('loadError', { message: loadError })}</p>
          <button type="button" onClick={() => load()}>
            {t('retry')}
          </button>
        </div>
      )}
      {!sites && !loadError && <p>{t('loading')}</p>}
      {sites && total === 0 && (
        <section class="empty" data-state="empty">
          <h2>{t('emptyTitle')}</h2>
          <p>{t('emptyBody')}</p>
        </section>
      )}
      {sites && total > 0 && shown.length === 0 && (
        <p class="muted">{partial ? t('loading') : t('noMatch', { query })}</p>
      )}
      {shown.length > 0 && (
        <ul class="sites" data-total={listed}>
          {visible.map((site) => (
            <SiteRow
              key={`${site.origin} ${site.siteId}`}
              env={env}
              site={site}
              busy={busy}
              onRevoke={(s, purposes) => void revoke(s.siteId, purposes, s.origin)}
              onConfirmApi={(s, to) => void confirmApi(s.origin, to)}
              now={renderedAt}
              icon={icons[site.origin]}
            />
          ))}
        </ul>
      )}
      {visible.length < listed && (
        <MoreRows
          label={t('moreSites', { count: listed - visible.length })}
          onMore={() => setWindowSize((size) => size + LIST_WINDOW)}
        />
      )}
      {sites && <RightsPanel env={env} sites={sites} now={now} />}
      <footer>
        <button type="button" class="link" onClick={openOptions}>
          {t('optionsLink')}
        </button>
      </footer>
    </main>
  );
}
