import { describe, expect, it } from 'vitest';
import { API, fakeWorld, jsonResponse, ORIGIN_A } from '../test-support/fixtures.js';
import { RETRY_BASE_MS, RETRY_MAX_MS, retryDelay } from './backoff.js';
import { drainOutbox, enqueueRevocation, refreshOutboxCredentials } from './outbox.js';

const site = { origin: ORIGIN_A, siteId: 'servicedesk', api: API, token: 'token-alice' };

describe('retryDelay', () => {
  it('doubles from the base, with jitter, up to the ceiling', () => {
    expect(retryDelay(1, () => 0)).toBe(RETRY_BASE_MS / 2);
    expect(retryDelay(1, () => 1)).toBe(RETRY_BASE_MS);
    expect(retryDelay(3, () => 1)).toBe(RETRY_BASE_MS * 4);
    expect(retryDelay(50, () => 1)).toBe(RETRY_MAX_MS);
  });
});

describe('the revocation outbox', () => {
  it('posts to the site server with its token and stores the server record', async () => {
    const w = await fakeWorld();
    await enqueueRevocation(w.deps, site, ['marketing']);
    expect(await drainOutbox(w.deps)).toEqual({ delivered: 1, waiting: 0, failed: 0 });
    expect(w.requests[0]?.url).toBe(`${API}/v1/subjects/me/revocations`);
    expect(new Headers(w.requests[0]?.init.headers).get('authorization')).toBe('Bearer token-alice');
    expect(JSON.parse(String(w.requests[0]?.init.body))).toEqual({
      siteId: 'servicedesk',
      purposes: ['marketing'],
    });
    expect(await w.deps.store.listOutbox()).toEqual([]);
    const [stored] = await w.deps.store.listRecords(ORIGIN_A);
    expect(stored?.method).toBe('extension-revoke');
  });

  it('keeps and reschedules with backoff while the server is down, then delivers', async () => {
    const w = await fakeWorld();
    w.serverAnswers.push(
      () => Promise.reject(new TypeError('fetch failed')),
      () => jsonResponse(503, { error: { code: 'unavailable', message: 'down' } }),
    );
    await enqueueRevocation(w.deps, site, ['marketing']);
    expect(await drainOutbox(w.deps)).toEqual({ delivered: 0, waiting: 1, failed: 0 });
    const [first] = await w.deps.store.listOutbox();
    expect(first?.attempts).toBe(1);
    expect(first?.lastError).toMatch(/unreachable/);
    expect(w.scheduled.at(-1)).toBe(w.clock.now + retryDelay(1, () => 0.5));
    // Not yet due: nothing is sent.
    expect(await drainOutbox(w.deps)).toEqual({ delivered: 0, waiting: 1, failed: 0 });
    expect(w.requests).toHaveLength(1);
    w.clock.now += RETRY_MAX_MS;
    expect(await drainOutbox(w.deps)).toEqual({ delivered: 0, waiting: 1, failed: 0 });
    expect((await w.deps.store.listOutbox())[0]?.attempts).toBe(2);
    w.clock.now += RETRY_MAX_MS;
    expect(await drainOutbox(w.deps)).toEqual({ delivered: 1, waiting: 0, failed: 0 });
  });

  it('survives a restart: the queue is in IndexedDB, not in memory', async () => {
    const name = `restart-${Date.now()}`;
    const before = await fakeWorld(name);
    before.serverAnswers.push(() => Promise.reject(new TypeError('fetch failed')));
    await enqueueRevocation(before.deps, site, ['analytics']);
    await drainOutbox(before.deps);
    const after = await fakeWorld(name); // a new worker opening the same database
    after.clock.now += RETRY_MAX_MS;
    expect(await drainOutbox(after.deps)).toEqual({ delivered: 1, waiting: 0, failed: 0 });
  });

  it('parks a permanent failure (401) until the site gives a fresh token', async () => {
    const w = await fakeWorld();
    w.serverAnswers.push(() => jsonResponse(401, { error: { code: 'unauthorized', message: 'bad token' } }));
    await enqueueRevocation(w.deps, site, ['marketing']);
    expect(await drainOutbox(w.deps)).toEqual({ delivered: 0, waiting: 0, failed: 1 });
    expect((await w.deps.store.listOutbox())[0]?.lastError).toMatch(/401/);
    expect(await drainOutbox(w.deps)).toEqual({ delivered: 0, waiting: 0, failed: 1 });
    await refreshOutboxCredentials(w.deps, ORIGIN_A, API, 'token-new');
    expect(await drainOutbox(w.deps)).toEqual({ delivered: 1, waiting: 0, failed: 0 });
    expect(new Headers(w.requests.at(-1)?.init.headers).get('authorization')).toBe('Bearer token-new');
  });

  it('refuses a malformed server answer and retries later (nothing is lost)', async () => {
    const w = await fakeWorld();
    w.serverAnswers.push(() => jsonResponse(201, { record: { id: 'nope' } }));
    await enqueueRevocation(w.deps, site, ['marketing']);
    expect(await drainOutbox(w.deps)).toEqual({ delivered: 0, waiting: 1, failed: 0 });
    expect((await w.deps.store.listOutbox())[0]?.lastError).toMatch(/malformed/);
  });

  it('runs a drain asked for during another one afterwards (an item queued meanwhile is sent)', async () => {
    const w = await fakeWorld();
    await enqueueRevocation(w.deps, site, ['marketing']);
    const first = drainOutbox(w.deps);
    await enqueueRevocation(w.deps, { ...site, origin: 'http://127.0.0.1:8082', siteId: 'status' }, [
      'analytics',
    ]);
    const second = drainOutbox(w.deps);
    await first;
    await second;
    expect(w.requests).toHaveLength(2);
    expect(await w.deps.store.listOutbox()).toEqual([]);
  });

  it('runs one drain at a time (two triggers never post twice)', async () => {
    const w = await fakeWorld();
    await enqueueRevocation(w.deps, site, ['marketing']);
    await Promise.all([drainOutbox(w.deps), drainOutbox(w.deps)]);
    expect(w.requests).toHaveLength(1);
  });
});
