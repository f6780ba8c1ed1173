import type { AnyConsentRecord, ReceiptCheck } from '@coreitsm/protocol';
import type { StoredKeySet, StoredSite } from '../store/schemas.js';
import type { BackgroundDeps } from './deps.js';
import { pinKeys } from './receipt-keys.js';
import { getJwks } from './server-client.js';
import { receiptKid, receiptVerifier } from './verify-receipt.js';

/**
 * A receipt under a kid the pinned set lacks fetches the key set again (a rotation), but at most
 * this often per server: a page handing over junk kids must not make the extension hammer a server.
 */
export const KEYS_REFETCH_MS = 5 * 60_000;

export interface ReceiptChecks {
  receipts: Record<string, ReceiptCheck>;
  /** Kids under which the server now publishes a key other than the pinned one. */
  keysChanged: string[];
}

/** The site server's pinned key set, fetched on first use and again for an unknown kid (bounded, above). */
async function keySetFor(
  deps: BackgroundDeps,
  api: string,
  kids: readonly string[],
): Promise<StoredKeySet | undefined> {
  const pinned = await deps.store.getKeySet(api);
  const unknown = kids.some((kid) => !pinned?.keys.some((k) => k.kid === kid));
  const recent = pinned && deps.now().getTime() - Date.parse(pinned.fetchedAt) < KEYS_REFETCH_MS;
  if (!unknown || recent) return pinned;
  try {
    const next = pinKeys(pinned, api, await getJwks(deps.fetch, api), deps.now());
    await deps.store.putKeySet(next);
    return next;
  } catch (error) {
    // Offline, or the server is down: the pinned keys (if any) still check what they can.
    console.warn(`[coreitsm] receipt keys of ${api} not fetched: ${String(error)}`);
    return pinned;
  }
}

/**
 * Checks the receipts of one page of a site's history, offline once the server's keys are pinned
 * (issue 11): the only network call is the key set, on first use or for a new kid.
 */
export async function checkReceipts(
  deps: BackgroundDeps,
  site: StoredSite,
  records: readonly AnyConsentRecord[],
  kept: Readonly<Record<string, string>>,
): Promise<ReceiptChecks> {
  const receipts: Record<string, ReceiptCheck> = {};
  const present = records.filter((r) => kept[r.id] !== undefined);
  for (const r of records) if (kept[r.id] === undefined) receipts[r.id] = { status: 'missing' };
  if (present.length === 0) return { receipts, keysChanged: [] };
  if (!site.api) {
    for (const r of present) receipts[r.id] = { status: 'unchecked', reason: 'no-server' };
    return { receipts, keysChanged: [] };
  }
  const kids = [...new Set(present.map((r) => receiptKid(kept[r.id] as string)))].filter(
    (kid): kid is string => kid !== undefined,
  );
  const keySet = await keySetFor(deps, site.api, kids);
  if (!keySet) {
    for (const r of present) receipts[r.id] = { status: 'unchecked', reason: 'no-keys' };
    return { receipts, keysChanged: [] };
  }
  const check = receiptVerifier(keySet.keys);
  const results = await Promise.all(present.map((r) => check(r, kept[r.id])));
  present.forEach((r, i) => {
    receipts[r.id] = results[i] as ReceiptCheck;
  });
  return { receipts, keysChanged: [...new Set(keySet.changed.map((c) => c.kid))] };
}
