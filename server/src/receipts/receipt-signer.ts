import { sign } from 'node:crypto';
import { RECEIPT_ALGORITHM, type ReceiptPayload } from '@coreitsm/protocol';
import type { Db } from '../db/schema.js';
import { loadSigningKey, type SigningKey } from './receipt-keys.js';

/** Signs one receipt; touches no database, so it may run inside a write transaction. */
export type SignReceipt = (payload: ReceiptPayload) => Promise<string>;

/** This process's receipt signing (contract: "Receipts the person keeps"). */
export interface ReceiptSigner {
  /**
   * The signing function, once the key is loaded. Call it before a write transaction: loading may
   * read or write the database, which on SQLite's one connection would wait behind the transaction.
   */
  prepare(): Promise<SignReceipt>;
  /** The key itself (it also signs the audit log's roots, audit/roots.ts). */
  signingKey(): Promise<SigningKey>;
}

/**
 * A compact JWS (RFC 7515) over `payload` with the protected header `{"alg":"EdDSA","kid"}`, signed
 * by node:crypto with the key object as it is. Byte for byte what jose's CompactSign makes (a test
 * holds it to that), without its per-signature detour through WebCrypto (importing the key as a
 * CryptoKey and an async `subtle.sign` for every receipt): a few percent of an ingest request's CPU.
 */
export function compactEdDsaJws(
  encodedHeader: string,
  payload: string,
  key: SigningKey['privateKey'],
): string {
  const input = `${encodedHeader}.${Buffer.from(payload).toString('base64url')}`;
  return `${input}.${sign(null, Buffer.from(input), key).toString('base64url')}`;
}

/**
 * The key is loaded (or generated) on the first receipt, not at start-up, so building an app stays
 * synchronous; a failed load is retried on the next receipt instead of being remembered. Ed25519
 * signatures are deterministic: the same payload and key always give the same receipt.
 */
export function receiptSigner(db: Db, keyFile: string | undefined): ReceiptSigner {
  let key: Promise<SigningKey> | undefined;
  const current = () => {
    key ??= loadSigningKey(db, keyFile).catch((error: unknown) => {
      key = undefined;
      throw error;
    });
    return key;
  };
  return {
    signingKey: current,
    async prepare() {
      const { kid, privateKey } = await current();
      const header = Buffer.from(JSON.stringify({ alg: RECEIPT_ALGORITHM, kid })).toString('base64url');
      return async ({ iss, sub, rid, sid, h, rat }) =>
        // Fields in the contract's order, so a receipt's bytes follow from its content alone.
        compactEdDsaJws(header, JSON.stringify({ iss, sub, rid, sid, h, rat }), privateKey);
    },
  };
}
