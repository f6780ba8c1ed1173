import pg from 'pg';
import type { AuditAction } from '../audit/audit-log.js';
import { chainCount, chainOf } from '../audit/chains.js';
import { HttpError } from '../http/errors.js';
import type { IngestPrefetch } from './ingest-prefetch.js';
import { flushStage } from './pg-write.js';
import { rawStatement } from './prepared-query.js';
import type { Db, Dialect } from './schema.js';
import {
  type WriteContext,
  type WriteLocks,
  type WriteOptions,
  writeTransaction,
} from './write-transaction.js';

interface Job {
  work: (ctx: WriteContext) => Promise<unknown>;
  locks: WriteLocks;
  stageAware: boolean;
  prefetch?: IngestPrefetch;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitOptions {
  /** Called with each group's size (a metric). */
  onGroup?: (size: number) => void;
  /** Called after each commit with the audit entries it appended (the root sealer counts them). */
  onAuditEntries?: (count: number) => void;
  /** Bounds one transaction's work (and how long its lock is held); default 64. */
  maxJobs?: number;
  /**
   * Group-commit lanes: each runs its own transactions, one at a time, and a subject's writes
   * always take the lane of its chain (chain mod lanes), so one process commits up to `lanes`
   * transactions at once, on disjoint chain heads. SQLite has one writer: keep 1 there (the default).
   */
  lanes?: number;
}

interface Lane {
  queue: Job[];
  draining: boolean;
}

/** PostgreSQL's deadlock_detected and serialization_failure: the transaction did nothing; run it again. */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 3;

/**
 * Group commit: writes that arrive while a commit is in flight wait, then all of them share the
 * next transaction — one fsync (and one audit-head lock) for many requests. Each job runs inside
 * its own SAVEPOINT, so a job that fails (a 409, say) is rolled back alone, with its audit
 * entries, and the others still commit. Every job's promise settles only after the commit, so a
 * 200 still means durably stored. A lone request waits for nothing: it commits at once.
 */
export class GroupCommitter {
  private readonly lanes: Lane[];
  private readonly options: GroupCommitOptions;

  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect,
    /** Makes committed transactions durable (OpenedDatabase.sync); awaited before answering. */
    private readonly sync: () => Promise<void>,
    options: GroupCommitOptions = {},
  ) {
    this.options = options;
    this.lanes = Array.from({ length: Math.max(1, options.lanes ?? 1) }, () => ({
      queue: [],
      draining: false,
    }));
  }

