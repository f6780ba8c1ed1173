import { type AnyConsentRecord, latestRecord } from '@coreitsm/protocol';
import { isAnyConsentRecord } from './check-record.js';

/**
 * The synchronous first-party copy of a site's latest stored record (localStorage), read by the
 * script tag before IndexedDB has opened, so a returning visit runs its consented tags at once.
 *
 * The invariant that makes it safe: **the copy never grants more than the history in IndexedDB
 * will hold once the transaction writing it has committed.** It is only ever written from inside a
 * readwrite transaction on `records`, from what that transaction sees after its own writes
 * (`writeCopy`); IndexedDB runs readwrite transactions of one store one at a time across every tab,
 * so the last copy written is the newest history's. A transaction that aborts removes the copy
 * (absent = "ask IndexedDB"), and so does any storage failure. A revocation made in another tab
 * narrows the copy in its own write; one from the extension with no tab open is the revocation
 * cookie's job (protocol's revocation-cookie.ts), one the server knows is applied here once a tab of
 * this browser has synced it. Left open: a copy written inside a granting transaction that the
 * browser then loses in a crash before the commit grants what the person had just clicked; and a
 * revocation made on another device that this browser has not heard of yet runs nothing new but
 * the stored grant, exactly as without the copy (DESIGN §1.4: the server's answer comes later).
 */
const key = (siteId: string) => `coreconsent:decision:${siteId}`;

/** The copy for this site, checked like any stored record (check-record.ts); undefined when absent, foreign or bad. */
export function readCopy(siteId: string): AnyConsentRecord | undefined {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(key(siteId)) ?? 'null');
    return isAnyConsentRecord(value) && value.siteId === siteId ? value : undefined;
  } catch {
    return undefined; // storage blocked (e.g. third-party context settings) or a bad value: IndexedDB decides
  }
}

/** Removes the copy: the next load waits for IndexedDB (always safe). */
export function dropCopy(siteId: string): void {
  try {
    localStorage.removeItem(key(siteId));
  } catch {
    // nothing to narrow when storage is blocked
  }
}

/**
 * Sets the copy to the latest of this site's records as `tx` sees them (call it after the
 * transaction's own `put`s: requests run in order). `tx` must be readwrite over `records`.
 */
export function writeCopy(tx: IDBTransaction, siteId: string): void {
  tx.addEventListener('abort', () => dropCopy(siteId));
  const request = tx.objectStore('records').index('by-site').getAll(siteId);
  request.onsuccess = () => {
    const latest = latestRecord((request.result as unknown[]).filter(isAnyConsentRecord));
    try {
      if (latest) localStorage.setItem(key(siteId), JSON.stringify(latest));
      else localStorage.removeItem(key(siteId));
    } catch {
      dropCopy(siteId); // full or blocked: no copy rather than an old one
    }
  };
}

/** Brings the copy in line with the stored history (a readwrite transaction that writes only the copy). */
export function refreshCopy(db: IDBDatabase, siteId: string): void {
  try {
    writeCopy(db.transaction('records', 'readwrite'), siteId);
  } catch {
    dropCopy(siteId);
  }
}
