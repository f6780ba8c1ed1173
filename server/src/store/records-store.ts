import type { ConsentRecord } from '@coreitsm/protocol';
import { sql } from 'kysely';
import { recordBodyHash } from '../audit/body-hash.js';
import type { HistoryLimits } from '../config.js';
import { IngestState as IngestPrefetched, ingestPrefetchSql } from '../db/ingest-prefetch.js';
import { preparedQuery } from '../db/prepared-query.js';
import type { WriteContext } from '../db/write-transaction.js';
import { HttpError } from '../http/errors.js';
import type { SignReceipt } from '../receipts/receipt-signer.js';
import { canonicalRecordJson } from './canonical-record.js';
import { orderingTime } from './ordering-time.js';
import { changeRecordCounts, recordCountsOfSubject } from './site-counts.js';
import { checkSubjectCredentials } from './subjects-store.js';

export interface RecordResult {
  id: string;
  status: 'stored' | 'duplicate';
  /** The receipt signed when the record was stored; absent for records stored before receipts. */
  receipt?: string;
}

/** How this batch's receipts are signed: by whom (`iss`) and with which key. */
export interface ReceiptContext {
  issuer: string;
  sign: SignReceipt;
}

// The ingest path's queries, compiled once per dialect and batch size (see prepared-query.ts).
const subjectRow = preparedQuery((db, p) =>
  db.selectFrom('subjects').select(['erased_at', 'token_hash']).where('id', '=', p('id')),
);
const storedBodies = preparedQuery((db, p, size) =>
  db
    .selectFrom('consent_records')
    .select(['id', 'body', 'receipt'])
    .where(
      'id',
      'in',
      Array.from({ length: size }, (_, i) => p(`id${i}`)),
    ),
);
const ROW_COLUMNS = [
  'id',
  'subject_id',
  'site_id',
  'created_at',
  'received_at',
  'jurisdiction',
  'method',
  'gpc',
  'body',
  'receipt',
  'notice_hash',
] as const;
const insertRecords = preparedQuery((db, p, size) =>
  db
    .insertInto('consent_records')
    .values(
      Array.from(
        { length: size },
        (_, i) => Object.fromEntries(ROW_COLUMNS.map((column) => [column, p(`${column}${i}`)])) as never,
      ),
    ),
);

interface IngestState {
  /** The subject's row (its tombstone, its token hash); undefined when there is none. */
  subject: { erased_at: string | null; token_hash: string | null } | undefined;
  stored: { id: string; body: string; receipt: string | null }[];
  /** Per-site counts, read only when needed (on SQLite: a statement of its own). */
  counts: () => Promise<Map<string, number>>;
}

/**
 * PostgreSQL, a job whose transaction made no read for the whole group: the same statement, for
 * this job alone. It runs after the head locks, so it sees every write committed before them.
 */
async function readAlone(trx: WriteContext['trx'], subject: string, ids: readonly string[]) {
  const wanted = [{ subject, ids }];
  const { rows } = await sql<Record<string, unknown>>`select ${sql.raw(ingestPrefetchSql(wanted))}`.execute(
    trx,
  );
  return new IngestPrefetched(wanted, rows[0]);
}

/** Whether the subject was erased, which of `ids` are stored already, and the subject's counts. */
async function readIngestState(
  { trx, stage, prefetched }: WriteContext,
  subjectId: string,
  ids: readonly string[],
): Promise<IngestState> {
  if (stage) {
    // PostgreSQL: read with the head locks for every job of the transaction (db/ingest-prefetch.ts),
    // or, when some job of it declared no read, by this job alone with the same statement.
    const read = prefetched?.covers(subjectId, ids) ? prefetched : await readAlone(trx, subjectId, ids);
    const counts = read.countsOf(subjectId);
    // Records staged earlier in this transaction count as stored (record-stage.ts).
    for (const [site, n] of stage.pendingCounts(subjectId)) counts.set(site, (counts.get(site) ?? 0) + n);
    const stored = read.storedRows(ids);
    for (const id of ids) {
      const staged = stage.stored(id);
      if (staged) stored.push({ id, body: staged.body, receipt: staged.receipt });
    }
    return { subject: read.subject(subjectId), stored, counts: async () => counts };
  }
  const idValues: Record<string, string> = {};
  ids.forEach((id, i) => {
    idValues[`id${i}`] = id;
  });
  const [subject] = (await subjectRow.run(trx, { id: subjectId })).rows;
  return {
    subject,
    stored: (await storedBodies.run(trx, idValues, ids.length)).rows,
    counts: () => recordCountsOfSubject(trx, subjectId),
  };
}

