import { createMiddleware } from 'hono/factory';
import type { AppEnv, RouteDeps } from '../http/app-env.js';
import { HttpError } from '../http/errors.js';
import { authenticateSubject } from '../store/subjects-store.js';

/** `Authorization: Bearer <token>` → `c.var.subjectId`, or 401/410. */
export function bearerToken(header: string | undefined): string {
  const match = /^Bearer ([^\s]+)$/.exec(header ?? '');
  if (!match?.[1]) throw new HttpError('unauthorized', 'send "Authorization: Bearer <token>"');
  return match[1];
}

export function subjectAuth(deps: RouteDeps) {
  return createMiddleware<AppEnv>(async (c, next) => {
    c.set('subjectId', await authenticateSubject(deps.db, bearerToken(c.req.header('authorization'))));
    await next();
  });
}
