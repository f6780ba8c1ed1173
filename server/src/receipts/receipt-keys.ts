import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { RECEIPT_ALGORITHM, type ReceiptJwk, ReceiptJwkSchema } from '@coreitsm/protocol';
import { calculateJwkThumbprint, type JWK } from 'jose';
import type { Db } from '../db/schema.js';

/** The key that signs receipts now. */
export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
}

/** The public half as published: RFC 8037 OKP JWK with its RFC 7638 thumbprint as `kid`. */
async function publicJwkOf(privateKey: KeyObject): Promise<ReceiptJwk> {
  const { kty, crv, x } = createPublicKey(privateKey).export({ format: 'jwk' }) as JWK;
  if (kty !== 'OKP' || crv !== 'Ed25519' || typeof x !== 'string')
    throw new Error('a receipt key must be an Ed25519 key');
  const kid = await calculateJwkThumbprint({ kty, crv, x }, 'sha256');
  return { kty: 'OKP', crv: 'Ed25519', x, kid, alg: RECEIPT_ALGORITHM, use: 'sig' };
}

/** Records a key's public half (idempotent: the kid is the key's own thumbprint). */
async function remember(db: Db, jwk: ReceiptJwk, privatePem: string | null, now: Date): Promise<void> {
  await db
    .insertInto('receipt_keys')
    .values({
      kid: jwk.kid,
      public_jwk: JSON.stringify(jwk),
      private_pkcs8: privatePem,
      created_at: now.toISOString(),
      retired_at: null,
    })
    .onConflict((oc) => oc.column('kid').doNothing())
    .execute();
}

/** The key in the database that signs now: the oldest one not retired that holds a private half. */
async function activeStoredKey(db: Db): Promise<SigningKey | undefined> {
  const row = await db
    .selectFrom('receipt_keys')
    .select(['kid', 'private_pkcs8'])
    .where('private_pkcs8', 'is not', null)
    .where('retired_at', 'is', null)
    .orderBy('created_at')
    .orderBy('kid')
    .executeTakeFirst();
  return row?.private_pkcs8 ? { kid: row.kid, privateKey: createPrivateKey(row.private_pkcs8) } : undefined;
}

/**
 * The signing key of this process. With `keyFile`, the PKCS#8 PEM there (its public half is
 * recorded so it stays published after the file changes). Otherwise the database's active key,
 * generated on first use. Two processes starting on an empty database may both generate one;
 * both are recorded and both then pick the same (the oldest), so every process signs alike.
 */
export async function loadSigningKey(
  db: Db,
  keyFile: string | undefined,
  now = new Date(),
): Promise<SigningKey> {
  if (keyFile) {
    let privateKey: KeyObject;
    try {
      privateKey = createPrivateKey(readFileSync(keyFile, 'utf8'));
    } catch (error) {
      throw new Error(
        `RECEIPT_KEY_FILE ${keyFile}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const jwk = await publicJwkOf(privateKey);
    await remember(db, jwk, null, now);
    return { kid: jwk.kid, privateKey };
  }
  const stored = await activeStoredKey(db);
  if (stored) return stored;
  await addGeneratedKey(db, now);
  const chosen = await activeStoredKey(db);
  if (!chosen) throw new Error('no receipt signing key after generating one');
  return chosen;
}

async function addGeneratedKey(db: Db, now: Date): Promise<ReceiptJwk> {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = await publicJwkOf(privateKey);
  await remember(db, jwk, privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), now);
  return jwk;
}

/**
 * Rotation: a new generated key signs from now on (in processes started after this; running ones
 * keep their key until restarted, which is safe: every key stays published). Returns the new kid.
 */
export async function rotateSigningKey(db: Db, now = new Date()): Promise<string> {
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('receipt_keys')
      .set({ retired_at: now.toISOString() })
      .where('retired_at', 'is', null)
      .execute();
    return (await addGeneratedKey(trx, now)).kid;
  });
}

/** Every key that ever signed, newest first: `GET /.well-known/jwks.json`. */
export async function publishedKeys(db: Db): Promise<ReceiptJwk[]> {
  const rows = await db
    .selectFrom('receipt_keys')
    .select('public_jwk')
    .orderBy('created_at', 'desc')
    .orderBy('kid')
    .execute();
  // Read back through the schema like every stored value: a damaged row fails loudly here.
  return rows.map((row) => ReceiptJwkSchema.parse(JSON.parse(row.public_jwk)));
}
