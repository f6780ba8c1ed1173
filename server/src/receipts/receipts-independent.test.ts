import { createHash, createPublicKey, verify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordHash } from '@coreitsm/protocol';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeRecord } from '../testing/backends.js';
import { type RunningServer, startServer } from '../testing/spawn-cli.js';

/**
 * Receipts checked the way an outsider would (issue 11, "Done when"): the real server process,
 * its published `/.well-known/jwks.json`, and node:crypto's own Ed25519 verify over the JWS signing
 * input — neither jose nor any code of the signer. The payload's `h` is recomputed with protocol's
 * recordHash, the function the extension uses, so this also holds the wallet's hash to the server's.
 */
const dir = mkdtempSync(join(tmpdir(), 'coreconsent-receipts-independent-'));
let server: RunningServer;
beforeAll(async () => {
  server = await startServer(['--db', join(dir, 'consent.db')]);
}, 60_000);
afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.exited;
  rmSync(dir, { recursive: true, force: true });
});

const fromB64url = (part: string) => Buffer.from(part, 'base64url');

async function call(path: string, init: { token?: string; body?: unknown } = {}) {
  const res = await fetch(`${server.url}${path}`, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** RFC 7515 §5.2 by hand: header and payload decoded, the signature checked over "header.payload". */
function verifyIndependently(receipt: string, keys: { kid: string; x: string; kty: string; crv: string }[]) {
  const [head, body, signature, ...rest] = receipt.split('.');
  if (!head || !body || !signature || rest.length > 0) throw new Error('not a compact JWS');
  const header = JSON.parse(fromB64url(head).toString('utf8')) as { alg: string; kid: string };
  const jwk = keys.find((k) => k.kid === header.kid);
  if (!jwk) throw new Error(`kid ${header.kid} is not published`);
  const publicKey = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: 'jwk' });
  const ok = verify(null, Buffer.from(`${head}.${body}`, 'ascii'), publicKey, fromB64url(signature));
  return { ok, header, payload: JSON.parse(fromB64url(body).toString('utf8')) as Record<string, unknown> };
}

it('a receipt from the real server verifies against /.well-known/jwks.json with node:crypto, and a tampered one does not', async () => {
  const subject = await call('/v1/subjects', { body: {} });
  const { subjectId, token } = subject.json as { subjectId: string; token: string };
  const record = makeRecord(subjectId);
  const answer = await call('/v1/records', { token, body: { records: [record] } });
  expect(answer.status).toBe(200);
  const [result] = answer.json.results as { id: string; receipt: string }[];
  if (!result) throw new Error('no result');
  const jwks = await call('/.well-known/jwks.json');
  const keys = jwks.json.keys as { kid: string; x: string; kty: string; crv: string }[];
  expect(keys.length).toBeGreaterThan(0);

  const { ok, header, payload } = verifyIndependently(result.receipt, keys);
  expect(ok).toBe(true);
  expect(header.alg).toBe('EdDSA');
  expect(payload).toMatchObject({ sub: subjectId, rid: record.id, sid: record.siteId });
  expect(payload.h).toBe(await recordHash(record));
  // The kid is the key's RFC 7638 thumbprint (contract), recomputed here from the published x.
  const jwk = keys.find((k) => k.kid === header.kid);
  const thumbprint = createHash('sha256')
    .update(JSON.stringify({ crv: jwk?.crv, kty: jwk?.kty, x: jwk?.x }))
    .digest('base64url');
  expect(header.kid).toBe(thumbprint);

  // Tampered: the same signature over a payload naming another record fails.
  const [head, , signature] = result.receipt.split('.');
  const forged = Buffer.from(JSON.stringify({ ...payload, rid: makeRecord(subjectId).id })).toString(
    'base64url',
  );
  expect(verifyIndependently(`${head}.${forged}.${signature}`, keys).ok).toBe(false);

  // A duplicate is answered with the same receipt, byte for byte.
  const again = await call('/v1/records', { token, body: { records: [record] } });
  expect((again.json.results as { receipt: string }[])[0]?.receipt).toBe(result.receipt);
}, 60_000);
