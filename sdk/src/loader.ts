/**
 * The script tag entry (`dist/coreconsent.js`, an IIFE): the returning-visit critical path, kept
 * small (no zod, no idb, no Preact). It checks its own `data-*` attributes (fails closed on a bad
 * one), pushes Consent Mode `default`, reads the stored decision from IndexedDB through a check
 * that agrees with the protocol's zod schema, and puts it into effect (gated tags, Consent Mode
 * `update`, US Privacy). On a first visit (a prompt due, nothing else needing the runtime) it shows
 * the plain-DOM banner itself and defines a `window.CoreConsent` facade (critical/first-visit.ts);
 * otherwise it loads `coreconsent-full.js` (zod-validated history, sync, bridge, the API). Lazy
 * files are ES modules beside this file, loaded with `import()` from its own URL.
 */
import { type Choices, latestRecord, parseRevocationCookie } from '@coreitsm/protocol';
import { readAttributes } from './config/config-fields.js';
import { defaultChoices } from './core/choices.js';
import { currentState } from './core/current-state.js';
import type { SdkConfig } from './core/types.js';
import type { BannerModule } from './critical/banner-entry.js';
import * as bannerModule from './critical/banner-entry.js';
import { checkConfig } from './critical/check-config.js';
import { isAnyConsentRecord } from './critical/check-record.js';
import {
  copyMatches,
  dropCopy,
  nothingDecidedHint,
  readCopy,
  refreshCopy,
} from './critical/decision-copy.js';
import { showEarlyBanner } from './critical/early-banner.js';
import { firstVisit } from './critical/first-visit.js';
import { openDb, readSiteValues } from './critical/open-db.js';

import { pickLanguage } from './i18n/pick-language.js';
import { applyGating, applyState } from './runtime/apply-state.js';
import type { CriticalHandoff } from './runtime/handoff.js';
import { servedFile } from './served-file.js';
import { pushConsentMode } from './signals/consent-mode.js';
import { readGpc } from './signals/read-gpc.js';
import { serverClock } from './sync/server-clock.js';

// User-timing marks, so the returning-visit path (start → consented tags) can be measured.
performance.mark('coreconsent:start');
const STORAGE_WAIT_MS = 3000;
const script = document.currentScript as HTMLScriptElement | null;
const base = new URL('./', script?.src || location.href).href;
// `import()` of a computed URL stays a real runtime import (rollup leaves it alone). Files are
// named by their stable names here; `servedFile` gives the content-hashed name the build wrote.
const load = <T>(file: string): Promise<T> =>
  import(/* @vite-ignore */ base + servedFile(file)) as Promise<T>;
const loadFull = () => load<typeof import('./runtime/full-entry.js')>('coreconsent-full.js');
const sameChoices = (a: Choices, b: Choices) => JSON.stringify(a) === JSON.stringify(b); // one snapshot order (core/choices.ts)
const report = (error: unknown) => console.error('CoreConsent: failed to start, consent stays denied', error);
const env = {
  baseUrl: location.href,
  origin: location.origin,
  // Read only for data-jurisdiction="auto": the first Intl.DateTimeFormat() of a page loads ICU
  // data, 13–57 ms measured in Chromium here, longer than the rest of the critical path.
  get timeZone() {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  },
};

/**
 * The page's cookies, as `document.cookie` gives them. Through the Cookie Store API where there is
 * one: `document.cookie` waits for the browser's cookie store with the main thread blocked — in the
 * bench 3 ms of script time at 1× CPU and ~20 ms at 4× on every visit — where `cookieStore` lets the
 * page run meanwhile. Neither sees `HttpOnly` cookies; both see this page's. A document that may
 * not read cookies (a sandboxed frame: `document.cookie` throws) has none: the page waits for
 * IndexedDB, as without a copy.
 */
const cookiesOfDocument = (): string => {
  try {
    return document.cookie;
  } catch {
    return '';
  }
};
const readCookies = (): Promise<string> =>
  typeof cookieStore === 'object'
    ? cookieStore.getAll().then((all) => all.map((c) => `${c.name}=${c.value}`).join('; '), cookiesOfDocument)
    : Promise.resolve(cookiesOfDocument());

/**
 * Fetches and compiles `coreconsent-full.js` while IndexedDB opens, without running it, when the
 * runtime is certainly needed at once (a US page, a GPC record to make).
 */
