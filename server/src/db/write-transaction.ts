import type { Kysely } from 'kysely';
import {
  type AuditAction,
  type AuditRow,
  appendAudit,
  beginLockingHeadsPg,
  type ChainHead,
  chainEntries,
  lockHeads,
  type PendingAuditEntry,
} from '../audit/audit-log.js';
import { chainCount, chainOf } from '../audit/chains.js';
import { type IngestPrefetch, IngestState, ingestPrefetchSql } from './ingest-prefetch.js';
import { writeAllPg } from './pg-write.js';
import { rawStatement } from './prepared-query.js';
import { RecordStage } from './record-stage.js';
import type { Database, Db, Dialect } from './schema.js';

export interface WriteContext {
  trx: Kysely<Database>;
  /**
   * Queues an audit entry on chain(subjectId) (chain 0 without a subject), or on `chain` when
   * given (a purge writes one entry per chain it deleted from). All queued entries are chained
   * and written before the commit.
   */
  audit(action: AuditAction, subjectId: string | null, data: Record<string, unknown>, chain?: number): void;
  now: Date;
  /** Which SQL a step may use: PostgreSQL takes writable CTEs (one round trip for two tables). */
  dialect: Dialect;
  /** The database's chain count (chains.ts), for work that groups rows by chain. */
  chains: number;
  /**
   * PostgreSQL: records to insert with the transaction's last statement (record-stage.ts), which
   * also writes the audit entries and heads. Absent on SQLite, where records are inserted at once
   * (in-process statements cost no round trip).
   */
  stage?: RecordStage;
  /**
   * PostgreSQL: what the transaction's ingest jobs read first, read with the head locks
   * (ingest-prefetch.ts); absent when some job of the transaction declared no prefetch.
   */
  prefetched?: IngestState;
}

/**
 * Whose chains a write locks up front: the subjects it writes for (null: chain 0), or every chain.
 * A write whose entries land on a chain it did not name still works (that head is locked when its
 * entries are appended), but on PostgreSQL it may then deadlock with another process and be retried.
 */
export type WriteLocks = readonly (string | null)[] | 'all';

export interface WriteOptions {
  /**
   * The work writes records only through `ctx.stage` (and the audit log through `ctx.audit`),
   * reads what it decides on with the stage in view, and throws nothing but an HttpError before it
   * is done — so, sharing a transaction with other work, it needs no savepoint (two round trips on
   * PostgreSQL) and staged rows need not be inserted before it runs. Record ingest is such work.
   */
  stageAware?: boolean;
  /**
   * PostgreSQL: the subject and record ids the work reads first (ingest): when every job of a
   * transaction declares one, they are read for all of them in the transaction's first round trip.
   */
  prefetch?: IngestPrefetch;
}

/** Runs a unit of work in a durable write transaction (see GroupCommitter). */
export type WriteRunner = <T>(
  work: (ctx: WriteContext) => Promise<T>,
  locks?: WriteLocks,
  options?: WriteOptions,
) => Promise<T>;

const beginImmediate = rawStatement('begin immediate');
const commit = rawStatement('commit');
const rollback = rawStatement('rollback');

/** The chains `locks` names, ascending and distinct. */
export function chainsToLock(locks: WriteLocks, chains: number): number[] {
  if (locks === 'all') return Array.from({ length: chains }, (_, i) => i);
  return [...new Set(locks.map((subject) => chainOf(subject, chains)))].sort((a, b) => a - b);
}

/**
 * Runs every write of the server: one transaction that first locks the heads of the audit chains
 * it needs, in ascending chain order (so writers of one chain queue instead of forking it, writers
 * of different chains do not wait on each other, and two transactions never deadlock on heads),
 * then does the work, then appends its audit entries. Either all of it commits or none of it does.
 * `onAuditEntries` hears how many entries were appended, once they are committed.
 */
