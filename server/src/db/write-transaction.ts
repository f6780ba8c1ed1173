import type { Kysely } from 'kysely';
import { type AuditAction, appendAudit, lockChainHead, type PendingAuditEntry } from '../audit/audit-log.js';
import { rawStatement } from './prepared-query.js';
import type { Database, Db, Dialect } from './schema.js';

export interface WriteContext {
  trx: Kysely<Database>;
  /** Queues an audit entry; all queued entries are chained and written before the commit. */
  audit(action: AuditAction, subjectId: string | null, data: Record<string, unknown>): void;
  now: Date;
  /** Which SQL a step may use: PostgreSQL takes writable CTEs (one round trip for two tables). */
  dialect: Dialect;
}

/** Runs a unit of work in a durable write transaction (see GroupCommitter). */
export type WriteRunner = <T>(work: (ctx: WriteContext) => Promise<T>) => Promise<T>;

const beginImmediate = rawStatement('begin immediate');
const commit = rawStatement('commit');
const rollback = rawStatement('rollback');

/**
 * Runs every write of the server: one transaction that first locks the audit chain head (so
 * writers queue instead of forking the chain), then does the work, then appends its audit entries.
 * Either all of it commits or none of it does.
 */
export async function writeTransaction<T>(
  db: Db,
  dialect: Dialect,
  work: (ctx: WriteContext) => Promise<T>,
): Promise<T> {
  const run = async (trx: Kysely<Database>) => {
    const head = await lockChainHead(trx);
    const pending: PendingAuditEntry[] = [];
    const now = new Date();
    const result = await work({
      trx,
      now,
      dialect,
      audit: (action, subjectId, data) => pending.push({ action, subjectId, data }),
    });
    await appendAudit(trx, head, pending, now, dialect);
    return result;
  };
  if (dialect === 'postgres') return db.transaction().execute(run);
  // SQLite: BEGIN IMMEDIATE takes the write lock up front. A deferred BEGIN that reads first and
  // writes later can fail with SQLITE_BUSY_SNAPSHOT when another process committed in between.
  return db.connection().execute(async (conn) => {
    await beginImmediate(conn);
    try {
      const result = await run(conn);
      await commit(conn);
      return result;
    } catch (error) {
      await rollback(conn);
      throw error;
    }
  });
}
