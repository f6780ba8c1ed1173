import { junkValueArb } from '@coreitsm/protocol/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { createMetrics } from '../ops/metrics.js';
import { ADMIN_TOKEN, makeRecord, testConfig } from '../testing/backends.js';
import { describeBackends } from '../testing/describe-backends.js';

/**
 * Fuzz of every route (issue 10, "Also"): generated queries, path parameters, bodies and
 * credentials against each route of the API, including the ones added by the hardening. Every
 * answer must be below 500 and, when an error, in the contract's form; no invalid request may change
 * what is stored (the row count of every table and the audit head), and nothing may reach the
 * error handler as unhandled or be an unhandled rejection. The counts are printed.
 */
describeBackends('fuzz: every route', (ctx) => {
  const runs = (n: number) => (ctx.store.dialect === 'sqlite' ? n : Math.ceil(n / 5));
  const counts = new Map<string, number>();
  let serverErrors = 0;
  let stateChanges = 0;
  const unhandled: string[] = [];
  const onRejection = (reason: unknown) => unhandled.push(String(reason));
  let app: ReturnType<typeof createApp>;
  let subject: { subjectId: string; token: string };
  let requestId: string;

  beforeAll(async () => {
    process.on('unhandledRejection', onRejection);
    app = createApp({
      db: ctx.store.db,
      dialect: ctx.store.dialect,
      sync: ctx.store.sync,
      config: testConfig(),
      logger: { info() {}, error: (msg, fields) => unhandled.push(`${msg} ${JSON.stringify(fields)}`) },
      metrics: createMetrics(),
    });
    subject = await ctx.http.newSubject();
    const record = makeRecord(subject.subjectId);
    expect(
      (await ctx.http.call('POST', '/v1/records', { token: subject.token, body: { records: [record] } }))
        .status,
    ).toBe(200);
    const request = await ctx.http.call('POST', '/v1/rights-requests', {
      token: subject.token,
      body: { kind: 'access', jurisdiction: 'gdpr' },
    });
    requestId = request.json.id;
  });
  afterAll(() => {
    process.off('unhandledRejection', onRejection);
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    console.log(
      `[fuzz every route ${ctx.store.dialect}] ${total} requests, ${serverErrors} with 5xx, ${stateChanges} state changes, ${unhandled.length} unhandled: ${[...counts].map(([route, n]) => `${route} ${n}`).join('; ')}`,
    );
  });

  /** Row counts of every table and the audit head: what "nothing changed" means. */
  async function snapshot() {
    const tables = [
      'subjects',
      'consent_records',
      'rights_requests',
      'rights_request_steps',
      'audit_log',
      'subject_site_counts',
      'receipt_keys',
      'notices',
    ] as const;
    const sizes = await Promise.all(
      tables.map(async (table) =>
        Number(
          (
            await ctx.store.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<number | string>().as('n'))
              .executeTakeFirst()
          )?.n,
        ),
      ),
    );
    const head = await ctx.store.db.selectFrom('audit_heads').selectAll().execute();
    const requestRow = await ctx.store.db
      .selectFrom('rights_requests')
      .select(['status', 'contact'])
      .execute();
    return JSON.stringify({ sizes, head, requestRow });
  }

  async function send(
    route: string,
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: string,
  ) {
    counts.set(route, (counts.get(route) ?? 0) + 1);
    const res = await app.request(path, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await res.text();
    if (res.status >= 500) serverErrors += 1;
    if (res.status >= 500) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 200)}`);
    if (res.status >= 400) {
      const json = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
      expect(typeof json.error?.code).toBe('string');
      expect(typeof json.error?.message).toBe('string');
    }
    return res.status;
  }

  const subjectAuth = () => ({ Authorization: `Bearer ${subject.token}` });
  const adminAuth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
  /** Query values: junk of every kind, and near-misses of valid values. */
  const queryValueArb = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom(
      '',
      '0',
      '-1',
      '1e3',
      '501',
      '1000',
      'json',
      'JSON',
      'csv ',
      'open',
      'all',
      'bogus',
      '%00',
      'a'.repeat(600),
    ),
    junkValueArb.map((v) => JSON.stringify(v) ?? ''),
    fc.string({ maxLength: 20 }).map((s) => Buffer.from(s).toString('base64url')),
  );
  const queryArb = (names: readonly string[]) =>
    fc
      .dictionary(fc.oneof(fc.constantFrom(...names, 'x'), fc.string({ maxLength: 8 })), queryValueArb, {
        maxKeys: 4,
      })
      .map((params) => new URLSearchParams(params).toString());
  const bodyArb = fc.oneof(
    fc.json(),
    fc.string(),
    junkValueArb.map((v) => JSON.stringify({ value: v }) ?? ''),
    fc.jsonValue().map((v) => JSON.stringify({ siteId: v, purposes: v, status: v, kind: v, records: v })),
  );

  it('reads with junk queries (state, history, export, stats, queue, verify, ops): no 5xx, nothing changes', async () => {
    const before = await snapshot();
    const reads: [string, string, readonly string[], () => Record<string, string>][] = [
      ['GET /v1/subjects/me/state', '/v1/subjects/me/state', ['site'], subjectAuth],
      ['GET /v1/subjects/me/records', '/v1/subjects/me/records', ['site', 'cursor', 'limit'], subjectAuth],
      ['GET /v1/subjects/me/export', '/v1/subjects/me/export', ['format'], subjectAuth],
      ['GET /v1/admin/stats', '/v1/admin/stats', ['days'], () => adminAuth],
      [
        'GET /v1/admin/rights-requests',
        '/v1/admin/rights-requests',
        ['status', 'cursor', 'limit'],
        () => adminAuth,
      ],
      ['GET /v1/admin/audit/verify', '/v1/admin/audit/verify', [], () => adminAuth],
      ['GET /healthz', '/healthz', [], () => ({})],
      ['GET /openapi.json', '/openapi.json', [], () => ({})],
      ['GET /.well-known/jwks.json', '/.well-known/jwks.json', [], () => ({})],
      ['GET /v1/audit/roots', '/v1/audit/roots', ['cursor', 'limit'], () => ({})],
      ['GET /admin', '/admin', [], () => ({})],
    ];
    for (const [route, path, names, headers] of reads) {
      await fc.assert(
        fc.asyncProperty(queryArb(names), async (query) => {
          await send(route, 'GET', `${path}?${query}`, headers());
        }),
        { numRuns: runs(route === 'GET /v1/admin/audit/verify' ? 40 : 200) },
      );
    }
    const after = await snapshot();
    if (after !== before) stateChanges += 1;
    expect(after).toBe(before);
  });

  it('writes with junk bodies (records, revocations, rights requests, notices, admin steps): 4xx, nothing changes', async () => {
    const before = await snapshot();
    const writes: [string, string, string, () => Record<string, string>][] = [
      ['POST /v1/records', 'POST', '/v1/records', subjectAuth],
      ['POST /v1/subjects/me/revocations', 'POST', '/v1/subjects/me/revocations', subjectAuth],
      ['POST /v1/rights-requests', 'POST', '/v1/rights-requests', subjectAuth],
      ['POST /v1/notices', 'POST', '/v1/notices', () => ({})],
      [
        'PATCH /v1/admin/rights-requests/:id',
        'PATCH',
        `/v1/admin/rights-requests/${requestId}`,
        () => adminAuth,
      ],
    ];
    for (const [route, method, path, headers] of writes) {
      await fc.assert(
        fc.asyncProperty(bodyArb, async (body) => {
          const status = await send(
            route,
            method,
            path,
            { ...headers(), 'Content-Type': 'application/json' },
            body,
          );
          expect(status).toBeGreaterThanOrEqual(400);
        }),
        { numRuns: runs(300) },
      );
    }
    const after = await snapshot();
    if (after !== before) stateChanges += 1;
    expect(after).toBe(before);
  });

  it('junk path parameters, credentials, methods and unknown routes: 4xx, nothing changes', async () => {
    const before = await snapshot();
    const idArb = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.uuid(),
      fc.constantFrom('..', '%2e%2e', 'constructor', '__proto__'),
    );
    await fc.assert(
      fc.asyncProperty(idArb, async (id) => {
        const path = `/v1/rights-requests/${encodeURIComponent(id)}`;
        expect(await send('GET /v1/rights-requests/:id', 'GET', path, subjectAuth())).toBeGreaterThanOrEqual(
          400,
        );
        const notice = `/v1/notices/${encodeURIComponent(id)}`;
        expect(await send('GET /v1/notices/:hash', 'GET', notice, {})).toBeGreaterThanOrEqual(400);
        const admin = `/v1/admin/rights-requests/${encodeURIComponent(id)}`;
        const body = JSON.stringify({ status: 'rejected' });
        const status = await send(
          'PATCH /v1/admin/rights-requests/:id (ids)',
          'PATCH',
          admin,
          adminAuth,
          body,
        );
        expect(status).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: runs(300) },
    );
    const credentialArb = fc
      .oneof(
        fc.string({ maxLength: 100 }).map((s) => `Bearer ${s}`),
        fc.string({ maxLength: 100 }),
        fc.constant(`Bearer ${ADMIN_TOKEN}x`),
        fc.constant(`Bearer ${ADMIN_TOKEN.slice(0, -1)}`),
        fc.constant('Basic YWRtaW46YWRtaW4='),
      )
      .filter((value) => !/[\r\n\0]/.test(value) && /^[\t\x20-\x7e]*$/.test(value));
    const guarded: [string, string, string][] = [
      ['POST', '/v1/records', JSON.stringify({ records: [makeRecord(subject.subjectId)] })],
      ['GET', '/v1/subjects/me/state', ''],
      ['GET', '/v1/subjects/me/export?format=json', ''],
      [
        'POST',
        '/v1/subjects/me/revocations',
        JSON.stringify({ siteId: 'servicedesk', purposes: ['analytics'] }),
      ],
      ['POST', '/v1/rights-requests', JSON.stringify({ kind: 'erasure', jurisdiction: 'gdpr' })],
      ['GET', '/v1/admin/stats', ''],
      ['PATCH', `/v1/admin/rights-requests/${requestId}`, JSON.stringify({ status: 'rejected' })],
      ['GET', '/v1/admin/audit/verify', ''],
    ];
    await fc.assert(
      fc.asyncProperty(
        credentialArb,
        fc.constantFrom(...guarded),
        async (authorization, [method, path, body]) => {
          const status = await send(
            `${method} ${path.split('?')[0]?.replace(requestId, ':id')} (credentials)`,
            method,
            path,
            { Authorization: authorization },
            body || undefined,
          );
          expect([401, 404]).toContain(status);
        },
      ),
      { numRuns: runs(600) },
    );
    const methodArb = fc.constantFrom('PUT', 'DELETE', 'PATCH', 'POST', 'GET');
    const pathArb = fc.oneof(
      fc.constantFrom(
        '/v1/subjects/me',
        '/v1/subjects/me/state',
        '/v1/records',
        '/v1/admin',
        '/v1/admin/stats',
        '/v1/notices',
        '/v2/records',
      ),
      fc.webPath(),
    );
    await fc.assert(
      fc.asyncProperty(methodArb, pathArb, async (method, path) => {
        // Only method/route pairs that do not exist (or refuse without credentials) are sent here.
        if (method === 'POST' && path === '/v1/subjects') return;
        await send('unknown routes and methods', method, path, {}, method === 'GET' ? undefined : '{}');
      }),
      { numRuns: runs(300) },
    );
    const after = await snapshot();
    if (after !== before) stateChanges += 1;
    expect(after).toBe(before);
  });

  it('POST /v1/subjects with junk headers and bodies: a new subject (201) or a 4xx, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(bodyArb, async (body) => {
        expect(
          await send('POST /v1/subjects', 'POST', '/v1/subjects', { 'Content-Type': 'text/plain' }, body),
        ).toBeLessThan(500);
      }),
      { numRuns: runs(100) },
    );
  });

  it('left nothing unhandled', () => {
    expect(unhandled).toEqual([]);
  });
});
