import { Hono } from 'hono';
import * as z from 'zod/mini';
import { listRoots, ROOTS_PAGE_MAX } from '../audit/roots.js';
import type { AppEnv, RouteDeps } from '../http/app-env.js';
import { parseQuery } from '../http/parse-input.js';

const RootsQuerySchema = z.strictObject({
  cursor: z.optional(z.string().check(z.regex(/^\d{1,15}$/, 'must be the nextCursor of an earlier page'))),
  limit: z.optional(
    z.string().check(z.regex(/^([1-9]\d{0,2}|1000)$/, `must be a whole number, 1–${ROOTS_PAGE_MAX}`)),
  ),
});

/**
 * GET /v1/audit/roots: the signed roots over the audit chains, oldest first, in pages. Public: a
 * root holds hashes and chain positions only, and anyone who keeps copies (with the JWKS) can later
 * show that the log was not rewritten behind them.
 */
export function auditRootsRoutes(deps: RouteDeps) {
  return new Hono<AppEnv>().get('/v1/audit/roots', async (c) => {
    const { cursor, limit } = parseQuery(c, RootsQuerySchema);
    c.header('Cache-Control', 'no-cache');
    return c.json(
      await listRoots(deps.db, { cursor, limit: limit === undefined ? undefined : Number(limit) }),
    );
  });
}
