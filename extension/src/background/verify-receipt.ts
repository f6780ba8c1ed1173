import {
  type AnyConsentRecord,
  RECEIPT_ALGORITHM,
  type ReceiptCheck,
  type ReceiptJwk,
  ReceiptPayloadSchema,
  recordHash,
} from '@coreitsm/protocol';
import { compactVerify, decodeProtectedHeader, errors, importJWK } from 'jose';
import * as z from 'zod/mini';

/** The signing key's id a receipt names in its protected header, or undefined when it names none. */
export function receiptKid(receipt: string): string | undefined {
  try {
    const { kid } = decodeProtectedHeader(receipt);
    return typeof kid === 'string' ? kid : undefined;
  } catch {
    return undefined;
  }
}

type Imported = Awaited<ReturnType<typeof importJWK>>;

/**
 * Checks receipts offline against one server's pinned keys (contract: "Receipts the person
 * keeps"): the protected header says `alg` EdDSA and a pinned `kid`; the Ed25519 signature holds
 * under that key (jose, over WebCrypto); and the payload names exactly the record it sits beside —
 * `sub`, `rid`, `sid` and `h`, the SHA-256 of the record's canonical JSON (protocol recordHash, the
 * body the server stored). Each key is imported once per verifier.
 */
export function receiptVerifier(keys: readonly ReceiptJwk[]) {
  const imported = new Map<string, Promise<Imported>>();
  const keyFor = (jwk: ReceiptJwk) => {
    let key = imported.get(jwk.kid);
    if (!key) {
      key = importJWK({ kty: jwk.kty, crv: jwk.crv, x: jwk.x }, RECEIPT_ALGORITHM);
      imported.set(jwk.kid, key);
    }
    return key;
  };

  return async function check(record: AnyConsentRecord, receipt: string | undefined): Promise<ReceiptCheck> {
    if (receipt === undefined) return { status: 'missing' };
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(receipt);
    } catch {
      return { status: 'invalid', reason: 'malformed' };
    }
    const kid = typeof header.kid === 'string' ? header.kid.slice(0, 128) : undefined;
    const named = kid === undefined ? {} : { kid };
    if (header.alg !== RECEIPT_ALGORITHM) return { status: 'invalid', reason: 'algorithm', ...named };
    const jwk = keys.find((k) => k.kid === kid);
    if (!jwk) return { status: 'invalid', reason: 'unknown-key', ...named };
    let payload: Uint8Array;
    try {
      ({ payload } = await compactVerify(receipt, await keyFor(jwk), { algorithms: [RECEIPT_ALGORITHM] }));
    } catch (error) {
      const reason = error instanceof errors.JWSSignatureVerificationFailed ? 'signature' : 'malformed';
      return { status: 'invalid', reason, ...named };
    }
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(payload));
    } catch {
      return { status: 'invalid', reason: 'malformed', ...named };
    }
    const said = z.safeParse(ReceiptPayloadSchema, json);
    if (!said.success) return { status: 'invalid', reason: 'malformed', ...named };
    const { sub, rid, sid, h, rat } = said.data;
    const matches =
      sub === record.subjectId &&
      rid === record.id &&
      sid === record.siteId &&
      h === (await recordHash(record));
    if (!matches) return { status: 'invalid', reason: 'other-record', ...named };
    return { status: 'verified', ...named, storedAt: rat };
  };
}
