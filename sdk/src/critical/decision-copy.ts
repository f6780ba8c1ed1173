import {
  type AnyConsentRecord,
  type Choices,
  cookieValue,
  JURISDICTIONS,
  type Jurisdiction,
  latestRecord,
  METHODS,
  type Method,
  POLICY_VERSION,
  PURPOSES,
  purposesFor,
  revocationCookieName,
} from '@coreitsm/protocol';
import type { Decision } from '../core/types.js';
import { isAnyConsentRecord } from './check-record.js';

/**
 * The synchronous first-party copy of a site's latest stored decision: a cookie
 * `coreconsent_decision_<siteId>`, read by the script tag before IndexedDB has opened, so a
 * returning visit runs its consented tags at once. A cookie, not localStorage: the page reads
 * `document.cookie` anyway (the extension's revocation cookie), and the first `localStorage`
 * access of a page costs 1.8 ms of main-thread time at 1× CPU and 9.4 ms at 4× here, against
 * 0.7 / 3.4 ms for the cookie (bench/README.md, "The synchronous copy").
 *
 * The invariant that makes it safe: **the copy never grants more than the history in IndexedDB
 * will hold once the transaction writing it has committed.** It is only ever written from inside a
 * readwrite transaction on `records`, from what that transaction sees after its own writes
 * (`writeCopy`); IndexedDB runs readwrite transactions of one store one at a time across every tab,
 * so the last copy written is the newest history's. A transaction that aborts removes the copy
 * (absent = "ask IndexedDB"), and so does any storage failure. It is applied only while it still
 * decides (same jurisdiction and policy version, not expired), and its date is the day the decision
 * was made, rounded down, so it expires no later and yields to a revocation no later than the
 * record itself. A revocation made in another tab narrows it in that tab's write; one from the
 * extension with no tab open is the revocation cookie's job (protocol's revocation-cookie.ts); one
 * the server knows is applied once a tab of this browser has synced it.
 *
 * What it holds, and why so little: the cookie goes with every request to the site, so it carries
 * what deciding needs and nothing that singles a person out — no record or subject id, the day
 * rather than the instant: `<days since 1970>|<jurisdiction>|<policy version>|<method>|<granted
 * purposes as bits, protocol order>|<port, or scheme for a default port>|<day written>`, e.g.
 * `20429|gdpr|2026-04-08|accept-all|15|8081|20430`. The port field keeps another origin of the
 * same host (cookies are per host) from using this origin's copy. The day written makes the copy
 * renew itself: a copy not written today no longer matches (`copyMatches`), so the first visit of a
 * day rewrites it — a browser that caps script-set cookies (Safari and Brave: 7 days) keeps it while
 * the person keeps coming, and the banner's hint (`nothingDecidedHint`) stays right for them.
 *
 * Left open: a granting transaction whose copy was written and which the browser then loses in a
 * crash before the commit leaves a copy granting what the person had just clicked; and a
 * revocation made on another device that this browser has not heard of yet runs nothing new but
 * the stored grant, exactly as without the copy (DESIGN §1.4: the server's answer comes later).
 */
const DAY_MS = 86_400_000;
/** Chrome's cap on a cookie's lifetime; the decision's own expiry is checked from its date. */
const MAX_AGE_S = 400 * 86_400;

const nameOf = (siteId: string) => `coreconsent_decision_${siteId}`;
/** Which origin of this host wrote it: the port, or the scheme when the port is the default. */
const originTag = () => location.port || location.protocol;

/** The copy's cookie value for a record (exported for tests). */
export function encodeCopy(record: Decision): string {
  let bits = 0;
  PURPOSES.forEach((purpose, i) => {
    if (record.choices[purpose] === 'granted') bits |= 1 << i;
  });
  const days = Math.floor(Date.parse(record.createdAt) / DAY_MS);
  const today = Math.floor(Date.now() / DAY_MS);
  return [days, record.jurisdiction, record.policyVersion, record.method, bits, originTag(), today].join('|');
}

/**
 * The value's shape: days, jurisdiction, policy version, method, bits, tag, day written (the fields
 * are checked below). A copy of the older six-field form does not decode: the page waits for
 * IndexedDB and writes it anew.
 */