/**
 * Stores a validated batch inside the caller's write transaction: new ids are inserted, ids already
 * stored with the same content are duplicates (success), the same id with other content is a 409
 * that rolls the whole batch back. Records of an erased subject are refused (its tombstone).
 */
export async function storeRecords(
  ctx: WriteContext,
  subjectId: string,
  records: readonly ConsentRecord[],
  limits: HistoryLimits,
  receipts?: ReceiptContext,
  /** The token's secret, when the caller has not checked it yet: checked on the row read here. */
  secret?: string,
): Promise<RecordResult[]> {
  const { trx, now, audit, stage } = ctx;
  const ids = [...new Set(records.map((r) => r.id))];
  const state = await readIngestState(ctx, subjectId, ids);
  if (secret !== undefined) checkSubjectCredentials(state.subject, secret);
  else if (state.subject?.erased_at) throw new HttpError('subject_erased', 'this subject was erased');

  const bodies = records.map(canonicalRecordJson);
  const existing = new Map(state.stored.map((row) => [row.id, row]));
  const receivedAt = now.toISOString();
  const results: RecordResult[] = [];
  const rows = [];
  for (const [i, record] of records.entries()) {
    const body = bodies[i] as string;
    const known = existing.get(record.id);
    if (known !== undefined) {
      if (known.body !== body) {
        throw new HttpError(
          'conflict',
          `records.${i}: id ${record.id} is already stored with other content`,
          record.id,
        );
      }
      // The receipt it got when it was stored: a retry gets the very same bytes.
      results.push({
        id: record.id,
        status: 'duplicate',
        ...(known.receipt ? { receipt: known.receipt } : {}),
      });
      continue;
    }
    const hash = recordBodyHash(body);
    const receipt = receipts
      ? await receipts.sign({
          iss: receipts.issuer,
          sub: subjectId,
          rid: record.id,
          sid: record.siteId,
          h: hash,
          rat: receivedAt,
        })
      : null;
    existing.set(record.id, { id: record.id, body, receipt });
    results.push({ id: record.id, status: 'stored', ...(receipt ? { receipt } : {}) });
    rows.push({
      id: record.id,
      subject_id: subjectId,
      site_id: record.siteId,
      created_at: orderingTime(record.createdAt, receivedAt),
      received_at: receivedAt,
      jurisdiction: record.jurisdiction,
      method: record.method,
      gpc: record.gpc ? 1 : 0,
      body,
      hash,
      receipt,
      notice_hash: record.noticeHash ?? null,
    });
  }
  if (rows.length > 0) checkHistoryLimits(await state.counts(), rows, limits);
  if (rows.length > 0) {
    if (stage) {
      // PostgreSQL: inserted, with their counts, by the transaction's last statement (pg-write.ts).
      for (const { hash: _, ...row } of rows) stage.add(row);
    } else {
      const values: Record<string, unknown> = {};
      rows.forEach((row, i) => {
        for (const column of ROW_COLUMNS) values[`${column}${i}`] = row[column];
      });
      // SQLite runs in-process (no round trips to save) and has no writable CTEs.
      await insertRecords.run(trx, values, rows.length);
      await changeRecordCounts(trx, rows, 1);
    }
    // The body hashes let verification notice a record altered, deleted or slipped in (finding 3).
    audit('records.stored', subjectId, {
      ids: rows.map((r) => r.id),
      hashes: rows.map((r) => r.hash),
    });
  }
  return results;
}

/**
 * Refuses (413 `history_full`, naming the first record that does not fit) a batch that would take
 * the subject past its record or site limit. Runs inside the write transaction, after the write
 * lock, so concurrent batches of one subject cannot both slip under the limit.
 */
function checkHistoryLimits(
  counts: ReadonlyMap<string, number>,
  rows: readonly { id: string; site_id: string }[],
  limits: HistoryLimits,
): void {
  const sites = new Set(counts.keys());
  let total = 0;
  for (const n of counts.values()) total += n;
  for (const row of rows) {
    total += 1;
    sites.add(row.site_id);
    if (total > limits.recordsPerSubject) {
      throw new HttpError(
        'history_full',
        `this subject already holds ${limits.recordsPerSubject} records, the most one subject may hold`,
        row.id,
      );
    }
    if (sites.size > limits.sitesPerSubject) {
      throw new HttpError(
        'history_full',
        `this subject already holds records for ${limits.sitesPerSubject} sites, the most one subject may hold`,
        row.id,
      );
    }
  }
}
