import { describe, expect, it } from 'vitest';
import type { StoredSite } from '../store/schemas.js';
import { API, fakeWorld, jsonResponse, ORIGIN_A, record } from '../test-support/fixtures.js';
import { signReceipt, testKey } from '../test-support/receipts.js';
import { checkReceipts, KEYS_REFETCH_MS } from './receipt-checks.js';

const site = (api: string | null): StoredSite => ({
  schemaVersion: 1,
  origin: ORIGIN_A,
  siteId: 'servicedesk',
  policyVersion: '1',
  policyUrl: null,
  jurisdiction: 'gdpr',
  api,
  subjectId: 'sub_alice',
  token: 'tok',
  state: null,
  confirmedAt: null,
  pending: {},
});

describe('checkReceipts', () => {
  it('fetches the key set on first use, pins it, then checks offline', async () => {
    const world = await fakeWorld();
    const key = await testKey();
    const [a, b] = [record(), record()];
    const kept = { [a.id]: await signReceipt(key, a) };
    world.serverAnswers.push(() => jsonResponse(200, { keys: [key.jwk] }));
    const first = await checkReceipts(world.deps, site(API), [a, b], kept);
    expect(first.receipts[a.id]?.status).toBe('verified');
    expect(first.receipts[b.id]).toEqual({ status: 'missing' });
    expect(world.requests.map((r) => r.url)).toEqual([`${API}/.well-known/jwks.json`]);
    // Offline now: every later check uses the pinned keys, with no request at all.
    world.deps.fetch = () => Promise.reject(new TypeError('offline'));
    world.clock.now += 10 * KEYS_REFETCH_MS;
    expect((await checkReceipts(world.deps, site(API), [a], kept)).receipts[a.id]?.status).toBe('verified');
    expect((await world.deps.store.getKeySet(API))?.keys).toEqual([key.jwk]);
  });

  it('says unchecked when the keys cannot be fetched and none are pinned, or when the site names no server', async () => {
    const world = await fakeWorld();
    const key = await testKey();
    const a = record();
    const kept = { [a.id]: await signReceipt(key, a) };
    world.serverAnswers.push(() => Promise.reject(new TypeError('offline')));
    const offline = await checkReceipts(world.deps, site(API), [a], kept);
    expect(offline.receipts[a.id]).toEqual({ status: 'unchecked', reason: 'no-keys' });
    const noServer = await checkReceipts(world.deps, site(null), [a], kept);
    expect(noServer.receipts[a.id]).toEqual({ status: 'unchecked', reason: 'no-server' });
  });

  it('fetches again for a kid it does not know (a rotation), at most once per window, and warns of a changed key', async () => {
    const world = await fakeWorld();
    const [old, rotated, swapped] = [await testKey(), await testKey(), await testKey()];
    const [a, b] = [record(), record()];
    world.serverAnswers.push(() => jsonResponse(200, { keys: [old.jwk] }));
    await checkReceipts(world.deps, site(API), [a], { [a.id]: await signReceipt(old, a) });
    const kept = { [a.id]: await signReceipt(old, a), [b.id]: await signReceipt(rotated, b) };
    // Within the window: no new request, the unknown kid is invalid.
    const soon = await checkReceipts(world.deps, site(API), [a, b], kept);
    expect(soon.receipts[b.id]).toMatchObject({ status: 'invalid', reason: 'unknown-key' });
    expect(world.requests).toHaveLength(1);
    world.clock.now += KEYS_REFETCH_MS + 1;
    const changedOld = { ...swapped.jwk, kid: old.jwk.kid };
    world.serverAnswers.push(() => jsonResponse(200, { keys: [rotated.jwk, changedOld] }));
    const later = await checkReceipts(world.deps, site(API), [a, b], kept);
    expect(world.requests).toHaveLength(2);
    expect(later.receipts[a.id]?.status).toBe('verified');
    expect(later.receipts[b.id]?.status).toBe('verified');
    expect(later.keysChanged).toEqual([old.jwk.kid]);
  });
});
