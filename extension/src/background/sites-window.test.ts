import {
  ContentToBackgroundMessages,
  createDispatcher,
  createSender,
  MessageError,
  PopupToBackgroundMessages,
} from '@coreitsm/protocol';
import { describe, expect, it } from 'vitest';
import { fakeWorld, ORIGIN_A, record, senderFor, snapshot } from '../test-support/fixtures.js';
import { createContentHandlers } from './content-handlers.js';
import { createPopupHandlers } from './popup-handlers.js';
import { allowsSharing } from './site-view.js';

/** A background with `count` sites (ids `s-000`… stored in reverse order), every 3rd granting marketing. */
async function setup(count: number) {
  const world = await fakeWorld();
  const popup = createDispatcher(PopupToBackgroundMessages, createPopupHandlers(world.deps));
  const send = createSender(PopupToBackgroundMessages, (request) => popup(request, undefined));
  const content = createDispatcher(ContentToBackgroundMessages, createContentHandlers(world.deps));
  await content(
    { type: 'site:announce', payload: { snapshot: snapshot([record()]) } },
    senderFor(ORIGIN_A, 1),
  );
  const template = await world.deps.store.getSite(ORIGIN_A);
  if (!template?.state) throw new Error('no site announced');
  await world.deps.store.forgetSite(ORIGIN_A);
  for (let i = count - 1; i >= 0; i--) {
    const id = `s-${String(i).padStart(3, '0')}`;
    await world.deps.store.putSite({
      ...template,
      siteId: id,
      origin: `https://${id}.example`,
      state: {
        ...template.state,
        choices: { ...template.state.choices, marketing: i % 3 === 0 ? 'granted' : 'denied' },
      },
    });
  }
  return { world, send };
}

describe('sites:list first window (issue 11: first paint independent of the number of sites)', () => {
  it('answers the first `limit` sites in list order with counts over every site, and says more follow', async () => {
    const { send } = await setup(100);
    const all = await send('sites:list', {});
    const first = await send('sites:list', { limit: 40 });
    expect(first.sites).toEqual(all.sites.slice(0, 40));
    expect(first.sites[0]?.siteId).toBe('s-000');
    expect(first.total).toBe(100);
    expect(first.sharing).toBe(34); // 0, 3, … 99
    expect(first.sharing).toBe(all.sites.filter(allowsSharing).length);
    expect(first.more).toBe(true);
    expect(first.refreshing).toBe(false); // the full list (which follows) asks tabs
    expect(all).toMatchObject({ total: 100, sharing: 34, more: false });
  });

  it('keeps its counts current on every write: a pending revocation counts as refused, a forgotten site goes', async () => {
    const { world, send } = await setup(10);
    world.serverAnswers.push(() => Promise.reject(new TypeError('fetch failed'))); // stays pending
    await send('sites:revoke', { siteId: 's-000', purposes: ['marketing'], origin: 'https://s-000.example' });
    await world.deps.store.forgetSite('https://s-003.example');
    const all = await send('sites:list', {});
    const first = await send('sites:list', { limit: 5 });
    expect(first).toMatchObject({ total: 9, sharing: 2, more: true }); // s-006, s-009
    expect(first.sharing).toBe(all.sites.filter(allowsSharing).length);
    expect(first.sites.map((s) => s.siteId)).toEqual(['s-000', 's-001', 's-002', 's-004', 's-005']);
    expect(first.sites[0]?.pendingRevocations).toEqual(['marketing']);
  });

  it('answers the whole list when it fits, refreshing as a full list does', async () => {
    const { world, send } = await setup(3);
    const first = await send('sites:list', { limit: 40 });
    expect(first).toMatchObject({ total: 3, more: false });
    expect(first.sites).toEqual((await send('sites:list', {})).sites);
    const site = await world.deps.store.getSite('https://s-001.example');
    if (!site) throw new Error('missing');
    await world.deps.store.putSite({ ...site, token: null });
    world.openTabs.set('https://s-001.example', [9]);
    expect((await send('sites:list', { limit: 40 })).refreshing).toBe(true);
    expect(world.hellos).toContain(9);
  });

  it('refuses a window out of bounds (a popup never asks one)', async () => {
    const { send } = await setup(1);
    for (const limit of [0, -1, 1.5, 201])
      await expect(send('sites:list', { limit })).rejects.toMatchObject({ code: 'bad-request' });
    await expect(send('sites:list', { limit: 0 })).rejects.toBeInstanceOf(MessageError);
  });

  it('an older popup (no `limit`) still gets every site', async () => {
    const { send } = await setup(50);
    const all = await send('sites:list', {});
    expect(all.sites).toHaveLength(50);
    expect(all.sites.map((s) => s.siteId)).toEqual([...all.sites.map((s) => s.siteId)].sort());
  });
});
