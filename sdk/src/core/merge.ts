import { compareRecency, type OrderableRecord } from '@coreitsm/protocol';

/**
 * Merges a local and a server view of the latest decision: the newer wins; on a tie the more
 * restrictive one wins (`compareRecency` encodes both), so a merge never widens consent.
 * Commutative: `mergeLatest(a, b)` and `mergeLatest(b, a)` pick the same record.
 */
export function mergeLatest<R extends OrderableRecord>(
  local: R | undefined,
  remote: R | undefined,
): R | undefined {
  if (!local) return remote;
  if (!remote) return local;
  return compareRecency(remote, local) > 0 ? remote : local;
}
