import type { Notice } from './notice.js';

/*
 * Zod-free on purpose: the SDK's banner computes a notice's hash on the visitor's critical path,
 * where zod must not go (sdk/scripts/check-size.mjs); notice.ts re-exports both.
 */

/**
 * The canonical JSON of a JSON value: object keys sorted by UTF-16 code units (as RFC 8785 does),
 * no whitespace, arrays in their order. The notice holds only strings, arrays and objects, so
 * this is exactly RFC 8785's output for it.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  // Strings, booleans, null. A notice has no numbers (its schema allows none), so JCS's number
  // rules never apply; the SDK's bytes are budgeted, so no guard is spent on them here.
  return JSON.stringify(value);
}

/**
 * `noticeHash`: the SHA-256 (lowercase hex) of the notice's canonical JSON, with WebCrypto, so the
 * SDK in the page, the extension and the server compute the same value with the same code.
 */
export async function noticeHash(notice: Notice): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalJson(notice));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => (b | 256).toString(16).slice(1)).join('');
}
