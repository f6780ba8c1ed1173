import { compareRecency } from '@coreitsm/protocol';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { exportFile } from '../background/export-file.js';
import { exportRecords } from '../background/export-records.js';
import { ORIGIN_A, ORIGIN_B, record } from '../test-support/fixtures.js';
import { openIdbStore } from './idb-store.js';

let n = 0;
const at = (minute: number) => new Date(Date.UTC(2026, 10, 26, 10, minute)).toISOString();

/** A database as version 1 of the extension left it (same stores, rows without sort keys). */
async function version1(name: string, rows: { origin: string; record: ReturnType<typeof record> }[]) {
  const db = await openDB(name, 1, {
    upgrade(database) {
      database.createObjectStore('sites', { keyPath: 'origin' });
      const records = database.createObjectStore('records', { keyPath: ['origin', 'record.id'] });
      records.createIndex('byOrigin', 'origin');
      database.createObjectStore('outbox', { keyPath: 'id' });
      database.createObjectStore('rights', { keyPath: 'id' });
      database.createObjectStore('settings', { keyPath: 'key' });
    },
  });
  for (const row of rows) await db.put('records', { schemaVersion: 1, ...row });
  await db.put('records', { schemaVersion: 1, origin: ORIGIN_A, record: { id: 'not-a-record' } });
  db.close();
}

