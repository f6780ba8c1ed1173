import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JwksResponseSchema, type ReceiptJwk, ReceiptPayloadSchema } from '@coreitsm/protocol';
import { calculateJwkThumbprint, compactVerify, decodeProtectedHeader, importJWK } from 'jose';
import { afterAll, expect, it } from 'vitest';
import { canonicalRecordJson } from '../store/canonical-record.js';
import { makeRecord, testApp } from '../testing/backends.js';
import { describeBackends } from '../testing/describe-backends.js';
import { client } from '../testing/http-client.js';
import { rotateSigningKey } from './receipt-keys.js';

/**
 * Receipts the person keeps (issue 11): every stored record gets an Ed25519 JWS that verifies
 * offline against the published keys, for as long as the person keeps it.
 */
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Verifies a receipt against a key set as a wallet would: by its `kid`, then the payload's shape. */
async function verifyWith(keys: readonly ReceiptJwk[], receipt: string) {
  const { kid } = decodeProtectedHeader(receipt);
  const jwk = keys.find((k) => k.kid === kid);
  if (!jwk) throw new Error(`no published key ${String(kid)}`);
  const { payload, protectedHeader } = await compactVerify(receipt, await importJWK(jwk, 'EdDSA'));
  expect(protectedHeader.alg).toBe('EdDSA');
  return ReceiptPayloadSchema.parse(JSON.parse(new TextDecoder().decode(payload)));
}

