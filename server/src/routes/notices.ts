import { canonicalJson, MAX_NOTICE_BYTES, NoticeHashSchema, NoticeRequestSchema } from '@coreitsm/protocol';
import { Hono } from 'hono';
import type { AppEnv, RouteDeps } from '../http/app-env.js';
import { HttpError } from '../http/errors.js';
import { parseJsonBody } from '../http/parse-input.js';
import { findNotice, storeNotice } from '../store/notices-store.js';

/**
 * Proof of notice (contract: "Proof of notice"). `POST /v1/notices` needs no token: a notice is
 * what a site shows every visitor, not anyone's data, and the SDK registers it before the records
 * that name it. It is bounded (64 kB) and rate-limited like every /v1 route.
 */
export function noticesRoutes(deps: RouteDeps) {
  return new Hono<AppEnv>()
    .post('/v1/notices', async (c) => {
      const length = Number(c.req.header('content-length') ?? 0);
      if (length > MAX_NOTICE_BYTES)
        throw new HttpError('payload_too_large', `a notice is at most ${MAX_NOTICE_BYTES} bytes`);
      const { notice } = await parseJsonBody(c, NoticeRequestSchema);
      // Also without a Content-Length (a chunked body): what is stored is bounded either way.
      if (new TextEncoder().encode(canonicalJson(notice)).length > MAX_NOTICE_BYTES)
        throw new HttpError('payload_too_large', `a notice is at most ${MAX_NOTICE_BYTES} bytes`);
      const { hash, created } = await storeNotice(deps.db, notice, new Date());
      return c.json({ hash }, created ? 201 : 200);
    })
    .get('/v1/notices/:hash', async (c) => {
      const hash = c.req.param('hash');
      if (!NoticeHashSchema.safeParse(hash).success)
        throw new HttpError('invalid_request', 'hash: must be 64 lowercase hex digits');
      const notice = await findNotice(deps.db, hash);
      if (!notice) throw new HttpError('not_found', `no notice ${hash}`);
      // Immutable by construction: the same hash always names the same notice.
      c.header('Cache-Control', 'public, max-age=31536000, immutable');
      return c.json({ hash, notice });
    });
}
