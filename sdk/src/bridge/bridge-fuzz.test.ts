import {
  BRIDGE_NAMESPACE,
  BRIDGE_VERSION,
  ExtensionToSdkMessageSchema,
  OPTIONAL_PURPOSES,
  type OptionalPurpose,
  type SiteSnapshot,
} from '@coreitsm/protocol';
import { hostileBridgeEvents } from '@coreitsm/protocol/testing';
import { describe, expect, it } from 'vitest';
import { createBridgeHandler } from './bridge-handler.js';

const ORIGIN = 'http://localhost:8081';
const snapshot: SiteSnapshot = {
  siteId: 'servicedesk',
  origin: ORIGIN,
  policyVersion: 'v1',
  policyUrl: null,
  jurisdiction: 'gdpr',
  api: null,
  subjectId: null,
  token: null,
  state: null,
  history: [],
};
const envelope = (type: string, payload: Record<string, unknown>) => ({
  ns: BRIDGE_NAMESPACE,
  v: BRIDGE_VERSION,
  from: 'extension',
  id: 'req-1',
  type,
  payload,
});

interface NodeLike {
  on(event: 'unhandledRejection', fn: (reason: unknown) => void): void;
  off(event: 'unhandledRejection', fn: (reason: unknown) => void): void;
}

describe('bridge fuzz from the page, SDK side (issue 10, "Also")', () => {
  it('10,000 random and mutated envelopes: only same-window, same-origin, valid revokes narrow; nothing else changes state', async () => {
    const posted: { target: string }[] = [];
    const win = { postMessage: (_message: unknown, target: string) => posted.push({ target }) };
    const revoked: OptionalPurpose[][] = [];
    const handler = createBridgeHandler({
      window: win as never,
      origin: ORIGIN,
      snapshot: async () => snapshot,
      revoke: async (purposes) => {
        revoked.push(purposes);
        return null;
      },
      newId: () => crypto.randomUUID(),
    });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    // Node's process (vitest runs in Node); the SDK's own types have no Node globals.
    const node = (globalThis as unknown as { process: NodeLike }).process;
    node.on('unhandledRejection', onUnhandled);
    const valid = [envelope('hello', {}), envelope('revoke', { purposes: ['marketing'] })];
    const events = hostileBridgeEvents(valid as never, 10_000, 20261201, {
      origin: 'https://evil.example',
      siteId: 'status',
    });
    let expectedRevokes = 0;
    let thrown = 0;
    for (const e of events) {
      const acceptable =
        e.source === 'self' && e.origin === 'own' && ExtensionToSdkMessageSchema.safeParse(e.data).success;
      if (acceptable && (e.data as { type?: string }).type === 'revoke') expectedRevokes++;
      await handler
        .handle({
          source: e.source === 'self' ? win : {},
          origin: e.origin === 'own' ? ORIGIN : e.origin,
          data: e.data,
        })
        .catch(() => thrown++);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    node.off('unhandledRejection', onUnhandled);
    // The harness does see a message the SDK must act on: the valid revoke, as the extension sends it.
    await handler.handle({ source: win, origin: ORIGIN, data: valid[1] });
    expectedRevokes++;
    // Every revoke the SDK made came from a message it had to accept, and only narrowed.
    expect(revoked).toHaveLength(expectedRevokes);
    expect(revoked.every((p) => p.length > 0 && p.every((x) => OPTIONAL_PURPOSES.includes(x)))).toBe(true);
    expect(posted.every((p) => p.target === ORIGIN)).toBe(true);
    expect([thrown, unhandled.length]).toEqual([0, 0]);
    console.info(
      `bridge fuzz (SDK side): ${events.length} events; ${revoked.length - 1} narrowing revokes from same-window, same-origin, schema-valid messages; ${posted.length} answers, all to ${ORIGIN}; ${thrown} thrown; ${unhandled.length} unhandled rejections`,
    );
  }, 120_000);
});
