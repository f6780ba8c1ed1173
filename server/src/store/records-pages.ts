import type { ExportRecord, StoredConsentRecord } from '@coreitsm/protocol';
import type { Db } from '../db/schema.js';
import { storedRecord } from './canonical-record.js';

/** Rows per query of an export: small enough that one page never holds the event loop for long. */
export const EXPORT_PAGE_SIZE = 100;

/** How many records a subject holds (the count an export announces before its records). */
export async function countRecords(db: Db, subjectId: string): Promise<number> {
  const row = await db
    .selectFrom('consent_records')
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
    .where('subject_id', '=', subjectId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * A subject's history, oldest first by `(createdAt, id)`, one keyset page at a time, at most
 * `limit` records. Each page is its own short query, so other requests run between pages and
 * memory holds one page.
 */
export async function* recordPages(
  db: Db,
  subjectId: string,
  pageSize = EXPORT_PAGE_SIZE,
  limit = Number.POSITIVE_INFINITY,
): AsyncGenerator<(StoredConsentRecord & Pick<ExportRecord, 'receipt'>)[]> {
  let after: { createdAt: string; id: string } | undefined;
  let left = limit;
  while (left > 0) {
    let query = db
      .selectFrom('consent_records')
      .select(['id', 'created_at', 'body', 'received_at', 'receipt'])
      .where('subject_id', '=', subjectId);
    if (after) {
      const key = after;
      // A row-value comparison: both SQLite and PostgreSQL seek the index to it (the equivalent
      // `a > x OR (a = x AND b > y)` made SQLite rescan the history for every page).
      query = query.where((eb) => eb(eb.refTuple('created_at', 'id'), '>', eb.tuple(key.createdAt, key.id)));
    }
    const size = Math.min(pageSize, left);
    const rows = await query.orderBy('created_at').orderBy('id').limit(size).execute();
    if (rows.length > 0)
      yield rows.map((row) => {
        const record = storedRecord(row.body, row.received_at);
        return row.receipt ? { ...record, receipt: row.receipt } : record;
      });
    // better-sqlite3 answers synchronously and a fast reader never makes the socket push back, so
    // without this the whole export would run as one chain of microtasks and no other request
    // (not even /healthz) would be read until it ends.
    await new Promise((resolve) => setImmediate(resolve));
    left -= rows.length;
    const last = rows.at(-1);
    if (!last || rows.length < size) return;
    after = { createdAt: last.created_at, id: last.id };
  }
}
