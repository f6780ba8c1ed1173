import type { JwksResponse } from '@coreitsm/protocol';
import { Hono } from 'hono';
import type { AppEnv, RouteDeps } from '../http/app-env.js';
import { publishedKeys } from '../receipts/receipt-keys.js';

/**
 * GET /.well-known/jwks.json: every key that ever signed a receipt, so a receipt verifies for as
 * long as the person keeps it (retired keys stay). Public by nature; cacheable for five minutes.
 * With no key yet (no record stored), the first answer creates the key it will sign with, so a
 * wallet that pins the key set on first use pins the key its receipts will carry.
 */
export function jwksRoutes(deps: RouteDeps) {
  return new Hono<AppEnv>().get('/.well-known/jwks.json', async (c) => {
    await deps.receipts.prepare();
    c.header('Cache-Control', 'public, max-age=300');
    return c.json({ keys: await publishedKeys(deps.db) } satisfies JwksResponse);
  });
}

/** The `iss` of this request's receipts: PUBLIC_URL, else the origin the request reached. */
export function receiptIssuer(deps: RouteDeps, requestUrl: string): string {
  return deps.config.publicUrl ?? new URL(requestUrl).origin;
}
