import {
  ContentToBackgroundMessages,
  createDispatcher,
  createSender,
  PopupToBackgroundMessages,
} from '@coreitsm/protocol';
import { describe, expect, it } from 'vitest';
import {
  API,
  fakeWorld,
  jsonResponse,
  ORIGIN_A,
  record,
  senderFor,
  snapshot,
} from '../test-support/fixtures.js';
import { createContentHandlers } from './content-handlers.js';
import { drainOutbox } from './outbox.js';
import { createPopupHandlers } from './popup-handlers.js';

const ELSEWHERE = 'https://elsewhere.example';

/** A site announced with the real server, then a script on its page announcing another `api`. */
async function hijacked() {
  const world = await fakeWorld();
  const popup = createDispatcher(PopupToBackgroundMessages, createPopupHandlers(world.deps));
  const send = createSender(PopupToBackgroundMessages, (request) => popup(request, undefined));
  const content = createDispatcher(ContentToBackgroundMessages, createContentHandlers(world.deps));
  const announce = (api: string, token: string) =>
    content(
      { type: 'site:announce', payload: { snapshot: snapshot([record()], { api, token }) } },
      senderFor(ORIGIN_A, 1),
    );
  await announce(API, 'token-alice');
  expect(await announce(ELSEWHERE, 'token-evil')).toMatchObject({ ok: true });
  return { world, send, announce };
}

describe('the api a page announces (finding 9)', () => {
  it('stays pinned at the first announce: revocations and rights requests go there, with its token', async () => {
    const { world, send } = await hijacked();
    const site = await world.deps.store.getSite(ORIGIN_A);
    expect([site?.api, site?.token, site?.apiChange?.api]).toEqual([API, 'token-alice', ELSEWHERE]);
    await send('sites:revoke', { siteId: 'servicedesk', purposes: ['marketing'] });
    world.serverAnswers.push(() =>
      jsonResponse(201, { id: 'rr_1', status: 'received', dueAt: '2026-12-26T12:00:00.000Z' }),
    );
    await send('rights:create', {
      siteId: 'servicedesk',
      request: { kind: 'erasure', jurisdiction: 'gdpr', contact: 'a@example.com', details: 'secret' },
    });
    expect(world.requests.map((r) => r.url)).toEqual([
      `${API}/v1/subjects/me/revocations`,
      `${API}/v1/rights-requests`,
    ]);
    const auth = world.requests.map((r) => (r.init.headers as Record<string, string>).authorization);
    expect(auth).toEqual(['Bearer token-alice', 'Bearer token-alice']);
  });

  it('shows the change in the popup and uses it only after the person confirms it', async () => {
    const { world, send } = await hijacked();
    const [view] = (await send('sites:list', {})).sites;
    expect(view?.apiChange).toEqual({ from: API, to: ELSEWHERE });
    await expect(
      send('sites:confirm-api', { origin: ORIGIN_A, api: 'https://third.example' }),
    ).rejects.toThrow(/no pending change/);
    expect(await send('sites:confirm-api', { origin: ORIGIN_A, api: ELSEWHERE })).toEqual({ api: ELSEWHERE });
    const site = await world.deps.store.getSite(ORIGIN_A);
    expect([site?.api, site?.token, site?.apiChange ?? null]).toEqual([ELSEWHERE, 'token-evil', null]);
    await send('sites:revoke', { siteId: 'servicedesk', purposes: ['marketing'] });
    expect(world.requests.at(-1)?.url).toBe(`${ELSEWHERE}/v1/subjects/me/revocations`);
  });

  it('drops the pending change when the page names the pinned server again', async () => {
    const { world, announce } = await hijacked();
    await announce(API, 'token-alice');
    expect((await world.deps.store.getSite(ORIGIN_A))?.apiChange ?? null).toBeNull();
  });

  it('never sends a queued item to an address that is not the pinned one', async () => {
    const { world, send } = await hijacked();
    world.serverAnswers.push(() => Promise.reject(new TypeError('fetch failed')));
    await send('sites:revoke', { siteId: 'servicedesk', purposes: ['marketing'] });
    const [item] = await world.deps.store.listOutbox();
    if (!item) throw new Error('nothing queued');
    // An item written by an older build, or edited in devtools, naming another host.
    await world.deps.store.putOutbox({ ...item, api: ELSEWHERE, nextAttemptAt: 0 });
    await send('sites:list', {});
    await drainOutbox(world.deps);
    expect(world.requests.filter((r) => r.url.startsWith(ELSEWHERE))).toEqual([]);
    expect((await world.deps.store.listOutbox())[0]?.lastError).toMatch(/not this site's confirmed server/);
  });
});
