import type { AuditAction } from '../audit/audit-log.js';
import { rawStatement } from './prepared-query.js';
import type { Db, Dialect } from './schema.js';
import { type WriteContext, writeTransaction } from './write-transaction.js';

interface Job {
  work: (ctx: WriteContext) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: writes that arrive while a commit is in flight wait, then all of them share the
 * next transaction — one fsync (and one audit-head lock) for many requests. Each job runs inside
 * its own SAVEPOINT, so a job that fails (a 409, say) is rolled back alone, with its audit
 * entries, and the others still commit. Every job's promise settles only after the commit, so a
 * 200 still means durably stored. A lone request waits for nothing: it commits at once.
 */
export class GroupCommitter {
  private readonly queue: Job[] = [];
  private draining = false;

  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect,
    /** Makes committed transactions durable (OpenedDatabase.sync); awaited before answering. */
    private readonly sync: () => Promise<void>,
    /** Called with each group's size (a metric). */
    private readonly onGroup?: (size: number) => void,
    /** Bounds one transaction's work (and how long its lock is held). */
    private readonly maxJobs = 64,
  ) {}

  /** Runs `work` in a shared durable transaction; resolves with its result after the commit. */
  run<T>(work: (ctx: WriteContext) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.draining) {
        this.draining = true;
        // better-sqlite3 is synchronous: once a transaction starts, no socket is read until it
        // commits. Waiting for the end of this event-loop turn lets every request already read
        // in this turn join the group, instead of the first one committing alone.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const jobs = this.queue.splice(0, this.maxJobs);
        this.onGroup?.(jobs.length);
        const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
        try {
          await writeTransaction(this.db, this.dialect, async (ctx) => {
            const [only] = jobs;
            // A lone job needs no savepoint: if it fails, the whole (one-job) transaction rolls back.
            if (jobs.length === 1 && only) outcomes.push({ ok: true, value: await only.work(ctx) });
            else for (const job of jobs) outcomes.push(await runJob(ctx, job));
          });
        } catch (error) {
          // The transaction failed (lock, commit, or a lone job): nothing of this group is stored.
          for (const job of jobs) job.reject(error);
          continue;
        }
        // Answer once the commit is on disk; meanwhile the next group may already commit.
        this.sync().then(
          () =>
            jobs.forEach((job, i) => {
              const outcome = outcomes[i];
              if (outcome?.ok) job.resolve(outcome.value);
              else job.reject(outcome?.error);
            }),
          (error: unknown) => {
            for (const job of jobs) job.reject(error);
          },
        );
        // Let the requests that arrived during the commit be read before the next group starts.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      this.draining = false;
    }
  }
}

const savepoint = rawStatement('savepoint job');
const releaseSavepoint = rawStatement('release savepoint job');
const rollbackToSavepoint = rawStatement('rollback to savepoint job');

async function runJob(ctx: WriteContext, job: Job) {
  const audit: [AuditAction, string | null, Record<string, unknown>][] = [];
  await savepoint(ctx.trx);
  try {
    const value = await job.work({ ...ctx, audit: (...entry) => audit.push(entry) });
    await releaseSavepoint(ctx.trx);
    for (const entry of audit) ctx.audit(...entry);
    return { ok: true as const, value };
  } catch (error) {
    await rollbackToSavepoint(ctx.trx);
    await releaseSavepoint(ctx.trx);
    return { ok: false as const, error };
  }
}
