import { DEFAULT_PAGE_LIMIT, type StoredConsentRecord } from '@coreitsm/protocol';
import type { Db } from '../db/schema.js';
import { HttpError } from '../http/errors.js';
import { storedRecord } from './canonical-record.js';

/**
 * Keyset pagination, newest first by (createdAt, id). The cursor is the last row's key as
 * base64url JSON: opaque to clients, stable under concurrent inserts (no offsets that shift).
 */
interface CursorKey {
  createdAt: string;
  id: string;
}

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify([key.createdAt, key.id])).toString('base64url');
}

export function decodeCursor(cursor: string): CursorKey {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string' &&
      !Number.isNaN(Date.parse(value[0]))
    ) {
      return { createdAt: value[0], id: value[1] };
    }
  } catch {
    // fall through to the one error below
  }
  throw new HttpError('invalid_request', 'query.cursor: is not a cursor this server issued');
}

export interface HistoryPage {
  records: StoredConsentRecord[];
  nextCursor: string | null;
}

export async function historyPage(
  db: Db,
  subjectId: string,
  options: { site?: string | undefined; cursor?: string | undefined; limit?: number | undefined },
): Promise<HistoryPage> {
  const limit = options.limit ?? DEFAULT_PAGE_LIMIT;
  let query = db
    .selectFrom('consent_records')
    .select(['id', 'created_at', 'body', 'received_at'])
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
  };
}
