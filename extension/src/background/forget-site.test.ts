import {
  ContentToBackgroundMessages,
  createDispatcher,
  createSender,
  PopupToBackgroundMessages,
} from '@coreitsm/protocol';
import { describe, expect, it } from 'vitest';
import { fakeWorld, ORIGIN_A, ORIGIN_B, record, senderFor, snapshot } from '../test-support/fixtures.js';
import { createContentHandlers } from './content-handlers.js';
import { createPopupHandlers } from './popup-handlers.js';

describe('forget this site (finding 12)', () => {
  it("deletes the origin's row, history, pending marks and queue; a fresh announce is then accepted", async () => {
    const world = await fakeWorld();
    const content = createDispatcher(ContentToBackgroundMessages, createContentHandlers(world.deps));
    const popup = createDispatcher(PopupToBackgroundMessages, createPopupHandlers(world.deps));
    const send = createSender(PopupToBackgroundMessages, (request) => popup(request, undefined));
    const announce = (snap: ReturnType<typeof snapshot>, origin = ORIGIN_A) =>
      content({ type: 'site:announce', payload: { snapshot: snap } }, senderFor(origin, 1));
    await announce(snapshot([record(), record()]));
    const other = [record({ siteId: 'status', origin: ORIGIN_B, policyUrl: `${ORIGIN_B}/privacy` })];
    await announce(snapshot(other, { origin: ORIGIN_B, policyUrl: `${ORIGIN_B}/privacy` }), ORIGIN_B);
    world.serverAnswers.push(() => Promise.reject(new TypeError('fetch failed')));
    await send('sites:revoke', { siteId: 'servicedesk', purposes: ['marketing'] });
    expect(await world.deps.store.listOutbox()).toHaveLength(1);
    const renamed = snapshot([record({ siteId: 'helpdesk' })]);
    expect(await announce(renamed)).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    expect(await send('sites:forget', { origin: ORIGIN_A })).toEqual({ forgotten: true });
    expect(await world.deps.store.getSite(ORIGIN_A)).toBeUndefined();
    expect(await world.deps.store.listRecords(ORIGIN_A)).toEqual([]);
    expect(await world.deps.store.listOutbox()).toEqual([]);
    // Other sites are untouched.
    expect(await world.deps.store.listRecords(ORIGIN_B)).toEqual(other);

    expect(await announce(renamed)).toEqual({ ok: true, value: { reapply: [] } });
    const site = await world.deps.store.getSite(ORIGIN_A);
    expect([site?.siteId, site?.pending]).toEqual(['helpdesk', {}]);
    expect(await send('sites:forget', { origin: 'https://never.example' })).toEqual({ forgotten: false });
  });
});
