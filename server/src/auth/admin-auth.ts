import { createMiddleware } from 'hono/factory';
import type { AppEnv, RouteDeps } from '../http/app-env.js';
import { HttpError } from '../http/errors.js';
import { bearerToken } from './subject-auth.js';
import { digestsEqual, sha256Hex } from './tokens.js';

/** The admin API answers only `Bearer <ADMIN_TOKEN>` (compared in constant time), and is off without one. */
export function adminAuth(deps: RouteDeps) {
  const expected = deps.config.adminToken ? sha256Hex(deps.config.adminToken) : undefined;
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!expected) throw new HttpError('admin_disabled', 'the admin API is off (set ADMIN_TOKEN)');
    if (!digestsEqual(sha256Hex(bearerToken(c.req.header('authorization'))), expected)) {
      throw new HttpError('unauthorized', 'the admin token is not valid');
    }
    await next();
  });
}
