import { MAX_CLOCK_SKEW_MS } from '@coreitsm/protocol';

/**
 * The time a stored record is ordered by (the `created_at` column: state, history pages, exports,
 * retention): its own `createdAt`, unless that is more than MAX_CLOCK_SKEW_MS ahead of when the
 * server received it — then the receipt time. Ingest refuses such records today (issue 10,
 * finding 2); this rule is for the ones stored before it, which would otherwise outrank every
 * later choice and revocation forever. The body keeps the date the client wrote: it is the
 * evidence, and its hash is in the audit log; only the ordering key differs, by this rule alone,
 * which verification applies too.
 */
export function orderingTime(createdAt: string, receivedAt: string): string {
  const created = new Date(createdAt);
  const received = new Date(receivedAt);
  return created.getTime() - received.getTime() > MAX_CLOCK_SKEW_MS
    ? received.toISOString()
    : created.toISOString();
}
