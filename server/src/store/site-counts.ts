import { preparedQuery } from '../db/prepared-query.js';
import type { WriteContext } from '../db/write-transaction.js';

type Trx = WriteContext['trx'];

/**
 * The `subject_site_counts` rows (migration 004): how many records a subject holds per site.
 * Every write that adds or removes records changes them in its own transaction, so they are
 * exactly the table's counts whenever a transaction can see them.
 */
const countsOfSubject = preparedQuery((db, p) =>
  db.selectFrom('subject_site_counts').select(['site_id', 'records']).where('subject_id', '=', p('subject')),
);
const addToCount = preparedQuery((db, p) =>
  db
    .insertInto('subject_site_counts')
    .values({ subject_id: p('subject'), site_id: p('site'), records: p('n') })
    .onConflict((oc) =>
      oc.columns(['subject_id', 'site_id']).doUpdateSet((eb) => ({
        records: eb('subject_site_counts.records', '+', eb.ref('excluded.records')),
      })),
    ),
);

/** A subject's record count per site (at most `sitesPerSubject` rows: the limit bounds them). */
export async function recordCountsOfSubject(trx: Trx, subjectId: string): Promise<Map<string, number>> {
  const { rows } = await countsOfSubject.run(trx, { subject: subjectId });
  return new Map(rows.map((row) => [row.site_id, Number(row.records)]));
}

/** Adds (`sign` 1) or removes (-1) one per row of `rows` to its (subject, site) count: one statement per pair. */
export async function changeRecordCounts(
  trx: Trx,
  rows: readonly { subject_id: string; site_id: string }[],
  sign: 1 | -1,
): Promise<void> {
  const perPair = new Map<string, { subject: string; site: string; n: number }>();
  for (const row of rows) {
    const key = JSON.stringify([row.subject_id, row.site_id]);
    const pair = perPair.get(key) ?? { subject: row.subject_id, site: row.site_id, n: 0 };
    pair.n += sign;
    perPair.set(key, pair);
  }
  for (const pair of perPair.values()) await addToCount.run(trx, pair);
}

/** Erasure: the subject holds no records any more, anywhere. */
export async function forgetRecordCounts(trx: Trx, subjectId: string): Promise<void> {
  await trx.deleteFrom('subject_site_counts').where('subject_id', '=', subjectId).execute();
}
