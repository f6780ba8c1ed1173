import { anyConsentRecordArb, junkValueArb, malformedRecordArb } from '@coreitsm/protocol/testing';
import fc from 'fast-check';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { ORIGIN_A, record } from '../test-support/fixtures.js';
import { plainExportRow } from './check-row.js';
import { openIdbStore } from './idb-store.js';
import { recordOrder } from './record-order.js';
import { StoredRecordSchema } from './schemas.js';

const receiptArb = fc
  .tuple(...[0, 1, 2].map(() => fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/)))
  .map((parts) => parts.join('.'));

/** Rows as the store writes them: the record, its sort keys, sometimes a receipt. */
const rowArb = fc
  .tuple(
    anyConsentRecordArb,
    fc.option(receiptArb, { nil: undefined }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer({ min: -6, max: 0 }),
  )
  .map(([record, receipt, at, rank]) => ({
    schemaVersion: 1,
    origin: record.origin,
    record,
    at,
    rank,
    ...(receipt === undefined ? {} : { receipt }),
  }));

/** What the export takes from a row through the zod parse (the reference). */
function viaZod(row: unknown) {
  const parsed = z.safeParse(StoredRecordSchema, row);
  if (!parsed.success) return null;
  const { record, receipt } = parsed.data;
  return receipt === undefined ? record : { ...record, receipt };
}

/** The fast check may refuse what zod accepts (the export then parses it), never the reverse. */
function agrees(row: unknown): void {
  const fast = plainExportRow(row);
  if (fast === null) return;
  const reference = viaZod(row);
  expect(reference, fc.stringify(row)).not.toBeNull();
  // Same values, same key order: the export writes the same bytes either way.
  expect(JSON.stringify(fast)).toBe(JSON.stringify(reference));
}

describe('plainExportRow is held to StoredRecordSchema', () => {
  it('takes every row the store writes, as the zod parse gives it back', () => {
    fc.assert(
      fc.property(rowArb, (row) => {
        expect(plainExportRow(row)).not.toBeNull();
        agrees(row);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses every malformed record zod refuses', () => {
    fc.assert(
      fc.property(rowArb, malformedRecordArb, (row, { record }) => {
        const bad = { ...row, record };
        expect(plainExportRow(bad)).toBeNull();
        expect(viaZod(bad)).toBeNull();
      }),
      { numRuns: 1000 },
    );
  });

  it('never accepts what zod refuses, whatever field of the row or record is changed', () => {
    const fields = fc.constantFrom(
      'schemaVersion',
      'origin',
      'at',
      'rank',
      'receipt',
      'record.id',
      'record.schemaVersion',
      'record.origin',
      'record.policyUrl',
      'record.policyVersion',
      'record.choices',
      'record.createdAt',
      'record.receivedAt',
      'record.previous',
      'record.noticeHash',
      'record.extra',
      'record.choices.necessary',
      'record.choices.marketing',
      'record.choices.__proto__',
    );
    const value = fc.oneof(
      junkValueArb,
      fc.constantFrom(null, undefined, true, 0, Number.NaN, Number.POSITIVE_INFINITY, 1.5, 2 ** 60, 'denied'),
      fc.string({ maxLength: 30 }),
      fc.stringMatching(/^https?:\/\/[a-z.]{1,12}(:\d{1,5})?\/?[a-z"<&]{0,5}$/),
      fc.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/),
      fc.stringMatching(/^[A-Za-z0-9_.-]{0,20}$/),
    );
    fc.assert(
      fc.property(rowArb, fields, value, (row, field, v) => {
        const copy = structuredClone(row) as Record<string, unknown>;
        const path = field.split('.');
        let target = copy;
        for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
        const last = path.at(-1) as string;
        if (last === '__proto__') Object.defineProperty(target, '__proto__', { value: v, enumerable: true });
        else target[last] = v;
        agrees(copy);
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves a record in another key order, or a row that is no object, to the zod parse', () => {
    const [row] = fc.sample(rowArb, { numRuns: 1, seed: 11 });
    const { id, ...rest } = row?.record ?? ({} as Record<string, unknown>);
    const reordered = { ...row, record: { ...rest, id } };
    expect(plainExportRow(reordered)).toBeNull();
    expect(viaZod(reordered)).not.toBeNull();
    for (const junk of [null, 1, 'row', [], undefined]) expect(plainExportRow(junk)).toBeNull();
  });
});

describe('the export reads every row checked (issue 11)', () => {
  it('exports a row in an unusual key order through the zod parse, and skips a bad one', async () => {
    const name = `check-row-${Date.now()}`;
    const store = await openIdbStore(name);
    const plain = record({ createdAt: '2026-11-26T10:00:00.000Z' });
    const { id, ...rest } = record({ createdAt: '2026-11-26T10:01:00.000Z' });
    const reordered = { ...rest, id };
    await store.putRecords(ORIGIN_A, [plain]);
    const db = await openDB(name);
    const row = (r: object & { id: string; createdAt: string }) => ({
      schemaVersion: 1,
      origin: ORIGIN_A,
      record: r,
      ...recordOrder(r as typeof plain),
    });
    await db.put('records', row(reordered));
    await db.put('records', {
      ...row({ ...plain, id: crypto.randomUUID(), createdAt: '2026-11-26T10:02:00.000Z' }),
      record: { ...plain, id: 'not-a-uuid', createdAt: '2026-11-26T10:02:00.000Z' },
    });
    db.close();
    const page = await store.exportPage(null, 10);
    expect(page.read).toBe(3);
    expect(page.records.map((r) => r.id)).toEqual([plain.id, id]);
    // The zod parse writes the schema's key order: the file is the same as for a plain row.
    expect(Object.keys(page.records[1] ?? {})).toEqual(Object.keys(plain));
  });
});
