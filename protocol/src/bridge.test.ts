import { describe, expect, it } from 'vitest';
import {
  BRIDGE_NAMESPACE,
  BRIDGE_VERSION,
  bridgeMessage,
  type ExtensionToSdkMessage,
  ExtensionToSdkMessageSchema,
  SdkToExtensionMessageSchema,
} from './bridge.js';
import { denyPurposes, isNarrowing } from './narrowing.js';

const revoke = {
  ns: BRIDGE_NAMESPACE,
  v: BRIDGE_VERSION,
  from: 'extension',
  id: 'm1',
  type: 'revoke',
  payload: { purposes: ['marketing'] },
};

describe('bridge envelope', () => {
  it('accepts a well-formed revoke and hello', () => {
    expect(ExtensionToSdkMessageSchema.safeParse(revoke).success).toBe(true);
    const hello = bridgeMessage<ExtensionToSdkMessage>('extension', 'hello', 'm2', {});
    expect(ExtensionToSdkMessageSchema.parse(hello)).toEqual(hello);
  });

  it.each([
    ['another namespace', { ...revoke, ns: 'other' }],
    ['a future version', { ...revoke, v: 2 }],
    ['a message claiming to be from the SDK', { ...revoke, from: 'sdk' }],
    ['an unknown type', { ...revoke, type: 'grant' }],
    [
      'a grant smuggled into a revoke',
      { ...revoke, payload: { purposes: ['marketing'], grant: ['analytics'] } },
    ],
    ['a revoke of necessary', { ...revoke, payload: { purposes: ['necessary'] } }],
    ['an empty revoke', { ...revoke, payload: { purposes: [] } }],
    ['a choices object', { ...revoke, payload: { choices: { marketing: 'granted' } } }],
    ['an oversized id', { ...revoke, id: 'x'.repeat(65) }],
    ['a string', JSON.stringify(revoke)],
    ['null', null],
  ])('rejects %s', (_, message) => {
    expect(ExtensionToSdkMessageSchema.safeParse(message).success).toBe(false);
  });

  it('keeps the two directions apart', () => {
    expect(SdkToExtensionMessageSchema.safeParse(revoke).success).toBe(false);
  });
});

describe('narrowing rule', () => {
  const before = { necessary: 'granted', analytics: 'granted', marketing: 'denied' } as const;
  it('allows denying and refuses granting', () => {
    expect(isNarrowing(before, { ...before, analytics: 'denied' })).toBe(true);
    expect(isNarrowing(before, { ...before, marketing: 'granted' })).toBe(false);
    expect(isNarrowing(before, { ...before, functional: 'granted' })).toBe(false);
  });
  it('denyPurposes only denies purposes the snapshot carries', () => {
    expect(denyPurposes(before, ['analytics', 'sale_sharing'])).toEqual({ ...before, analytics: 'denied' });
    expect(isNarrowing(before, denyPurposes(before, ['analytics']))).toBe(true);
  });
});