export async function writeTransaction<T>(
  db: Db,
  dialect: Dialect,
  work: (ctx: WriteContext) => Promise<T>,
  locks: WriteLocks = [null],
  onAuditEntries?: (count: number) => void,
  /** PostgreSQL: the ingest reads to make with the head locks (WriteOptions.prefetch). */
  prefetches?: readonly IngestPrefetch[],
): Promise<T> {
  // Before the transaction: on SQLite its one connection is held until the commit.
  const chains = await chainCount(db);
  const toLock = chainsToLock(locks, chains);
  let appended = 0;
  /** Whether the last write already committed (PostgreSQL, pg-write.ts). */
  let committed = false;
  const run = async (trx: Kysely<Database>, heads: Map<number, ChainHead>, prefetched?: IngestState) => {
    const pending = new Map<number, PendingAuditEntry[]>();
    const now = new Date();
    const stage = dialect === 'postgres' ? new RecordStage() : undefined;
    const result = await work({
      trx,
      now,
      dialect,
      chains,
      ...(stage ? { stage } : {}),
      ...(prefetched ? { prefetched } : {}),
      audit: (action, subjectId, data, chain = chainOf(subjectId, chains)) => {
        if (!Number.isInteger(chain) || chain < 0 || chain >= chains)
          throw new Error(`no audit chain ${chain}`);
        let entries = pending.get(chain);
        if (!entries) {
          entries = [];
          pending.set(chain, entries);
        }
        entries.push({ action, subjectId, data });
      },
    });
    const used = [...pending.keys()].sort((a, b) => a - b);
    const missing = used.filter((chain) => !heads.has(chain));
    if (missing.length > 0)
      for (const [chain, head] of await lockHeads(trx, missing, dialect)) heads.set(chain, head);
    if (stage) {
      // PostgreSQL: the staged records, every chain's entries and heads in one statement.
      const rows: AuditRow[] = [];
      const moved: ChainHead[] = [];
      for (const chain of used) {
        const chained = chainEntries(heads.get(chain) as ChainHead, pending.get(chain) ?? [], now);
        rows.push(...chained.rows);
        moved.push(chained.head);
      }
      // …and the COMMIT in the same round trip (named-statements.ts).
      committed = await writeAllPg(trx, stage.take(), rows, moved, true);
      appended += rows.length;
      return result;
    }
    for (const chain of used) {
      const entries = pending.get(chain) ?? [];
      await appendAudit(trx, heads.get(chain) as ChainHead, entries, now, dialect);
      appended += entries.length;
    }
    return result;
  };
  const announce = (result: T) => {
    if (appended > 0) onAuditEntries?.(appended);
    return result;
  };
  const done = await db.connection().execute(async (conn) => {
    try {
      let heads: Map<number, ChainHead>;
      let prefetched: IngestState | undefined;
      if (dialect === 'postgres') {
        // BEGIN and the head locks in one round trip, with the ingest jobs' reads when declared.
        const read = prefetches && prefetches.length > 0 && toLock.length > 0 ? prefetches : undefined;
        const begun = await beginLockingHeadsPg(conn, toLock, read && ingestPrefetchSql(read));
        heads = begun.heads;
        if (read) prefetched = new IngestState(read, begun.row);
      } else {
        // SQLite: BEGIN IMMEDIATE takes the write lock up front. A deferred BEGIN that reads first and
        // writes later can fail with SQLITE_BUSY_SNAPSHOT when another process committed in between.
        await beginImmediate(conn);
        heads = await lockHeads(conn, toLock, dialect);
      }
      const result = await run(conn, heads, prefetched);
      if (!committed) {
        const { rows } = await commit(conn);
        // PostgreSQL answers COMMIT with ROLLBACK when an earlier error had aborted the transaction.
        if ((rows[0] as { command?: unknown } | undefined)?.command === 'ROLLBACK')
          throw new Error('the write transaction was aborted; nothing was stored');
      }
      return result;
    } catch (error) {
      // Nothing of it stays; the first error is the one to report (a failed ROLLBACK means a
      // broken connection, which the pool drops).
      await rollback(conn).catch(() => {});
      throw error;
    }
  });
  return announce(done);
}
