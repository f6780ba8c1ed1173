import { Hono } from 'hono';
import type { AppEnv, RouteDeps } from '../http/app-env.js';
import { createSubject } from '../store/subjects-store.js';

/** POST /v1/subjects: a new pseudonymous subject and its token (shown once). */
export function subjectsRoutes(deps: RouteDeps) {
  return new Hono<AppEnv>().post('/v1/subjects', async (c) => {
    const created = await createSubject(deps.write);
    c.header('Cache-Control', 'no-store');
    return c.json(created, 201);
  });
}