function preloadFull(): void {
  const link = document.createElement('link');
  link.rel = 'modulepreload';
  link.href = base + servedFile('coreconsent-full.js');
  if (script?.nonce) link.nonce = script.nonce;
  document.head.append(link);
}

const startFull = (config: SdkConfig, handoff: CriticalHandoff) =>
  loadFull().then((full) => full.start(config, bannerModule, handoff));

interface Opening {
  db: Promise<IDBDatabase>;
  /** Resolves when IndexedDB had to create the database (a first visit); else never. */
  created: Promise<void>;
  /** The page's cookies (`readCookies`). */
  cookies: Promise<string>;
}

/**
 * Starts the cookie read and IndexedDB's open. The script tag calls it before anything else —
 * before its attributes are checked: both are round trips to the browser (the open 7–34 ms at 1×
 * CPU in the bench, the cookies 5–15 ms), what every visit waits for, and starting them 1–8 ms
 * earlier is time nothing else can win back. The cookies first: a returning visit's tags wait for
 * the copy in them, a first visit's banner for their hint, and `indexedDB.open()` itself keeps the
 * main thread 1–8 ms at 1× CPU (traced), which the cookie request need not wait behind. A page
 * whose attributes then fail the check has an empty database it never uses.
 */
function startOpen(): Opening {
  const cookies = readCookies();
  let onCreate = () => {};
  const created = new Promise<void>((resolve) => {
    onCreate = resolve;
  });
  let db: Promise<IDBDatabase>;
  try {
    db = openDb(onCreate);
  } catch (error) {
    db = Promise.reject(error);
  }
  db.catch(() => undefined); // the rest of the SDK reports it (and goes on in memory)
  return { db, created, cookies };
}

/**
 * The script tag's path. `site` is the site configuration being read (null: the page has none):
 * IndexedDB opens meanwhile, and nothing is put into effect or shown before it is checked. A bad
 * one fails closed: nothing gated runs, no banner, one `console.error` naming the field.
 */
