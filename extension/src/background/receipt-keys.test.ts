import { describe, expect, it } from 'vitest';
import { API } from '../test-support/fixtures.js';
import { testKey } from '../test-support/receipts.js';
import { pinKeys } from './receipt-keys.js';

const t0 = new Date('2026-11-26T12:00:00.000Z');
const t1 = new Date('2026-11-27T12:00:00.000Z');

describe('pinKeys', () => {
  it('pins the first key set as fetched', async () => {
    const a = await testKey();
    expect(pinKeys(undefined, API, { keys: [a.jwk] }, t0)).toEqual({
      schemaVersion: 1,
      api: API,
      keys: [a.jwk],
      pinnedAt: t0.toISOString(),
      fetchedAt: t0.toISOString(),
      changed: [],
    });
  });

  it('adds the keys of a rotation and keeps the ones no longer published', async () => {
    const [a, b] = [await testKey(), await testKey()];
    const first = pinKeys(undefined, API, { keys: [a.jwk] }, t0);
    const next = pinKeys(first, API, { keys: [b.jwk] }, t1);
    expect(next.keys).toEqual([a.jwk, b.jwk]);
    expect(next.pinnedAt).toBe(t0.toISOString());
    expect(next.fetchedAt).toBe(t1.toISOString());
    expect(next.changed).toEqual([]);
  });

  it('never takes another key under a pinned kid: it keeps the pinned one and notes the change once', async () => {
    const [a, b] = [await testKey(), await testKey()];
    const first = pinKeys(undefined, API, { keys: [a.jwk] }, t0);
    const swapped = { ...b.jwk, kid: a.jwk.kid };
    const next = pinKeys(first, API, { keys: [swapped] }, t1);
    expect(next.keys).toEqual([a.jwk]);
    expect(next.changed).toEqual([{ kid: a.jwk.kid, x: b.jwk.x, seenAt: t1.toISOString() }]);
    expect(pinKeys(next, API, { keys: [swapped] }, t1).changed).toHaveLength(1);
  });
});
