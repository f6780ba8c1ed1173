import 'fake-indexeddb/auto';
import { latestRecord } from '@coreitsm/protocol';
import { consentRecordArb, malformedRecordArb } from '@coreitsm/protocol/testing';
import fc from 'fast-check';
import { openDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DB_VERSION } from './db-schema.js';
import { idbStore, openConsentDb } from './idb-store.js';
import { lateStore } from './late-store.js';
import { memoryStore } from './memory-store.js';
import { openStore } from './open-store.js';

let name: string;
let counter = 0;
beforeEach(() => {
  name = `test-${counter++}`;
});
afterEach(() => vi.restoreAllMocks());

const sample = (n: number) => fc.sample(consentRecordArb, { numRuns: n, seed: 42 });

describe('IndexedDB store', () => {
  it('appends history and outbox in one go, and reads them back parsed', async () => {
    const store = idbStore(await openConsentDb(name), () => undefined);
    const [a, b] = sample(2).map((r) => ({ ...r, siteId: 'servicedesk' }));
    if (!a || !b) throw new Error('no sample');
    await store.append(a, true);
    await store.append(b, false);
    expect((await store.siteHistory('servicedesk')).map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
    expect((await store.outbox()).map((r) => r.id)).toEqual([a.id]);
    await store.delivered([{ id: a.id }]);
    expect(await store.outbox()).toEqual([]);
    expect(await store.siteHistory('other')).toEqual([]);
  });

  it('migrates a version-1 database (history, no outbox) without losing records', async () => {
    const [record] = sample(1);
    if (!record) throw new Error('no sample');
    const v1 = await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore('records').createIndex('by-site', 'siteId');
        db.createObjectStore('meta');
      },
    });
    await v1.put('records', record, record.id);
    v1.close();
    const db = await openConsentDb(name);
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['meta', 'outbox', 'receipts', 'records', 'refused']);
    const store = idbStore(db, () => undefined);
    expect(await store.siteHistory(record.siteId)).toEqual([record]);
  });

  it('skips corrupted values and reports them', async () => {
    const db = await openConsentDb(name);
    const [good] = sample(1);
    if (!good) throw new Error('no sample');
    await db.put('records', good, good.id);
    await db.put('records', { ...good, id: 'not-a-uuid' }, 'x1');
    await db.put('records', { ...good, id: crypto.randomUUID(), choices: { necessary: 'denied' } }, 'x2');
    await db.put('records', 'garbage', 'x3');
    await db.put('meta', { subjectId: 42 }, 'subject');
    const onCorrupt = vi.fn();
    const store = idbStore(db, onCorrupt);
    expect(await store.allHistory()).toEqual([good]);
    expect(await store.subject()).toBeUndefined();
    expect(onCorrupt).toHaveBeenCalledTimes(4);
  });

  // The malformed record goes under a fixed key: the store is cleared each run, and keying it by its own
  // (junk) id once crashed the test before the product was reached ({ toString: 'x' } cannot be stringified).
  const malformedNeverDecides = (db: Awaited<ReturnType<typeof openConsentDb>>) =>
    fc.asyncProperty(consentRecordArb, malformedRecordArb, async (good, { record: bad }) => {
      const store = idbStore(db, () => undefined);
      await db.clear('records');
      await db.put('records', good, good.id);
      await db.put('records', bad, 'malformed');
      const history = await store.allHistory();
      expect(history).toEqual([good]);
      expect(latestRecord(history)).toEqual(good);
    });

  it('property: a malformed stored record is never read back, so it can never decide', async () => {
    await fc.assert(malformedNeverDecides(await openConsentDb(name)), { numRuns: 60 });
  });

  it('replays the seed that once crashed the test itself (issue 12: an id whose toString is not a function)', async () => {
    await fc.assert(malformedNeverDecides(await openConsentDb(name)), { seed: 1124988849, numRuns: 60 });
  });

  it('moves undelivered records to the server subject, leaving delivered ones alone', async () => {
    const store = idbStore(await openConsentDb(name), () => undefined);
    const [a, b] = sample(2).map((r) => ({ ...r, subjectId: 'sub_local', siteId: 's' }));
    if (!a || !b) throw new Error('no sample');
    await store.append(a, true);
    await store.append(b, false);
    await store.adoptSubject(
      { subjectId: 'sub_server', token: 't', api: 'http://127.0.0.1:8787' },
      'sub_local',
    );
    expect((await store.outbox())[0]?.subjectId).toBe('sub_server');
    const history = await store.siteHistory('s');
    expect(history.find((r) => r.id === a.id)?.subjectId).toBe('sub_server');
    expect(history.find((r) => r.id === b.id)?.subjectId).toBe('sub_local');
    expect(await store.subject()).toEqual({
      subjectId: 'sub_server',
      token: 't',
      api: 'http://127.0.0.1:8787',
    });
  });
});

describe('openStore', () => {
  it('falls back to memory with one warning when IndexedDB is unavailable', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const original = globalThis.indexedDB;
    Object.defineProperty(globalThis, 'indexedDB', { value: undefined, configurable: true });
    try {
      const store = await openStore({ timeoutMs: 100 });
      expect(store.persistent).toBe(false);
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      Object.defineProperty(globalThis, 'indexedDB', { value: original, configurable: true });
    }
  });

  it('a slow open: memory first, then everything moves to IndexedDB (nothing decided meanwhile is lost)', async () => {
    const [early, old] = sample(2);
    if (!early || !old) throw new Error('no sample');
    const memory = memoryStore();
    let open: (store: ReturnType<typeof idbStore>) => void = () => undefined;
    const opening = new Promise<ReturnType<typeof idbStore>>((resolve) => {
      open = resolve;
    });
    const switched = vi.fn();
    const store = lateStore(memory, opening, switched);
    expect(store.persistent).toBe(false);
    await store.adoptSubject({ subjectId: 'sub_memory', token: null, api: null }, null);
    await store.append({ ...early, subjectId: 'sub_memory' }, true);

    const idb = idbStore(await openConsentDb(name), () => undefined);
    await idb.adoptSubject({ subjectId: 'sub_kept', token: 'tok', api: 'http://127.0.0.1:8787' }, null);
    await idb.append(old, false);
    open(idb);
    await vi.waitFor(() => expect(switched).toHaveBeenCalledOnce());
    expect(store.persistent).toBe(true);
    expect((await idb.allHistory()).map((r) => r.id).sort()).toEqual([early.id, old.id].sort());
    expect((await idb.outbox()).map((r) => [r.id, r.subjectId])).toEqual([[early.id, 'sub_kept']]);
    expect((await store.subject())?.subjectId).toBe('sub_kept');
  });

  it('memory store keeps the same contract', async () => {
    const store = memoryStore();
    const [a] = sample(1);
    if (!a) throw new Error('no sample');
    await store.append(a, true);
    expect(await store.outbox()).toEqual([a]);
    expect(await store.siteHistory(a.siteId)).toEqual([a]);
  });
});
