import { latestRecord, type StoredConsentRecord } from '@coreitsm/protocol';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { storedRecord } from './canonical-record.js';

/** Rows read per site: the newest, and a few more to see whether others share its instant. */
const PEEK = 4;

/**
 * The newest record of each of a subject's sites (or of one site), by the protocol's recency rule,
 * at a cost that follows the number of sites, not the length of the history (issue 10, finding 1).
 * One query per site walks the (subject, site, created_at, id) index backwards from the previous
 * site (a loose index scan) and reads only the site's newest rows; when several share the newest
 * `created_at`, `latestRecord` breaks the tie exactly as `deriveState` would over the whole history.
 * (One SQL statement with a join or a recursive CTE was tried: SQLite's planner then walks the
 * whole history, 10–900 ms for 20,000 records, and PostgreSQL's may too.)
 */
export async function latestRecordsPerSite(
  db: Kysely<Database>,
  subjectId: string,
  siteId?: string,
): Promise<StoredConsentRecord[]> {
  const latest: StoredConsentRecord[] = [];
  let before: string | undefined;
  for (;;) {
    let query = db
      .selectFrom('consent_records')
      .select(['site_id', 'created_at', 'body', 'received_at'])
      .where('subject_id', '=', subjectId);
    if (siteId !== undefined) query = query.where('site_id', '=', siteId);
    if (before !== undefined) query = query.where('site_id', '<', before);
    const rows = await query
      .orderBy('site_id', 'desc')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(PEEK)
      .execute();
    const [first] = rows;
    if (!first) return latest;
    let tied = rows.filter((row) => row.site_id === first.site_id && row.created_at === first.created_at);
    if (tied.length === PEEK) {
      // More records share that instant than we peeked at: read them all (rare; bounded by the batch).
      tied = await db
        .selectFrom('consent_records')
        .select(['site_id', 'created_at', 'body', 'received_at'])
        .where('subject_id', '=', subjectId)
        .where('site_id', '=', first.site_id)
        .where('created_at', '=', first.created_at)
        .execute();
    }
    const newest = latestRecord(tied.map((row) => storedRecord(row.body, row.received_at)));
    if (newest) latest.push(newest);
    if (siteId !== undefined) return latest;
    before = first.site_id;
  }
}
