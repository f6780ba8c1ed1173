import {
  BRIDGE_NAMESPACE,
  BRIDGE_VERSION,
  SdkToExtensionMessageSchema,
  type SiteSnapshot,
} from '@coreitsm/protocol';
import { junkValueArb } from '@coreitsm/protocol/testing';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
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

function setup() {
  const posted: { message: unknown; target: string }[] = [];
  const win = { postMessage: (message: unknown, target: string) => posted.push({ message, target }) };
  const revoke = vi.fn(async () => '0193a1d2-7c1e-7a4b-9f00-2b9c3c5d6e7f');
  let n = 0;
  const handler = createBridgeHandler({
    window: win as never,
    origin: ORIGIN,
    snapshot: async () => snapshot,
    revoke,
    newId: () => `m${n++}`,
  });
  const send = (data: unknown, extra: Partial<{ source: unknown; origin: string }> = {}) =>
    handler.handle({ source: win, origin: ORIGIN, data, ...extra });
  return { posted, revoke, send, win };
}

const envelope = (type: string, payload: unknown, id = 'req-1') => ({
  ns: BRIDGE_NAMESPACE,
  v: BRIDGE_VERSION,
  from: 'extension',
  id,
  type,
  payload,
});

describe('bridge handler', () => {
  it('answers hello with announce, posted to our own origin only', async () => {
    const { posted, send } = setup();
    await send(envelope('hello', {}));
    expect(posted).toHaveLength(1);
    expect(posted[0]?.target).toBe(ORIGIN);
    const parsed = SdkToExtensionMessageSchema.parse(posted[0]?.message);
    expect(parsed.type).toBe('announce');
  });

  it('revokes (narrowing only), then acks with the record id and announces', async () => {
    const { posted, revoke, send } = setup();
    await send(envelope('revoke', { purposes: ['marketing'] }, 'r9'));
    expect(revoke).toHaveBeenCalledWith(['marketing']);
    const ack = SdkToExtensionMessageSchema.parse(posted[0]?.message);
    expect(ack).toMatchObject({
      type: 'ack',
      payload: { replyTo: 'r9', ok: true, recordId: '0193a1d2-7c1e-7a4b-9f00-2b9c3c5d6e7f' },
    });
    expect(SdkToExtensionMessageSchema.parse(posted[1]?.message).type).toBe('announce');
  });

  it('refuses forged grants: no message type grants, and extra fields are rejected', async () => {
    const { posted, revoke, send } = setup();
    await send(envelope('grant', { purposes: ['marketing'] }));
    await send(envelope('revoke', { purposes: ['marketing'], grant: ['analytics'] }));
    await send(envelope('revoke', { purposes: ['necessary'] }));
    await send(envelope('revoke', { purposes: [] }));
    await send({ ...envelope('revoke', { purposes: ['marketing'] }), choices: { marketing: 'granted' } });
    await send({ ...envelope('revoke', { purposes: ['marketing'] }), from: 'sdk' });
    expect(revoke).not.toHaveBeenCalled();
    expect(posted).toEqual([]);
  });

  it('ignores other origins, other windows and other versions', async () => {
    const { posted, revoke, send } = setup();
    await send(envelope('revoke', { purposes: ['marketing'] }), { origin: 'http://evil.example' });
    await send(envelope('revoke', { purposes: ['marketing'] }), { source: {} });
    await send(envelope('revoke', { purposes: ['marketing'] }), { source: null });
    await send({ ...envelope('hello', {}), v: 2 });
    await send({ ...envelope('hello', {}), ns: 'other' });
    expect(revoke).not.toHaveBeenCalled();
    expect(posted).toEqual([]);
  });

  it('property: junk never triggers anything', async () => {
    const { posted, revoke, send } = setup();
    await fc.assert(
      fc.asyncProperty(junkValueArb, async (junk) => {
        await send(junk);
        await send(envelope('revoke', junk));
      }),
    );
    expect(revoke).not.toHaveBeenCalled();
    expect(posted).toEqual([]);
  });
});
