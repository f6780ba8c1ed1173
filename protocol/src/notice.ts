import * as z from 'zod/mini';
import { LanguageSchema, PolicyVersionSchema, Sha256HexSchema, SiteIdSchema } from './primitives.js';
import { ServiceSchema } from './site-config.js';
import { OptionalPurposeSchema } from './vocabulary.js';

export { canonicalJson, noticeHash } from './notice-hash.js';

/**
 * Proof of notice (contract: "Proof of notice"): what a person was shown when they decided — the
 * site, the language, the policy version, every text on screen and the services listed. A record
 * names it by `noticeHash`, the SHA-256 of its canonical JSON; the server keeps the notice itself
 * (`POST /v1/notices`), so anyone can later see exactly what stood behind an "accept".
 */

/** The texts on screen by their role (`bannerTitle`, `purpose.analytics.description`, …). */
const NoticeTextsSchema = z.record(
  z.string().check(z.regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be a text key such as bannerTitle')),
  // A site's text is at most 4,000 characters (site-config.ts); on screen it may carry a prefix
  // (a policy change's effective date), so a notice's text has room for both.
  z.string().check(z.maxLength(8000)),
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

// POST /v1/notices
export const NoticeRequestSchema = z.strictObject({ notice: NoticeSchema });
export const NoticeCreatedSchema = z.object({ hash: NoticeHashSchema });
// GET /v1/notices/:hash
export const NoticeResponseSchema = z.object({ hash: NoticeHashSchema, notice: NoticeSchema });
