// @vitest-environment happy-dom
import { BRIDGE_NAMESPACE, BRIDGE_VERSION, bridgeMessage } from '@coreitsm/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { record, snapshot } from '../test-support/fixtures.js';
import { type Bridge, type SendToBackground, startBridge } from './bridge.js';

const ORIGIN = 'http://localhost:8081';
let bridge: Bridge | undefined;
/** happy-dom's own API to set the page URL (not part of the DOM types). */
const setUrl = (url: string) =>
  (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(url);
afterEach(() => bridge?.stop());

/** Dispatches a message event as the page would see it (happy-dom's postMessage has no real source). */
function deliver(data: unknown, { source = window as unknown, origin = ORIGIN } = {}) {
  window.dispatchEvent(new MessageEvent('message', { data, origin, source: source as Window }));
}

function setup() {
  setUrl(`${ORIGIN}/page`);
  const calls: { type: string; payload: unknown }[] = [];
  const send = vi.fn(async (type: string, payload: unknown) => {
    calls.push({ type, payload });
    return type === 'site:announce' ? { reapply: [] } : {};
  }) as unknown as SendToBackground;
  const posted: unknown[] = [];
  vi.spyOn(window, 'postMessage').mockImplementation((message: unknown) => {
    posted.push(message);
  });
  let n = 0;
  bridge = startBridge({ win: window, send, newId: () => `id-${++n}`, ackTimeoutMs: 50 });
  return { calls, posted };
}

const announce = (snap: unknown) => bridgeMessage('sdk', 'announce', 'a1', snap as never);

describe('the content-script bridge', () => {
  it('forwards a well-formed announce of this origin to the background', async () => {
    const { calls } = setup();
    deliver(announce(snapshot([record()])));
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]?.type).toBe('site:announce');
  });

  it.each([
    ['another source window', { source: {} }],
    ['another origin', { origin: 'https://evil.example' }],
  ])('ignores messages from %s', async (_, options) => {
    const { calls } = setup();
    deliver(announce(snapshot([record()])), options);
    await new Promise((r) => setTimeout(r, 10));
    expect(calls).toEqual([]);
  });

  it('ignores malformed envelopes and snapshots of another origin', async () => {
    const { calls } = setup();
    const good = announce(snapshot([record()]));
    for (const data of [
      'hello',
      null,
      { ...good, ns: 'other' },
      { ...good, v: BRIDGE_VERSION + 1 },
      { ...good, from: 'extension' },
      { ...good, extra: 1 },
      {
        ns: BRIDGE_NAMESPACE,
        v: BRIDGE_VERSION,
        from: 'sdk',
        id: 'x',
        type: 'grant',
        payload: { purposes: ['marketing'] },
      },
      announce(snapshot([record({ origin: 'http://127.0.0.1:8082' })], { origin: 'http://127.0.0.1:8082' })),
    ]) {
      deliver(data);
    }
    await new Promise((r) => setTimeout(r, 10));
    expect(calls).toEqual([]);
  });

  it('posts a revoke to this origin only and resolves with the SDK ack', async () => {
    const { posted } = setup();
    const result = bridge?.revoke(['marketing']);
    expect(posted.at(-1)).toMatchObject({
      ns: BRIDGE_NAMESPACE,
      from: 'extension',
      type: 'revoke',
      payload: { purposes: ['marketing'] },
    });
    expect(window.postMessage).toHaveBeenLastCalledWith(expect.anything(), ORIGIN);
    const { id } = posted.at(-1) as { id: string };
    // A forged ack for another id changes nothing; the real one resolves.
    deliver(bridgeMessage('sdk', 'ack', 'z', { replyTo: 'other', ok: true, recordId: null }));
    deliver(bridgeMessage('sdk', 'ack', 'z', { replyTo: id, ok: true, recordId: record().id }));
    await expect(result).resolves.toMatchObject({ applied: true });
  });

  it('counts a revoke as not applied when the SDK does not answer', async () => {
    setup();
    await expect(bridge?.revoke(['analytics'])).resolves.toEqual({ applied: false, recordId: null });
  });

  it('re-applies what the background asks for after an announce', async () => {
    const calls: string[] = [];
    setUrl(`${ORIGIN}/page`);
    const posted: { type: string; id: string }[] = [];
    vi.spyOn(window, 'postMessage').mockImplementation((m: unknown) => {
      posted.push(m as { type: string; id: string });
    });
    const send = (async (type: string) => {
      calls.push(type);
      return type === 'site:announce' ? { reapply: ['marketing'] } : {};
    }) as unknown as SendToBackground;
    bridge = startBridge({ win: window, send, newId: () => 'r1', ackTimeoutMs: 1000 });
    deliver(announce(snapshot([record()])));
    await vi.waitFor(() => expect(posted.some((m) => m.type === 'revoke')).toBe(true));
    deliver(bridgeMessage('sdk', 'ack', 'z', { replyTo: 'r1', ok: true, recordId: record().id }));
    await vi.waitFor(() => expect(calls).toEqual(['site:announce', 'site:revoked']));
  });
});
