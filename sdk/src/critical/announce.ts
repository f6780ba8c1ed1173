import { type AnyConsentRecord, latestRecord, type SdkToExtensionMessage } from '@coreitsm/protocol';
import { siteSnapshot } from '../core/site-snapshot.js';
import type { SdkConfig } from '../core/types.js';
import { isStoredReceipt } from './check-receipt.js';
import { isSubjectInfo } from './check-subject.js';

/** Protocol's bridge envelope constants (bridge.ts): importing them would bring its zod schemas along. announce.test.ts compares. */
export const BRIDGE_NS = 'coreitsm-consent';
export const BRIDGE_V = 1;

/** The stored subject, checked; null when there is none (or it is not valid). */
export function readSubject(
  db: IDBDatabase,
): Promise<{ subjectId: string; token: string | null; api: string | null } | null> {
  return new Promise((resolve) => {
    const request = db.transaction('meta').objectStore('meta').get('subject');
    request.onsuccess = () => resolve(isSubjectInfo(request.result) ? request.result : null);
    request.onerror = () => resolve(null);
  });
}

/** Every kept receipt (`{ id, receipt }`), each checked (check-receipt.ts); none when they cannot be read. */
export function readReceipts(db: IDBDatabase): Promise<{ id: string; receipt: string }[]> {
  return new Promise((resolve) => {
    const request = db.transaction('receipts').objectStore('receipts').getAll();
    request.onsuccess = () => resolve(request.result.filter(isStoredReceipt));
    request.onerror = () => resolve([]);
  });
}

/**
 * The bridge's `announce` (the runtime's, bridge-handler.ts) made by the script tag while the
 * runtime has not loaded: the extension learns the site's state and history on every load and
 * re-applies a revocation made with no tab open (its `revoke` reply then loads the runtime).
 * `history` holds records already checked (check-record.ts), `receipts` those of `readReceipts`.
 */
export function announceMessage(
  config: SdkConfig,
  history: readonly AnyConsentRecord[],
  subject: { subjectId: string; token: string | null } | null,
  receipts: readonly { id: string; receipt: string }[] = [],
): SdkToExtensionMessage {
  const latest = latestRecord(history);
  return {
    ns: BRIDGE_NS,
    v: BRIDGE_V,
    from: 'sdk',
    // Any UUID names a message (time order is for records); randomUUID keeps uuid-v7.ts out of the
    // script tag (and exists only in secure contexts, hence the fallback).
    id: typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`,
    type: 'announce',
    payload: siteSnapshot(config, subject, latest, history, receipts),
  } as SdkToExtensionMessage;
}

/**
 * Posts the announce of the page before the runtime (critical/first-visit.ts): the stored subject
 * and receipts with the site's checked history. The script tag loads this file
 * (`coreconsent-announce.js`) only when the extension has marked the page (protocol's `EXTENSION_MARK`).
 */
export async function announce(
  db: IDBDatabase,
  config: SdkConfig,
  history: readonly AnyConsentRecord[],
): Promise<void> {
  const [subject, receipts] = await Promise.all([readSubject(db), readReceipts(db)]);
  window.postMessage(announceMessage(config, history, subject, receipts), config.origin);
}
