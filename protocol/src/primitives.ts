import * as z from 'zod/mini';

/**
 * Small reusable field schemas. Every limit is there so a hostile page or client cannot make
 * us store or render unbounded data; each comment says why its number is what it is.
 */

/** A site id as the SDK's `data-site` gives it: short, URL- and file-name-safe. 64 chars is plenty for a slug. */
export const SiteIdSchema = z
  .string()
  .check(
    z.regex(
      /^[a-z0-9][a-z0-9._-]{0,63}$/,
      'must be 1–64 of a-z, 0-9, ".", "_" or "-", starting with a letter or digit',
    ),
  );

/** A subject id: `sub_` and up to 128 url-safe chars (the server issues 22; local ids are longer UUIDs). */
export const SubjectIdSchema = z
  .string()
  .check(
    z.regex(/^sub_[A-Za-z0-9_-]{1,128}$/, 'must be "sub_" followed by 1–128 of A-Z, a-z, 0-9, "_" or "-"'),
  );

/** Record ids are UUIDs (v7 preferred: time-ordered, so ids sort by creation). */
export const RecordIdSchema = z.uuid('must be a UUID');

/** An ISO 8601 UTC timestamp with milliseconds optional, as `Date#toISOString()` writes it. */
export const TimestampSchema = z.iso.datetime({ message: 'must be an ISO 8601 UTC timestamp' });

const HTTP_URL_MAX = 2048; // the de-facto URL limit of browsers and proxies

function isHttpUrl(value: string): boolean {
  if (value.length > HTTP_URL_MAX) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** An absolute http(s) URL. */
export const HttpUrlSchema = z.string().check(z.refine(isHttpUrl, 'must be an absolute http(s) URL'));

/** A web origin exactly as `location.origin` writes it (scheme, host, port; no path). */
export const OriginSchema = z
  .string()
  .check(
    z.refine(
      (value) => isHttpUrl(value) && new URL(value).origin === value,
      'must be a web origin like https://example.com',
    ),
  );

/** A BCP 47 language tag, simplified: `en`, `pt-PT`, `zh-Hant-TW`. */
export const LanguageSchema = z
  .string()
  .check(z.regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/, 'must be a language tag like "en" or "pt-PT"'));

/** A policy version label (a date or semver); 64 chars fits any reasonable scheme. */
export const PolicyVersionSchema = z
  .string()
  .check(z.regex(/^[\w.:+-]{1,64}$/, 'must be 1–64 of letters, digits, ".", ":", "+", "_" or "-"'));

/** A SHA-256 digest as 64 lowercase hex digits (a notice's hash, a record body's hash). */
export const Sha256HexSchema = z.string().check(z.regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits'));

/**
 * A site's name as people read it (site configuration `siteName`; the SDK's announce; the extension's
 * popup): 1–200 characters, no control characters and no bidirectional overrides or isolates, so a
 * hostile page cannot make the name read as something else around it.
 */
export const SiteNameSchema = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(200),
    z.regex(
      /^[^\p{Cc}\u202A-\u202E\u2066-\u2069]+$/u,
      'must hold no control characters or bidirectional overrides',
    ),
  );
