import { ContentToBackgroundMessages, createDispatcher } from '@coreitsm/protocol';
import { describe, expect, it } from 'vitest';
import {
  EXTENSION_ID,
  fakeWorld,
  ORIGIN_A,
  ORIGIN_B,
  record,
  senderFor,
  snapshot,
} from '../test-support/fixtures.js';
import { createContentHandlers } from './content-handlers.js';
import type { ContentSender } from './sender-check.js';

async function setup() {
  const world = await fakeWorld();
  const dispatch = createDispatcher(ContentToBackgroundMessages, createContentHandlers(world.deps));
  const announce = (snap: unknown, sender: ContentSender = senderFor(ORIGIN_A)) =>
    dispatch({ type: 'site:announce', payload: { snapshot: snap } }, sender);
  return { world, dispatch, announce };
}

describe('site:announce', () => {
  it('stores the site, its records and sets the badge to the granted count', async () => {
    const { world, announce } = await setup();
    const history = [record()];
    expect(await announce(snapshot(history))).toEqual({ ok: true, value: { reapply: [] } });
    const site = await world.deps.store.getSite(ORIGIN_A);
    expect(site?.siteId).toBe('servicedesk');
    expect(site?.token).toBe('token-alice');
    expect(site?.confirmedAt).toBe('2026-11-26T12:00:00.000Z');
    expect(await world.deps.store.listRecords(ORIGIN_A)).toEqual(history);
    expect(world.badges.get(7)).toBe('3');
  });

  it.each([
    ['another extension', { ...senderFor(ORIGIN_A), id: 'evil' }],
    ['no tab', { id: EXTENSION_ID, url: `${ORIGIN_A}/` }],
    ['a sub-frame', { ...senderFor(ORIGIN_A), frameId: 3 }],
    ['an unmanaged origin', senderFor('https://evil.example')],
    ['a frame of another origin', { ...senderFor(ORIGIN_A), url: 'https://evil.example/x' }],
  ])('refuses a message from %s', async (_, sender) => {
    const { world, announce } = await setup();
    const answer = await announce(snapshot([record()]), sender as ContentSender);
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await world.deps.store.listSites()).toEqual([]);
  });

  it('refuses a snapshot that speaks for another origin or site', async () => {
    const { world, announce } = await setup();
    // Tab on A announcing B's origin.
    const forB = snapshot([record({ origin: ORIGIN_B, siteId: 'status' })]);
    expect(await announce(forB)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // History smuggling another site's record.
    const smuggled = snapshot([record(), record({ siteId: 'status' })], { siteId: 'servicedesk' });
    expect(await announce(smuggled)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // Once A is known as servicedesk, it cannot rename itself to overwrite "status".
    await announce(snapshot([record()]));
    const renamed = snapshot([record({ siteId: 'status' })]);
    expect(await announce(renamed)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await world.deps.store.listSites()).map((s) => s.siteId)).toEqual(['servicedesk']);
  });

  it('refuses malformed snapshots with a message naming the field', async () => {
    const { world, announce } = await setup();
    const bad = { ...snapshot([record()]), token: 42 };
    const answer = await announce(bad);
    expect(answer).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(JSON.stringify(answer)).toContain('token');
    expect(await world.deps.store.listSites()).toEqual([]);
  });

  it('keeps the name the site gives itself, and drops it when the site stops giving one', async () => {
    const { world, announce } = await setup();
    await announce({ ...snapshot([record()]), siteName: 'CoreITsm Service Desk' });
    expect((await world.deps.store.getSite(ORIGIN_A))?.siteName).toBe('CoreITsm Service Desk');
    await announce(snapshot([record()]));
    expect((await world.deps.store.getSite(ORIGIN_A))?.siteName).toBeNull();
  });

  it.each([
    ['empty', ''],
    ['too long', 'x'.repeat(201)],
    ['a control character', 'Service\u0007Desk'],
    ['a bidirectional override (reads as another name)', 'Bank \u202Eksed ecivreS'],
  ])('refuses a site name that is %s, naming the field', async (_, siteName) => {
    const { world, announce } = await setup();
    const answer = await announce({ ...snapshot([record()]), siteName });
    expect(answer).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(JSON.stringify(answer)).toContain('siteName');
    expect(await world.deps.store.listSites()).toEqual([]);
  });

  it('answers with revocations to re-apply when the site missed them', async () => {
    const { world, announce } = await setup();
    await announce(snapshot([record()]));
    const site = await world.deps.store.getSite(ORIGIN_A);
    if (!site) throw new Error('no site');
    await world.deps.store.putSite({
      ...site,
      pending: { marketing: { revokedAt: '2026-11-26T11:00:00.000Z', server: false } },
    });
    expect(await announce(snapshot([record()]))).toEqual({ ok: true, value: { reapply: ['marketing'] } });
    const denied = record({
      createdAt: '2026-11-26T11:30:00.000Z',
      method: 'extension-revoke',
      choices: { necessary: 'granted', functional: 'granted', analytics: 'granted', marketing: 'denied' },
    });
    expect(await announce(snapshot([record(), denied]))).toEqual({ ok: true, value: { reapply: [] } });
    expect((await world.deps.store.getSite(ORIGIN_A))?.pending).toEqual({});
  });
});

describe('site:revoked', () => {
  it('is accepted only from the site it names', async () => {
    const { dispatch, announce } = await setup();
    await announce(snapshot([record()]));
    const ok = await dispatch(
      { type: 'site:revoked', payload: { siteId: 'servicedesk', recordId: null } },
      senderFor(ORIGIN_A),
    );
    expect(ok).toEqual({ ok: true, value: {} });
    const other = await dispatch(
      { type: 'site:revoked', payload: { siteId: 'status', recordId: null } },
      senderFor(ORIGIN_A),
    );
    expect(other).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
