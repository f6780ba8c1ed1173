import {
  type AnyConsentRecord,
  ContentToBackgroundMessages,
  createDispatcher,
  createSender,
  PopupToBackgroundMessages,
} from '@coreitsm/protocol';
import { describe, expect, it, vi } from 'vitest';
import { fakeWorld, ORIGIN_A, ORIGIN_B, record, senderFor, snapshot } from '../test-support/fixtures.js';
import { createContentHandlers } from './content-handlers.js';
import { createPopupHandlers } from './popup-handlers.js';
import { HISTORY_WRITES_PER_MINUTE, MAX_RECORDS_PER_ORIGIN } from './storage-limits.js';

/** `n` fresh records of site A, one minute apart, starting at `start`. */
function flood(n: number, start: number): AnyConsentRecord[] {
  return Array.from({ length: n }, (_, i) =>
    record({ createdAt: new Date(start + i * 60_000).toISOString(), id: crypto.randomUUID() }),
  );
}

async function setup() {
  const world = await fakeWorld();
  const content = createDispatcher(ContentToBackgroundMessages, createContentHandlers(world.deps));
  const popup = createDispatcher(PopupToBackgroundMessages, createPopupHandlers(world.deps));
  const send = createSender(PopupToBackgroundMessages, (request) => popup(request, undefined));
  const announce = (history: AnyConsentRecord[], origin = ORIGIN_A) =>
    content(
      {
        type: 'site:announce',
        payload: {
          snapshot: snapshot(history, origin === ORIGIN_A ? {} : { origin, policyUrl: `${origin}/privacy` }),
        },
      },
      senderFor(origin, origin === ORIGIN_A ? 1 : 2),
    );
  return { world, send, announce };
}

describe('one origin cannot fill the extension (finding 6)', () => {
  it("keeps an origin's newest records only, summarises the rest, and leaves other origins alone", async () => {
    const { world, announce } = await setup();
    const base = Date.parse('2026-01-01T00:00:00.000Z');
    for (let i = 0; i < 5; i++) {
      world.clock.now += 61_000; // under the throttle: each flood is written
      expect(await announce(flood(1000, base + i * 1000 * 60_000))).toMatchObject({ ok: true });
    }
    const kept = await world.deps.store.listRecords(ORIGIN_A);
    expect(kept).toHaveLength(MAX_RECORDS_PER_ORIGIN);
    const newest = base + (4 * 1000 + 999) * 60_000;
    expect(Math.max(...kept.map((r) => Date.parse(r.createdAt)))).toBe(newest);
    const site = await world.deps.store.getSite(ORIGIN_A);
    expect(site?.trimmed?.count).toBeGreaterThanOrEqual(800);
    expect(site?.trimmed?.from).toBe(new Date(base).toISOString());
    const b = [record({ siteId: 'status', origin: ORIGIN_B, policyUrl: `${ORIGIN_B}/privacy` })];
    expect(await announce(b, ORIGIN_B)).toMatchObject({ ok: true });
    expect(await world.deps.store.listRecords(ORIGIN_B)).toHaveLength(1);
  });

  it('throttles history writes per origin but still updates the site and answers re-applies', async () => {
    const { world, announce } = await setup();
    for (let i = 0; i < HISTORY_WRITES_PER_MINUTE; i++)
      await announce(flood(1, Date.parse('2026-11-01T00:00:00Z') + i));
    const stored = (await world.deps.store.listRecords(ORIGIN_A)).length;
    expect(stored).toBe(HISTORY_WRITES_PER_MINUTE);
    const later = flood(1, Date.parse('2026-11-20T00:00:00Z'));
    expect(await announce(later)).toMatchObject({ ok: true });
    expect(await world.deps.store.listRecords(ORIGIN_A)).toHaveLength(stored);
    expect((await world.deps.store.getSite(ORIGIN_A))?.state?.recordId).toBe(later[0]?.id);
    // Another origin has its own allowance.
    const b = [record({ siteId: 'status', origin: ORIGIN_B, policyUrl: `${ORIGIN_B}/privacy` })];
    await announce(b, ORIGIN_B);
    expect(await world.deps.store.listRecords(ORIGIN_B)).toHaveLength(1);
    world.clock.now += 60_000;
    await announce(later);
    expect(await world.deps.store.listRecords(ORIGIN_A)).toHaveLength(stored + 1);
  });

  it('marks a revocation even when storage is full, by making room in history', async () => {
    const { world, send, announce } = await setup();
    await announce(flood(50, Date.parse('2026-11-01T00:00:00Z')));
    const store = world.deps.store;
    const putSite = store.putSite.bind(store);
    let full = true;
    const trim = store.trimRecords.bind(store);
    store.trimRecords = async (origin, keep) => {
      full = false; // history gave room back
      return trim(origin, keep);
    };
    store.putSite = vi.fn(async (site) => {
      if (full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return putSite(site);
    });
    world.serverAnswers.push(() => Promise.reject(new TypeError('fetch failed')));
    await send('sites:revoke', { siteId: 'servicedesk', purposes: ['marketing'] });
    expect((await store.getSite(ORIGIN_A))?.pending.marketing).toMatchObject({ server: false });
    expect((await store.listRecords(ORIGIN_A)).length).toBeLessThanOrEqual(MAX_RECORDS_PER_ORIGIN / 4);
  });
});