const dir = mkdtempSync(join(tmpdir(), 'coreconsent-receipts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeBackends('receipts', (ctx) => {
  const jwks = async (http = ctx.http) => {
    const res = await http.call('GET', '/.well-known/jwks.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    return JwksResponseSchema.parse(res.json).keys;
  };

  it('signs every stored record: a receipt per result that verifies against the published keys and says exactly what was stored', async () => {
    const { subjectId, token } = await ctx.http.newSubject();
    const records = [makeRecord(subjectId), makeRecord(subjectId, { siteId: 'status' })];
    const res = await ctx.http.call('POST', '/v1/records', { token, body: { records } });
    expect(res.status).toBe(200);
    const page = await ctx.http.call('GET', '/v1/subjects/me/records', { token });
    const keys = await jwks();
    for (const [i, record] of records.entries()) {
      const result = res.json.results[i];
      expect(result).toMatchObject({ id: record.id, status: 'stored' });
      const payload = await verifyWith(keys, result.receipt);
      const stored = page.json.records.find((r: { id: string }) => r.id === record.id);
      expect(payload).toEqual({
        iss: 'http://localhost',
        sub: subjectId,
        rid: record.id,
        sid: record.siteId,
        h: sha256(canonicalRecordJson(record)),
        rat: stored.receivedAt,
      });
      // The page carries it beside the record, which keeps the contract's shape.
      expect(page.json.receipts[record.id]).toBe(result.receipt);
      expect(stored).not.toHaveProperty('receipt');
    }
    // The kid is the key's own RFC 7638 thumbprint.
    for (const key of keys) expect(key.kid).toBe(await calculateJwkThumbprint(key, 'sha256'));
  });

  it('answers a duplicate with the very same receipt, and a revocation with its own', async () => {
    const { subjectId, token } = await ctx.http.newSubject();
    const record = makeRecord(subjectId);
    const first = await ctx.http.call('POST', '/v1/records', { token, body: { records: [record] } });
    const again = await ctx.http.call('POST', '/v1/records', { token, body: { records: [record] } });
    expect(again.json.results[0]).toEqual({
      id: record.id,
      status: 'duplicate',
      receipt: first.json.results[0].receipt,
    });
    const revoked = await ctx.http.call('POST', '/v1/subjects/me/revocations', {
      token,
      body: { siteId: 'servicedesk', purposes: ['marketing'] },
    });
    expect(revoked.status).toBe(201);
    const payload = await verifyWith(await jwks(), revoked.json.receipt);
    expect(payload).toMatchObject({ rid: revoked.json.record.id, rat: revoked.json.record.receivedAt });
    expect(payload.h).toBe(
      sha256(canonicalRecordJson((({ receivedAt: _, ...r }) => r)(revoked.json.record))),
    );
  });

  it('puts each receipt in the JSON, CSV and XML exports', async () => {
    const { subjectId, token } = await ctx.http.newSubject();
    const record = makeRecord(subjectId);
    const res = await ctx.http.call('POST', '/v1/records', { token, body: { records: [record] } });
    const receipt: string = res.json.results[0].receipt;
    const json = await ctx.http.call('GET', '/v1/subjects/me/export?format=json', { token });
    expect(json.json.records[0]).toMatchObject({ id: record.id, receipt });
    const csv = (await ctx.http.call('GET', '/v1/subjects/me/export?format=csv', { token })).text;
    const [header, row] = csv.trim().split('\r\n');
    const cells = (line: string | undefined) => (line ?? '').split(',').map((c) => c.replace(/^"|"$/g, ''));
    const column = cells(header).indexOf('receipt');
    expect(column).toBe(cells(header).length - 2); // after the choices, before noticeHash
    expect(cells(row)[column]).toBe(receipt);
    const xml = (await ctx.http.call('GET', '/v1/subjects/me/export?format=xml', { token })).text;
    expect(xml).toContain(`<receipt>${receipt}</receipt>`);
  });

  it('a receipt does not verify once its payload or signature is changed', async () => {
    const { subjectId, token } = await ctx.http.newSubject();
    const res = await ctx.http.call('POST', '/v1/records', {
      token,
      body: { records: [makeRecord(subjectId)] },
    });
    const [header, payload, signature] = (res.json.results[0].receipt as string).split('.');
    const claims = JSON.parse(Buffer.from(payload as string, 'base64url').toString('utf8'));
    const forged = Buffer.from(JSON.stringify({ ...claims, sid: 'elsewhere' })).toString('base64url');
    const keys = await jwks();
    await expect(verifyWith(keys, `${header}.${forged}.${signature}`)).rejects.toThrow(/signature/i);
    const flipped = `${(signature as string).slice(0, -2)}${(signature as string).endsWith('AA') ? 'BA' : 'AA'}`;
    await expect(verifyWith(keys, `${header}.${payload}.${flipped}`)).rejects.toThrow();
  });

  it('every process on one database signs with the same key, and a rotation keeps the old key published', async () => {
    // Two apps on one database that start at once: both may generate a key; both pick the same.
    const a = client(testApp(ctx.store));
    const b = client(testApp(ctx.store));
    const subject = await a.newSubject();
    const [ra, rb] = await Promise.all(
      [a, b].map((http) =>
        http.call('POST', '/v1/records', {
          token: subject.token,
          body: { records: [makeRecord(subject.subjectId)] },
        }),
      ),
    );
    const kidOf = (r: { json: { results: { receipt: string }[] } }) =>
      decodeProtectedHeader(r.json.results[0]?.receipt as string).kid;
    expect(kidOf(ra as never)).toBe(kidOf(rb as never));
    const before = kidOf(ra as never);

    const rotated = await rotateSigningKey(ctx.store.db);
    expect(rotated).not.toBe(before);
    const c = client(testApp(ctx.store)); // a process started after the rotation
    const after = await c.call('POST', '/v1/records', {
      token: subject.token,
      body: { records: [makeRecord(subject.subjectId)] },
    });
    expect(kidOf(after as never)).toBe(rotated);
    const keys = await jwks(c);
    expect(keys.map((k) => k.kid)).toEqual(expect.arrayContaining([before, rotated]));
    expect(keys[0]?.kid).toBe(rotated); // newest first
    // Receipts signed before the rotation still verify.
    await verifyWith(
      keys,
      (ra as { json: { results: { receipt: string }[] } }).json.results[0]?.receipt as string,
    );
  });

  it('signs with a PKCS#8 key file when given one, under PUBLIC_URL as issuer, and keeps publishing it', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const file = join(dir, `key-${ctx.store.dialect}.pem`);
    writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    const http = client(
      testApp(ctx.store, { receiptKeyFile: file, publicUrl: 'https://consent.example.com' }),
    );
    const { subjectId, token } = await http.newSubject();
    const res = await http.call('POST', '/v1/records', { token, body: { records: [makeRecord(subjectId)] } });
    const keys = await jwks(http);
    const { x } = privateKey.export({ format: 'jwk' }) as { x: string };
    const fileKid = await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x }, 'sha256');
    expect(decodeProtectedHeader(res.json.results[0].receipt).kid).toBe(fileKid);
    expect(keys.find((k) => k.kid === fileKid)).toMatchObject({ x, alg: 'EdDSA', use: 'sig' });
    expect((await verifyWith(keys, res.json.results[0].receipt)).iss).toBe('https://consent.example.com');
    // No private half of a file key is kept in the database.
    const row = await ctx.store.db
      .selectFrom('receipt_keys')
      .selectAll()
      .where('kid', '=', fileKid)
      .executeTakeFirstOrThrow();
    expect(row.private_pkcs8).toBeNull();
  });
});
