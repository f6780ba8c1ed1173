import type { HttpBindings } from '@hono/node-server';
import type { Context, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './app-env.js';

/**
 * The headers `hono/secure-headers` sets with its defaults (HSTS, nosniff, frame and referrer
 * policies…). `response-headers.test.ts` checks this list against that middleware, so an upgrade
 * of Hono that changes its defaults is noticed.
 */
export const SECURITY_HEADERS: readonly (readonly [string, string])[] = [
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['Referrer-Policy', 'no-referrer'],
  ['Strict-Transport-Security', 'max-age=15552000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Frame-Options', 'SAMEORIGIN'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
];

/**
 * Sets a header of the response about to be written. On Node, straight on the `ServerResponse`:
 * `writeHead` merges it with the response's own headers (which win on a clash), and a response
 * with no Hono-side headers is written by @hono/node-server without building a web `Headers`
 * object (validating, copying and iterating one cost ~5% of an ingest request). Elsewhere
 * (`app.request()` in tests) through `c.header()`.
 */
export function setResponseHeader(c: Context<AppEnv>, name: string, value: string): void {
  const outgoing = (c.env as Partial<HttpBindings> | undefined)?.outgoing;
  if (outgoing && !outgoing.headersSent) outgoing.setHeader(name, value);
  else c.header(name, value);
}

/**
 * Sets the security headers on every response. Why not `hono/secure-headers`: it (like
 * `hono/cors` and any `c.header()` after `next()`) writes to the finished response, which makes
 * Hono rebuild it and `@hono/node-server` turn its lightweight response into a full web
 * `Response` read back through a stream — about a fifth of the CPU of an ingest request in
 * profiles. Headers set *before* `next()` go into the response when it is created, at no extra cost.
 * A route may still override one of them with its own `c.header()`.
 */
export function securityHeaders() {
  return createMiddleware<AppEnv>(async (c, next) => {
    for (const [name, value] of SECURITY_HEADERS) setResponseHeader(c, name, value);
    // Node's server adds Date by itself; set it here so every answer has it, app.request() too
    // (clients read the server's clock from it: contract "Hardening").
    setResponseHeader(c, 'Date', new Date().toUTCString());
    await next();
  });
}

export interface CorsOptions {
  /** The origin to allow (echoed back), or null to refuse it. */
  origin: (origin: string) => string | null;
  exposeHeaders: readonly string[];
}

/**
 * The CORS headers of actual (non-preflight) requests, set before `next()` for the reason above;
 * the same headers `hono/cors` sets for such requests (`Access-Control-Allow-Origin` when the
 * origin is allowed, `Access-Control-Expose-Headers`, `Vary: Origin`). Preflights (`OPTIONS`) go
 * to `preflight` (hono/cors), which answers them itself.
 */
export function corsHeaders(options: CorsOptions, preflight: MiddlewareHandler<AppEnv>) {
  const expose = options.exposeHeaders.join(',');
  return createMiddleware<AppEnv>(async (c, next) => {
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    const allowed = options.origin(c.req.header('origin') || '');
    if (allowed) setResponseHeader(c, 'Access-Control-Allow-Origin', allowed);
    if (expose) setResponseHeader(c, 'Access-Control-Expose-Headers', expose);
    setResponseHeader(c, 'Vary', 'Origin');
    await next();
  });
}