  /**
   * Runs `work` in a shared durable transaction that locks the chains of `locks` (the subjects it
   * writes for; see WriteLocks); resolves with its result after the commit.
   */
  async run<T>(
    work: (ctx: WriteContext) => Promise<T>,
    locks: WriteLocks = [null],
    options: WriteOptions = {},
  ): Promise<T> {
    let lane = this.lanes[0] as Lane;
    if (this.lanes.length > 1 && locks !== 'all') {
      const chains = await chainCount(this.db);
      lane = this.lanes[chainOf(locks[0] ?? null, chains) % this.lanes.length] as Lane;
    }
    return new Promise<T>((resolve, reject) => {
      lane.queue.push({
        work,
        locks,
        stageAware: options.stageAware === true,
        ...(options.prefetch ? { prefetch: options.prefetch } : {}),
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      if (!lane.draining) {
        lane.draining = true;
        // better-sqlite3 is synchronous: once a transaction starts, no socket is read until it
        // commits. Waiting for the end of this event-loop turn lets every request already read
        // in this turn join the group, instead of the first one committing alone.
        setImmediate(() => void this.drain(lane));
      }
    });
  }

  private async drain(lane: Lane): Promise<void> {
    try {
      while (lane.queue.length > 0) {
        const jobs = lane.queue.splice(0, this.options.maxJobs ?? 64);
        this.options.onGroup?.(jobs.length);
        let outcomes: Outcome[];
        try {
          outcomes = await this.commit(jobs);
        } catch (error) {
          if (jobs.length === 1 || !certainlyRolledBack(error)) {
            // The transaction failed (lock, commit, or the lone job): nothing of it is stored —
            // or, a connection lost around its COMMIT, nobody knows: never run those jobs twice.
            for (const job of jobs) job.reject(error instanceof JobAborted ? error.cause : error);
            continue;
          }
          // Nothing of the group is stored. A job without a savepoint may be what failed (or a
          // row of one job broke the group's one write): each job alone again, so a failure
          // stays with the job that caused it.
          outcomes = [];
          for (const job of jobs) {
            try {
              outcomes.push(...(await this.commit([job])));
            } catch (alone) {
              outcomes.push({ ok: false, error: alone instanceof JobAborted ? alone.cause : alone });
            }
          }
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
      lane.draining = false;
    }
  }

  /** One transaction for `jobs`; each job's outcome, or a throw when the transaction failed. */
  private async commit(jobs: readonly Job[]): Promise<Outcome[]> {
    const locks = jobs.some((job) => job.locks === 'all')
      ? 'all'
      : jobs.flatMap((job) => job.locks as readonly (string | null)[]);
    // Read ahead only when every job declares what it reads: a job that does not may write (or
    // erase) before a later job reads, which would then have to see that.
    const prefetches =
      this.dialect === 'postgres' && jobs.every((job) => job.prefetch)
        ? jobs.map((job) => job.prefetch as IngestPrefetch)
        : undefined;
    for (let attempt = 1; ; attempt++) {
      const outcomes: Outcome[] = [];
      try {
        await writeTransaction(
          this.db,
          this.dialect,
          async (ctx) => {
            const [only] = jobs;
            // A lone job needs no savepoint: if it fails, the whole (one-job) transaction rolls back.
            if (jobs.length === 1 && only) outcomes.push({ ok: true, value: await only.work(ctx) });
            else for (const job of jobs) outcomes.push(await runJob(ctx, job));
          },
          locks,
          this.options.onAuditEntries,
          prefetches,
        );
        return outcomes;
      } catch (error) {
        // A deadlock (an entry on a chain the write did not name, against another process)
        // rolled everything back: running the same jobs again is safe.
        const code = (error as { code?: unknown }).code;
        if (attempt >= ATTEMPTS || typeof code !== 'string' || !RETRYABLE.has(code)) throw error;
      }
    }
  }
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** A stage-aware job failed with something other than a refusal: its transaction must not commit. */
class JobAborted extends Error {
  constructor(cause: unknown) {
    super('a write job failed inside a shared transaction', { cause });
  }
}

/**
 * Whether a failed transaction certainly stored nothing, so its jobs may run again: a job aborted
 * it, or PostgreSQL refused a statement (a DatabaseError: the server answered). Not a lost
 * connection (no answer, or SQLSTATE classes 08 and 57): its COMMIT may have happened. SQLite is
 * never retried here (its jobs keep savepoints; a busy database would only wait again).
 */
function certainlyRolledBack(error: unknown): boolean {
  if (error instanceof JobAborted) return true;
  if (!(error instanceof pg.DatabaseError)) return false;
  const code = error.code ?? '';
  return !code.startsWith('08') && !code.startsWith('57');
}

const savepoint = rawStatement('savepoint job');
const releaseSavepoint = rawStatement('release savepoint job');
const rollbackToSavepoint = rawStatement('rollback to savepoint job');

/**
 * One job of a shared transaction. Its audit entries and staged records join the transaction's
 * only if it succeeds. A stage-aware job (WriteOptions) runs as it is; any other runs inside a
 * savepoint, after the records staged so far are inserted (it may read them).
 */
async function runJob(ctx: WriteContext, job: Job): Promise<Outcome> {
  const audit: [AuditAction, string | null, Record<string, unknown>, (number | undefined)?][] = [];
  const stage = ctx.stage?.child();
  const jobCtx: WriteContext = {
    ...ctx,
    ...(stage ? { stage } : {}),
    audit: (...entry) => audit.push(entry),
  };
  const succeeded = (value: unknown): Outcome => {
    stage?.commit();
    for (const entry of audit) ctx.audit(...entry);
    return { ok: true, value };
  };
  if (job.stageAware && stage) {
    try {
      return succeeded(await job.work(jobCtx));
    } catch (error) {
      // An HttpError is a refusal decided before anything was written: the transaction is intact.
      // Anything else may have left it aborted: the group fails and its jobs run alone (drain).
      if (error instanceof HttpError) return { ok: false, error };
      throw new JobAborted(error);
    }
  }
  if (ctx.stage) await flushStage(ctx.trx, ctx.stage);
  await savepoint(ctx.trx);
  try {
    const value = await job.work(jobCtx);
    await releaseSavepoint(ctx.trx);
    return succeeded(value);
  } catch (error) {
    await rollbackToSavepoint(ctx.trx);
    await releaseSavepoint(ctx.trx);
    return { ok: false, error };
  }
}
