import 'fake-indexeddb/auto';
import type { ExportRecord } from '@coreitsm/protocol';
import fc from 'fast-check';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { ORIGIN_A, ORIGIN_B, record } from '../test-support/fixtures.js';
import { PAGE_ROWS } from './export-pages.js';
import type { ExtensionStore } from './extension-store.js';
import type { RecencyKey } from './idb-schema.js';
import { openIdbStore } from './idb-store.js';

let n = 0;
const minute = (m: number) => new Date(Date.UTC(2026, 10, 1, 0, 0) + m * 60_000).toISOString();

/** What the export reads from the packed pages, and whether they vouched for it. */
async function viaPages(store: ExtensionStore) {
  const records: ExportRecord[] = [];
  let count = -1;
  const complete = await store.readExport({
    begin: (c) => {
      count = c;
    },
    records: (batch) => void records.push(...batch),
  });
  return { complete, count, records };
}

/** The same read from the rows themselves (the reference). */
async function viaRows(store: ExtensionStore): Promise<ExportRecord[]> {
  const out: ExportRecord[] = [];
  let after: RecencyKey | null = null;
  for (;;) {
    const page = await store.exportPage(after, 97);
    out.push(...page.records);
    if (page.read < 97 || page.lastKey === null) return out;
    after = page.lastKey;
  }
}

async function expectInStep(store: ExtensionStore) {
  const pages = await viaPages(store);
  const rows = await viaRows(store);
  expect(pages.records).toEqual(rows);
  expect(pages.count).toBe(rows.length);
  expect(pages.complete).toBe(true);
}

/** One write the store may see: a batch for an origin (ids may repeat, times may move), a trim, a forget. */
const opArb = fc.oneof(
  fc.record({
    kind: fc.constant('put' as const),
    origin: fc.constantFrom(ORIGIN_A, ORIGIN_B),
    minutes: fc.array(fc.nat(500), { minLength: 1, maxLength: 30 }),
    reuse: fc.nat(40),
  }),
  fc.record({
    kind: fc.constant('trim' as const),
    origin: fc.constantFrom(ORIGIN_A, ORIGIN_B),
    keep: fc.nat(25),
  }),
  fc.record({ kind: fc.constant('forget' as const), origin: fc.constantFrom(ORIGIN_A, ORIGIN_B) }),
);

describe('the export pages (database version 6, issue 11)', () => {
  it('hold exactly the rows, in key order, after any puts, moves, trims and forgets (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { maxLength: 8 }), async (ops) => {
        const store = await openIdbStore(`pages-prop-${++n}`);
        const ids: string[] = [];
        for (const op of ops) {
          if (op.kind === 'put') {
            const batch = op.minutes.map((m, i) => {
              // Some records come back with the id of an earlier one (another time: the row moves).
              const id = i === 0 && ids.length > 0 ? ids[op.reuse % ids.length] : undefined;
              return record({
                origin: op.origin,
                createdAt: minute(m),
                ...(id === undefined ? {} : { id }),
              });
            });
            ids.push(...batch.map((r) => r.id));
            await store.putRecords(op.origin, batch, { [batch[0]?.id ?? '']: 'a.b.c' });
          } else if (op.kind === 'trim') await store.trimRecords(op.origin, op.keep);
          else await store.forgetSite(op.origin);
        }
        await expectInStep(store);
      }),
      { numRuns: 40 },
    );
  });

  it('split when they grow past PAGE_ROWS and stay in step as rows go', async () => {
    const name = `pages-split-${++n}`;
    const store = await openIdbStore(name);
    const many = Array.from({ length: PAGE_ROWS * 2 + 100 }, (_, i) => record({ createdAt: minute(i * 7) }));
    // Out of order, in three writes: inserts land in the middle of existing pages.
    await store.putRecords(
      ORIGIN_A,
      many.filter((_, i) => i % 3 === 0),
    );
    await store.putRecords(
      ORIGIN_A,
      many.filter((_, i) => i % 3 === 2),
    );
    await store.putRecords(
      ORIGIN_A,
      many.filter((_, i) => i % 3 === 1),
    );
    await store.putRecords(ORIGIN_B, [record({ origin: ORIGIN_B, createdAt: minute(3) })]);
    await expectInStep(store);
    const db = await openDB(name);
    const sizes = (await db.getAll('exportPages')).map((page) => JSON.parse(page.rows).length);
    db.close();
    expect(sizes.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(PAGE_ROWS);
    await store.trimRecords(ORIGIN_A, 300);
    await expectInStep(store);
    await store.forgetSite(ORIGIN_A);
    await expectInStep(store);
    expect((await viaPages(store)).records).toHaveLength(1);
  });

  it('rewrite no page when an announce brings back records already stored', async () => {
    const name = `pages-same-${++n}`;
    const store = await openIdbStore(name);
    const history = Array.from({ length: 5 }, (_, i) => record({ createdAt: minute(i) }));
    await store.putRecords(ORIGIN_A, history);
    const db = await openDB(name);
    // Marks the page: a rewrite would replace the mark.
    const [key] = await db.getAllKeys('exportPages');
    const page = await db.get('exportPages', key as IDBValidKey);
    await db.put('exportPages', { ...page, mark: true }, key as IDBValidKey);
    await store.putRecords(ORIGIN_A, history);
    expect(await db.get('exportPages', key as IDBValidKey)).toMatchObject({ mark: true });
    db.close();
  });

  it('a page that is not one, or a row out of step, makes the read say so', async () => {
    const name = `pages-bad-${++n}`;
    const store = await openIdbStore(name);
    await store.putRecords(
      ORIGIN_A,
      Array.from({ length: 4 }, (_, i) => record({ createdAt: minute(i) })),
    );
    const db = await openDB(name);
    const [key] = await db.getAllKeys('exportPages');
    const page = await db.get('exportPages', key as IDBValidKey);
    const rows = JSON.parse(page.rows) as unknown[];
    // Two rows swapped: every row is valid, the count is right, the order is not.
    await db.put(
      'exportPages',
      { ...page, rows: JSON.stringify([rows[1], rows[0], ...rows.slice(2)]) },
      key as IDBValidKey,
    );
    expect((await viaPages(store)).complete).toBe(false);
    await db.put('exportPages', { schemaVersion: 1, rows: '[not json' }, key as IDBValidKey);
    expect((await viaPages(store)).complete).toBe(false);
    db.close();
  });
});
