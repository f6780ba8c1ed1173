import { CompiledQuery, type Kysely, sql } from 'kysely';
import { type Param, preparedQuery } from '../db/prepared-query.js';
import type { Database, Dialect } from '../db/schema.js';
import { hashAuditEntry } from './audit-hash.js';

/** Every kind of write the audit log records. */
export type AuditAction =
  | 'subject.created'
  | 'records.stored'
  | 'revocation.stored'
  | 'rights-request.received'
  | 'rights-request.status'
  | 'subject.erased'
  | 'retention.purged'
  /** The hashes of rows written before entries carried them (migration 003). */
  | 'audit.baseline';

export interface PendingAuditEntry {
  action: AuditAction;
  subjectId: string | null;
  data: Record<string, unknown>;
}

export interface ChainHead {
  chain: number;
  seq: number;
  hash: string;
}

/** The first chain: the whole log before migration 008, and entries without a subject since (chains.ts). */
export const MAIN_CHAIN = 0;

// Every write runs these; compiled once per dialect (and entry count), see prepared-query.ts.
const touchHead = preparedQuery((db, p) =>
  db
    .updateTable('audit_heads')
    .set({ seq: sql`seq` })
    .where('chain', '=', p('chain'))
    .returning(['chain', 'seq', 'hash']),
);
const AUDIT_COLUMNS = ['chain', 'seq', 'at', 'action', 'subject_id', 'data', 'prev_hash', 'hash'] as const;
/** The rows of `size` entries as parameters: `chain0`, `seq0`, …, `hash{size-1}`. */
const entryRows = (p: Param, size: number) =>
  Array.from(
    { length: size },
    (_, i) => Object.fromEntries(AUDIT_COLUMNS.map((column) => [column, p(`${column}${i}`)])) as never,
  );
const insertEntries = preparedQuery((db, p, size) => db.insertInto('audit_log').values(entryRows(p, size)));
const moveHead = preparedQuery((db, p) =>
  db
    .updateTable('audit_heads')
    .set({ seq: p('seq'), hash: p('hash') })
    .where('chain', '=', p('chain')),
);

// PostgreSQL: the entries and the head move in one statement (a writable CTE), one round trip.
const insertEntriesMovingHead = preparedQuery((db, p, size) =>
  db
    .with('entries', (qb) => qb.insertInto('audit_log').values(entryRows(p, size)).returning('seq'))
    .updateTable('audit_heads')
    .set({ seq: p('seq'), hash: p('hash') })
    .where('chain', '=', p('chain')),
);

/**
 * The heads a write needs, in ascending chain order; `lock` adds FOR UPDATE, so two transactions
 * wanting overlapping sets can wait on each other but never deadlock on heads. SQLite's BEGIN
 * IMMEDIATE already holds the only write lock (and has no FOR UPDATE): there it is a plain read.
 */
const selectHeads = (lock: boolean) =>
  preparedQuery((db, p, size) => {
    const query = db
      .selectFrom('audit_heads')
      .select(['chain', 'seq', 'hash'])
      .where(
        'chain',
        'in',
        Array.from({ length: size }, (_, i) => p(`chain${i}`)),
      )
      .orderBy('chain');
    return lock ? query.forUpdate() : query;
  });
const lockHeadsPg = selectHeads(true);
const readHeadsSqlite = selectHeads(false);

/** A head row as the driver returns it (PostgreSQL's bigint columns come back as strings). */
export function chainHead(row: { chain: number | string; seq: number | string; hash: string }): ChainHead {
  return { chain: Number(row.chain), seq: Number(row.seq), hash: row.hash };
}

/** Locks the heads of `chains` (sorted, distinct) for the rest of the transaction; one statement. */
export async function lockHeads(
  trx: Kysely<Database>,
  chains: readonly number[],
  dialect: Dialect,
): Promise<Map<number, ChainHead>> {
  const heads = new Map<number, ChainHead>();
  if (chains.length === 0) return heads;
  const values = Object.fromEntries(chains.map((chain, i) => [`chain${i}`, chain]));
  const query = dialect === 'postgres' ? lockHeadsPg : readHeadsSqlite;
  for (const row of (await query.run(trx, values, chains.length)).rows) {
    const head = chainHead(row);
    heads.set(head.chain, head);
  }
  for (const chain of chains)
    if (!heads.has(chain)) throw new Error(`audit chain ${chain} has no head row; run migrations`);
  return heads;
}

/**
 * PostgreSQL: opens the transaction and locks the heads of `chains` (sorted, distinct) in one round
 * trip — `BEGIN; SELECT … FOR UPDATE` as one simple-protocol text (named-statements.ts hands Kysely
 * the last statement's rows). The chain numbers are integers this process computed (checked here),
 * written into the text; nothing from a request is.
 */
