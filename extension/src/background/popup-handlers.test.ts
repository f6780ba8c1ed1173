import {
  ContentToBackgroundMessages,
  createDispatcher,
  createSender,
  PopupToBackgroundMessages,
} from '@coreitsm/protocol';
import { XMLParser } from 'fast-xml-parser';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  API,
  fakeWorld,
  jsonResponse,
  ORIGIN_A,
  ORIGIN_B,
  record,
  senderFor,
  snapshot,
} from '../test-support/fixtures.js';
import { createContentHandlers } from './content-handlers.js';
import { drainOutbox } from './outbox.js';
import { createPopupHandlers } from './popup-handlers.js';

async function setup() {
  const world = await fakeWorld();
  const popup = createDispatcher(PopupToBackgroundMessages, createPopupHandlers(world.deps));
  const send = createSender(PopupToBackgroundMessages, (request) => popup(request, undefined));
  const content = createDispatcher(ContentToBackgroundMessages, createContentHandlers(world.deps));
  const a = [record()];
  const b = [
    record({
      siteId: 'status',
      origin: ORIGIN_B,
      policyUrl: `${ORIGIN_B}/privacy`,
      choices: { necessary: 'granted', functional: 'denied', analytics: 'granted', marketing: 'denied' },
      method: 'preferences',
    }),
  ];
  await content({ type: 'site:announce', payload: { snapshot: snapshot(a) } }, senderFor(ORIGIN_A, 1));
  await content(
    {
      type: 'site:announce',
      payload: { snapshot: snapshot(b, { origin: ORIGIN_B, policyUrl: `${ORIGIN_B}/privacy` }) },
    },
    senderFor(ORIGIN_B, 2),
  );
  return { world, send, content, a, b };
}

