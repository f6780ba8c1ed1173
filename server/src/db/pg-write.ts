import type { AuditRow, ChainHead } from '../audit/audit-log.js';
import { sqlStatement, sqlStatementThenCommit } from './prepared-query.js';
import type { RecordStage, StagedRecord } from './record-stage.js';
import type { Db } from './schema.js';

/**
 * PostgreSQL: everything a write transaction still has to write, in one statement (one round trip,
 * planned once per connection): the staged records (record-stage.ts), their per-site counts, the
 * audit entries of every chain it touched, and those chains' heads. Each table gets one multi-row
 * write whatever the number of rows, through `unnest` of one array parameter per column, so the
 * text is the same for any batch (one named statement, not one per size). Data-modifying CTEs all
 * run, referenced or not; empty arrays write nothing.
 */
const RECORD_COLUMNS = [
  ['id', 'text'],
  ['subject_id', 'text'],
  ['site_id', 'text'],
  ['created_at', 'text'],
  ['received_at', 'text'],
  ['jurisdiction', 'text'],
  ['method', 'text'],
  ['gpc', 'int'],
  ['body', 'text'],
  ['receipt', 'text'],
  ['notice_hash', 'text'],
] as const satisfies readonly (readonly [keyof StagedRecord, string])[];
const AUDIT_COLUMNS = [
  ['chain', 'int'],
  ['seq', 'int'],
  ['at', 'text'],
  ['action', 'text'],
  ['subject_id', 'text'],
  ['data', 'text'],
  ['prev_hash', 'text'],
  ['hash', 'text'],
] as const satisfies readonly (readonly [keyof AuditRow, string])[];

/** `unnest($k::type[], …)` over `columns`, numbering parameters from `first`. */
const unnest = (columns: readonly (readonly [string, string])[], first: number) =>
  `unnest(${columns.map(([, type], i) => `$${first + i}::${type}[]`).join(', ')})`;
const names = (columns: readonly (readonly [string, string])[]) => columns.map(([name]) => name).join(', ');
const HEAD_COLUMNS = [
  ['chain', 'int'],
  ['seq', 'int'],
  ['hash', 'text'],
] as const;

/** The audit entries and head moves, after `first - 1` other parameters. */
const auditAndHeads = (first: number) => `entries as (
  insert into audit_log (${names(AUDIT_COLUMNS)})
  select * from ${unnest(AUDIT_COLUMNS, first)}
)
update audit_heads as h set seq = v.seq, hash = v.hash
from ${unnest(HEAD_COLUMNS, first + AUDIT_COLUMNS.length)} as v(chain, seq, hash)
where h.chain = v.chain`;

// Two texts: writes without records (subjects, rights requests…) name no column of consent_records,
// so they also run on a database an older migration left (tests of legacy logs write such ones).
const WRITE_ALL = `with stored as (
  insert into consent_records (${names(RECORD_COLUMNS)})
  select * from ${unnest(RECORD_COLUMNS, 1)}
  returning subject_id, site_id
), counted as (
  insert into subject_site_counts (subject_id, site_id, records)
  select subject_id, site_id, count(*) from stored group by subject_id, site_id
  on conflict (subject_id, site_id) do update set records = subject_site_counts.records + excluded.records
), ${auditAndHeads(RECORD_COLUMNS.length + 1)}`;
const WRITE_AUDIT = `with ${auditAndHeads(1)}`;
const writeAll = sqlStatement(WRITE_ALL);
const writeAudit = sqlStatement(WRITE_AUDIT);
const writeAllThenCommit = sqlStatementThenCommit(WRITE_ALL);
const writeAuditThenCommit = sqlStatementThenCommit(WRITE_AUDIT);

/** One array per column, in the columns' order. */
function columnArrays<Row>(
  rows: readonly Row[],
  columns: readonly (readonly [keyof Row, string])[],
): unknown[][] {
  return columns.map(([column]) => rows.map((row) => row[column]));
}

/**
 * Inserts `records` (with their counts) and `entries`, and moves the chains to `heads`: one round
 * trip. With `commit`, the transaction's COMMIT rides along (same round trip, once the connection
 * has the statement prepared); resolves true when it committed (false: nothing to write, or a pool
 * that does not do it; the caller commits).
 */
export async function writeAllPg(
  trx: Db,
  records: readonly StagedRecord[],
  entries: readonly AuditRow[],
  heads: readonly ChainHead[],
  commit = false,
): Promise<boolean> {
  if (records.length === 0 && entries.length === 0) return false;
  const audit = [...columnArrays(entries, AUDIT_COLUMNS), ...columnArrays(heads, HEAD_COLUMNS)];
  const parameters = records.length === 0 ? audit : [...columnArrays(records, RECORD_COLUMNS), ...audit];
  if (!commit) {
    await (records.length === 0 ? writeAudit : writeAll)(trx, parameters);
    return false;
  }
  const { rows } = await (records.length === 0 ? writeAuditThenCommit : writeAllThenCommit)(trx, parameters);
  const command = (rows[0] as { command?: unknown } | undefined)?.command;
  // COMMIT of a transaction an earlier error had aborted answers ROLLBACK: nothing was stored.
  if (command === 'ROLLBACK') throw new Error('the write transaction was aborted; nothing was stored');
  return command === 'COMMIT';
}

/**
 * Inserts what `stage` holds now, before a step that reads the tables without knowing the stage
 * (a revocation reading the latest record, an erasure deleting records): it then sees what a
 * transaction without staging would have shown it.
 */
export async function flushStage(trx: Db, stage: RecordStage): Promise<void> {
  if (stage.size > 0) await writeAllPg(trx, stage.take(), [], []);
}
