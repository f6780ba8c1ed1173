import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION } from '../config.js';
import { migrateToLatest } from '../db/migrate.js';
import type { Db } from '../db/schema.js';
import { writeTransaction } from '../db/write-transaction.js';
import { purge } from '../retention/purge.js';
import { eraseSubject } from '../store/erase-subject.js';
import { storeRecords } from '../store/records-store.js';
import { createSubject } from '../store/subjects-store.js';
import { BACKENDS, makeRecord, type TestStore } from '../testing/backends.js';

/**
 * The history limits read `subject_site_counts` (migration 004) instead of counting a history on
 * every ingest. These tests hold the counts to the records table itself after every kind of write.
 */
const UNLIMITED = { recordsPerSubject: Number.POSITIVE_INFINITY, sitesPerSubject: Number.POSITIVE_INFINITY };
const YEAR = 365 * 86_400_000;
const SITES = ['servicedesk', 'status', 'docs'] as const;

/** Both sides as sorted "subject site n" lines, so a failure shows exactly which pair is off. */
async function countsVersusTable(db: Db) {
  const kept = await db.selectFrom('subject_site_counts').selectAll().execute();
  const actual = await db
    .selectFrom('consent_records')
    .select((eb) => ['subject_id', 'site_id', eb.fn.countAll<number | string>().as('n')])
    .groupBy(['subject_id', 'site_id'])
    .execute();
  return {
    kept: kept
      .filter((row) => Number(row.records) !== 0)
      .map((row) => `${row.subject_id} ${row.site_id} ${Number(row.records)}`)
      .sort(),
    actual: actual.map((row) => `${row.subject_id} ${row.site_id} ${Number(row.n)}`).sort(),
  };
}

async function newSubject(db: Db, dialect: TestStore['dialect']): Promise<string> {
  return (await createSubject((work) => writeTransaction(db, dialect, work))).subjectId;
}

type Step =
  | { kind: 'ingest'; subject: number; sites: number[]; ageYears: number[]; repeatLast: boolean }
  | { kind: 'purge' }
  | { kind: 'erase'; subject: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('ingest' as const),
      subject: fc.nat(2),
      sites: fc.array(fc.nat(SITES.length - 1), { minLength: 1, maxLength: 6 }),
      ageYears: fc.array(fc.nat(9), { minLength: 6, maxLength: 6 }),
      repeatLast: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'purge' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('erase' as const), subject: fc.nat(2) }) },
);

for (const backend of BACKENDS) {
  const title = `subject_site_counts [${backend.dialect}]${backend.skipReason ? ` — skipped: ${backend.skipReason}` : ''}`;
  describe.skipIf(backend.skipReason !== undefined)(title, () => {
    let store: TestStore | undefined;
    afterEach(async () => {
      await store?.cleanup();
      store = undefined;
    });

    it('counts the records of a database that predates them when the migration runs', async () => {
      store = await backend.open('003-audit-body-hashes');
      const { db, dialect } = store;
      for (const sites of [['servicedesk', 'servicedesk', 'status'], ['docs']]) {
        const subject = await newSubject(db, dialect);
        // Written as the server before migration 004 wrote them: no counts.
        await writeTransaction(db, dialect, async (ctx) => {
          const records = sites.map((siteId) => makeRecord(subject, { siteId }));
          for (const [i, r] of records.entries()) {
            await ctx.trx
              .insertInto('consent_records')
              .values({
                id: r.id,
                subject_id: subject,
                site_id: r.siteId,
                created_at: new Date(Date.parse(r.createdAt) + i).toISOString(),
                received_at: r.createdAt,
                jurisdiction: r.jurisdiction,
                method: r.method,
                gpc: 0,
                body: JSON.stringify(r),
              })
              .execute();
          }
        });
      }
      await migrateToLatest(db, dialect);
      const { kept, actual } = await countsVersusTable(db);
      expect(actual).toHaveLength(3);
      expect(kept).toEqual(actual);
    });

    it('match the records table after any sequence of ingests, duplicates, purges and erasures', async () => {
      store = await backend.open();
      const { db, dialect } = store;
      let runs = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 8 }), async (steps) => {
          runs += 1;
          // Each run starts with fresh subjects, so earlier runs' rows are only background.
          const subjects = [await newSubject(db, dialect), await newSubject(db, dialect)];
          subjects.push(await newSubject(db, dialect));
          const last = new Map<number, ReturnType<typeof makeRecord>[]>();
          for (const step of steps) {
            if (step.kind === 'purge') await purge(db, dialect, DEFAULT_RETENTION, { dryRun: false });
            else
              await writeTransaction(db, dialect, async (ctx) => {
                const subject = subjects[step.subject] as string;
                if (step.kind === 'erase') {
                  await eraseSubject(ctx, subject);
                  return;
                }
                const erased = await ctx.trx
                  .selectFrom('subjects')
                  .select('erased_at')
                  .where('id', '=', subject)
                  .executeTakeFirstOrThrow();
                if (erased.erased_at) return;
                const now = Date.now();
                const fresh = step.sites.map((site, i) =>
                  makeRecord(subject, {
                    siteId: SITES[site] as string,
                    createdAt: new Date(now - (step.ageYears[i] ?? 0) * YEAR - i).toISOString(),
                  }),
                );
                // A duplicate of a batch already stored adds nothing to the counts.
                const batch = step.repeatLast ? [...(last.get(step.subject) ?? []), ...fresh] : fresh;
                await storeRecords(ctx, subject, batch, UNLIMITED);
                last.set(step.subject, fresh);
              });
            const { kept, actual } = await countsVersusTable(db);
            expect(kept).toEqual(actual);
          }
        }),
        { numRuns: 15 },
      );
      expect(runs).toBe(15);
    }, 120_000);
  });
}
