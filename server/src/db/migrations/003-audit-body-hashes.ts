import type { Kysely, Migration } from 'kysely';
import { appendAudit, lockChainHead, type PendingAuditEntry } from '../../audit/audit-log.js';
import {
  newSalt,
  noteCommitment,
  personalCommitment,
  recordBodyHash,
  rightsRequestHash,
  rightsStepHash,
} from '../../audit/body-hash.js';
import type { Database } from '../schema.js';

/** Rows per baseline entry: bounded entries, bounded memory. */
const BASELINE_CHUNK = 1000;

/**
 * Audit entries carry the hashes of the rows they write (issue 10, finding 3). Entries written
 * before this migration carry none, and they stay as they are (rewriting them would break the
 * chain). Instead the migration appends `audit.baseline` entries holding the hashes of every row
 * that exists now — records, rights requests (with a salted commitment to their personal fields,
 * whose salt this migration adds to the row) and their steps — so those rows are protected from
 * here on exactly like new ones. A change made to old rows *before* the migration cannot be told
 * from their original content: the baseline vouches for them as they are when it runs.
 */
export const auditBodyHashesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    const run = async (trx: Kysely<Database>) => {
      await trx.schema.alterTable('rights_requests').addColumn('personal_salt', 'text').execute();
      await trx.schema.alterTable('rights_request_steps').addColumn('note_salt', 'text').execute();
      await writeBaseline(trx);
    };
    // All or nothing: PostgreSQL runs each migration in a transaction; Kysely runs SQLite's without.
    const typed = db as unknown as Kysely<Database>;
    if (typed.isTransaction) await run(typed);
    else await typed.transaction().execute(run);
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('rights_request_steps').dropColumn('note_salt').execute();
    await db.schema.alterTable('rights_requests').dropColumn('personal_salt').execute();
  },
};

async function writeBaseline(trx: Kysely<Database>): Promise<void> {
  const head = await lockChainHead(trx);
  const records = await trx
    .selectFrom('consent_records')
    .select(['id', 'subject_id', 'body', 'received_at'])
    .orderBy('id')
    .execute();
  const requests = await trx.selectFrom('rights_requests').selectAll().orderBy('id').execute();
  const steps = await trx
    .selectFrom('rights_request_steps')
    .selectAll()
    .orderBy('request_id')
    .orderBy('step')
    .execute();
  // A new database has nothing to vouch for: its chain starts with hashes from the first entry.
  if (head.seq === 0 && records.length + requests.length + steps.length === 0) return;

  const recordRows = records.map((r) => [r.id, r.subject_id, recordBodyHash(r.body), r.received_at]);
  const subjectOf = new Map<string, string>();
  const requestRows = [];
  for (const request of requests) {
    subjectOf.set(request.id, request.subject_id);
    const salt = newSalt();
    await trx
      .updateTable('rights_requests')
      .set({ personal_salt: salt })
      .where('id', '=', request.id)
      .execute();
    requestRows.push([
      request.id,
      request.subject_id,
      rightsRequestHash(request),
      personalCommitment(salt, request.contact, request.details),
      request.status,
    ]);
  }
  const stepRows = [];
  for (const step of steps) {
    let note: string | null = null;
    if (step.note !== null) {
      const salt = newSalt();
      await trx
        .updateTable('rights_request_steps')
        .set({ note_salt: salt })
        .where('request_id', '=', step.request_id)
        .where('step', '=', step.step)
        .execute();
      note = noteCommitment(salt, step.note);
    }
    const subject = subjectOf.get(step.request_id) ?? null;
    stepRows.push([step.request_id, Number(step.step), subject, rightsStepHash(step), note]);
  }
  const entries: PendingAuditEntry[] = [];
  for (const [table, rows] of [
    ['consent_records', recordRows],
    ['rights_requests', requestRows],
    ['rights_request_steps', stepRows],
  ] as const) {
    // The first entry of each table resets what the older entries said about it (they could not
    // log purged ids, for one); every table gets one, even when empty.
    for (let i = 0; i === 0 || i < rows.length; i += BASELINE_CHUNK) {
      entries.push({
        action: 'audit.baseline',
        subjectId: null,
        data: { table, reset: i === 0, rows: rows.slice(i, i + BASELINE_CHUNK) },
      });
    }
  }
  await appendAudit(trx, head, entries, new Date());
}
