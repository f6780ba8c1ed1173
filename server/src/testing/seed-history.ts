import type { ConsentRecord } from '@coreitsm/protocol';
import type { Db, Dialect } from '../db/schema.js';
import { writeTransaction } from '../db/write-transaction.js';
import { storeRecords } from '../store/records-store.js';
import { createSubject } from '../store/subjects-store.js';
import { uuidV7 } from '../store/uuid-v7.js';
import { makeRecord } from './backends.js';

export interface SeededSubject {
  subjectId: string;
  token: string;
  /** The newest record of each site, as the state must report it. */
  latestBySite: Map<string, ConsentRecord>;
}

/**
 * A subject with a long history, written through the store layer (the same inserts and audit
 * entries as the HTTP path, without 20,000 requests): `count` records over `sites` sites, one
 * minute apart, alternating granted and denied, in transactions of 2,000.
 */
export async function seedHistory(
  db: Db,
  dialect: Dialect,
  options: { count: number; sites: number },
): Promise<SeededSubject> {
  const limits = { recordsPerSubject: Number.POSITIVE_INFINITY, sitesPerSubject: Number.POSITIVE_INFINITY };
  const issued = await createSubject((work) => writeTransaction(db, dialect, work));
  const start = Date.now() - options.count * 60_000;
  const latestBySite = new Map<string, ConsentRecord>();
  const PER_TRANSACTION = 2000;
  const PER_BATCH = 100;
  for (let first = 0; first < options.count; first += PER_TRANSACTION) {
    await writeTransaction(db, dialect, async (ctx) => {
      for (let batch = first; batch < Math.min(first + PER_TRANSACTION, options.count); batch += PER_BATCH) {
        const records = Array.from({ length: Math.min(PER_BATCH, options.count - batch) }, (_, k) => {
          const i = batch + k;
          const createdAt = start + i * 60_000;
          const base = makeRecord(issued.subjectId, {
            id: uuidV7(createdAt),
            siteId: `site-${i % options.sites}`,
            createdAt: new Date(createdAt).toISOString(),
            method: 'preferences',
          });
          const choices = Object.fromEntries(
            Object.keys(base.choices).map((p) => [
              p,
              p === 'necessary' || i % 2 === 0 ? 'granted' : 'denied',
            ]),
          ) as ConsentRecord['choices'];
          const record = { ...base, choices };
          latestBySite.set(record.siteId, record);
          return record;
        });
        await storeRecords(ctx, issued.subjectId, records, limits);
      }
    });
  }
  return { subjectId: issued.subjectId, token: issued.token, latestBySite };
}
