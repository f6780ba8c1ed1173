import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/schema.js';

/**
 * Partitioned audit chains (issue 14). A subject's every entry goes to chain(subject), so writers
 * for subjects on different chains never wait on each other's head row, and replaying one chain
 * rebuilds its subjects' rows in order. Entries that belong to no subject go to chain 0, which
 * also holds everything written before the log was partitioned (migration 008).
 */

/** Chains a database gets when migration 008 runs (AUDIT_CHAINS); fixed afterwards. */
export const DEFAULT_AUDIT_CHAINS = 16;
/** More chains than this buys nothing (a root covers every head) and makes roots bigger. */
export const MAX_AUDIT_CHAINS = 1024;

/** The chain of entries without a subject (admin actions, baselines) and of the pre-partition log. */
export const UNASSIGNED_CHAIN = 0;

/** sha256-derived numbers of recently seen subjects (chainOf). */
const recentHashes = new Map<string, number>();

/**
 * The chain a subject's entries go to: the first 4 bytes of sha256(subject id), big-endian,
 * modulo the chain count. Stable across processes and versions; the count must never change
 * once entries exist (a different count would move subjects to other chains).
 */
export function chainOf(subjectId: string | null, chains: number): number {
  if (subjectId === null || chains <= 1) return UNASSIGNED_CHAIN;
  let hash = recentHashes.get(subjectId);
  if (hash === undefined) {
    hash = createHash('sha256').update(subjectId).digest().readUInt32BE(0);
    // A write asks three times (its lane, its locks, its entries): remember the last few thousand.
    if (recentHashes.size >= 4096) recentHashes.clear();
    recentHashes.set(subjectId, hash);
  }
  return hash % chains;
}

const counts = new WeakMap<object, Promise<number>>();

/**
 * How many chains the database has: its head rows (chains 0..n-1). Read once per database handle
 * (it never changes after migration); a database migrated before 008 has one.
 */
export function chainCount(db: Db): Promise<number> {
  let count = counts.get(db);
  if (!count) {
    count = sql<{ n: number | string }>`select count(*) as n from audit_heads`
      .execute(db)
      .then(({ rows }) => Math.max(1, Number(rows[0]?.n ?? 1)));
    count.catch(() => counts.delete(db));
    counts.set(db, count);
  }
  return count;
}

/** Drops the remembered count (after migrating a database whose handle stays open). */
export function forgetChainCount(db: Db): void {
  counts.delete(db);
}
