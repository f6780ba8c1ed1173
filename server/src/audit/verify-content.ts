import type { AuditBadRecord } from '@coreitsm/protocol';
import type { Db } from '../db/schema.js';
import { orderingTime } from '../store/ordering-time.js';
import {
  noteCommitment,
  personalCommitment,
  recordBodyHash,
  rightsRequestHash,
  rightsStepHash,
} from './body-hash.js';
import { ExpectedRows } from './expected-rows.js';

const PAGE = 1000;

/** Keeps the problem whose vouching entry came first (rows without any entry come last). */
class FirstProblem {
  private best: { seq: number; bad: AuditBadRecord } | undefined;
  note(bad: AuditBadRecord, seq = Number.POSITIVE_INFINITY): void {
    if (!this.best || seq < this.best.seq) this.best = { seq, bad };
  }
  get value(): AuditBadRecord | undefined {
    return this.best?.bad;
  }
}

/**
 * Recomputes every row's hash from the tables and compares it with what the audit log vouches for
 * (issue 10, finding 3): a row changed since its entry is `altered`, a row the log says exists but
 * the table lacks is `deleted`, a row no entry wrote is `unlogged`. Returns the first one, by the
 * entry that vouched for it. `expected` is consumed.
 */
export async function verifyContent(db: Db, expected: ExpectedRows): Promise<AuditBadRecord | undefined> {
  const first = new FirstProblem();

  await compareTable(first, 'consent_records', pagesById(recordsAfter(db)), expected.records, {
    keyOf: (row) => row.id,
    altered: (row, want) =>
      want.subjectId !== row.subject_id ||
      want.at !== row.received_at ||
      (want.hash !== undefined && recordBodyHash(row.body) !== want.hash) ||
      !columnsMatchBody(row),
  });

  await compareTable(first, 'rights_requests', pagesById(requestsAfter(db)), expected.requests, {
    keyOf: (row) => row.id,
    altered: (row, want) => {
      if (want.subjectId !== row.subject_id || want.status !== row.status) return true;
      if (want.hash !== undefined && rightsRequestHash(row) !== want.hash) return true;
      if (want.personal === undefined) return false;
      const erasedLawfully =
        row.personal_salt === null &&
        row.contact === null &&
        row.details === null &&
        expected.erased.has(row.subject_id);
      return (
        !erasedLawfully &&
        (row.personal_salt === null ||
          personalCommitment(row.personal_salt, row.contact, row.details) !== want.personal)
      );
    },
  });

  await compareTable(first, 'rights_request_steps', stepPages(db), expected.steps, {
    keyOf: (row) => ExpectedRows.stepKey(row.request_id, Number(row.step)),
    altered: (row, want) => {
      if (want.hash !== undefined && rightsStepHash(row) !== want.hash) return true;
      if (want.note === null) return row.note !== null;
      if (typeof want.note !== 'string') return false;
      const erasedLawfully =
        row.note === null &&
        row.note_salt === null &&
        want.subjectId !== null &&
        expected.erased.has(want.subjectId);
      return (
        !erasedLawfully &&
        (row.note === null || row.note_salt === null || noteCommitment(row.note_salt, row.note) !== want.note)
      );
    },
  });

  return first.value;
}

/**
 * One table against what the log vouches for: a row without an entry is `unlogged`, a row whose
 * content differs is `altered`, an entry whose row is gone is `deleted`. `expected` is consumed.
 */
async function compareTable<Row, Want extends { seq: number }>(
  first: FirstProblem,
  table: AuditBadRecord['table'],
  pages: AsyncIterable<Row[]>,
  expected: Map<string, Want>,
  check: { keyOf: (row: Row) => string; altered: (row: Row, want: Want) => boolean },
): Promise<void> {
  for await (const rows of pages) {
    for (const row of rows) {
      const id = check.keyOf(row);
      const want = expected.get(id);
      expected.delete(id);
      if (!want) first.note({ table, id, problem: 'unlogged' });
      else if (check.altered(row, want)) first.note({ table, id, problem: 'altered' }, want.seq);
    }
  }
  for (const [id, want] of expected) first.note({ table, id, problem: 'deleted' }, want.seq);
}

/** A table keyed by `id`, PAGE rows at a time (bounded memory however large the table). */
async function* pagesById<Row extends { id: string }>(read: (after: string) => Promise<Row[]>) {
  let after = '';
  for (;;) {
    const rows = await read(after);
    yield rows;
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) return;
    after = last.id;
  }
}

const recordsAfter = (db: Db) => (after: string) =>
  db.selectFrom('consent_records').selectAll().where('id', '>', after).orderBy('id').limit(PAGE).execute();
const requestsAfter = (db: Db) => (after: string) =>
  db.selectFrom('rights_requests').selectAll().where('id', '>', after).orderBy('id').limit(PAGE).execute();

/** The steps table, keyed by (request, step), PAGE rows at a time. */
async function* stepPages(db: Db) {
  let after: { id: string; step: number } = { id: '', step: 0 };
  for (;;) {
    const key = after;
    const rows = await db
      .selectFrom('rights_request_steps')
      .selectAll()
      .where((eb) => eb(eb.refTuple('request_id', 'step'), '>', eb.tuple(key.id, key.step)))
      .orderBy('request_id')
      .orderBy('step')
      .limit(PAGE)
      .execute();
    yield rows;
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) return;
    after = { id: last.request_id, step: Number(last.step) };
  }
}

/** The columns queries use (state, stats, history order) must say what the hashed body says (the order by ordering-time.ts's rule). */
function columnsMatchBody(row: {
  notice_hash: string | null;
  site_id: string;
  created_at: string;
  received_at: string;
  jurisdiction: string;
  method: string;
  gpc: number;
  body: string;
}): boolean {
  try {
    const body = JSON.parse(row.body) as Record<string, unknown>;
    return (
      body.siteId === row.site_id &&
      typeof body.createdAt === 'string' &&
      !Number.isNaN(Date.parse(body.createdAt)) &&
      orderingTime(body.createdAt, row.received_at) === row.created_at &&
      body.jurisdiction === row.jurisdiction &&
      body.method === row.method &&
      (body.noticeHash ?? null) === row.notice_hash &&
      (body.gpc ? 1 : 0) === Number(row.gpc)
    );
  } catch {
    return false;
  }
}
