import type { JwksResponse } from '@coreitsm/protocol';
import { STORE_SCHEMA_VERSION, type StoredKeySet } from '../store/schemas.js';

/** As the schema bounds them: a server that publishes more is not believed beyond this. */
const MAX_KEYS = 100;
const MAX_CHANGES = 100;

/**
 * Pins a server's receipt keys (issue 11, trust on first use). The first key set fetched is kept
 * as is. A later one may add keys (a rotation keeps the old ones published, and receipts signed
 * before still verify with them); a key it publishes under a pinned kid with another value is
 * never taken — it would let whoever controls the server (or the path to it) re-sign history — but
 * is remembered in `changed`, so the popup can warn. A key the server stops publishing stays pinned.
 */
export function pinKeys(
  pinned: StoredKeySet | undefined,
  api: string,
  fetched: JwksResponse,
  now: Date,
): StoredKeySet {
  const at = now.toISOString();
  if (!pinned)
    return {
      schemaVersion: STORE_SCHEMA_VERSION,
      api,
      keys: fetched.keys.slice(0, MAX_KEYS),
      pinnedAt: at,
      fetchedAt: at,
      changed: [],
    };
  const keys = [...pinned.keys];
  const changed = [...pinned.changed];
  for (const key of fetched.keys) {
    const same = keys.find((k) => k.kid === key.kid);
    if (!same) {
      if (keys.length < MAX_KEYS) keys.push(key);
    } else if (same.x !== key.x && !changed.some((c) => c.kid === key.kid && c.x === key.x)) {
      changed.push({ kid: key.kid, x: key.x, seenAt: at });
    }
  }
  return { ...pinned, keys, fetchedAt: at, changed: changed.slice(-MAX_CHANGES) };
}
