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

/** One notice in use: the records made under it, and whether the notice itself was registered. */
export interface NoticeInUse {
  hash: string;
  siteId: string;
  records: number;
  firstRecordAt: string;
  lastRecordAt: string;
  /** False when records name a notice the server never received (the SDK registers it first). */
  registered: boolean;
}

/** At most this many notices per answer: a site changes its texts a few times a year, not thousands. */
export const NOTICES_IN_USE_MAX = 500;

/**
 * The notices records name, per site, with how many records each stands behind; newest use first.
 * Counts come from the (site, notice) index, never from bodies.
 */
export async function noticesInUse(db: Db, siteId: string | undefined): Promise<NoticeInUse[]> {
  let query = db
    .selectFrom('consent_records as r')
    .leftJoin('notices as n', 'n.hash', 'r.notice_hash')
    .select((eb) => [
      'r.notice_hash as hash',
      'r.site_id as siteId',
      eb.fn.countAll<number | string | bigint>().as('records'),
      eb.fn.min('r.created_at').as('firstRecordAt'),
      eb.fn.max('r.created_at').as('lastRecordAt'),
      eb.fn.max('n.hash').as('registeredHash'),
    ])
    .where('r.notice_hash', 'is not', null);
  if (siteId !== undefined) query = query.where('r.site_id', '=', siteId);
  const rows = await query
    .groupBy(['r.site_id', 'r.notice_hash'])
    .orderBy('lastRecordAt', 'desc')
    .limit(NOTICES_IN_USE_MAX)
    .execute();
  return rows.map((row) => ({
    hash: row.hash as string,
    siteId: row.siteId,
    records: Number(row.records),
    firstRecordAt: row.firstRecordAt,
    lastRecordAt: row.lastRecordAt,
    registered: row.registeredHash !== null,
  }));
}
