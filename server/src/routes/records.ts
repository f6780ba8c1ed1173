import { type ConsentRecord, RecordsBatchRequestSchema, type RecordsBatchResponse } from '@coreitsm/protocol';
import { type Context, Hono } from 'hono';
import { bearerToken } from '../auth/subject-auth.js';
import { parseToken } from '../auth/tokens.js';
import type { AppEnv, RouteDeps } from '../http/app-env.js';
import { HttpError } from '../http/errors.js';
import { parseJsonBody } from '../http/parse-input.js';
import { type ReceiptContext, storeRecords } from '../store/records-store.js';
import { authenticateSubject } from '../store/subjects-store.js';
import { receiptIssuer } from './jwks.js';
import { blameRecord, refuseFutureRecords } from './records-checks.js';

/**
 * POST /v1/records: an all-or-nothing, idempotent batch. 200 is sent only once the commit is on disk.
 *
 * The token's secret is checked inside the write transaction, on the subjects row its first read
 * fetches anyway (for the tombstone): one round trip fewer than a check of its own before it. The
 * answers stay those of a check made first: a malformed token is 401 at once, and when the request
 * fails before the transaction (bad body, another subject's record, …) the token is checked then,
 * so a bad token still answers 401 (an erased subject 410) rather than the body's error.
 */
export function recordsRoutes(deps: RouteDeps) {
  return new Hono<AppEnv>().post('/v1/records', async (c) => {
    const token = bearerToken(c.req.header('authorization'));
    const credentials = parseToken(token);
    if (!credentials) throw new HttpError('unauthorized', 'the bearer token is not valid');
    const { subjectId, secret } = credentials;
    const { records, receipts } = await readBatch(c, deps, subjectId).catch(async (error: unknown) => {
      await authenticateSubject(deps.db, token); // throws 401/410 for a bad token
      throw error;
    });
    const results = await deps.write(
      (ctx) => storeRecords(ctx, subjectId, records, deps.config.historyLimits, receipts, secret),
      [subjectId],
      // storeRecords stages its rows and fails only with an HttpError, before staging any.
      // Its first read rides with the transaction's head locks (db/ingest-prefetch.ts).
      { stageAware: true, prefetch: { subject: subjectId, ids: [...new Set(records.map((r) => r.id))] } },
    );
    deps.metrics.recordsStored.inc(results.filter((r) => r.status === 'stored').length);
    return c.json({ results } satisfies RecordsBatchResponse, 200);
  });
}

/** The batch, checked as far as it can be before the transaction, and how its receipts are signed. */
async function readBatch(
  c: Context<AppEnv>,
  deps: RouteDeps,
  subjectId: string,
): Promise<{ records: ConsentRecord[]; receipts: ReceiptContext }> {
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
  return {
    records,
    receipts: { issuer: receiptIssuer(deps, c.req.url), sign: await deps.receipts.prepare() },
  };
}
