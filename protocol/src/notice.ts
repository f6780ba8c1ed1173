import * as z from 'zod/mini';
import { LanguageSchema, PolicyVersionSchema, Sha256HexSchema, SiteIdSchema } from './primitives.js';
import { ServiceSchema } from './site-config.js';
import { OptionalPurposeSchema } from './vocabulary.js';

/**
 * Proof of notice (contract: "Proof of notice"): what a person was shown when they decided — the
 * site, the language, the policy version, every text on screen and the services listed. A record
 * names it by `noticeHash`, the SHA-256 of its canonical JSON; the server keeps the notice itself
 * (`POST /v1/notices`), so anyone can later see exactly what stood behind an "accept".
 */

/** The texts on screen by their role (`bannerTitle`, `purpose.analytics.description`, …). */
const NoticeTextsSchema = z.record(
  z.string().check(z.regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be a text key such as bannerTitle')),
  z.string().check(z.maxLength(4000)),
);

export const NoticeSchema = z.strictObject({
  siteId: SiteIdSchema,
  language: LanguageSchema,
  policyVersion: PolicyVersionSchema,
  texts: NoticeTextsSchema,
  purposes: z.array(OptionalPurposeSchema).check(z.maxLength(8)),
  services: z.array(ServiceSchema).check(z.maxLength(100)),
});
export type Notice = z.infer<typeof NoticeSchema>;

/** A serialized notice larger than this is refused (the server's `POST /v1/notices` limit too). */
export const MAX_NOTICE_BYTES = 64 * 1024;

export const NoticeHashSchema = Sha256HexSchema;

/**
 * The canonical JSON of a JSON value: object keys sorted by UTF-16 code units (as RFC 8785 does),
 * no whitespace, arrays in their order. The notice holds only strings, arrays and objects, so
 * this is exactly RFC 8785's output for it; numbers, which JCS treats specially, never occur.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isInteger(value))
    throw new Error('canonicalJson: only integers are supported');
  return JSON.stringify(value);
}

/**
 * `noticeHash`: the SHA-256 (lowercase hex) of the notice's canonical JSON, with WebCrypto, so the
 * SDK in the page, the extension and the server compute the same value with the same code.
 */
export async function noticeHash(notice: Notice): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalJson(notice));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

// POST /v1/notices
export const NoticeRequestSchema = z.strictObject({ notice: NoticeSchema });
export const NoticeCreatedSchema = z.object({ hash: NoticeHashSchema });
// GET /v1/notices/:hash
export const NoticeResponseSchema = z.object({ hash: NoticeHashSchema, notice: NoticeSchema });
