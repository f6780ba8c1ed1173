import type { ManagedSiteView, OptionalPurpose } from '@coreitsm/protocol';
import { useState } from 'preact/hooks';
import { formatAgo, formatDate, type MessageKey } from './i18n.js';
import type { PopupEnv } from './popup-api.js';
import { SiteHistory } from './site-history.js';
import { SiteIcon } from './site-icon.js';

export type ChoiceShown = 'granted' | 'denied' | 'pending';

/** What the row shows for a purpose: a revocation not yet confirmed shows as pending. */
export function shownChoice(site: ManagedSiteView, purpose: OptionalPurpose): ChoiceShown | undefined {
  const value = site.state?.choices[purpose];
  if (value === undefined) return undefined;
  if (value === 'granted' && site.pendingRevocations.includes(purpose)) return 'pending';
  return value;
}

interface Props {
  env: PopupEnv;
  site: ManagedSiteView;
  busy: boolean;
  onRevoke: (site: ManagedSiteView, purposes: OptionalPurpose[]) => void;
  /** The person accepts the server address the site now announces (finding 9). */
  onConfirmApi?: (site: ManagedSiteView, api: string) => void;
  /** The popup's clock, for "changed 3 days ago". */
  now?: Date;
  /** The site's kept icon (a data URL), when the background has one. */
  icon?: string | undefined;
}

/** One managed site: its choices with a revoke button per allowed purpose, its dates, its history. */
export function SiteRow({ env, site, busy, onRevoke, onConfirmApi, now = new Date(), icon }: Props) {
  const { t, locale } = env;
  const [showHistory, setShowHistory] = useState(false);
  const purposes = Object.keys(site.state?.choices ?? {}).filter(
    (p): p is OptionalPurpose => p !== 'necessary',
  );
  const revocable = purposes.filter((p) => shownChoice(site, p) === 'granted');
  const headingId = `site-${site.siteId}-${site.origin}`.replace(/[^\w-]/g, '_');
  return (
    <li class="site" data-site={site.siteId} data-origin={site.origin} aria-labelledby={headingId}>
      <div class="site-head">
        <SiteIcon name={site.siteName ?? site.siteId} icon={icon} />
        <h2 id={headingId} data-site-name>
          {site.siteName ?? site.siteId}
        </h2>
        <span class="muted">{site.origin}</span>
      </div>
      <p class="meta">
        <span data-field="policy-version">{t('policyVersion', { version: site.policyVersion })}</span>
        {' · '}
        <span>{site.jurisdiction.toUpperCase()}</span>
        {' · '}
        {site.state && (
          <>
            <span data-field="changed" title={formatDate(site.state.createdAt, locale)}>
              {t('changed', { when: formatAgo(site.state.createdAt, now, locale) })}
            </span>
            {' · '}
          </>
        )}
        <span data-field="confirmed">
          {site.confirmedAt
            ? t('confirmed', { date: formatDate(site.confirmedAt, locale) })
            : t('neverConfirmed')}
        </span>
      </p>
      {site.gpc && (
        <p class={`gpc-at-site ${site.gpc}`} data-gpc-honoured={site.gpc}>
          {t(`gpcAtSite_${site.gpc}` as MessageKey)}
        </p>
      )}
      {purposes.length === 0 ? (
        <p class="muted">{t('noChoice')}</p>
      ) : (
        <ul class="choices">
          {purposes.map((purpose) => {
            const shown = shownChoice(site, purpose) ?? 'denied';
            const label = t(`purpose_${purpose}` as MessageKey);
            return (
              <li key={purpose} data-purpose={purpose} data-choice={shown}>
                <span class="purpose">{label}</span>
                <span class={`choice ${shown}`}>{t(shown)}</span>
                {shown === 'granted' && (
                  <button
                    type="button"
                    data-action="revoke"
                    disabled={busy}
                    onClick={() => onRevoke(site, [purpose])}
                  >
                    {t('revoke', { purpose: label })}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {(site.queuedForServer ?? 0) > 0 && (
        <p class="note">{t('queued', { count: site.queuedForServer ?? 0 })}</p>
      )}
      {site.serverError && (
        <p class="error" role="status">
          {t('serverError', { message: site.serverError })}
        </p>
      )}
      {site.apiChange && (
        <div class="note" role="alert" data-api-change={site.apiChange.to}>
          <p>{t('apiChange', { to: site.apiChange.to, from: site.apiChange.from ?? '—' })}</p>
          {onConfirmApi && (
            <button
              type="button"
              data-action="confirm-api"
              disabled={busy}
              onClick={() => site.apiChange && onConfirmApi(site, site.apiChange.to)}
            >
              {t('apiConfirm', { to: site.apiChange.to })}
            </button>
          )}
        </div>
      )}
      <div class="row-actions">
        {revocable.length > 0 && (
          <button
            type="button"
            data-action="revoke-site"
            disabled={busy}
            onClick={() => onRevoke(site, revocable)}
          >
            {t('revokeSite', { site: site.siteId })}
          </button>
        )}
        <button
          type="button"
          data-action="history"
          aria-expanded={showHistory}
          onClick={() => setShowHistory(!showHistory)}
        >
          {showHistory ? t('hideHistory') : t('history', { count: site.recordCount })}
        </button>
      </div>
      {showHistory && (
        <SiteHistory env={env} siteId={site.siteId} origin={site.origin} trimmed={site.trimmed ?? null} />
      )}
    </li>
  );
}