describe('popup handlers', () => {
  it('lists every site with its choices, policy version and confirmation date', async () => {
    const { send } = await setup();
    const { sites } = await send('sites:list', {});
    expect(
      sites.map((s) => [s.siteId, s.origin, s.state?.choices.marketing, s.policyVersion, s.recordCount]),
    ).toEqual([
      ['servicedesk', ORIGIN_A, 'granted', '2026-04-08', 1],
      ['status', ORIGIN_B, 'denied', '2026-04-08', 1],
    ]);
    expect(sites[0]?.confirmedAt).toBe('2026-11-26T12:00:00.000Z');
  });

  it('asks open tabs of a site without a token yet to announce again, and says so', async () => {
    const { world, send, content } = await setup();
    expect((await send('sites:list', {})).refreshing).toBe(false);
    await content(
      {
        type: 'site:announce',
        payload: { snapshot: snapshot([record()], { token: null, subjectId: null }) },
      },
      senderFor(ORIGIN_A, 1),
    );
    world.openTabs.set(ORIGIN_A, [5]);
    expect((await send('sites:list', {})).refreshing).toBe(true);
    expect(world.hellos).toEqual([5]);
  });

  it("revokes in the open tabs and sends the server the tab's own record: one decision, one record (finding 13)", async () => {
    const { world, send } = await setup();
    world.openTabs.set(ORIGIN_A, [11]);
    const result = await send('sites:revoke', { siteId: 'servicedesk', purposes: ['marketing'] });
    expect(result).toEqual({ sites: 1, deliveredToTabs: 1, queuedForServer: 0 });
    expect(world.revokedInTabs).toEqual([{ tabId: 11, purposes: ['marketing'] }]);
    const tabRecord = (await world.deps.store.listRecords(ORIGIN_A)).find(
      (r) => r.method === 'extension-revoke',
    );
    // No second record minted by the server: the tab's record, same id, through POST /v1/records.
    expect(world.requests.map((r) => r.url)).toEqual([`${API}/v1/records`]);
    expect(world.postedRecords).toEqual([tabRecord?.id]);
    expect(
      (await world.deps.store.listRecords(ORIGIN_A)).filter((r) => r.method === 'extension-revoke'),
    ).toHaveLength(1);
    expect((await world.deps.store.getSite(ORIGIN_A))?.pending.marketing?.server).toBe(true);
  });

  it('lets the server mint the record when no tab applied the revocation', async () => {
    const { world, send } = await setup();
    const result = await send('sites:revoke', { siteId: 'servicedesk', purposes: ['marketing'] });
    expect(result).toEqual({ sites: 1, deliveredToTabs: 0, queuedForServer: 0 });
    expect(world.requests.map((r) => r.url)).toEqual([`${API}/v1/subjects/me/revocations`]);
    const site = await world.deps.store.getSite(ORIGIN_A);
    expect(site?.pending.marketing?.server).toBe(true);
    expect(site?.state?.choices.marketing).toBe('denied'); // the server's record is newer
  });

  it("falls back to the server minting when the tab's record never arrives (the tab closed)", async () => {
    const { world, send } = await setup();
    world.openTabs.set(ORIGIN_A, [11]);
    world.deps.tabs.revoke = async () => ({
      applied: true,
      recordId: '0193a1d2-7c1e-7a4b-9f00-ffffffffffff',
    });
    const result = await send('sites:revoke', { siteId: 'servicedesk', purposes: ['marketing'] });
    expect(result.queuedForServer).toBe(1);
    for (let i = 0; i < 5; i++) {
      world.clock.now += 16 * 60_000; // past any backoff
      await drainOutbox(world.deps);
    }
    expect(world.requests.map((r) => r.url)).toEqual([`${API}/v1/subjects/me/revocations`]);
    expect(await world.deps.store.listOutbox()).toEqual([]);
  });

  it('queues for the server when it is down and reports it', async () => {
    const { world, send } = await setup();
    world.serverAnswers.push(() => Promise.reject(new TypeError('fetch failed')));
    const result = await send('sites:revoke', { siteId: 'servicedesk', purposes: ['marketing'] });
    expect(result).toEqual({ sites: 1, deliveredToTabs: 0, queuedForServer: 1 });
    const [view] = (await send('sites:list', {})).sites;
    expect(view?.pendingRevocations).toEqual(['marketing']);
    expect(view?.queuedForServer).toBe(1);
    expect(view?.serverError).toMatch(/unreachable/);
  });

  it('revokes everything everywhere, only purposes each site has', async () => {
    const { world, send } = await setup();
    const result = await send('sites:revoke', {
      siteId: null,
      purposes: ['functional', 'analytics', 'marketing', 'sale_sharing', 'sensitive_limit'],
    });
    expect(result.sites).toBe(2);
    const bodies = world.requests.map((r) => JSON.parse(String(r.init.body)) as { purposes: string[] });
    expect(bodies.every((b) => !b.purposes.includes('sale_sharing'))).toBe(true);
  });

  it('rejects a revoke for an unknown site or a forged grant-shaped payload', async () => {
    const { send, world } = await setup();
    await expect(send('sites:revoke', { siteId: 'nope', purposes: ['marketing'] })).rejects.toThrow(
      /no managed site/,
    );
    const popup = createDispatcher(PopupToBackgroundMessages, createPopupHandlers(world.deps));
    const forged = await popup(
      { type: 'sites:revoke', payload: { siteId: null, purposes: ['necessary'] } },
      undefined,
    );
    expect(forged).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('exports every record as JSON, CSV and XML', async () => {
    const { send, a, b } = await setup();
    const ids = [...a, ...b].map((r) => r.id).sort();
    const json = await send('records:export', { format: 'json' });
    expect(json.filename).toMatch(/^coreitsm-consent-2026-11-26\.json$/);
    expect((JSON.parse(json.body) as { records: { id: string }[] }).records.map((r) => r.id).sort()).toEqual(
      ids,
    );
    const csv = await send('records:export', { format: 'csv' });
    const rows = Papa.parse<Record<string, string>>(csv.body, { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => r.id).sort()).toEqual(ids);
    const xml = await send('records:export', { format: 'xml' });
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(xml.body) as {
      consentRecords: { record: { '@_id': string }[] };
    };
    expect(parsed.consentRecords.record.map((r) => r['@_id']).sort()).toEqual(ids);
    expect(xml.count).toBe(2);
  });

  it('files a rights request with the site server and lists it with status and due date', async () => {
    const { world, send } = await setup();
    world.serverAnswers.push(
      () => jsonResponse(201, { id: 'rr_1', status: 'received', dueAt: '2026-12-26T12:00:00.000Z' }),
      () =>
        jsonResponse(200, {
          id: 'rr_1',
          kind: 'erasure',
          status: 'in-progress',
          dueAt: '2026-12-26T12:00:00.000Z',
          history: [{ status: 'received', at: '2026-11-26T12:00:00.000Z' }],
        }),
      () => Promise.reject(new TypeError('fetch failed')),
    );
    const created = await send('rights:create', {
      siteId: 'servicedesk',
      request: { kind: 'erasure', jurisdiction: 'gdpr', contact: 'a@example.com' },
    });
    expect(created).toMatchObject({ id: 'rr_1', status: 'received' });
    expect(JSON.parse(String(world.requests[0]?.init.body))).toEqual({
      kind: 'erasure',
      jurisdiction: 'gdpr',
      contact: 'a@example.com',
      siteId: 'servicedesk',
    });
    expect((await send('rights:list', {})).requests[0]?.request.status).toBe('in-progress');
    const stale = (await send('rights:list', {})).requests[0];
    expect(stale?.request.status).toBe('in-progress');
    expect(stale?.error).toMatch(/unreachable/);
  });

  it('switches GPC and re-applies the header rule and MAIN-world script', async () => {
    const { world, send } = await setup();
    expect(await send('gpc:get', {})).toEqual({ enabled: false });
    expect(await send('gpc:set', { enabled: true })).toEqual({ enabled: true });
    expect(await send('gpc:get', {})).toEqual({ enabled: true });
    expect(world.gpcCalls.at(-1)).toEqual({
      enabled: true,
      hosts: ['localhost', '127.0.0.1'],
      matches: ['*://localhost/*', '*://127.0.0.1/*'],
    });
  });

  it('adds a managed origin only with host permission, and covers it with GPC', async () => {
    const { world, send } = await setup();
    world.deps.hasHostPermission = async () => false;
    await expect(send('managed:add', { origin: 'https://shop.example' })).rejects.toThrow(/not granted/);
    world.deps.hasHostPermission = async () => true;
    expect(await send('managed:add', { origin: 'https://shop.example' })).toEqual({
      origins: ['https://shop.example'],
    });
    expect(world.gpcCalls.at(-1)?.hosts).toContain('shop.example');
    expect((await send('managed:list', {})).origins).toEqual(['https://shop.example']);
    expect(await send('managed:remove', { origin: 'https://shop.example' })).toEqual({ origins: [] });
  });
});
