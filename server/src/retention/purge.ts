import { chainOf } from '../audit/chains.js';
import type { RetentionConfig } from '../config.js';
import type { Db, Dialect } from '../db/schema.js';
import { writeTransaction } from '../db/write-transaction.js';
import { changeRecordCounts } from '../store/site-counts.js';

export interface PurgeReport {
  dryRun: boolean;
  /** Superseded records older than their retention period. */
  records: number;
  /** Rights requests closed longer ago than their retention period (with their steps). */
  rightsRequests: number;
  cutoffs: { supersededRecordsBefore: string; closedRightsRequestsBefore: string };
}

const DAY_MS = 86_400_000;
const CHUNK = 500; // keeps `IN (…)` lists under SQLite's parameter limit

/**
 * Applies the retention table. A record is purged only when it is older than the cutoff AND a
 * strictly newer record of the same subject and site exists: the current choice is never deleted.
 * The purge and its audit entry are one transaction; `dryRun` counts without deleting.
 */
export async function purge(
  db: Db,
  dialect: Dialect,
  retention: RetentionConfig,
  options: { dryRun: boolean; now?: Date },
): Promise<PurgeReport> {
  const now = options.now ?? new Date();
  const cutoffs = {
    supersededRecordsBefore: new Date(now.getTime() - retention.supersededRecordDays * DAY_MS).toISOString(),
    closedRightsRequestsBefore: new Date(
      now.getTime() - retention.closedRightsRequestDays * DAY_MS,
    ).toISOString(),
  };
  // It deletes rows of any subject: every chain is locked (in order), and each chain it deleted from
  // gets an entry naming that chain's rows, so each chain alone replays its subjects' rows.
  return writeTransaction(
    db,
    dialect,
    async ({ trx, audit, chains }) => {
      const purged = await trx
        .selectFrom('consent_records as r')
        .select(['r.id', 'r.subject_id', 'r.site_id'])
        .where('r.created_at', '<', cutoffs.supersededRecordsBefore)
        .where(({ exists, selectFrom }) =>
          exists(
            selectFrom('consent_records as n')
              .select('n.id')
              .whereRef('n.subject_id', '=', 'r.subject_id')
              .whereRef('n.site_id', '=', 'r.site_id')
              .whereRef('n.created_at', '>', 'r.created_at'),
          ),
        )
        .execute();
      const records = purged.map((r) => r.id);
      const closed = await trx
        .selectFrom('rights_requests')
        .select(['id', 'subject_id'])
        .where('status', 'in', ['completed', 'rejected'])
        .where('updated_at', '<', cutoffs.closedRightsRequestsBefore)
        .execute();
      const requests = closed.map((r) => r.id);
      const report: PurgeReport = {
        dryRun: options.dryRun,
        records: records.length,
        rightsRequests: requests.length,
        cutoffs,
      };
      if (options.dryRun || (records.length === 0 && requests.length === 0)) return report;
      for (let i = 0; i < records.length; i += CHUNK) {
        await trx
          .deleteFrom('consent_records')
          .where('id', 'in', records.slice(i, i + CHUNK))
          .execute();
      }
      // The history limits read these counts (migration 004).
      await changeRecordCounts(trx, purged, -1);
      for (let i = 0; i < requests.length; i += CHUNK) {
        const ids = requests.slice(i, i + CHUNK);
        await trx.deleteFrom('rights_request_steps').where('request_id', 'in', ids).execute();
        await trx.deleteFrom('rights_requests').where('id', 'in', ids).execute();
      }
      // The ids tell verification which rows went lawfully (finding 3); ids hold no personal data.
      const byChain = new Map<number, { recordIds: string[]; requestIds: string[] }>();
      const of = (subjectId: string) => {
        const chain = chainOf(subjectId, chains);
        let ids = byChain.get(chain);
        if (!ids) {
          ids = { recordIds: [], requestIds: [] };
          byChain.set(chain, ids);
        }
        return ids;
      };
      for (const r of purged) of(r.subject_id).recordIds.push(r.id);
      for (const r of closed) of(r.subject_id).requestIds.push(r.id);
      for (const [chain, ids] of [...byChain].sort(([a], [b]) => a - b)) {
        audit(
          'retention.purged',
          null,
          {
            records: ids.recordIds.length,
            rightsRequests: ids.requestIds.length,
            cutoffs,
            recordIds: ids.recordIds,
            requestIds: ids.requestIds,
          },
          chain,
        );
      }
      return report;
    },
    'all',
  );
}
