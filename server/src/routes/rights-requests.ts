import { CreateRightsRequestSchema } from '@coreitsm/protocol';
import { Hono } from 'hono';
import { subjectAuth } from '../auth/subject-auth.js';
import type { AppEnv, RouteDeps } from '../http/app-env.js';
import { parseJsonBody } from '../http/parse-input.js';
import { createRightsRequest, getRightsRequest } from '../store/rights-store.js';

/** A subject files a rights request and follows it. */
export function rightsRequestsRoutes(deps: RouteDeps) {
  return new Hono<AppEnv>()
    .post('/v1/rights-requests', subjectAuth(deps), async (c) => {
      const subjectId = c.get('subjectId');
      const input = await parseJsonBody(c, CreateRightsRequestSchema);
      const created = await deps.write((ctx) => createRightsRequest(ctx, subjectId, input), [subjectId]);
      return c.json(created, 201);
    })
    .get('/v1/rights-requests/:id', subjectAuth(deps), async (c) =>
      c.json(await getRightsRequest(deps.db, c.get('subjectId'), c.req.param('id'))),
    );
}
