import {
  type AnyConsentRecord,
  ContentToBackgroundMessages,
  createDispatcher,
  createSender,
  OPTIONAL_PURPOSES,
  PopupToBackgroundMessages,
} from '@coreitsm/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeWorld, ORIGIN_A, ORIGIN_B, record, senderFor, snapshot } from '../test-support/fixtures.js';
import { createContentHandlers } from './content-handlers.js';
import { drainOutbox } from './outbox.js';
import { createPopupHandlers } from './popup-handlers.js';
import { revocationCookie, syncRevocationCookie } from './revocation-cookie.js';

const NAME = 'coreconsent_revoked_servicedesk';
const KEY = `${ORIGIN_A} ${NAME}`;
const DAY_S = 86_400;

const at = (iso: string) => ({ revokedAt: iso, server: false });

describe('revocationCookie (the value the SDK parses)', () => {
  it("writes purpose@epochMs per purpose, in the protocol's purpose order, joined by ':'", () => {
    // Given in reverse order: the value must not depend on the map's insertion order.
    const pending = {
      sensitive_limit: at('2026-12-01T00:00:00.004Z'),
      sale_sharing: at('2026-12-01T00:00:00.003Z'),
      marketing: at('2026-12-01T00:00:00.002Z'),
      analytics: at('2026-12-01T00:00:00.001Z'),
      functional: at('2026-12-01T00:00:00.000Z'),
    };
    const t = Date.parse('2026-12-01T00:00:00.000Z');
    expect(revocationCookie('servicedesk', pending)).toEqual({
      name: NAME,
      value: `functional@${t}:analytics@${t + 1}:marketing@${t + 2}:sale_sharing@${t + 3}:sensitive_limit@${t + 4}`,
    });
    expect(
      revocationCookie('servicedesk', {
        marketing: at('2025-12-06T05:46:40.500Z'),
        analytics: at('2025-12-06T05:46:40.000Z'),
      }),
    ).toEqual({ name: NAME, value: 'analytics@1765000000000:marketing@1765000000500' });
  });

  it.each(OPTIONAL_PURPOSES)('writes %s alone as purpose@epochMs (a decimal integer)', (purpose) => {
    const cookie = revocationCookie('a.b_c-1', { [purpose]: at('2026-11-26T12:00:00.123Z') });
    expect(cookie).toEqual({ name: 'coreconsent_revoked_a.b_c-1', value: `${purpose}@1795694400123` });
    expect(cookie?.value).toMatch(/^[a-z_]+@\d+$/);
  });

  it('is null when nothing is pending or the site id is not a site id', () => {
    expect(revocationCookie('servicedesk', {})).toBeNull();
    const pending = { marketing: at('2026-11-26T12:00:00.000Z') };
    for (const siteId of [null, undefined, '', 'Servicedesk', '-x', 'a b', 'x;y', 'x'.repeat(65)])
      expect(revocationCookie(siteId, pending)).toBeNull();
    expect(revocationCookie('x'.repeat(64), pending)?.name).toBe(`coreconsent_revoked_${'x'.repeat(64)}`);
  });
});

async function setup() {
  const world = await fakeWorld();
  const popup = createDispatcher(PopupToBackgroundMessages, createPopupHandlers(world.deps));
  const send = createSender(PopupToBackgroundMessages, (request) => popup(request, undefined));
  const content = createDispatcher(ContentToBackgroundMessages, createContentHandlers(world.deps));
  const announce = (history: AnyConsentRecord[], origin = ORIGIN_A) =>
    content(
      {
        type: 'site:announce',
        payload: {
          snapshot: snapshot(history, origin === ORIGIN_A ? {} : { origin, policyUrl: `${origin}/privacy` }),
        },
      },
      senderFor(origin, 1),
    );
  // The site announced itself once; no tab of it is open now (world.openTabs is empty).
  const granted = record();
  await announce([granted]);
  expect(world.cookieCalls).toEqual([]); // nothing pending, no cookie call on announce
  return { world, send, announce, granted };
}

