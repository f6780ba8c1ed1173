import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { record } from '../test-support/fixtures.js';
import { signReceipt, testKey } from '../test-support/receipts.js';
import { receiptKid, receiptVerifier } from './verify-receipt.js';

const b64 = (text: string) => Buffer.from(text).toString('base64url');

describe('receiptVerifier', () => {
  it('verifies a receipt signed for exactly this record, and says when the server stored it', async () => {
    const key = await testKey();
    const r = record();
    const receipt = await signReceipt(key, r);
    expect(await receiptVerifier([key.jwk])(r, receipt)).toEqual({
      status: 'verified',
      kid: key.jwk.kid,
      storedAt: '2026-11-26T12:00:01.000Z',
    });
    expect(receiptKid(receipt)).toBe(key.jwk.kid);
  });

  it('verifies a stored record too (receivedAt is the server’s, not part of the hash)', async () => {
    const key = await testKey();
    const r = record({ receivedAt: '2026-11-26T12:00:01.000Z' });
    expect((await receiptVerifier([key.jwk])(r, await signReceipt(key, r))).status).toBe('verified');
  });

  it('says missing when there is no receipt', async () => {
    expect(await receiptVerifier([])(record(), undefined)).toEqual({ status: 'missing' });
  });

  it('refuses a receipt beside another record, or beside this record changed', async () => {
    const key = await testKey();
    const r = record();
    const receipt = await signReceipt(key, r);
    const check = receiptVerifier([key.jwk]);
    const changed = { ...r, choices: { ...r.choices, marketing: 'denied' as const } };
    expect(await check(changed, receipt)).toMatchObject({ status: 'invalid', reason: 'other-record' });
    expect(await check(record(), receipt)).toMatchObject({ status: 'invalid', reason: 'other-record' });
    expect(await check({ ...r, subjectId: 'sub_mallory' }, receipt)).toMatchObject({
      reason: 'other-record',
    });
    expect(await check({ ...r, siteId: 'other' }, receipt)).toMatchObject({ reason: 'other-record' });
  });

  it('refuses a payload swapped under a valid signature (the signature no longer holds)', async () => {
    const key = await testKey();
    const r = record();
    const [head, , signature] = (await signReceipt(key, r)).split('.');
    const other = (await signReceipt(key, record())).split('.')[1];
    const swapped = `${head}.${other}.${signature}`;
    expect(await receiptVerifier([key.jwk])(r, swapped)).toMatchObject({
      status: 'invalid',
      reason: 'signature',
    });
  });

  it('refuses a receipt signed by a key that is not pinned, even one that names a pinned kid', async () => {
    const pinned = await testKey();
    const forger = await testKey();
    const r = record();
    const check = receiptVerifier([pinned.jwk]);
    expect(await check(r, await signReceipt(forger, r))).toMatchObject({
      status: 'invalid',
      reason: 'unknown-key',
    });
    const impostor = await signReceipt(forger, r, {}, { kid: pinned.jwk.kid });
    expect(await check(r, impostor)).toMatchObject({ status: 'invalid', reason: 'signature' });
  });

  it('refuses another algorithm, an unsigned receipt, and junk', async () => {
    const key = await testKey();
    const r = record();
    const check = receiptVerifier([key.jwk]);
    const [, payload] = (await signReceipt(key, r)).split('.');
    const none = `${b64(JSON.stringify({ alg: 'none', kid: key.jwk.kid }))}.${payload}.`;
    expect(await check(r, none)).toMatchObject({ status: 'invalid', reason: 'algorithm' });
    const hs = `${b64(JSON.stringify({ alg: 'HS256', kid: key.jwk.kid }))}.${payload}.c2ln`;
    expect(await check(r, hs)).toMatchObject({ status: 'invalid', reason: 'algorithm' });
    expect(await check(r, 'a.b.c')).toMatchObject({ status: 'invalid', reason: 'malformed' });
  });

  it('refuses a signed payload that is not a receipt', async () => {
    const key = await testKey();
    const r = record();
    const receipt = await signReceipt(key, r, { h: 'not-a-hash' });
    expect(await receiptVerifier([key.jwk])(r, receipt)).toMatchObject({
      status: 'invalid',
      reason: 'malformed',
    });
  });

  it('property: no single-character change of a receipt verifies', async () => {
    const key = await testKey();
    const r = record();
    const receipt = await signReceipt(key, r);
    const check = receiptVerifier([key.jwk]);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: receipt.length - 1 }), fc.constantFrom(...alphabet), async (at, c) => {
        fc.pre(receipt[at] !== '.' && receipt[at] !== c);
        const tampered = receipt.slice(0, at) + c + receipt.slice(at + 1);
        // A change in the last character of a part may only touch padding bits base64url ignores.
        const sameParts = tampered
          .split('.')
          .every((p, i) =>
            Buffer.from(p, 'base64url').equals(Buffer.from(receipt.split('.')[i] ?? '', 'base64url')),
          );
        fc.pre(!sameParts);
        expect((await check(r, tampered)).status).toBe('invalid');
      }),
      { numRuns: 200 },
    );
  });
});
