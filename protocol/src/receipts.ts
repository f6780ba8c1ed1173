import * as z from 'zod/mini';
import { SHA256_HEX } from './field-patterns.js';
import { RecordIdSchema, SiteIdSchema, SubjectIdSchema, TimestampSchema } from './primitives.js';

/**
 * Receipts the person keeps (contract: "Receipts the person keeps"). The server signs every record
 * it stores: a JWS in compact serialization (RFC 7515), Ed25519 (`alg` EdDSA, RFC 8037), with the
 * signing key's `kid`. Anyone holding the receipt and the server's published keys can check,
 * offline and without trusting the company's database, that the server acknowledged exactly that
 * record at that time.
 */

/** Three base64url parts; bounded so a hostile answer cannot make a reader hold megabytes. */
export const ReceiptSchema = z
  .string()
  .check(
    z.maxLength(2048),
    z.regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'must be a compact JWS'),
  );
export type Receipt = z.infer<typeof ReceiptSchema>;

export const RECEIPT_ALGORITHM = 'EdDSA';

/** What a receipt says. `h` is the SHA-256 (hex) of the stored record's canonical JSON. */
export const ReceiptPayloadSchema = z.strictObject({
  iss: z.string().check(z.url({ protocol: /^https?$/ })),
  sub: SubjectIdSchema,
  rid: RecordIdSchema,
  sid: SiteIdSchema,
  h: z.string().check(z.regex(SHA256_HEX, 'must be 64 lowercase hex digits')),
  rat: TimestampSchema,
});
export type ReceiptPayload = z.infer<typeof ReceiptPayloadSchema>;

/** One published verification key (an Ed25519 public JWK, RFC 8037). */
export const ReceiptJwkSchema = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/, 'must be a 32-byte base64url key')),
  kid: z.string().check(z.minLength(1), z.maxLength(128)),
  alg: z.literal(RECEIPT_ALGORITHM),
  use: z.literal('sig'),
});
export type ReceiptJwk = z.infer<typeof ReceiptJwkSchema>;

/** `GET /.well-known/jwks.json`: every key that ever signed a receipt, newest first. */
export const JwksResponseSchema = z.object({ keys: z.array(ReceiptJwkSchema).check(z.maxLength(100)) });
export type JwksResponse = z.infer<typeof JwksResponseSchema>;

/** Receipts of a page of records, by record id (records stored before receipts existed have none). */
export const ReceiptsByIdSchema = z.record(RecordIdSchema, ReceiptSchema);
