import { RecordsBatchRequestSchema, type RecordsBatchResponse } from '@coreitsm/protocol';
import { Hono } from 'hono';
import { subjectAuth } from '../auth/subject-auth.js';
import type { AppEnv, RouteDeps } from '../http/app-env.js';
import { HttpError } from '../http/errors.js';
import { parseJsonBody } from '../http/parse-input.js';
import { storeRecords } from '../store/records-store.js';
import { receiptIssuer } from './jwks.js';
import { blameRecord, refuseFutureRecords } from './records-checks.js';

/** POST /v1/records: an all-or-nothing, idempotent batch. 200 is sent only once the commit is on disk. */
export function recordsRoutes(deps: RouteDeps) {
  return new Hono<AppEnv>().post('/v1/records', subjectAuth(deps), async (c) => {
    const subjectId = c.get('subjectId');
    const { records } = await parseJsonBody(c, RecordsBatchRequestSchema, blameRecord);
    const foreign = records.findIndex((r) => r.subjectId !== subjectId);
    if (foreign !== -1) {
      throw new HttpError(
        'forbidden',
        `records.${foreign}.subjectId: is not the subject of this token`,
        records[foreign]?.id,
      );
    }
    refuseFutureRecords(records, Date.now());
    const receipts = { issuer: receiptIssuer(deps, c.req.url), sign: await deps.receipts.prepare() };
    const results = await deps.write(
      (ctx) => storeRecords(ctx, subjectId, records, deps.config.historyLimits, receipts),
      [subjectId],
      // storeRecords stages its rows and fails only with an HttpError, before staging any.
      { stageAware: true },
    );
    deps.metrics.recordsStored.inc(results.filter((r) => r.status === 'stored').length);
    return c.json({ results } satisfies RecordsBatchResponse, 200);
  });
}