export async function beginLockingHeadsPg(
  trx: Kysely<Database>,
  chains: readonly number[],
  /**
   * A select list to read in the same round trip, in a statement after the locks (so it sees every
   * write committed before they were granted); its row is returned as `row`.
   */
  alsoSelect?: string,
): Promise<{ heads: Map<number, ChainHead>; row?: Record<string, unknown> }> {
  for (const chain of chains)
    if (!Number.isSafeInteger(chain) || chain < 0) throw new Error(`no audit chain ${chain}`);
  const heads = new Map<number, ChainHead>();
  if (chains.length === 0) {
    await trx.executeQuery(CompiledQuery.raw('begin', []));
    return { heads };
  }
  const inChains = `chain in (${chains.join(', ')})`;
  let headRows: { chain: number | string; seq: number | string; hash: string }[];
  let row: Record<string, unknown> | undefined;
  if (alsoSelect === undefined) {
    const { rows } = await trx.executeQuery(
      CompiledQuery.raw(
        `begin; select chain, seq, hash from audit_heads where ${inChains} order by chain for update`,
        [],
      ),
    );
    headRows = rows as typeof headRows;
  } else {
    // The heads are read again by the last statement, after the locks: they cannot have moved since.
    const { rows } = await trx.executeQuery(
      CompiledQuery.raw(
        `begin; select chain from audit_heads where ${inChains} order by chain for update; ` +
          `select (select json_agg(json_build_object('chain', chain, 'seq', seq, 'hash', hash)) from audit_heads where ${inChains}) as heads, ${alsoSelect}`,
        [],
      ),
    );
    row = rows[0] as Record<string, unknown> | undefined;
    headRows = (row?.heads ?? []) as typeof headRows;
  }
  for (const headRow of headRows) {
    const head = chainHead(headRow);
    heads.set(head.chain, head);
  }
  for (const chain of chains)
    if (!heads.has(chain)) throw new Error(`audit chain ${chain} has no head row; run migrations`);
  return row === undefined ? { heads } : { heads, row };
}

/**
 * Locks the chain head row for the rest of the transaction and returns it. The no-op UPDATE takes
 * a row lock on PostgreSQL (concurrent writers wait here) and the write lock on SQLite.
 */
export async function lockChainHead(trx: Kysely<Database>, chain = MAIN_CHAIN): Promise<ChainHead> {
  const [head] = (await touchHead.run(trx, { chain })).rows;
  if (!head) throw new Error(`audit chain ${chain} has no head row; run migrations`);
  return chainHead(head);
}

/** An audit_log row as written (the columns of AUDIT_COLUMNS). */
export interface AuditRow {
  chain: number;
  seq: number;
  at: string;
  action: AuditAction;
  subject_id: string | null;
  data: string;
  prev_hash: string;
  hash: string;
}

/**
 * Chains `entries` after `head`: each row's hash covers the previous one's. Pure (no database), so
 * PostgreSQL's one-statement write (db/pg-write.ts) and appendAudit below chain entries the same way.
 */
export function chainEntries(
  head: ChainHead,
  entries: readonly PendingAuditEntry[],
  now: Date,
): { rows: AuditRow[]; head: ChainHead } {
  let { seq, hash } = head;
  const at = now.toISOString();
  const rows = entries.map((entry) => {
    seq += 1;
    const data = JSON.stringify(entry.data);
    const prevHash = hash;
    hash = hashAuditEntry({
      chain: head.chain,
      seq,
      at,
      action: entry.action,
      subjectId: entry.subjectId,
      data,
      prevHash,
    });
    return {
      chain: head.chain,
      seq,
      at,
      action: entry.action,
      subject_id: entry.subjectId,
      data,
      prev_hash: prevHash,
      hash,
    };
  });
  return { rows, head: { chain: head.chain, seq, hash } };
}

/**
 * Chains `entries` after `head`, inserts them and moves the head, inside the caller's transaction.
 * Returns the new head.
 */
export async function appendAudit(
  trx: Kysely<Database>,
  head: ChainHead,
  entries: readonly PendingAuditEntry[],
  now: Date,
  dialect: Dialect = 'sqlite',
): Promise<ChainHead> {
  if (entries.length === 0) return head;
  const { rows, head: moved } = chainEntries(head, entries, now);
  const { seq, hash } = moved;
  const values: Record<string, unknown> = {};
  rows.forEach((row, i) => {
    for (const column of AUDIT_COLUMNS) values[`${column}${i}`] = row[column];
  });
  if (dialect === 'postgres') {
    await insertEntriesMovingHead.run(trx, { ...values, seq, hash, chain: head.chain }, rows.length);
    return moved;
  }
  // SQLite runs in-process: two statements cost no round trip, and it has no writable CTEs.
  await insertEntries.run(trx, values, rows.length);
  await moveHead.run(trx, { seq, hash, chain: head.chain });
  return moved;
}
