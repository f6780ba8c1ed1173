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

  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('consent_records')
      .selectAll()
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    for (const row of rows) {
      const want = expected.records.get(row.id);
      expected.records.delete(row.id);
      if (!want) {
        first.note({ table: 'consent_records', id: row.id, problem: 'unlogged' });
        continue;
      }
      const altered =
        want.subjectId !== row.subject_id ||
        want.at !== row.received_at ||
        (want.hash !== undefined && recordBodyHash(row.body) !== want.hash) ||
        !columnsMatchBody(row);
      if (altered) first.note({ table: 'consent_records', id: row.id, problem: 'altered' }, want.seq);
    }
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) break;
    after = last.id;
  }
  for (const [id, want] of expected.records)
    first.note({ table: 'consent_records', id, problem: 'deleted' }, want.seq);

  after = '';
  for (;;) {
    const rows = await db
      .selectFrom('rights_requests')
      .selectAll()
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    for (const row of rows) {
      const want = expected.requests.get(row.id);
      expected.requests.delete(row.id);
      if (!want) {
        first.note({ table: 'rights_requests', id: row.id, problem: 'unlogged' });
        continue;
      }
      let altered = want.subjectId !== row.subject_id || want.status !== row.status;
      if (want.hash !== undefined && rightsRequestHash(row) !== want.hash) altered = true;
      if (want.personal !== undefined) {
        const erasedLawfully =
          row.personal_salt === null &&
          row.contact === null &&
          row.details === null &&
          expected.erased.has(row.subject_id);
        if (
          !erasedLawfully &&
          (row.personal_salt === null ||
            personalCommitment(row.personal_salt, row.contact, row.details) !== want.personal)
        ) {
          altered = true;
        }
      }
      if (altered) first.note({ table: 'rights_requests', id: row.id, problem: 'altered' }, want.seq);
    }
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) break;
    after = last.id;
  }
  for (const [id, want] of expected.requests)
    first.note({ table: 'rights_requests', id, problem: 'deleted' }, want.seq);

  let afterKey: { id: string; step: number } = { id: '', step: 0 };
  for (;;) {
    const key = afterKey;
    const rows = await db
      .selectFrom('rights_request_steps')
      .selectAll()
      .where((eb) => eb(eb.refTuple('request_id', 'step'), '>', eb.tuple(key.id, key.step)))
      .orderBy('request_id')
      .orderBy('step')
      .limit(PAGE)
      .execute();
    for (const row of rows) {
      const id = ExpectedRows.stepKey(row.request_id, Number(row.step));
      const want = expected.steps.get(id);
      expected.steps.delete(id);
      if (!want) {
        first.note({ table: 'rights_request_steps', id, problem: 'unlogged' });
        continue;
      }
      let altered = want.hash !== undefined && rightsStepHash(row) !== want.hash;
      if (want.note === null && row.note !== null) altered = true;
      if (typeof want.note === 'string') {
        const erasedLawfully =
          row.note === null &&
          row.note_salt === null &&
          want.subjectId !== null &&
          expected.erased.has(want.subjectId);
        if (
          !erasedLawfully &&
          (row.note === null ||
            row.note_salt === null ||
            noteCommitment(row.note_salt, row.note) !== want.note)
        ) {
          altered = true;
        }
      }
      if (altered) first.note({ table: 'rights_request_steps', id, problem: 'altered' }, want.seq);
    }
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) break;
    afterKey = { id: last.request_id, step: Number(last.step) };
  }
  for (const [id, want] of expected.steps)
    first.note({ table: 'rights_request_steps', id, problem: 'deleted' }, want.seq);

  return first.value;
}

/** The columns queries use (state, stats, history order) must say what the hashed body says (the order by ordering-time.ts's rule). */
function columnsMatchBody(row: {
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
      (body.gpc ? 1 : 0) === Number(row.gpc)
    );
  } catch {
    return false;
  }
}
