import 'fake-indexeddb/auto';
import { type AnyConsentRecord, latestRecord } from '@coreitsm/protocol';
import { consentRecordArb, malformedRecordArb } from '@coreitsm/protocol/testing';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { acceptAllChoices, rejectAllChoices } from '../core/choices.js';
import { testConfig } from '../core/test-config.js';
import { idbStore, openConsentDb } from '../storage/idb-store.js';
import { dropCopy, readCopy, refreshCopy, writeCopy } from './decision-copy.js';
import { openDb } from './open-db.js';
import { writeDecision } from './write-decision.js';

/** Node has no localStorage: a Map-backed one, replaced per test (and made to fail on demand). */
class MemoryStorage {
  items = new Map<string, string>();
  failWrites = false;
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    if (this.failWrites) throw new DOMException('full', 'QuotaExceededError');
    this.items.set(key, String(value));
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}
let storage: MemoryStorage;
let dbName: string;
let n = 0;
beforeEach(async () => {
  // openDb() opens the SDK's own database name: start each test without it.
  await new Promise((resolve) => {
    const request = indexedDB.deleteDatabase('coreconsent');
    request.onsuccess = request.onerror = request.onblocked = resolve;
  });
  storage = new MemoryStorage();
  vi.stubGlobal('localStorage', storage);
  dbName = `copy-${n++}`;
});
afterEach(() => vi.unstubAllGlobals());

const SITE = 'servicedesk';
const records = (count: number, seed: number) =>
  fc.sample(consentRecordArb, { numRuns: count, seed }).map((r) => ({ ...r, siteId: SITE }));
const committed = (tx: IDBTransaction) =>
  new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('aborted'));
  });
const stored = (key = `coreconsent:decision:${SITE}`) => storage.getItem(key);

describe('the synchronous copy of the latest record (decision-copy.ts)', () => {
  it('follows the history through every append, whatever the order of creation dates (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(consentRecordArb, { minLength: 1, maxLength: 8 }), async (batch) => {
        storage.items.clear();
        const store = idbStore(await openConsentDb(`${dbName}-${n++}`), () => undefined);
        const mine = batch.map((r) => ({ ...r, siteId: SITE }));
        for (const record of mine) {
          await store.append(record, false);
          // After each commit: exactly the newest of what IndexedDB holds, never an older or newer one.
          expect(readCopy(SITE)?.id).toBe(latestRecord(await store.siteHistory(SITE))?.id);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('is written in the banner’s own transaction (write-decision.ts), then read back checked', async () => {
    const db = await openDb(() => undefined);
    const config = testConfig({ siteId: SITE });
    const input = { gpc: false, language: 'en', previous: null, now: new Date() };
    const accepted = await writeDecision(
      db,
      config,
      { ...input, choices: acceptAllChoices('gdpr', false), method: 'accept-all' },
      {},
    );
    expect(readCopy(SITE)).toEqual(accepted);
    const rejected = await writeDecision(
      db,
      config,
      {
        ...input,
        previous: accepted.id,
        now: new Date(Date.now() + 1000),
        choices: rejectAllChoices('gdpr'),
        method: 'reject-all',
      },
      {},
    );
    expect(readCopy(SITE)).toEqual(rejected);
    db.close();
  });

  it('two connections (two tabs) writing at once: the copy is the newest committed record', async () => {
    const [a, b, c, d] = records(4, 7);
    if (!a || !b || !c || !d) throw new Error('no sample');
    const dated = (r: AnyConsentRecord, iso: string) => ({ ...r, createdAt: iso });
    const tabs = [
      idbStore(await openConsentDb(dbName), () => undefined),
      idbStore(await openConsentDb(dbName), () => undefined),
    ];
    const all = [
      dated(a, '2026-12-01T00:00:00.000Z'),
      dated(b, '2026-12-04T00:00:00.000Z'),
      dated(c, '2026-12-02T00:00:00.000Z'),
      dated(d, '2026-12-03T00:00:00.000Z'),
    ];
    await Promise.all(all.map((r, i) => tabs[i % 2]?.append(r, false)));
    expect(readCopy(SITE)?.id).toBe(b.id);
  });

  it('is removed when the transaction that wrote it aborts, or when storage refuses the write', async () => {
    const [a, b] = records(2, 11);
    if (!a || !b) throw new Error('no sample');
    const store = idbStore(await openConsentDb(), () => undefined);
    await store.append(a, false);
    expect(readCopy(SITE)?.id).toBe(a.id);
    const db = await openDb(() => undefined);
    const tx = db.transaction('records', 'readwrite');
    tx.objectStore('records').put(b, b.id);
    writeCopy(tx, SITE);
    const done = committed(tx);
    // The copy is written (the read inside the transaction runs first), then the transaction aborts before its commit.
    let copied: string | null = null;
    tx.objectStore('records').count().onsuccess = () => {
      copied = stored();
      tx.abort();
    };
    await expect(done).rejects.toThrow();
    expect(copied).not.toBeNull();
    expect(stored()).toBeNull();
    // The history is unchanged; a refresh brings the copy back from it.
    refreshCopy(db, SITE);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(readCopy(SITE)?.id).toBe(a.id);
    storage.failWrites = true;
    await store.append(b, false);
    expect(stored()).toBeNull();
    db.close();
  });

  it('a refresh fills a missing copy and removes one the history no longer backs', async () => {
    const [a] = records(1, 13);
    if (!a) throw new Error('no sample');
    const db = await openDb(() => undefined);
    const tx = db.transaction('records', 'readwrite');
    tx.objectStore('records').put(a, a.id);
    await committed(tx); // written without the copy, as by a release before it
    expect(stored()).toBeNull();
    refreshCopy(db, SITE);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(readCopy(SITE)).toEqual(a);
    refreshCopy(db, 'status'); // another site's empty history: no copy for it
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stored('coreconsent:decision:status')).toBeNull();
    db.close();
  });

  it("never trusts a bad copy: malformed, another site's, not JSON, or storage that throws", () => {
    const key = `coreconsent:decision:${SITE}`;
    for (const bad of fc.sample(malformedRecordArb, { numRuns: 200, seed: 3 })) {
      storage.setItem(key, JSON.stringify(bad));
      expect(readCopy(SITE)).toBeUndefined();
    }
    const [a] = records(1, 17);
    storage.setItem(key, JSON.stringify({ ...a, siteId: 'status' }));
    expect(readCopy(SITE)).toBeUndefined();
    storage.setItem(key, '{"id":');
    expect(readCopy(SITE)).toBeUndefined();
    storage.setItem(key, JSON.stringify(a));
    expect(readCopy(SITE)).toEqual(a);
    dropCopy(SITE);
    expect(stored()).toBeNull();
    vi.stubGlobal('localStorage', undefined);
    expect(readCopy(SITE)).toBeUndefined();
    expect(() => dropCopy(SITE)).not.toThrow();
  });
});