async function critical(
  attributes: SdkConfig,
  site: Promise<SdkConfig | null> | null,
  opening: Opening,
): Promise<void> {
  let config = attributes;
  const gpc = readGpc(navigator);
  // The runtime is needed from the start: US pages install `__gpp`/`__uspapi` (and may record GPC),
  // and GPC in "none" makes a record. Elsewhere it waits until something needs it.
  const eager = config.jurisdiction === 'ccpa' || (gpc && config.jurisdiction === 'none');
  if (eager) preloadFull();
  // Consent Mode's `default` must precede every Google tag: push it before anything async.
  // Until the configuration is read, no optional purpose is known to be used: all denied.
  pushConsentMode(window, 'default', defaultChoices(config.jurisdiction, gpc, site ? [] : null));
  const language = pickLanguage([config.lang, document.documentElement.lang, ...navigator.languages]);
  // A prompt is due (or the database is new): fetch the banner files while IndexedDB opens.
  const prefetchUi = () => {
    if (config.jurisdiction === 'none') return;
    // The banner itself and its English strings are in this file.
    const files = eager
      ? ['coreconsent-ui.js', `coreconsent-lang-${language}.js`]
      : language === 'en'
        ? []
        : [`coreconsent-banner-lang-${language}.js`];
    for (const file of files) load(file).catch(() => undefined); // a failure is reported by the load that needs it
  };
  // On the first-visit path (not the runtime's) the banner shows before storage has answered, at
  // the first of: a database IndexedDB had to create (proof: it holds no decision), or cookies
  // with no copy of a decision (a hint, 5–15 ms sooner at 1× CPU: decision-copy.ts,
  // `nothingDecidedHint`). Either way it waits for its owner (first-visit.ts, once the read has
  // answered) to take focus; a read that finds a decision withdraws it unfocused, and the copy is
  // written back for the next load (critical/early-banner.ts).
  const early: { banner: Promise<BannerModule | null> | null } = { banner: null };
  const configured = site ?? Promise.resolve(config);
  const showEarly = () => {
    early.banner ??= configured.then(
      (checked) =>
        checked &&
        showEarlyBanner({
          config: checked,
          state: currentState(checked, undefined, gpc, new Date()),
          language,
          load,
        }),
    );
  };
  let created = false;
  const onNewDatabase = () => {
    created = true;
    if (eager || config.jurisdiction === 'none') return prefetchUi();
    showEarly();
  };
  opening.created.then(onNewDatabase);
  opening.cookies.then((cookies) => {
    if (!eager && config.jurisdiction !== 'none' && nothingDecidedHint(cookies, config.siteId)) showEarly();
  });
  const deadline = performance.now() + STORAGE_WAIT_MS;
  const db = opening.db;
  let applied: CriticalHandoff['applied'] = null;
  const reading = Promise.race([
    db.then((d) => readSiteValues(d, config.siteId)),
    new Promise<null>((resolve) => setTimeout(resolve, STORAGE_WAIT_MS, null)),
  ]);
  reading.catch(() => undefined); // handled below
  // The page's cookies: the decision's copy and the extension's revocations (protocol's revocation
  // cookie), read with IndexedDB's open and before anything is put into effect.
  const [checked, cookies] = await Promise.all([configured, opening.cookies]);
  if (!checked) return;
  config = { ...checked, revoked: parseRevocationCookie(cookies, config.siteId) };
  // The synchronous copy of the latest decision (critical/decision-copy.ts): consented tags run
  // now, before IndexedDB answers, while it still decides; the read below then adds what the copy
  // did not grant, if anything.
  const copy = readCopy(cookies, config.siteId);
  const fromCopy = copy && currentState(config, copy, gpc, new Date());
  if (fromCopy?.decided) applyState(document, fromCopy);
  try {
    const values = await reading;
    if (values) {
      const stored = values.filter(isAnyConsentRecord);
      const latest = latestRecord(stored);
      const state = currentState(config, latest, gpc, new Date());
      // The copy missing or behind the history (written by an older release, or a failed write): bring it in line.
      if (!copyMatches(cookies, config.siteId, latest)) db.then((d) => refreshCopy(d, config.siteId));
      // Consent Mode and dataLayer hear each state once: the same choices as the copy's need gating only.
      const blocked =
        fromCopy?.decided && sameChoices(fromCopy.choices, state.choices)
          ? applyGating(document, state)
          : applyState(document, state);
      applied = { recordId: state.recordId, choices: state.choices };
      // Nothing needs the runtime yet: the banner if one is due, and the API facade without it.
      // A page with `data-api` loads it when the outbox holds records or the server knows a
      // decision this browser lacks (runtime-due.ts makes the state pull to find out).
      if (!eager) {
        // Another tab decided between the database's creation and the read: no banner after all.
        if (early.banner && state.promptReason === null) void early.banner.then((m) => m?.hideBanner());
        const clock = serverClock();
        let dueCheck: Promise<unknown> = Promise.resolve();
        const startRuntime = firstVisit({
          clock,
          clockSettled: () => dueCheck,
          config,
          db: await db,
          handoff: { db, deadline },
          state,
          blocked,
          records: stored,
          gpc,
          language,
          load,
          startFull: (handoff) => startFull(config, handoff),
        });
        // Its own file: a first visit (a database just made: no subject, no outbox) never needs it.
        if (config.api && !created) {
          const opened = await db;
          dueCheck = load<typeof import('./critical/runtime-due.js')>('coreconsent-due.js')
            .then((m) => m.runtimeDue(opened, config, stored, clock))
            .then((due) => {
              if (due) startRuntime().catch(report);
            }, report);
        }
        return;
      }
      performance.mark('coreconsent:applied');
      if (state.promptReason) prefetchUi();
    }
  } catch {
    // Storage failed: nothing more is applied here; the rest of the SDK decides (memory, one warning),
    // and the copy goes, so that nothing is granted from it that IndexedDB may not hold.
    dropCopy(config.siteId);
  }
  await startFull(config, { db, deadline, applied });
}

if (!script) {
  console.error('CoreConsent: cannot find its own <script> element (load it with a plain <script src>)');
} else {
  const opening = startOpen();
  const raw = readAttributes(script);
  const config = checkConfig(raw, env);
  if (!config) {
    opening.db.then(
      (db) => db.close(),
      () => undefined,
    );
    loadFull().then((full) => full.reportInvalidConfig(raw, env), report);
  } else {
    // A page with a site configuration loads its reader (config/site-config-entry.ts); one without pays nothing.
    const site =
      config.configUrl || document.querySelector('script[data-coreconsent-config]')
        ? load<typeof import('./config/site-config-entry.js')>('coreconsent-site.js').then((m) =>
            m
              .loadSiteConfig(document, config.configUrl, config.policyVersion)
              .then(
                (r) => r && { ...config, site: r.config, siteStrings: r.strings, policyChanges: r.changes },
              ),
          )
        : null;
    critical(config, site, opening).catch(report);
  }
}
