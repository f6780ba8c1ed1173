import { getConnInfo } from '@hono/node-server/conninfo';
import { type Context, Hono } from 'hono';
import { cors } from 'hono/cors';
import { rateLimiter } from 'hono-rate-limiter';
import { adminConsoleRoutes } from './admin/console-routes.js';
import { GroupCommitter } from './db/group-commit.js';
import type { AppDeps, AppEnv, RouteDeps } from './http/app-env.js';
import { bodySizeLimit } from './http/body-size.js';
import { ERROR_STATUS, errorBody, HttpError } from './http/errors.js';
import { corsHeaders, securityHeaders } from './http/response-headers.js';
import { opsRoutes } from './ops/ops-routes.js';
import { requestLog } from './ops/request-log.js';
import { receiptSigner } from './receipts/receipt-signer.js';
import { adminRoutes } from './routes/admin.js';
import { auditRootsRoutes } from './routes/audit-roots.js';
import { jwksRoutes } from './routes/jwks.js';
import { meRoutes } from './routes/me.js';
import { noticesRoutes } from './routes/notices.js';
import { recordsRoutes } from './routes/records.js';
import { revocationsRoutes } from './routes/revocations.js';
import { rightsRequestsRoutes } from './routes/rights-requests.js';
import { subjectsRoutes } from './routes/subjects.js';

/** Browser extensions sync from their own origins; their ids are not known in advance. */
const EXTENSION_ORIGIN = /^(chrome-extension|moz-extension):\/\/[a-z0-9-]+$/;
/** Without ALLOWED_ORIGINS (local development, `npm start`): pages on this machine, any port. */
const LOOPBACK_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\]):\d{1,5}$/;

/**
 * The client address the rate limit counts by. Behind `trustProxy` proxies it is the address the
 * outermost trusted proxy appended to X-Forwarded-For, the Nth from the right: each proxy appends
 * the address it received from, so everything left of that was written by the client and can be
 * forged. A request with fewer addresses than proxies did not come through them all: the socket's
 * address is all that can be trusted then.
 */
function clientKey(c: Context<AppEnv>, trustProxy: number): string {
  if (trustProxy > 0) {
    const chain = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((hop) => hop.trim())
      .filter(Boolean);
    const client = chain[chain.length - trustProxy];
    if (client) return client;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}

/**
 * The HTTP app. Middleware at the edges (logs and metrics, security headers, CORS, rate limit,
 * body limit), one route module per resource, and one error handler that writes the contract's form.
 *
 * @example
 * const app = createApp({ db, dialect: 'sqlite', sync, config: configFromEnv(), logger: silentLogger, metrics: createMetrics() });
 * const res = await app.request('/v1/subjects', { method: 'POST' });
 */
export function createApp(appDeps: AppDeps) {
  const committer = new GroupCommitter(appDeps.db, appDeps.dialect, appDeps.sync, {
    onGroup: (size) => appDeps.metrics.writeGroupSize.observe(size),
    lanes: appDeps.dialect === 'postgres' ? appDeps.config.auditWriteLanes : 1,
    ...(appDeps.onAuditEntries ? { onAuditEntries: appDeps.onAuditEntries } : {}),
  });
  const deps: RouteDeps = {
    ...appDeps,
    write: (work, locks, options) => committer.run(work, locks, options),
    receipts: receiptSigner(appDeps.db, appDeps.config.receiptKeyFile),
  };
  const { config } = deps;
  const app = new Hono<AppEnv>();
  app.use(requestLog(deps));
  app.use(securityHeaders());
  const corsOptions = {
    origin: (origin: string) => {
      const site =
        config.allowedOrigins.length === 0
          ? LOOPBACK_ORIGIN.test(origin)
          : config.allowedOrigins.includes(origin);
      return site || EXTENSION_ORIGIN.test(origin) ? origin : null;
    },
    // Date: the server's clock, from which a cross-origin SDK corrects its own (issue 10, finding 2).
    exposeHeaders: ['Content-Disposition', 'X-Request-Id', 'Date'],
  };
  app.use(
    '/v1/*',
    // Preflights by hono/cors; the headers of other requests are set before the handler runs.
    corsHeaders(
      corsOptions,
      cors({
        ...corsOptions,
        allowMethods: ['GET', 'POST', 'PATCH', 'OPTIONS'],
        allowHeaders: ['Authorization', 'Content-Type'],
        exposeHeaders: [...corsOptions.exposeHeaders],
        maxAge: 600,
      }),
    ),
  );
  if (config.rateLimitPerMinute > 0) {
    app.use(
      '/v1/*',
      rateLimiter<AppEnv>({
        windowMs: 60_000,
        limit: config.rateLimitPerMinute,
        standardHeaders: 'draft-7',
        keyGenerator: (c) => clientKey(c, config.trustProxy),
        handler: (c) => c.json(errorBody('rate_limited', 'too many requests; retry later'), 429),
      }),
    );
  }
  app.use(
    '/v1/*',
    bodySizeLimit(config.bodyLimitBytes, (c) =>
      c.json(errorBody('payload_too_large', `the body is larger than ${config.bodyLimitBytes} bytes`), 413),
    ),
  );
  app.route('/', subjectsRoutes(deps));
  app.route('/', recordsRoutes(deps));
  app.route('/', meRoutes(deps));
  app.route('/', revocationsRoutes(deps));
  app.route('/', rightsRequestsRoutes(deps));
  app.route('/', adminRoutes(deps));
  app.route('/', opsRoutes(deps));
  app.route('/', jwksRoutes(deps));
  app.route('/', auditRootsRoutes(deps));
  app.route('/', noticesRoutes(deps));
  app.route('/', adminConsoleRoutes());

  app.notFound((c) => c.json(errorBody('not_found', `no route for ${c.req.method} ${c.req.path}`), 404));
  app.onError((error, c) => {
    if (error instanceof HttpError) return c.json(error.toBody(), error.status);
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') {
      // Another process held the SQLite write lock past busy_timeout: nothing was stored, retry.
      c.header('Retry-After', '1');
      return c.json(errorBody('unavailable', 'the database is busy; retry'), 503);
    }
    deps.logger.error('unhandled', { requestId: c.get('requestId'), error: String(error) });
    return c.json(errorBody('internal', 'internal error'), ERROR_STATUS.internal);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
