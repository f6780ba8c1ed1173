import { XMLParser } from 'fast-xml-parser';
import { openDB } from 'idb';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { exportRecords } from '../background/export-records.js';
import { exportPiece } from '../background/export-stream.js';
import { API, ORIGIN_A, record } from '../test-support/fixtures.js';
import { openIdbStore } from './idb-store.js';

let n = 0;
const name = () => `receipts-${++n}-${Date.now()}`;
const now = new Date('2026-11-26T12:00:00.000Z');

describe('receipts in the extension store (database version 3, issue 11)', () => {
  it('migrates a version-2 database: records kept, keysets added', async () => {
    const db = name();
    const first = await openIdbStore(db);
    const r = record();
    await first.putRecords(ORIGIN_A, [r]);
    // Back to version 2's shape: drop the version-3 store by reopening at 2 in a fresh database.
    const v2 = `${db}-v2`;
    const old = await openDB(v2, 2, {
      upgrade(database) {
        database.createObjectStore('sites', { keyPath: 'origin' });
        const records = database.createObjectStore('records', { keyPath: ['origin', 'record.id'] });
        records.createIndex('byOrigin', 'origin');
        records.createIndex('byRecency', ['at', 'rank', 'record.id', 'origin'], { unique: true });
        records.createIndex('byOriginRecency', ['origin', 'at', 'rank', 'record.id'], { unique: true });
        database.createObjectStore('summaries', { keyPath: 'origin' });
        database.createObjectStore('outbox', { keyPath: 'id' });
        database.createObjectStore('rights', { keyPath: 'id' });
        database.createObjectStore('settings', { keyPath: 'key' });
      },
    });
    await old.put('records', {
      schemaVersion: 1,
      origin: ORIGIN_A,
      record: r,
      at: Date.parse(r.createdAt),
      rank: -3,
    });
    old.close();
    const store = await openIdbStore(v2);
    expect(await store.listRecords(ORIGIN_A)).toEqual([r]);
    expect(await store.getKeySet(API)).toBeUndefined();
    const keySet = {
      schemaVersion: 1 as const,
      api: API,
      keys: [],
      pinnedAt: now.toISOString(),
      fetchedAt: now.toISOString(),
      changed: [],
    };
    await store.putKeySet(keySet);
    expect(await store.getKeySet(API)).toEqual(keySet);
  });

  it('keeps a receipt beside its record, as first given: a later announce can neither replace nor drop it', async () => {
    const store = await openIdbStore(name());
    const r = record();
    await store.putRecords(ORIGIN_A, [r]);
    expect((await store.pageHistory(ORIGIN_A, { limit: 10 })).receipts).toEqual({});
    await store.putRecords(ORIGIN_A, [r], { [r.id]: 'first.receipt.kept' });
    await store.putRecords(ORIGIN_A, [r], { [r.id]: 'another.receipt.given' });
    await store.putRecords(ORIGIN_A, [r]);
    expect((await store.pageHistory(ORIGIN_A, { limit: 10 })).receipts).toEqual({
      [r.id]: 'first.receipt.kept',
    });
  });

  it('puts each record’s receipt in every export: JSON records[i].receipt, CSV column receipt, XML <receipt>', async () => {
    const store = await openIdbStore(name());
    const [a, b] = [
      record({ createdAt: '2026-11-26T10:00:00.000Z' }),
      record({ createdAt: '2026-11-26T11:00:00.000Z' }),
    ];
    await store.putRecords(ORIGIN_A, [a, b], { [a.id]: 'head.payload.signature' });
    for (const write of [
      (format: 'json' | 'csv' | 'xml') => exportRecords(store, format, now).then((f) => f.body),
      (format: 'json' | 'csv' | 'xml') => exportPiece(store, format, null, now).then((p) => p.body),
    ]) {
      const json = JSON.parse(await write('json')) as { records: { id: string; receipt?: string }[] };
      expect(json.records.map((r) => [r.id, r.receipt])).toEqual([
        [a.id, 'head.payload.signature'],
        [b.id, undefined],
      ]);
      const csv = Papa.parse<Record<string, string>>((await write('csv')).trim(), { header: true }).data;
      expect(csv.map((row) => [row.id, row.receipt])).toEqual([
        [a.id, 'head.payload.signature'],
        [b.id, ''],
      ]);
      const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(
        await write('xml'),
      ) as {
        consentRecords: { record: { id: string; receipt?: string }[] };
      };
      expect(xml.consentRecords.record.map((r) => [r.id, r.receipt])).toEqual([
        [a.id, 'head.payload.signature'],
        [b.id, undefined],
      ]);
    }
  });
});
