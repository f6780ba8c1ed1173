import 'fake-indexeddb/auto';
import { type ConsentRecord, latestRecord, MAX_CLOCK_SKEW_MS } from '@coreitsm/protocol';
import { consentRecordArb } from '@coreitsm/protocol/testing';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { idbStore, openConsentDb } from '../storage/idb-store.js';
import { apiClient } from './api-client.js';
import { outboxSync } from './outbox-sync.js';
import { serverClock } from './server-clock.js';

const API = 'http://127.0.0.1:8787';
let dbCount = 0;
afterEach(() => vi.restoreAllMocks());

interface FakeOptions {
  /** Ids the server refuses with this status (as a server after issue 10: `error.recordId`). */
  refuse?: Map<string, 400 | 409>;
  /** An older server: refusals name no record. */
  namesRecord?: boolean;
  /** The server's clock minus the browser's. */
  serverAhead?: number;
  /** Status for every call while set (e.g. 410 after an erasure). */
  status?: number | undefined;
}

/** A fake server that validates like the real one: per-record refusals, future `createdAt`, a `Date` header. */
function fakeServer(options: FakeOptions = {}) {
  const stored = new Map<string, ConsentRecord>();
  const server = { ...options, stored, subjects: 0, posts: [] as string[][] };
  const serverNow = () => Date.now() + (server.serverAhead ?? 0);
  const answer = (status: number, body: unknown) =>
    Response.json(body, { status, headers: { date: new Date(serverNow()).toUTCString() } });
  const fetchImpl = (async (url: string, init: RequestInit) => {
    const path = new URL(url).pathname;
    if (path === '/v1/subjects') {
      server.subjects++;
      return answer(201, { subjectId: `sub_server${server.subjects}`, token: `tok${server.subjects}` });
    }
    if (server.status) return answer(server.status, { error: { code: 'gone', message: 'subject erased' } });
    const { records } = JSON.parse(String(init.body)) as { records: ConsentRecord[] };
    server.posts.push(records.map((r) => r.id));
    for (const [n, r] of records.entries()) {
      const status = server.refuse?.get(r.id);
      const ahead = Date.parse(r.createdAt) - serverNow() > MAX_CLOCK_SKEW_MS;
      if (!status && !ahead) continue;
      const message = ahead
        ? `records.${n}.createdAt: 600 s ahead of the server clock`
        : `records.${n}: conflicting duplicate`;
      const recordId = server.namesRecord === false ? {} : { recordId: r.id };
      return answer(status ?? 400, { error: { code: 'invalid_request', message, ...recordId } });
    }
    for (const r of records) stored.set(r.id, r);
    return answer(200, { results: records.map((r) => ({ id: r.id, status: 'stored' })) });
  }) as typeof fetch;
  return { server, api: apiClient(API, fetchImpl) };
}

async function storeWith(count: number, subjectId = 'sub_server1', createdAt = new Date().toISOString()) {
  const store = idbStore(await openConsentDb(`refusals-${dbCount++}`), () => undefined);
  await store.adoptSubject({ subjectId, token: 'tok1', api: API }, null);
  const base = fc.sample(consentRecordArb, { numRuns: 1, seed: 3 })[0];
  if (!base) throw new Error('no sample');
  const records: ConsentRecord[] = [];
  for (let i = 0; i < count; i++) {
    const record = { ...base, id: crypto.randomUUID(), subjectId, siteId: 'servicedesk', createdAt };
    await store.append(record, true);
    records.push(record);
  }
  return { store, records };
}

