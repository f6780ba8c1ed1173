import {
  type AnyConsentRecord,
  compareRecency,
  EXPORT_FORMATS,
  type ExportRecord,
  exportRecords as protocolExport,
} from '@coreitsm/protocol';
import { anyConsentRecordArb } from '@coreitsm/protocol/testing';
import fc from 'fast-check';
import { openDB } from 'idb';
import { describe, expect, it, vi } from 'vitest';
import { fakeWorld, ORIGIN_A, ORIGIN_B, record } from '../test-support/fixtures.js';
import { exportFile } from './export-file.js';
import { exportRecords } from './export-records.js';
import { createPopupHandlers } from './popup-handlers.js';

const minute = (i: number) => new Date(Date.UTC(2026, 10, 1, 0, (i * 37) % 61)).toISOString();

/** Valid records whose free-form fields carry what CSV and XML must escape (as export-text.test.ts). */
const awkwardArb = fc
  .tuple(
    anyConsentRecordArb,
    fc.constantFrom(
      'https://a.example/p?x=1&y=<2>',
      'https://a.example/"quoted"',
      'https://a.example/\u00e9t\u00e9',
      null,
    ),
    fc.constantFrom('-1', '+2', '2026-04-08'),
    fc.option(fc.stringMatching(/^[A-Za-z0-9_-]{1,12}\.[A-Za-z0-9_-]{1,12}\.[A-Za-z0-9_-]{1,12}$/), {
      nil: undefined,
    }),
  )
  .map(([r, policyUrl, policyVersion, receipt]) => ({
    record: { ...r, origin: ORIGIN_A, policyUrl, policyVersion } as AnyConsentRecord,
    receipt,
  }));

describe('the export as one Blob, from the packed pages (issue 11)', () => {
  it('is byte for byte the protocol exporters\u2019 file of the stored records (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(awkwardArb, { selector: (x) => x.record.id, maxLength: 12 }),
        async (rows) => {
          const world = await fakeWorld();
          const receipts = Object.fromEntries(
            rows.flatMap((r) => (r.receipt === undefined ? [] : [[r.record.id, r.receipt]])),
          );
          await world.deps.store.putRecords(
            ORIGIN_A,
            rows.map((r) => r.record),
            receipts,
          );
          const expected: ExportRecord[] = rows
            .map((r) => (r.receipt === undefined ? r.record : { ...r.record, receipt: r.receipt }))
            .sort(compareRecency);
          for (const format of EXPORT_FORMATS) {
            const file = await exportFile(world.deps.store, format, world.deps.now());
            expect(await file.file.text()).toBe(protocolExport(expected, format).body);
            expect(file.count).toBe(rows.length);
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('reads the rows when the pages are out of step, and writes the same file', async () => {
    const name = `export-file-stale-${Date.now()}`;
    const world = await fakeWorld(name);
    await world.deps.store.putRecords(
      ORIGIN_A,
      Array.from({ length: 9 }, (_, i) => record({ createdAt: minute(i) })),
    );
    await world.deps.store.putRecords(ORIGIN_B, [
      record({ origin: ORIGIN_B, siteId: 'b', createdAt: minute(2) }),
    ]);
    const db = await openDB(name);
    await db.clear('exportPages'); // as if a write had missed them
    db.close();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    for (const format of EXPORT_FORMATS) {
      const file = await exportFile(world.deps.store, format, world.deps.now());
      expect(await file.file.text()).toBe(
        (await exportRecords(world.deps.store, format, world.deps.now())).body,
      );
      expect(file.count).toBe(10);
    }
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('export pages disagree'));
    warn.mockRestore();
  });

  it('an empty store gives a valid empty file', async () => {
    const world = await fakeWorld();
    const file = await exportFile(world.deps.store, 'json', world.deps.now());
    expect(JSON.parse(await file.file.text())).toMatchObject({ count: 0, records: [] });
    expect(file.file.type).toBe('application/json;charset=utf-8');
  });

  it('`records:export-file` answers the Blob, or only its size when the platform posted it', async () => {
    const world = await fakeWorld();
    await world.deps.store.putRecords(ORIGIN_A, [record({ createdAt: minute(1) })]);
    const answered = await createPopupHandlers(world.deps)['records:export-file'](
      { format: 'csv', delivery: 'delivery-1' },
      {},
    );
    expect(answered.file).toBeInstanceOf(Blob);
    expect(answered).toMatchObject({ count: 1, mimeType: 'text/csv', size: answered.file?.size });
    const posted: unknown[] = [];
    const handOverExport = async (asker: unknown, delivery: unknown) => {
      posted.push({ asker, delivery });
      return true;
    };
    const handlers = createPopupHandlers({ ...world.deps, handOverExport });
    const answer = await handlers['records:export-file'](
      { format: 'csv', delivery: 'delivery-2' },
      { url: 'p' },
    );
    expect(answer.file).toBeUndefined();
    expect(posted).toEqual([
      {
        asker: { url: 'p' },
        delivery: { type: 'records:export-file', delivery: 'delivery-2', file: expect.any(Blob) },
      },
    ]);
    expect(answer.size).toBe(answered.size);
  });
});
