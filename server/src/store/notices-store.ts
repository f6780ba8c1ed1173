import { canonicalJson, type Notice, NoticeSchema, noticeHash } from '@coreitsm/protocol';
import type { Db } from '../db/schema.js';

/**
 * Stores a notice under its hash (computed here, never taken from the client); answers whether it
 * was new. Idempotent: the same notice posted twice is one row, and two different notices cannot
 * share a key without a SHA-256 collision.
 */
export async function storeNotice(
  db: Db,
  notice: Notice,
  now: Date,
): Promise<{ hash: string; created: boolean }> {
  const hash = await noticeHash(notice);
  const inserted = await db
    .insertInto('notices')
    .values({ hash, site_id: notice.siteId, body: canonicalJson(notice), created_at: now.toISOString() })
    .onConflict((oc) => oc.column('hash').doNothing())
    .executeTakeFirst();
  return { hash, created: Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0 };
}

/** The notice stored under `hash`, read back through the schema; undefined when unknown. */
export async function findNotice(db: Db, hash: string): Promise<Notice | undefined> {
  const row = await db.selectFrom('notices').select('body').where('hash', '=', hash).executeTakeFirst();
  return row ? NoticeSchema.parse(JSON.parse(row.body)) : undefined;
}
