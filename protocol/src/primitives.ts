import * as z from 'zod/mini';
import {
  isHttpUrl,
  isOrigin,
  LANGUAGE,
  POLICY_VERSION,
  SHA256_HEX,
  SITE_ID,
  SUBJECT_ID,
} from './field-patterns.js';

/**
 * Small reusable field schemas. Every limit is there so a hostile page or client cannot make
 * us store or render unbounded data; each comment says why its number is what it is.
 */

/** A site id as the SDK's `data-site` gives it: short, URL- and file-name-safe. 64 chars is plenty for a slug. */
export const SiteIdSchema = z
  .string()
  .check(z.regex(SITE_ID, 'must be 1–64 of a-z, 0-9, ".", "_" or "-", starting with a letter or digit'));

/** A subject id: `sub_` and up to 128 url-safe chars (the server issues 22; local ids are longer UUIDs). */
export const SubjectIdSchema = z
  .string()
  .check(z.regex(SUBJECT_ID, 'must be "sub_" followed by 1–128 of A-Z, a-z, 0-9, "_" or "-"'));

/** Record ids are UUIDs (v7 preferred: time-ordered, so ids sort by creation). */
export const RecordIdSchema = z.uuid('must be a UUID');

/** An ISO 8601 UTC timestamp with milliseconds optional, as `Date#toISOString()` writes it. */
export const TimestampSchema = z.iso.datetime({ message: 'must be an ISO 8601 UTC timestamp' });

/** An absolute http(s) URL. */
export const HttpUrlSchema = z.string().check(z.refine(isHttpUrl, 'must be an absolute http(s) URL'));

/** A web origin exactly as `location.origin` writes it (scheme, host, port; no path). */
export const OriginSchema = z
  .string()
  .check(z.refine(isOrigin, 'must be a web origin like https://example.com'));

/** A BCP 47 language tag, simplified: `en`, `pt-PT`, `zh-Hant-TW`. */
export const LanguageSchema = z
  .string()
  .check(z.regex(LANGUAGE, 'must be a language tag like "en" or "pt-PT"'));

/** A policy version label (a date or semver); 64 chars fits any reasonable scheme. */
export const PolicyVersionSchema = z
  .string()
  .check(z.regex(POLICY_VERSION, 'must be 1–64 of letters, digits, ".", ":", "+", "_" or "-"'));

/** A SHA-256 digest as 64 lowercase hex digits (a notice's hash, a record body's hash). */
export const Sha256HexSchema = z.string().check(z.regex(SHA256_HEX, 'must be 64 lowercase hex digits'));

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
