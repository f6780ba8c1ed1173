import { randomUUID } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import { routePath } from 'hono/route';
import type { AppEnv, RouteDeps } from '../http/app-env.js';
import { setResponseHeader } from '../http/response-headers.js';

/**
 * One log line and one metrics sample per request. The route *pattern* is logged (never the raw
 * URL, headers or body), so neither tokens nor ids from paths reach logs or metric labels.
 */
export function requestLog(deps: RouteDeps) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const start = performance.now();
    const requestId = randomUUID();
    c.set('requestId', requestId);
    // Lets a user quote the id of a failed request, and an operator find its log line. Set before
    // next(): a header added to a finished response makes Hono rebuild it (see response-headers.ts).
    setResponseHeader(c, 'X-Request-Id', requestId);
    await next();
    const route = routePath(c, -1) || 'unmatched';
    const seconds = (performance.now() - start) / 1000;
    const status = String(c.res.status);
    deps.metrics.requests.inc({ method: c.req.method, route, status });
    deps.metrics.duration.observe({ method: c.req.method, route }, seconds);
    deps.logger.info('request', {
      requestId,
      method: c.req.method,
      route,
      status: c.res.status,
      ms: Math.round(seconds * 10_000) / 10,
    });
  });
}
