import { type AnyConsentRecord, compareRecency } from '@coreitsm/protocol';
import type { ExtensionStore } from '../store/extension-store.js';

/**
 * How much of one origin's history the extension keeps: a person's history on one site rarely
 * passes a few dozen records, and 200 records (~120 kB) per origin keep a page that announces
 * 1,000 fresh records on every load from filling the extension's storage (issue 10, finding 6).
 * The newest are kept; the rest are summarised on the site row (count and date range).
 */
export const MAX_RECORDS_PER_ORIGIN = 200;

/**
 * History writes one origin may cause per minute. A page announces on load, on `hello` and after
 * each change: 10 a minute is more than a person clicks; beyond it the site row (state, pending
 * revocations) is still updated, only the history copy waits for a later announce.
 */
export const HISTORY_WRITES_PER_MINUTE = 10;

/** The newest `keep` records (by the protocol's recency order). */
export function newestRecords(records: readonly AnyConsentRecord[], keep: number): AnyConsentRecord[] {
  return [...records].sort((a, b) => compareRecency(b, a)).slice(0, keep);
}

/** A sliding one-minute window per origin. Lives with the worker: a restart forgets it, which is fine. */
export function historyThrottle(limit = HISTORY_WRITES_PER_MINUTE) {
  const writes = new Map<string, number[]>();
  return {
    allow(origin: string, nowMs: number): boolean {
      const recent = (writes.get(origin) ?? []).filter((at) => nowMs - at < 60_000);
      const allowed = recent.length < limit;
      if (allowed) recent.push(nowMs);
      writes.set(origin, recent);
      return allowed;
    },
  };
}

const isQuotaError = (error: unknown): boolean =>
  error instanceof Error && (error.name === 'QuotaExceededError' || /quota/i.test(error.message));

/**
 * Runs a small write that must not fail for want of room (a revocation mark, a site row): if
 * storage is full, history — a copy, the sites and servers hold the truth — is trimmed on every
 * origin to a quarter of its bound, and the write is tried once more.
 */
export async function withRoom<T>(store: ExtensionStore, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isQuotaError(error)) throw error;
    for (const site of await store.listSites())
      await store.trimRecords(site.origin, MAX_RECORDS_PER_ORIGIN / 4);
    return write();
  }
}
