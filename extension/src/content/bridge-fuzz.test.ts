import {
  bridgeMessage,
  ContentToBackgroundMessages,
  createDispatcher,
  createSender,
  ExtensionToSdkMessageSchema,
  MAX_BRIDGE_HISTORY,
} from '@coreitsm/protocol';
import { hostileBridgeEvents } from '@coreitsm/protocol/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createContentHandlers } from '../background/content-handlers.js';
import { API, fakeWorld, ORIGIN_A, ORIGIN_B, record, senderFor, snapshot } from '../test-support/fixtures.js';
import { startBridge } from './bridge.js';

afterEach(() => vi.restoreAllMocks());

/** The page's window as the content script sees it: a target for `message` events. */
function fakeWindow(origin: string) {
  const target = new EventTarget() as EventTarget & { location: { origin: string }; posted: unknown[] };
  target.location = { origin };
  target.posted = [];
  Object.assign(target, { postMessage: (message: unknown) => target.posted.push(message) });
  return target;
}

describe('bridge fuzz from the page (issue 10, "Also")', () => {
  it('10,000 random and mutated envelopes: no change to what the extension trusts, no request, no unhandled rejection', async () => {
    const world = await fakeWorld();
    const handlers = createContentHandlers(world.deps);
    const dispatch = createDispatcher(ContentToBackgroundMessages, handlers);
    // The real path: content-script bridge → typed sender → background dispatcher (sender-checked).
    let forwarded = 0;
    const send = createSender(ContentToBackgroundMessages, (request) => {
      if ((request as { type?: string }).type === 'site:announce') forwarded++;
      return dispatch(request, senderFor(ORIGIN_A, 1));
    });
    const history = [record()];
    await dispatch(
      { type: 'site:announce', payload: { snapshot: snapshot(history) } },
      senderFor(ORIGIN_A, 1),
    );
    const b = [record({ siteId: 'status', origin: ORIGIN_B, policyUrl: `${ORIGIN_B}/privacy` })];
    await dispatch(
      {
        type: 'site:announce',
        payload: { snapshot: snapshot(b, { origin: ORIGIN_B, policyUrl: `${ORIGIN_B}/privacy` }) },
      },
      senderFor(ORIGIN_B, 2),
    );
    const siteA = await world.deps.store.getSite(ORIGIN_A);
    if (!siteA) throw new Error('no site');
    await world.deps.store.putSite({
      ...siteA,
      pending: { marketing: { revokedAt: '2026-11-26T11:00:00.000Z', server: true } },
    });
    const before = {
      a: await world.deps.store.getSite(ORIGIN_A),
      b: await world.deps.store.getSite(ORIGIN_B),
      bRecords: await world.deps.store.listRecords(ORIGIN_B),
    };

    const win = fakeWindow(ORIGIN_A);
    const other = new EventTarget();
    const refused = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const bridge = startBridge({
      win: win as unknown as Window,
      send,
      newId: () => crypto.randomUUID(),
      ackTimeoutMs: 5,
    });

    const valid = [
      bridgeMessage('sdk', 'announce', 'a1', snapshot(history)),
      bridgeMessage('sdk', 'ack', 'k1', { replyTo: 'nobody', ok: true, recordId: null }),
    ] as unknown as Parameters<typeof hostileBridgeEvents>[0];
    const events = hostileBridgeEvents(valid, 10_000, 20261201, { origin: ORIGIN_B, siteId: 'status' });
    const byMutation = new Map<string, number>();
    for (const e of events) {
      byMutation.set(e.mutation, (byMutation.get(e.mutation) ?? 0) + 1);
      const message = Object.assign(new Event('message'), {
        data: e.data,
        origin: e.origin === 'own' ? ORIGIN_A : e.origin,
        source: e.source === 'self' ? win : other,
      });
      win.dispatchEvent(message);
    }
    // Let every announce the bridge forwarded reach the background and settle.
    for (let i = 0; i < 50; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    bridge.stop();
    process.off('unhandledRejection', onUnhandled);

    const after = await world.deps.store.getSite(ORIGIN_A);
    // What the extension trusts about A never moved: its site id, pinned server, token, subject,
    // pending revocation. B (another origin) is untouched. No other origin appeared.
    expect([after?.siteId, after?.api, after?.token, after?.subjectId]).toEqual([
      'servicedesk',
      API,
      'token-alice',
      'sub_alice',
    ]);
    expect(after?.pending).toEqual(before.a?.pending);
    expect(await world.deps.store.getSite(ORIGIN_B)).toEqual(before.b);
    expect(await world.deps.store.listRecords(ORIGIN_B)).toEqual(before.bRecords);
    expect((await world.deps.store.listSites()).map((s) => s.origin).sort()).toEqual(
      [ORIGIN_A, ORIGIN_B].sort(),
    );
    const aRecords = await world.deps.store.listRecords(ORIGIN_A);
    expect(aRecords.every((r) => r.siteId === 'servicedesk' && r.origin === ORIGIN_A)).toBe(true);
    expect(aRecords.length).toBeLessThanOrEqual(MAX_BRIDGE_HISTORY);
    // Nothing reached a server, nothing was asked of the page, nothing went unhandled.
    expect(world.requests).toEqual([]);
    // The page was asked for nothing but the pending revocation (the narrowing rule re-applies it
    // whenever the page shows it granted by an older state): never a grant, never another purpose.
    const asked = win.posted.map((m) => ExtensionToSdkMessageSchema.parse(m));
    expect(asked.every((m) => m.type === 'revoke' && m.payload.purposes.join() === 'marketing')).toBe(true);
    expect(unhandled).toEqual([]);
    const counts = Object.fromEntries([...byMutation].sort());
    console.info(
      `bridge fuzz (extension side): ${events.length} events; ${forwarded} announces passed the content script's checks (${refused.mock.calls.length} of them refused by the background, the rest own-site announces that changed nothing trusted); ${asked.length} re-applies of the pending revocation; ${world.requests.length} server requests; ${unhandled.length} unhandled rejections`,
      counts,
    );
    expect(events).toHaveLength(10_000);
  }, 120_000);
});