describe('outbox: records the server refuses for good (finding 8)', () => {
  it.each([400, 409] as const)('sets aside the record a %i names and delivers the rest', async (status) => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { store, records } = await storeWith(3);
    const [, bad] = records;
    if (!bad) throw new Error('no record');
    const { server, api } = fakeServer({ refuse: new Map([[bad.id, status]]) });
    const sync = outboxSync(
      () => store,
      api,
      API,
      () => undefined,
    );
    await sync.flush();
    expect([...server.stored.keys()].sort()).toEqual(
      records
        .filter((r) => r !== bad)
        .map((r) => r.id)
        .sort(),
    );
    expect(await store.outbox()).toEqual([]);
    // Kept locally (history and the refused store), reported once, never sent again.
    expect((await store.siteHistory('servicedesk')).map((r) => r.id)).toContain(bad.id);
    await sync.flush();
    expect(server.posts.flat().filter((id) => id === bad.id)).toHaveLength(1);
    expect(errors.mock.calls.filter(([m]) => String(m).includes(bad.id))).toHaveLength(1);
  });

  it('finds the refused record one at a time when an older server does not name it', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { store, records } = await storeWith(3);
    const [first] = records;
    if (!first) throw new Error('no record');
    const { server, api } = fakeServer({ refuse: new Map([[first.id, 400]]), namesRecord: false });
    await outboxSync(
      () => store,
      api,
      API,
      () => undefined,
    ).flush();
    expect(server.stored.size).toBe(2);
    expect(server.stored.has(first.id)).toBe(false);
    expect(await store.outbox()).toEqual([]);
  });

  it('starts a new subject after a 410 (erased) and delivers under it', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { store, records } = await storeWith(2);
    const { server, api } = fakeServer({ status: 410 });
    const sync = outboxSync(
      () => store,
      api,
      API,
      () => undefined,
    );
    await sync.flush();
    server.status = undefined;
    await sync.flush();
    expect([...server.stored.keys()].sort()).toEqual(records.map((r) => r.id).sort());
    expect([...server.stored.values()].every((r) => r.subjectId === 'sub_server1')).toBe(true);
    expect((await store.subject())?.token).toBe('tok1');
    expect(server.subjects).toBe(1);
  });
});

describe('outbox: a clock that runs ahead (finding 2, SDK side)', () => {
  it('replaces a record dated ahead of the server with a re-stamped copy that no longer loses to it', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const tenMinutesAhead = new Date(Date.now() + 10 * 60_000).toISOString();
    const { store, records } = await storeWith(1, 'sub_server1', tenMinutesAhead);
    const [refused] = records;
    if (!refused) throw new Error('no record');
    const { server, api } = fakeServer();
    const setAside: string[] = [];
    const sync = outboxSync(
      () => store,
      api,
      API,
      () => undefined,
      (r, copy) => setAside.push(`${r.id}>${copy?.id}`),
    );
    await sync.flush();
    const [copy] = [...server.stored.values()];
    expect(copy).toMatchObject({
      choices: refused.choices,
      previous: refused.id,
      subjectId: refused.subjectId,
    });
    expect(copy?.id).not.toBe(refused.id);
    expect(Math.abs(Date.parse(copy?.createdAt ?? '') - Date.now())).toBeLessThan(5000);
    expect(setAside).toEqual([`${refused.id}>${copy?.id}`]);
    // The refused record no longer decides the local state; the copy does.
    const history = await store.siteHistory('servicedesk');
    expect(history.map((r) => r.id)).toEqual([copy?.id]);
    expect(latestRecord(history)?.id).toBe(copy?.id);
    expect(await store.outbox()).toEqual([]);
  });

  it('learns the offset from the Date header and ignores offsets under 2 s', () => {
    let local = Date.parse('2026-12-01T12:10:00.000Z');
    const clock = serverClock(() => local);
    clock.observe('Tue, 01 Dec 2026 12:00:00 GMT');
    expect(clock.now().toISOString()).toBe('2026-12-01T12:00:00.000Z');
    local += 1000;
    expect(clock.now().toISOString()).toBe('2026-12-01T12:00:01.000Z');
    clock.observe('Tue, 01 Dec 2026 12:10:00 GMT');
    expect(clock.now().toISOString()).toBe('2026-12-01T12:10:01.000Z');
    clock.observe('not a date');
    clock.observe(null);
    expect(clock.now().toISOString()).toBe('2026-12-01T12:10:01.000Z');
  });

  it('stamps records with the server clock once it has answered, so a fast local clock still delivers', async () => {
    const { server, api } = fakeServer({ serverAhead: -10 * 60_000 });
    await api.createSubject();
    expect(Math.abs(api.clock.now().getTime() - (Date.now() - 10 * 60_000))).toBeLessThan(3000);
    expect(server.subjects).toBe(1);
  });
});
