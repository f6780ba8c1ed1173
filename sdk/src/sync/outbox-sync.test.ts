import { consentRecordArb } from '@coreitsm/protocol/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memoryStore } from '../storage/memory-store.js';
import { apiClient } from './api-client.js';
import { backoffDelay } from './backoff.js';
import { outboxSync } from './outbox-sync.js';

const API = 'http://127.0.0.1:8787';

/** A fake server: `down` makes every call fail like a refused connection. */
function fakeServer() {
  const stored = new Map<string, unknown>();
  const server = { down: true, stored, calls: 0 };
  const fetchImpl = (async (url: string, init: RequestInit) => {
    server.calls++;
    if (server.down) throw new TypeError('Failed to fetch');
    const path = new URL(url).pathname;
    if (path === '/v1/subjects')
      return Response.json({ subjectId: 'sub_server1', token: 'tok' }, { status: 201 });
    if (path === '/v1/records') {
      const { records } = JSON.parse(String(init.body)) as { records: { id: string; subjectId: string }[] };
      if (records.some((r) => r.subjectId !== 'sub_server1'))
        return Response.json({ error: { code: 'forbidden', message: 'x' } }, { status: 403 });
      return Response.json({
        results: records.map((r) => {
          const status = stored.has(r.id) ? 'duplicate' : 'stored';
          stored.set(r.id, r);
          return { id: r.id, status };
        }),
      });
    }
    return new Response('{}', { status: 404 });
  }) as typeof fetch;
  return { server, api: apiClient(API, fetchImpl) };
}

describe('outbox sync', () => {
  it('keeps records while the server is down and delivers them, under the server subject, once it is up', async () => {
    const store = memoryStore();
    const records = fc
      .sample(consentRecordArb, { numRuns: 3, seed: 7 })
      .map((r) => ({ ...r, subjectId: 'sub_local' }));
    await store.adoptSubject({ subjectId: 'sub_local', token: null, api: null }, null);
    for (const r of records) await store.append(r, true);
    const { server, api } = fakeServer();
    const sync = outboxSync(
      () => store,
      api,
      API,
      () => undefined,
    );
    await sync.flush();
    expect((await store.outbox()).length).toBe(3);
    server.down = false;
    await sync.flush();
    expect(await store.outbox()).toEqual([]);
    expect([...server.stored.keys()].sort()).toEqual(records.map((r) => r.id).sort());
    expect((await store.subject())?.subjectId).toBe('sub_server1');
    expect((await store.allHistory()).every((r) => r.subjectId === 'sub_server1')).toBe(true);
  });

  it('sends more than one batch of 100', async () => {
    const store = memoryStore();
    await store.adoptSubject({ subjectId: 'sub_server1', token: 'tok', api: API }, null);
    const base = fc.sample(consentRecordArb, { numRuns: 1, seed: 1 })[0];
    if (!base) throw new Error('no sample');
    for (let i = 0; i < 230; i++)
      await store.append({ ...base, id: crypto.randomUUID(), subjectId: 'sub_server1' }, true);
    const { server, api } = fakeServer();
    server.down = false;
    await outboxSync(
      () => store,
      api,
      API,
      () => undefined,
    ).flush();
    expect(server.stored.size).toBe(230);
    expect(server.calls).toBe(3);
  });

  it('backs off exponentially with jitter, capped', () => {
    expect(backoffDelay(0, () => 0.999)).toBeLessThanOrEqual(1000);
    expect(backoffDelay(3, () => 0.999)).toBeGreaterThan(7000);
    expect(backoffDelay(50, () => 0.999)).toBeLessThanOrEqual(300_000);
    expect(backoffDelay(5, () => 0)).toBe(500);
  });
});
