import { DEFAULT_PAGE_LIMIT, type StoredConsentRecord } from '@coreitsm/protocol';
import type { Db } from '../db/schema.js';
import { storedRecord } from './canonical-record.js';
import { decodeKeysetCursor, encodeKeysetCursor } from './keyset-cursor.js';

/** Keyset pagination, newest first by (createdAt, id): see keyset-cursor.ts. */
interface CursorKey {
  createdAt: string;
  id: string;
}

export function encodeCursor(key: CursorKey): string {
  return encodeKeysetCursor({ sort: key.createdAt, id: key.id });
}

export function decodeCursor(cursor: string): CursorKey {
  const { sort, id } = decodeKeysetCursor(cursor, (sort) => !Number.isNaN(Date.parse(sort)));
  return { createdAt: sort, id };
}

export interface HistoryPage {
  records: StoredConsentRecord[];
  nextCursor: string | null;
  /** Each record's receipt by id, beside the records (records from before receipts have none). */
  receipts: Record<string, string>;
}

export async function historyPage(
  db: Db,
  subjectId: string,
  options: { site?: string | undefined; cursor?: string | undefined; limit?: number | undefined },
): Promise<HistoryPage> {
  const limit = options.limit ?? DEFAULT_PAGE_LIMIT;
  let query = db
    .selectFrom('consent_records')
    .select(['id', 'created_at', 'body', 'received_at', 'receipt'])
    .where('subject_id', '=', subjectId);
  if (options.site) query = query.where('site_id', '=', options.site);
  if (options.cursor) {
    const key = decodeCursor(options.cursor);
    // Row values let both databases seek the index (see records-pages.ts).
    query = query.where((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(key.createdAt, key.id)));
  }
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    records: page.map((row) => storedRecord(row.body, row.received_at)),
    nextCursor:
      rows.length > limit && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
    receipts: Object.fromEntries(page.flatMap((row) => (row.receipt ? [[row.id, row.receipt]] : []))),
  };
}