describe('IndexedDB version 2: summaries and recency indexes (issue 11)', () => {
  it('migrates a version-1 database: every parsable row is ordered, counted and summarised', async () => {
    const name = `upgrade-${++n}`;
    const a = [3, 1, 2].map((m) => record({ origin: ORIGIN_A, createdAt: at(m) }));
    const onB = record({ origin: ORIGIN_B, siteId: 'b', createdAt: at(0) });
    const b = [onB];
    await version1(name, [
      ...a.map((r) => ({ origin: ORIGIN_A, record: r })),
      { origin: ORIGIN_B, record: onB },
    ]);
    const store = await openIdbStore(name);
    const summaries = new Map((await store.listSummaries()).map((s) => [s.origin, s]));
    expect(summaries.get(ORIGIN_A)).toMatchObject({ recordCount: 3, lastRecordAt: at(3) });
    expect(summaries.get(ORIGIN_B)).toMatchObject({ recordCount: 1, lastRecordAt: at(0) });
    const page = await store.pageHistory(ORIGIN_A, { limit: 10 });
    expect(page.records.map((r) => r.createdAt)).toEqual([at(3), at(2), at(1)]);
    expect(await store.countAllRecords()).toBe(4); // the bad row could not be keyed in recency order (version 4)
    const all = await store.exportPage(null, 10);
    expect(all.records.map((r) => r.id)).toEqual([...a, ...b].sort(compareRecency).map((r) => r.id));
  });

  it('keeps summaries current on put, trim and forget', async () => {
    const store = await openIdbStore(`summary-${++n}`);
    const rows = Array.from({ length: 6 }, (_, i) => record({ createdAt: at(i) }));
    await store.putRecords(ORIGIN_A, rows);
    await store.putRecords(ORIGIN_A, rows.slice(0, 1)); // the same record again is not counted twice
    expect(await store.listSummaries()).toMatchObject([{ recordCount: 6, lastRecordAt: at(5) }]);
    expect(await store.trimRecords(ORIGIN_A, 4)).toEqual({ count: 2, from: at(0), to: at(1) });
    expect(await store.listSummaries()).toMatchObject([{ recordCount: 4, lastRecordAt: at(5) }]);
    await store.forgetSite(ORIGIN_A);
    expect(await store.listSummaries()).toEqual([]);
  });

  it('keeps one row per record id, whatever time or choices it comes back with (version 4 keys)', async () => {
    const store = await openIdbStore(`same-id-${++n}`);
    const first = record({ createdAt: at(1) });
    await store.putRecords(ORIGIN_A, [first]);
    const moved = { ...first, createdAt: at(2) };
    await store.putRecords(ORIGIN_A, [moved, { ...first, createdAt: at(4) }, moved]);
    expect(await store.countAllRecords()).toBe(1);
    expect((await store.pageHistory(ORIGIN_A, { limit: 10 })).records).toEqual([moved]);
    expect(await store.listSummaries()).toMatchObject([{ recordCount: 1, lastRecordAt: at(2) }]);
  });

  it('pages a history newest first, and the export oldest first across sites', async () => {
    const store = await openIdbStore(`paging-${++n}`);
    // Same minute: the more restrictive record counts as the later one (compareRecency).
    const denied = record({
      createdAt: at(7),
      choices: { necessary: 'granted', functional: 'denied', analytics: 'denied', marketing: 'denied' },
    });
    const rows = [
      ...Array.from({ length: 7 }, (_, i) => record({ createdAt: at(i) })),
      record({ createdAt: at(7) }),
      denied,
    ];
    await store.putRecords(ORIGIN_A, [...rows].reverse());
    await store.putRecords(ORIGIN_B, [record({ origin: ORIGIN_B, createdAt: at(3) })]);
    const first = await store.pageHistory(ORIGIN_A, { limit: 4 });
    expect(first.records[0]?.id).toBe(denied.id);
    expect(first.more).toBe(true);
    const seen = [...first.records];
    let page = first;
    while (page.more) {
      page = await store.pageHistory(ORIGIN_A, { before: seen.at(-1)?.id, limit: 4 });
      seen.push(...page.records);
    }
    expect(seen.map((r) => r.id)).toEqual([...rows].sort((x, y) => compareRecency(y, x)).map((r) => r.id));
    const exported: string[] = [];
    let key = null;
    for (;;) {
      const next = await store.exportPage(key, 3);
      exported.push(...next.records.map((r) => r.createdAt));
      if (next.read < 3 || next.lastKey === null) break;
      key = next.lastKey;
    }
    expect(exported).toHaveLength(10);
    expect(exported).toEqual([...exported].sort());
  });

  it('version 5: gives every stored site its `sharing` and reads the first window by the list index', async () => {
    const name = `sites-v5-${++n}`;
    const db = await openDB(name, 1, {
      upgrade(database) {
        database.createObjectStore('sites', { keyPath: 'origin' });
        database
          .createObjectStore('records', { keyPath: ['origin', 'record.id'] })
          .createIndex('byOrigin', 'origin');
        database.createObjectStore('outbox', { keyPath: 'id' });
        database.createObjectStore('rights', { keyPath: 'id' });
        database.createObjectStore('settings', { keyPath: 'key' });
      },
    });
    const r = record();
    const site = (siteId: string, origin: string, marketing: 'granted' | 'denied', extra = {}) => ({
      schemaVersion: 1,
      origin,
      siteId,
      policyVersion: r.policyVersion,
      policyUrl: null,
      jurisdiction: r.jurisdiction,
      api: null,
      subjectId: null,
      token: null,
      state: {
        choices: { necessary: 'granted', marketing },
        policyVersion: r.policyVersion,
        jurisdiction: r.jurisdiction,
        recordId: r.id,
        createdAt: r.createdAt,
      },
      confirmedAt: r.createdAt,
      pending: {},
      ...extra,
    });
    await db.put('sites', site('zeta', ORIGIN_A, 'granted'));
    await db.put('sites', site('alpha', ORIGIN_B, 'granted', { futureField: 'kept' }));
    // Granted, but revoked in the extension and not yet stored by the server: refused.
    await db.put(
      'sites',
      site('mid', 'https://mid.example', 'granted', {
        pending: { marketing: { revokedAt: r.createdAt, server: false } },
      }),
    );
    await db.put('sites', site('beta', 'https://beta.example', 'denied'));
    db.close();
    const store = await openIdbStore(name);
    const first = await store.firstSites(2);
    expect(first.sites.map((s) => s.siteId)).toEqual(['alpha', 'beta']);
    expect(first).toMatchObject({ total: 4, sharing: 2, more: true });
    expect((await store.firstSites(10)).more).toBe(false);
    // The row was written again as it was, plus `sharing`; reads still give the schema's shape.
    const raw = await openDB(name);
    expect(await raw.get('sites', ORIGIN_B)).toMatchObject({ futureField: 'kept', sharing: 1 });
    raw.close();
    expect(await store.getSite(ORIGIN_B)).not.toHaveProperty('sharing');
    // A put keeps the count current.
    const zeta = await store.getSite(ORIGIN_A);
    if (!zeta?.state) throw new Error('missing');
    await store.putSite({
      ...zeta,
      state: { ...zeta.state, choices: { ...zeta.state.choices, marketing: 'denied' } },
    });
    expect((await store.firstSites(1)).sharing).toBe(1);
  });

  it("version 6: packs a version-5 database's rows into export pages; the export reads them, same bytes", async () => {
    const name = `pages-v6-${++n}`;
    const db = await openDB(name, 5, {
      upgrade(database) {
        database.createObjectStore('sites', { keyPath: 'origin' });
        const records = database.createObjectStore('records', {
          keyPath: ['at', 'rank', 'record.id', 'origin'],
        });
        records.createIndex('byOrigin', 'origin');
        records.createIndex('byOriginId', ['origin', 'record.id'], { unique: true });
        records.createIndex('byOriginRecency', ['origin', 'at', 'rank', 'record.id'], { unique: true });
        for (const store of ['outbox', 'rights', 'settings', 'summaries', 'icons'])
          database.createObjectStore(store, { keyPath: store === 'settings' ? 'key' : 'origin' });
        database.createObjectStore('keysets', { keyPath: 'api' });
      },
    });
    const rows = Array.from({ length: 600 }, (_, i) => record({ createdAt: at(i % 60) }));
    for (const [i, r] of rows.entries()) {
      const grants = Object.values(r.choices).filter((v) => v === 'granted').length;
      await db.put('records', {
        schemaVersion: 1,
        origin: i % 2 ? ORIGIN_A : ORIGIN_B,
        record: r,
        at: Date.parse(r.createdAt),
        rank: -grants,
        ...(i % 3 ? {} : { receipt: 'a.b.c' }),
      });
    }
    db.close();
    const store = await openIdbStore(name);
    let pages = 0;
    const complete = await store.readExport({ begin: () => undefined, records: () => void pages++ });
    expect(complete).toBe(true);
    for (const format of ['json', 'csv', 'xml'] as const) {
      const file = await exportFile(store, format, new Date());
      expect(await file.file.text()).toBe((await exportRecords(store, format, new Date())).body);
      expect(file.count).toBe(600);
    }
    const raw = await openDB(name);
    expect(await raw.count('exportPages')).toBe(3); // 600 rows, 256 to a page
    raw.close();
  });
});
