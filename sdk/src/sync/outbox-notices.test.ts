// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { type ConsentRecord, type Notice, noticeHash } from '@coreitsm/protocol';
import { consentRecordArb } from '@coreitsm/protocol/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConsentStore, PendingNotice } from '../storage/consent-store.js';
import { idbStore, openConsentDb } from '../storage/idb-store.js';
import { memoryStore } from '../storage/memory-store.js';
import { apiClient } from './api-client.js';
import { outboxSync } from './outbox-sync.js';

// Proof of notice (docs/contracts.md): the outbox registers the notice a record names before it
// delivers the record, waits with both while the server is away, and never loses the record.

const API = 'http://127.0.0.1:8787';

const notice: Notice = {
  siteId: 'servicedesk',
  language: 'en',
  policyVersion: '2026-04-08',
  texts: { bannerTitle: 'Your privacy choices', acceptAll: 'Accept all' },
  purposes: ['functional', 'analytics', 'marketing'],
  services: [],
};

/** A server that logs every call; `down` fails like a refused connection, `refuseNotices` answers 400. */
function fakeServer() {
  const log: string[] = [];
  const state = { down: true, refuseNotices: false, notices: new Map<string, Notice>() };
  const fetchImpl = (async (url: string, init: RequestInit) => {
    if (state.down) throw new TypeError('Failed to fetch');
    const path = new URL(url).pathname;
    log.push(path);
    const body = init.body ? JSON.parse(String(init.body)) : null;
    if (path === '/v1/subjects') return Response.json({ subjectId: 'sub_s', token: 'tok' }, { status: 201 });
    if (path === '/v1/notices') {
      if (state.refuseNotices)
        return Response.json(
          { error: { code: 'invalid_request', message: 'notice.texts: bad' } },
          { status: 400 },
        );
      const hash = await noticeHash(body.notice);
      const known = state.notices.has(hash);
      state.notices.set(hash, body.notice);
      return Response.json({ hash }, { status: known ? 200 : 201 });
    }
    if (path === '/v1/records') {
      const records = body.records as ConsentRecord[];
      for (const r of records)
        if (r.noticeHash && !state.notices.has(r.noticeHash)) log.push(`unresolved ${r.noticeHash}`);
      return Response.json({ results: records.map((r) => ({ id: r.id, status: 'stored' })) });
    }
    return new Response('{}', { status: 404 });
  }) as typeof fetch;
  return { state, log, api: apiClient(API, fetchImpl) };
}

async function recordsNaming(store: ConsentStore, pending: PendingNotice, count: number) {
  const records = fc
    .sample(consentRecordArb, { numRuns: count, seed: 11 })
    .map((r) => ({ ...r, subjectId: 'sub_local', noticeHash: pending.hash }));
  await store.adoptSubject({ subjectId: 'sub_local', token: null, api: null }, null);
  for (const r of records) await store.append(r, true, pending);
  return records;
}

const stores: [string, () => Promise<ConsentStore>][] = [
  ['memory', async () => memoryStore()],
  ['IndexedDB', async () => idbStore(await openConsentDb(`notices-${Math.random()}`), () => undefined)],
];

describe.each(stores)('notices in the outbox (%s store)', (_name, makeStore) => {
  it('offline: waits with its records; back online: the notice first, then the records, nothing unresolved', async () => {
    const store = await makeStore();
    const pending = { hash: await noticeHash(notice), notice };
    await recordsNaming(store, pending, 3);
    const { state, log, api } = fakeServer();
    const sync = outboxSync(
      () => store,
      api,
      API,
      () => undefined,
    );
    await sync.flush();
    expect(await store.pendingNotices()).toEqual([pending]);
    expect(await store.outbox()).toHaveLength(3);

    state.down = false;
    await sync.flush();
    expect(log).toContain('/v1/notices');
    expect(log.indexOf('/v1/notices')).toBeLessThan(log.indexOf('/v1/records'));
    expect(log.some((l) => l.startsWith('unresolved'))).toBe(false);
    expect(state.notices.get(pending.hash)).toEqual(notice);
    expect(await store.pendingNotices()).toEqual([]);
    expect(await store.outbox()).toEqual([]);
  });

  it('a notice the server refuses for good is reported and dropped; its records are still delivered', async () => {
    const store = await makeStore();
    const pending = { hash: await noticeHash(notice), notice };
    await recordsNaming(store, pending, 2);
    const { state, log, api } = fakeServer();
    state.down = false;
    state.refuseNotices = true;
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args.join(' '));
    try {
      await sync(store, api).flush();
    } finally {
      console.error = original;
    }
    expect(errors.join('\n')).toMatch(/refused notice [0-9a-f]{64}/);
    expect(await store.pendingNotices()).toEqual([]);
    expect(await store.outbox()).toEqual([]);
    expect(log.filter((l) => l === '/v1/records')).toHaveLength(1);
  });

  it('pagehide sends no record whose notice this page has not seen registered', async () => {
    const store = await makeStore();
    const pending = { hash: await noticeHash(notice), notice };
    const [record] = await recordsNaming(store, pending, 1);
    const { state, log, api } = fakeServer();
    state.down = false;
    const outbox = sync(store, api);
    const subject = { subjectId: 'sub_local', token: 'tok', api: API };
    outbox.flushOnHide(record ? [record] : [], subject);
    await new Promise((r) => setTimeout(r, 10));
    expect(log).toEqual([]);
  });
});

const sync = (store: ConsentStore, api: ReturnType<typeof apiClient>) =>
  outboxSync(
    () => store,
    api,
    API,
    () => undefined,
  );