const expiry = (nowMs: number) => Math.floor(nowMs / 1000) + 400 * DAY_S;

describe('the revocation cookie follows the pending map', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is set on a revocation with no tab open: after the pending mark, before the tabs and the server', async () => {
    const { world, send } = await setup();
    const steps: string[] = [];
    const { siteCookies, tabs, fetch } = world.deps;
    world.deps.siteCookies = {
      ...siteCookies,
      async set(...args) {
        const site = await world.deps.store.getSite(ORIGIN_A);
        steps.push(`cookie (pending: ${Object.keys(site?.pending ?? {}).join()})`);
        return siteCookies.set(...args);
      },
    };
    world.deps.tabs = {
      ...tabs,
      findByOrigin(origin) {
        steps.push('tabs');
        return tabs.findByOrigin(origin);
      },
    };
    world.deps.fetch = (url, init) => {
      steps.push('server');
      return fetch(url, init);
    };

    const now = world.clock.now;
    expect(await send('sites:revoke', { siteId: 'servicedesk', purposes: ['marketing'] })).toMatchObject({
      sites: 1,
      deliveredToTabs: 0,
    });
    expect(steps.slice(0, 3)).toEqual(['cookie (pending: marketing)', 'tabs', 'server']);
    expect(world.cookieCalls[0]).toEqual({
      op: 'set',
      origin: ORIGIN_A,
      name: NAME,
      value: `marketing@${now}`,
      expiresAtSeconds: expiry(now),
    });
    expect(world.cookieJar.get(KEY)).toEqual({ value: `marketing@${now}`, expiresAtSeconds: expiry(now) });
    // The server's acceptance keeps the purpose pending for the site, and the cookie with it.
    expect((await world.deps.store.getSite(ORIGIN_A))?.pending.marketing?.server).toBe(true);
    expect(world.cookieCalls.every((call) => call.op === 'set')).toBe(true);
  });

  it('is re-written with every purpose when more are revoked', async () => {
    const { world, send } = await setup();
    const first = world.clock.now;
    await send('sites:revoke', { siteId: 'servicedesk', purposes: ['marketing'] });
    world.clock.now += 60_000;
    const second = world.clock.now;
    await send('sites:revoke', { siteId: 'servicedesk', purposes: ['analytics'] });
    expect(world.cookieJar.get(KEY)).toEqual({
      value: `analytics@${second}:marketing@${first}`,
      expiresAtSeconds: expiry(second),
    });
  });

  it('is removed when the announce shows every pending purpose settled', async () => {
    const { world, send, announce, granted } = await setup();
    await send('sites:revoke', { siteId: 'servicedesk', purposes: ['analytics', 'marketing'] });
    expect(world.cookieJar.has(KEY)).toBe(true);
    world.clock.now += 60_000;
    const denied = record({
      choices: { ...granted.choices, analytics: 'denied', marketing: 'denied' },
      method: 'preferences',
      createdAt: new Date(world.clock.now).toISOString(),
    });
    expect(await announce([granted, denied])).toEqual({ ok: true, value: { reapply: [] } });
    expect((await world.deps.store.getSite(ORIGIN_A))?.pending).toEqual({});
    expect(world.cookieCalls.at(-1)).toEqual({ op: 'remove', origin: ORIGIN_A, name: NAME });
    expect(world.cookieJar.has(KEY)).toBe(false);

    // Nothing pending before or after: later announces cost no cookie call.
    const calls = world.cookieCalls.length;
    await announce([granted, denied]);
    expect(world.cookieCalls).toHaveLength(calls);
  });

  it('keeps the remainder when only some pending purposes settle', async () => {
    const { world, send, announce, granted } = await setup();
    // The server is down: nothing reaches the site but the next visit.
    world.serverAnswers.push(() => Promise.reject(new TypeError('fetch failed')));
    const revokedAt = world.clock.now;
    await send('sites:revoke', { siteId: 'servicedesk', purposes: ['analytics', 'marketing'] });
    expect(world.cookieJar.get(KEY)?.value).toBe(`analytics@${revokedAt}:marketing@${revokedAt}`);
    world.clock.now += 60_000;
    // The site shows marketing denied, analytics still granted by its older state.
    const partly = record({
      choices: { ...granted.choices, marketing: 'denied' },
      method: 'preferences',
      createdAt: new Date(revokedAt - 1000).toISOString(),
    });
    expect(await announce([granted, partly])).toEqual({ ok: true, value: { reapply: ['analytics'] } });
    expect(world.cookieCalls.at(-1)).toMatchObject({
      op: 'set',
      name: NAME,
      value: `analytics@${revokedAt}`,
    });
    expect(world.cookieJar.get(KEY)).toEqual({
      value: `analytics@${revokedAt}`,
      expiresAtSeconds: expiry(world.clock.now),
    });
  });

  it('is re-asserted when the server later confirms a queued revocation', async () => {
    const { world, send } = await setup();
    world.serverAnswers.push(() => Promise.reject(new TypeError('fetch failed')));
    const revokedAt = world.clock.now;
    await send('sites:revoke', { siteId: 'servicedesk', purposes: ['marketing'] });
    world.cookieJar.clear(); // the page deleted it
    world.clock.now += 16 * 60_000; // past any backoff
    expect(await drainOutbox(world.deps)).toMatchObject({ delivered: 1 });
    expect(world.cookieJar.get(KEY)?.value).toBe(`marketing@${revokedAt}`);
  });

  it('is removed when the site is forgotten, and only that site', async () => {
    const { world, send, announce } = await setup();
    await announce(
      [record({ siteId: 'status', origin: ORIGIN_B, policyUrl: `${ORIGIN_B}/privacy` })],
      ORIGIN_B,
    );
    await send('sites:revoke', { siteId: null, purposes: ['marketing'] });
    expect([...world.cookieJar.keys()].sort()).toEqual(
      [KEY, `${ORIGIN_B} coreconsent_revoked_status`].sort(),
    );
    expect(await send('sites:forget', { origin: ORIGIN_A })).toEqual({ forgotten: true });
    expect(world.cookieCalls.at(-1)).toEqual({ op: 'remove', origin: ORIGIN_A, name: NAME });
    expect([...world.cookieJar.keys()]).toEqual([`${ORIGIN_B} coreconsent_revoked_status`]);
    // An origin never known: no site id, so no cookie to name.
    const calls = world.cookieCalls.length;
    expect(await send('sites:forget', { origin: 'https://never.example' })).toEqual({ forgotten: false });
    expect(world.cookieCalls).toHaveLength(calls);
  });

  it('a refused cookie does not fail the revocation: reported once, the rest goes on', async () => {
    const { world, send } = await setup();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    world.cookieFailure = new Error('cookies blocked');
    world.serverAnswers.push(() => Promise.reject(new TypeError('fetch failed')));
    const result = await send('sites:revoke', { siteId: 'servicedesk', purposes: ['marketing'] });
    expect(result).toEqual({ sites: 1, deliveredToTabs: 0, queuedForServer: 1 });
    expect(world.cookieCalls).toHaveLength(1);
    expect((await world.deps.store.getSite(ORIGIN_A))?.pending.marketing).toBeDefined();
    expect(await world.deps.store.listOutbox()).toHaveLength(1);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(
      /revocation cookie of http:\/\/localhost:8081 not written/,
    );
  });

  it('names no cookie for a site without a valid site id', async () => {
    const world = await fakeWorld();
    const pending = { marketing: at('2026-11-26T12:00:00.000Z') };
    await syncRevocationCookie(world.deps, { origin: ORIGIN_A, siteId: '', pending });
    await syncRevocationCookie(world.deps, { origin: ORIGIN_A, siteId: 'Not A Site', pending: {} });
    expect(world.cookieCalls).toEqual([]);
  });
});
