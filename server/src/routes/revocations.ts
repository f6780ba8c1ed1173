import {
  type ConsentRecord,
  denyPurposes,
  RevocationRequestSchema,
  type RevocationResponse,
} from '@coreitsm/protocol';
import { Hono } from 'hono';
import { subjectAuth } from '../auth/subject-auth.js';
import type { AppEnv, RouteDeps } from '../http/app-env.js';
import { HttpError } from '../http/errors.js';
import { parseJsonBody } from '../http/parse-input.js';
import { latestRecordsPerSite } from '../store/latest-records.js';
import { storeRecords } from '../store/records-store.js';
import { uuidV7 } from '../store/uuid-v7.js';
import { receiptIssuer } from './jwks.js';

/**
 * POST /v1/subjects/me/revocations: a new snapshot of the site's latest record with the purposes
 * denied (`method: "extension-revoke"`). Read and write share one transaction, so a record stored
 * concurrently cannot slip between them.
 */
export function revocationsRoutes(deps: RouteDeps) {
  return new Hono<AppEnv>().post('/v1/subjects/me/revocations', subjectAuth(deps), async (c) => {
    const subjectId = c.get('subjectId');
    const { siteId, purposes } = await parseJsonBody(c, RevocationRequestSchema);
    const receipts = { issuer: receiptIssuer(deps, c.req.url), sign: await deps.receipts.prepare() };
    const { record, receipt } = await deps.write(
      async (ctx) => {
        // Only the site's newest record is read, however long its history.
        const [latest] = await latestRecordsPerSite(ctx.trx, subjectId, siteId);
        if (!latest)
          throw new HttpError('not_found', `siteId: no record for site "${siteId}" to revoke from`);
        // Never earlier than the record it supersedes, so it is the latest even if clocks disagree.
        const createdAt = new Date(Math.max(ctx.now.getTime(), Date.parse(latest.createdAt))).toISOString();
        const { receivedAt: _, ...base } = latest;
        const next: ConsentRecord = {
          ...base,
          id: uuidV7(ctx.now.getTime()),
          choices: denyPurposes(latest.choices, purposes),
          method: 'extension-revoke',
          createdAt,
          previous: latest.id,
        };
        const [stored] = await storeRecords(ctx, subjectId, [next], deps.config.historyLimits, receipts);
        // Ids only: the choices are in the record, which an erasure deletes; the chain keeps its hash (finding 11).
        ctx.audit('revocation.stored', subjectId, { id: next.id, siteId });
        return { record: { ...next, receivedAt: ctx.now.toISOString() }, receipt: stored?.receipt };
      },
      [subjectId],
    );
    deps.metrics.recordsStored.inc();
    return c.json({ record, ...(receipt ? { receipt } : {}) } satisfies RevocationResponse, 201);
  });
}
