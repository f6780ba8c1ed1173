import { randomBytes } from 'node:crypto';

/** A fresh nonce per response: 128 bits, as CSP Level 3 recommends. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * A strict CSP, as a careful customer would run: no `unsafe-inline`, no `unsafe-eval`. The only
 * inline script (the gated marketing tag) carries the nonce, and the SDK gets the same nonce in
 * `data-nonce` for what it injects. `connect-src` admits the consent server; `frame-src 'self'`
 * the local video embed. Violations are reported to `/csp-report` (logged on the console).
 */
export function contentSecurityPolicy(nonce: string, apiOrigin: string | null): string {
  const connect = apiOrigin ? `'self' ${apiOrigin}` : `'self'`;
  return [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'nonce-${nonce}'`,
    `img-src 'self' data:`,
    `font-src 'self'`,
    `connect-src ${connect}`,
    `frame-src 'self'`,
    `object-src 'none'`,
    `base-uri 'none'`,
    `form-action 'self'`,
    `frame-ancestors 'self'`,
    'report-uri /csp-report',
  ].join('; ');
}

/** Headers every HTML response carries besides the CSP. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
};
