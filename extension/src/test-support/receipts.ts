import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { type AnyConsentRecord, type ReceiptJwk, recordHash } from '@coreitsm/protocol';
import { CompactSign, calculateJwkThumbprint } from 'jose';

/** A server's receipt key for tests: an Ed25519 pair and its public JWK, kid = RFC 7638 thumbprint. */
export interface TestKey {
  privateKey: KeyObject;
  jwk: ReceiptJwk;
}

export async function testKey(): Promise<TestKey> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const { x } = publicKey.export({ format: 'jwk' });
  if (typeof x !== 'string') throw new Error('no x');
  const kid = await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x }, 'sha256');
  return { privateKey, jwk: { kty: 'OKP', crv: 'Ed25519', x, kid, alg: 'EdDSA', use: 'sig' } };
}

const encoder = new TextEncoder();

/** A receipt as the server signs one (server/src/receipts/receipt-signer.ts), for `record`. */
export async function signReceipt(
  key: TestKey,
  record: AnyConsentRecord,
  overrides: Record<string, unknown> = {},
  header: Record<string, unknown> = {},
): Promise<string> {
  const payload = {
    iss: 'http://127.0.0.1:8787',
    sub: record.subjectId,
    rid: record.id,
    sid: record.siteId,
    h: await recordHash(record),
    rat: '2026-11-26T12:00:01.000Z',
    ...overrides,
  };
  return new CompactSign(encoder.encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'EdDSA', kid: key.jwk.kid, ...header })
    .sign(key.privateKey);
}