const COPY = /^(\d{1,6})\|([a-z]+)\|([^|]+)\|([a-z-]+)\|(\d{1,2})\|([^|]+)\|\d{1,6}$/;

/** The decision a copy holds, checked field by field; undefined when it is not one of this origin's. */
export function decodeCopy(value: string): Decision | undefined {
  const [, days, jurisdiction, policyVersion = '', method, bits, tag] = COPY.exec(value) ?? [];
  if (
    tag !== originTag() ||
    !POLICY_VERSION.test(policyVersion) ||
    !JURISDICTIONS.includes(jurisdiction as Jurisdiction) ||
    !METHODS.includes(method as Method)
  )
    return undefined;
  const choices: Choices = {};
  for (const purpose of purposesFor(jurisdiction as Jurisdiction))
    choices[purpose] = Number(bits) & (1 << PURPOSES.indexOf(purpose)) ? 'granted' : 'denied';
  return choices.necessary === 'granted'
    ? {
        jurisdiction: jurisdiction as Jurisdiction,
        policyVersion,
        method: method as Method,
        choices,
        createdAt: new Date(Number(days) * DAY_MS).toISOString(),
      }
    : undefined;
}

/** The copy for this site in a `document.cookie` string, checked; undefined when absent or bad. */
export function readCopy(cookies: string, siteId: string): Decision | undefined {
  const value = cookieValue(cookies, nameOf(siteId));
  return value === undefined ? undefined : decodeCopy(value);
}

/**
 * Whether the page's cookies say nothing of a decision on this site — no copy at all (not even
 * another origin's under the same name) and no revocation from the extension. A hint, not proof:
 * the copy can be missing while IndexedDB holds a decision (cookies cleared on their own, a
 * decision stored before the copy existed, a copy expired under a browser's cap on script-set
 * cookies). The script tag shows the banner on it without focus, and storage's answer confirms it
 * (focus) or withdraws it, writing the copy back (loader.ts).
 */
export const nothingDecidedHint = (cookies: string, siteId: string): boolean =>
  cookieValue(cookies, nameOf(siteId)) === undefined &&
  cookieValue(cookies, revocationCookieName(siteId)) === undefined;

/** Sets (or with no value, removes) the copy; a refusal removes it. */
function setCopy(siteId: string, value: string | null): void {
  try {
    const attributes = `; path=/; samesite=lax${location.protocol === 'https:' ? '; secure' : ''}`;
    // biome-ignore lint/suspicious/noDocumentCookie: synchronous on purpose (the copy is written inside an IndexedDB transaction); the Cookie Store API is asynchronous and missing in Firefox
    document.cookie = `${nameOf(siteId)}=${value ?? ''}; max-age=${value ? MAX_AGE_S : 0}${attributes}`;
  } catch {
    // a sandboxed document without cookies: there is no copy to keep in line
  }
}

/** Removes the copy: the next load waits for IndexedDB (always safe). */
export const dropCopy = (siteId: string): void => setCopy(siteId, null);

/**
 * Sets the copy to the latest of this site's records as `tx` sees them (call it after the
 * transaction's own `put`s: requests run in order). `tx` must be readwrite over `records`.
 */
export function writeCopy(tx: IDBTransaction, siteId: string): void {
  tx.addEventListener('abort', () => dropCopy(siteId));
  const request = tx.objectStore('records').index('by-site').getAll(siteId);
  request.onsuccess = () => {
    // Never throws: an exception in a request's handler would abort the transaction, and the record with it.
    let value: string | null = null;
    try {
      const latest = latestRecord((request.result as unknown[]).filter(isAnyConsentRecord));
      value = latest ? encodeCopy(latest) : null;
    } catch {
      // no copy rather than a wrong one
    }
    setCopy(siteId, value);
  };
}

/** Whether the copy read at start says what the stored history says (else `refreshCopy`). */
export const copyMatches = (cookies: string, siteId: string, latest: AnyConsentRecord | undefined): boolean =>
  cookieValue(cookies, nameOf(siteId)) === (latest ? encodeCopy(latest) : undefined);

/** Brings the copy in line with the stored history (a readwrite transaction that writes only the copy). */
export function refreshCopy(db: IDBDatabase, siteId: string): void {
  try {
    writeCopy(db.transaction('records', 'readwrite'), siteId);
  } catch {
    dropCopy(siteId);
  }
}
