import 'fake-indexeddb/auto';
import { consentRecordArb } from '@coreitsm/protocol/testing';
import fc from 'fast-check';
import { type IDBPDatabase, openDB, wrap } from 'idb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { readReceipts } from '../critical/announce.js';
import { openDb } from '../critical/open-db.js';
import { type ConsentDb, DB_NAME, DB_VERSION } from './db-schema.js';
import { idbStore, openConsentDb } from './idb-store.js';
import { memoryStore } from './memory-store.js';

let name: string;
let counter = 0;
beforeEach(() => {
  name = `receipts-${counter++}`;
});

const sample = (n: number) => fc.sample(consentRecordArb, { numRuns: n, seed: 11 });
const receiptOf = (id: string) => `eyJhbGciOiJFZERTQSJ9.${btoa(id).replaceAll('=', '')}.c2lnbmF0dXJl`;

/** A database as version 3 of the SDK left it: history, outbox, a refused record and the subject. */
async function versionThree(dbName: string, records: ReturnType<typeof sample>) {
  const v3 = await openDB(dbName, 3, {
    upgrade(db) {
      db.createObjectStore('records').createIndex('by-site', 'siteId');
      db.createObjectStore('meta');
      db.createObjectStore('outbox');
      db.createObjectStore('refused');
    },
  });
  for (const r of records) await v3.put('records', r, r.id);
  const [first, second] = records;
  if (!first || !second) throw new Error('need two records');
  await v3.put('outbox', first, first.id);
  await v3.put('refused', { record: second, reason: 'x' }, second.id);
  await v3.put('meta', { subjectId: 'sub_kept', token: 'tok', api: 'http://127.0.0.1:8787' }, 'subject');
  v3.close();
}

describe('receipts beside the records (database version 4)', () => {
  it('migrates a version-3 database, through idb, without losing records, outbox, refused or subject', async () => {
    const records = sample(3);
    await versionThree(name, records);
    const db = await openConsentDb(name);
    expect(db.version).toBe(DB_VERSION);
    expect(DB_VERSION).toBe(4);
    const store = idbStore(db, () => undefined);
    expect((await store.allHistory()).map((r) => r.id).sort()).toEqual(records.map((r) => r.id).sort());
    expect((await store.outbox()).map((r) => r.id)).toEqual([records[0]?.id]);
    expect(await db.count('refused')).toBe(1);
    expect((await store.subject())?.subjectId).toBe('sub_kept');
    expect(await store.receipts()).toEqual([]);
  });

  it('migrates a version-3 database through the script tag’s raw open as well', async () => {
    const records = sample(2);
    const original = DB_NAME;
    await versionThree(original, records);
    const raw = await openDb(() => undefined);
    expect(raw.version).toBe(4);
    expect([...raw.objectStoreNames]).toContain('receipts');
    const store = idbStore(wrap(raw) as IDBPDatabase<ConsentDb>, () => undefined);
    expect((await store.allHistory()).length).toBe(2);
    raw.close();
    indexedDB.deleteDatabase(original);
  });

  it('keeps each receipt in the transaction that takes its record out of the outbox', async () => {
    const store = idbStore(await openConsentDb(name), () => undefined);
    const [a, b] = sample(2);
    if (!a || !b) throw new Error('no sample');
    await store.append(a, true);
    await store.append(b, true);
    await store.delivered([{ id: a.id, receipt: receiptOf(a.id) }, { id: b.id }]);
    expect(await store.outbox()).toEqual([]);
    expect(await store.receipts()).toEqual([{ id: a.id, receipt: receiptOf(a.id) }]);
  });

  it('reads back only values that pass ReceiptSchema, reporting the others', async () => {
    const db = await openConsentDb(name);
    await db.put('receipts', { id: 'good', receipt: 'a.b.c' });
    await db.put('receipts', { id: 'bad1', receipt: 'not a jws' });
    await db.put('receipts', { id: 'bad2', receipt: 42 });
    const onCorrupt = vi.fn();
    expect(await idbStore(db, onCorrupt).receipts()).toEqual([{ id: 'good', receipt: 'a.b.c' }]);
    expect(onCorrupt).toHaveBeenCalledTimes(2);
  });

  it('the script tag reads the kept receipts, each checked', async () => {
    const db = await openConsentDb(name);
    const [a, b, other] = sample(3);
    if (!a || !b || !other) throw new Error('no sample');
    await db.put('receipts', { id: a.id, receipt: receiptOf(a.id) });
    await db.put('receipts', { id: b.id, receipt: 'tampered <script>' });
    await db.put('receipts', { id: other.id, receipt: receiptOf(other.id) });
    const raw = await new Promise<IDBDatabase>((resolve, reject) => {
      db.close();
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const read = await readReceipts(raw);
    expect(read.sort((x, y) => x.id.localeCompare(y.id))).toEqual(
      [
        { id: a.id, receipt: receiptOf(a.id) },
        { id: other.id, receipt: receiptOf(other.id) },
      ].sort((x, y) => x.id.localeCompare(y.id)),
    );
  });

  it('the memory store (IndexedDB blocked) keeps none: it would die with the page', async () => {
    const memory = memoryStore();
    const [a] = sample(1);
    if (!a) throw new Error('no sample');
    await memory.append(a, true);
    await memory.delivered([{ id: a.id, receipt: receiptOf(a.id) }]);
    expect(await memory.outbox()).toEqual([]);
    expect(await memory.receipts()).toEqual([]);
  });
});
