import type { WriteContext } from '../db/write-transaction.js';
import { forgetRecordCounts } from './site-counts.js';

/**
 * Erasure: the subject's records, the personal fields of its requests and the notes on their steps
 * go; the subject row stays
 * as a tombstone (no token, `erased_at` set) so a late sync is refused instead of recreating data.
 * Audit entries keep the pseudonymous id: the chain must stay verifiable and holds no content.
 */
export async function eraseSubject({ trx, now, audit }: WriteContext, subjectId: string): Promise<void> {
  const deleted = await trx
    .deleteFrom('consent_records')
    .where('subject_id', '=', subjectId)
    .executeTakeFirst();
  await forgetRecordCounts(trx, subjectId);
  await trx
    .updateTable('rights_requests')
    // The salt goes with the data: the audit log's commitment to them then links to nothing.
    .set({ contact: null, details: null, personal_salt: null })
    .where('subject_id', '=', subjectId)
    .execute();
  // Admin notes on the steps may name the person too (issue 10, finding 11); their salts go with them.
  await trx
    .updateTable('rights_request_steps')
    .set({ note: null, note_salt: null })
    .where('request_id', 'in', (eb) =>
      eb.selectFrom('rights_requests').select('id').where('subject_id', '=', subjectId),
    )
    .execute();
  await trx
    .updateTable('subjects')
    .set({ token_hash: null, erased_at: now.toISOString() })
    .where('id', '=', subjectId)
    .execute();
  audit('subject.erased', subjectId, { records: Number(deleted.numDeletedRows) });
}
