/**
 * The field rules of primitives.ts as plain patterns and functions, zod-free: the one definition
 * that the zod schemas (primitives.ts), the SDK's critical-path checks (sdk/src/critical/) and the
 * extension's export row check (extension/src/store/check-row.ts) all use, so they cannot drift.
 */

/** A site id as the SDK's `data-site` gives it: short, URL- and file-name-safe. 64 chars is plenty for a slug. */
export const SITE_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;
/** A subject id: `sub_` and up to 128 url-safe chars (the server issues 22; local ids are longer UUIDs). */
export const SUBJECT_ID = /^sub_[A-Za-z0-9_-]{1,128}$/;
/** A BCP 47 language tag, simplified: `en`, `pt-PT`, `zh-Hant-TW`. */
export const LANGUAGE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/;
/** A policy version label (a date or semver); 64 chars fits any reasonable scheme. */
export const POLICY_VERSION = /^[\w.:+-]{1,64}$/;
/** A SHA-256 digest as 64 lowercase hex digits. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;

const HTTP_URL_MAX = 2048; // the de-facto URL limit of browsers and proxies

/** An absolute http(s) URL of at most 2,048 characters. */
export function isHttpUrl(value: string): boolean {
  if (value.length > HTTP_URL_MAX) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** A web origin exactly as `location.origin` writes it (scheme, host, port; no path). */
export const isOrigin = (value: string): boolean => isHttpUrl(value) && new URL(value).origin === value;
