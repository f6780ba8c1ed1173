import { SiteIdSchema, UpdateRightsRequestSchema } from '@coreitsm/protocol';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { verifyAudit } from '../audit/verify-audit.js';
import { adminAuth } from '../auth/admin-auth.js';
import type { AppEnv, RouteDeps } from '../http/app-env.js';
import { parseJsonBody, parseQuery } from '../http/parse-input.js';
import { adminStats } from '../store/admin-stats.js';
import { noticesInUse } from '../store/notices-store.js';
import { listRightsRequests, QUEUE_PAGE_MAX, updateRightsRequest } from '../store/rights-store.js';

const StatsQuerySchema = z.strictObject({
  days: z.optional(z.string().check(z.regex(/^([1-9]\d{0,2})$/, 'must be a whole number of days, 1–999'))),
});
const NoticesQuerySchema = z.strictObject({ site: z.optional(SiteIdSchema) });
const QueueQuerySchema = z.strictObject({
  status: z.optional(z.enum(['open', 'all'])),
  cursor: z.optional(z.string().check(z.maxLength(512))),
  limit: z.optional(
    z
      .string()
      .check(z.regex(/^([1-9]\d{0,1}|[1-4]\d{2}|500)$/, `must be a whole number, 1–${QUEUE_PAGE_MAX}`)),
  ),
});

/** The admin API: stats, the rights-request queue and its workflow, notices in use, audit verification. */
export function adminRoutes(deps: RouteDeps) {
  return (
    new Hono<AppEnv>()
      .use('/v1/admin/*', adminAuth(deps))
      .get('/v1/admin/stats', async (c) => {
        const { days } = parseQuery(c, StatsQuerySchema);
        return c.json(await adminStats(deps.db, days ? Number(days) : 30));
      })
      .get('/v1/admin/rights-requests', async (c) => {
        const { status, cursor, limit } = parseQuery(c, QueueQuerySchema);
        return c.json(
          await listRightsRequests(deps.db, {
            open: status !== 'all',
            cursor,
            limit: limit === undefined ? undefined : Number(limit),
          }),
        );
      })
      .patch('/v1/admin/rights-requests/:id', async (c) => {
        const update = await parseJsonBody(c, UpdateRightsRequestSchema);
        const id = c.req.param('id');
        // The request's subject never changes: its chain is locked up front (write-transaction.ts).
        const owner = await deps.db
          .selectFrom('rights_requests')
          .select('subject_id')
          .where('id', '=', id)
          .executeTakeFirst();
        return c.json(
          await deps.write((ctx) => updateRightsRequest(ctx, id, update), [owner?.subject_id ?? null]),
        );
      })
      .get('/v1/admin/notices', async (c) => {
        const { site } = parseQuery(c, NoticesQuerySchema);
        return c.json({ notices: await noticesInUse(deps.db, site) });
      })
      // Read on one snapshot (writes go on meanwhile); a log that verifies is sealed with a root
      // over its current heads (verify-audit.ts).
      .get('/v1/admin/audit/verify', async (c) =>
        c.json(
          await verifyAudit(deps.db, {
            seal: await deps.receipts.signingKey(),
            dialect: deps.dialect,
            snapshot: deps.readSnapshot,
          }),
        ),
      )
  );
}
