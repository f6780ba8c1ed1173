import { type ConsentRecord, MAX_CLOCK_SKEW_MS } from '@coreitsm/protocol';
import type * as z from 'zod/mini';
import { HttpError } from '../http/errors.js';

/**
 * The id of the record the first issue is about, when the batch's raw JSON has one there: lets a
 * client set aside exactly the record the server refused (contract: Hardening, `error.recordId`).
 */
export function blameRecord(raw: unknown, issues: readonly z.core.$ZodIssue[]): string | undefined {
  const [first] = issues;
  const index = first?.path[0] === 'records' ? first.path[1] : undefined;
  if (typeof index !== 'number') return undefined;
  const records = (raw as { records?: unknown } | null)?.records;
  const id = Array.isArray(records) ? (records[index] as { id?: unknown } | null)?.id : undefined;
  return typeof id === 'string' && id.length <= 64 ? id : undefined;
}

/**
 * Refuses a record dated further ahead of the server's clock than MAX_CLOCK_SKEW_MS: records are
 * ordered by `createdAt`, so one dated in the future would outrank every later choice and
 * revocation (issue 10, finding 2). The server's clock travels in the `Date` header of every
 * answer, so a client whose clock runs ahead can correct it and re-stamp the record.
 */
export function refuseFutureRecords(records: readonly ConsentRecord[], now: number): void {
  for (const [i, record] of records.entries()) {
    const ahead = Date.parse(record.createdAt) - now;
    if (ahead > MAX_CLOCK_SKEW_MS) {
      throw new HttpError(
        'invalid_request',
        `records.${i}.createdAt: is ${Math.round(ahead / 1000)} s ahead of the server clock (${new Date(now).toISOString()}); at most ${MAX_CLOCK_SKEW_MS / 1000} s is accepted`,
        record.id,
      );
    }
  }
}
