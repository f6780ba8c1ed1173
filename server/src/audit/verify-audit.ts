import type { AuditVerifyResponse } from '@coreitsm/protocol';
import { type SnapshotReader, transactionSnapshot } from '../db/read-snapshot.js';
import type { Db, Dialect } from '../db/schema.js';
import type { SigningKey } from '../receipts/receipt-keys.js';
import { GENESIS_HASH, hashAuditEntry } from './audit-hash.js';
import { chainCount } from './chains.js';
import { ExpectedRows } from './expected-rows.js';
import { pinnedRootProblem, type RootPin } from './pinned-root.js';
import { checkRoots, createRoot, type RootProblem } from './roots.js';
import { verifyContent } from './verify-content.js';

const PAGE = 1000;

/**
 * What verification found (the contract's AuditVerifyResponse plus the partitioned log's
 * fields). `firstBadEntry` is a seq within `chain`.
 */
export interface AuditVerifyReport extends AuditVerifyResponse {
  /** How many chains the log has. */
  chains: number;
  /** How many signed roots were checked. */
  roots: number;
  /** The chain of `firstBadEntry`. */
  chain?: number;
  /** The first root that fails, and why (roots.ts, RootProblem). */
  badRoot?: { seq: number; problem: RootProblem };
  /** Why the log does not hold the root VerifyOptions.pin names (pinned-root.ts). */
  pinnedRoot?: string;
}

export interface VerifyOptions {
  /**
   * When the log verifies, signs a root over the current heads (if any moved), so from then on
   * everything written so far is covered by a signed root. Without it only existing roots count.
   */
  seal?: SigningKey | undefined;
  /** Which database `db` is, for the default `snapshot` (SQLite when not given). */
  dialect?: Dialect;
  /**
   * Where the check reads: one consistent snapshot, so writes meanwhile cannot look like damage.
   * Default: one read transaction on `db` (OpenedDatabase.readSnapshot holds up no writes).
   */
  snapshot?: SnapshotReader | undefined;
  /**
   * A root kept outside the database: a log that verifies but no longer holds it (rewritten and
   * re-signed with a key added to the database) fails, and is not sealed.
   */
  pin?: RootPin | undefined;
}

/**
 * Checks the whole log. First every signed root (roots.ts, checkRoots). Then every chain, chain 0
 * first (it holds the history from before the partition): each entry's seq follows the previous
 * one, it names the previous entry's hash, its own hash matches its content, and every head a
 * root names is the entry there (so an entry removed between two roots, even with the rest of the
 * chain rehashed, fails); finally the head row points at the last entry (so deleting the newest
 * entries is caught too). `firstBadEntry` is the first entry that fails (or where a missing one
 * should be); for a chain rewritten under a root, the first entry after the last head a root
 * vouches for. With the log intact, every record, rights request and step in the tables is checked
 * against the hashes the entries carry (`firstBadRecord`, see verify-content.ts).
 */
export async function verifyAudit(db: Db, options: VerifyOptions = {}): Promise<AuditVerifyReport> {
  // Roots, chains, entries and the data tables are all read in one snapshot: a write committed
  // between two of those reads would otherwise look like a broken chain or an unlogged row.
  const snapshot = options.snapshot ?? transactionSnapshot(db, options.dialect ?? 'sqlite');
  const report = await snapshot(async (read) => {
    const log = await verifyLog(read);
    const pinnedRoot = log.ok && options.pin ? await pinnedRootProblem(read, options.pin) : undefined;
    return pinnedRoot ? { ...log, ok: false, pinnedRoot } : log;
  });
  // Only a log that verified is sealed: a root over damaged heads would vouch for the damage.
  if (report.ok && options.seal && (await createRoot(db, options.seal))) report.roots += 1;
  return report;
}

async function verifyLog(db: Db): Promise<AuditVerifyReport> {
  const chains = await chainCount(db);
  const roots = await checkRoots(db, chains);
  const base = { chains, roots: roots.roots };
  let entries = 0;
  if (roots.bad) return { ok: false, entries, ...base, badRoot: roots.bad };
  const expected = new ExpectedRows();
  for (let chain = 0; chain < chains; chain++) {
    const named = roots.named.get(chain) ?? [];
    let next = 0; // the next head a root names
    let vouched = 0; // the last seq a root vouches for
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    let after = 0;
    const broken = (firstBadEntry: number, badRoot?: number) => ({
      ok: false as const,
      entries,
      ...base,
      chain,
      firstBadEntry,
      ...(badRoot === undefined ? {} : { badRoot: { seq: badRoot, problem: 'entries' as const } }),
    });
    for (;;) {
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('chain', '=', chain)
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(PAGE)
        .execute();
      for (const row of rows) {
        const seq = Number(row.seq);
        entries += 1;
        if (seq !== expectedSeq) return broken(expectedSeq);
        const hash = hashAuditEntry({
          chain,
          seq,
          at: row.at,
          action: row.action,
          subjectId: row.subject_id,
          data: row.data,
          prevHash: row.prev_hash,
        });
        if (row.prev_hash !== prevHash || hash !== row.hash) return broken(seq);
        const root = named[next];
        if (root && root.seq === seq) {
          if (root.hash !== row.hash) return broken(vouched + 1, root.root);
          vouched = seq;
          next += 1;
        }
        expected.apply(row);
        prevHash = row.hash;
        expectedSeq += 1;
        after = seq;
      }
      if (rows.length < PAGE) break;
    }
    // A root names an entry past the chain's end: entries were cut off.
    const beyond = named[next];
    if (beyond) return broken(vouched + 1, beyond.root);
    const head = await db.selectFrom('audit_heads').selectAll().where('chain', '=', chain).executeTakeFirst();
    if (!head || Number(head.seq) !== expectedSeq - 1 || head.hash !== prevHash) {
      // Entries after the last one present were removed (or the head was edited).
      return broken(expectedSeq);
    }
  }
  // The log is intact, so what its entries vouch for is what was written: compare the tables.
  const firstBadRecord = await verifyContent(db, expected);
  return firstBadRecord ? { ok: false, entries, ...base, firstBadRecord } : { ok: true, entries, ...base };
}
