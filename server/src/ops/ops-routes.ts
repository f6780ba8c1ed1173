import { Hono } from 'hono';
import { sql } from 'kysely';
import type { AppEnv, RouteDeps } from '../http/app-env.js';
import { errorBody } from '../http/errors.js';
import { openApiDocument } from './openapi.js';

/** Liveness (with a database round trip), Prometheus metrics and the OpenAPI document. */
export function opsRoutes(deps: RouteDeps) {
  let openApi: unknown;
  return new Hono<AppEnv>()
    .get('/healthz', async (c) => {
      try {
        await sql`select 1`.execute(deps.db);
        return c.json({ ok: true, database: deps.dialect });
      } catch {
        return c.json(errorBody('internal', 'the database does not answer'), 503);
      }
    })
    .get('/metrics', async (c) => {
      c.header('Content-Type', deps.metrics.registry.contentType);
      return c.body(await deps.metrics.registry.metrics());
    })
    .get('/openapi.json', (c) => {
      openApi ??= openApiDocument();
      return c.json(openApi);
    });
}
