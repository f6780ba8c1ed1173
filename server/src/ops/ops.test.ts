import { describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { makeRecord, testConfig } from '../testing/backends.js';
import { describeBackends } from '../testing/describe-backends.js';
import { client } from '../testing/http-client.js';
import { jsonLogger } from './logger.js';
import { createMetrics } from './metrics.js';

const CONTRACT_ROUTES = [
  ['post', '/v1/subjects'],
  ['post', '/v1/records'],
  ['get', '/v1/subjects/me/state'],
  ['get', '/v1/subjects/me/records'],
  ['get', '/v1/subjects/me/export'],
  ['post', '/v1/subjects/me/revocations'],
  ['post', '/v1/rights-requests'],
  ['get', '/v1/rights-requests/{id}'],
  ['get', '/v1/admin/stats'],
  ['get', '/v1/admin/rights-requests'],
  ['patch', '/v1/admin/rights-requests/{id}'],
  ['get', '/v1/admin/audit/verify'],
] as const;

describeBackends('operations', (ctx) => {
  it('GET /healthz answers ok after a database round trip', async () => {
    const res = await ctx.http.call('GET', '/healthz');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ok: true, database: ctx.store.dialect });
  });

  it('GET /metrics serves Prometheus text with request and record counters', async () => {
    const { subjectId, token } = await ctx.http.newSubject();
    await ctx.http.call('POST', '/v1/records', { token, body: { records: [makeRecord(subjectId)] } });
    const res = await ctx.http.call('GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(res.text).toMatch(
      /coreconsent_http_requests_total\{method="POST",route="\/v1\/records",status="200"\} 1/,
    );
    expect(res.text).toMatch(/coreconsent_records_stored_total 1/);
  });

  it('GET /openapi.json documents every route of the contract with schemas from the protocol', async () => {
    const res = await ctx.http.call('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.json.openapi).toBe('3.1.0');
    for (const [method, path] of CONTRACT_ROUTES)
      expect(res.json.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    const batch = res.json.paths['/v1/records'].post.requestBody.content['application/json'].schema;
    expect(batch.properties.records.maxItems).toBe(100);
    expect(batch.properties.records.items.properties.jurisdiction.enum).toContain('gdpr');
    expect(batch.properties.records.items.additionalProperties).toBe(false);
    // choices: the purpose → choice map, also behind the guard that refuses a "__proto__" key.
    const choices = batch.properties.records.items.properties.choices;
    expect(JSON.stringify(choices)).toContain('"sale_sharing"');
    expect(JSON.stringify(choices)).toContain('"granted"');
  });

  it('answers unknown routes with the contract error body', async () => {
    const res = await ctx.http.call('GET', '/v1/nothing');
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('not_found');
  });
});

describe('edges', () => {
  const app = createApp({
    // The middleware under test never reaches the database.
    db: undefined as never,
    dialect: 'sqlite',
    sync: async () => {},
    config: testConfig({ allowedOrigins: ['http://localhost:8081'] }),
    logger: jsonLogger(() => {}),
    metrics: createMetrics(),
  });
  const preflight = (origin: string) =>
    app.request('/v1/records', {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type',
      },
    });

  it.each([
    'http://localhost:8081',
    'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
    'moz-extension://0b6c6a4e-1a2b-4c3d-8e9f-0123456789ab',
  ])('CORS allows %s', async (origin) => {
    const res = await preflight(origin);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
  });

  it.each(['http://evil.example', 'http://localhost:8082', 'null', 'chrome-extension://x/../evil'])(
    'CORS refuses %s',
    async (origin) => {
      const res = await preflight(origin);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    },
  );

  it('allows only loopback site origins when ALLOWED_ORIGINS is unset (local development)', async () => {
    const dev = createApp({
      db: undefined as never,
      dialect: 'sqlite',
      sync: async () => {},
      config: testConfig({ allowedOrigins: [] }),
      logger: jsonLogger(() => {}),
      metrics: createMetrics(),
    });
    const allowed = async (origin: string) =>
      (
        await dev.request('/v1/records', {
          method: 'OPTIONS',
          headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' },
        })
      ).headers.get('access-control-allow-origin');
    expect(await allowed('http://localhost:8081')).toBe('http://localhost:8081');
    expect(await allowed('http://127.0.0.1:9999')).toBe('http://127.0.0.1:9999');
    expect(await allowed('http://localhost.evil.example:8081')).toBeNull();
    expect(await allowed('https://servicedesk.example')).toBeNull();
  });

  it('sets CORS headers on actual requests (allowed origin echoed, X-Request-Id exposed, Vary: Origin)', async () => {
    const allowed = await app.request('/v1/nothing', { headers: { Origin: 'http://localhost:8081' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:8081');
    expect(allowed.headers.get('access-control-expose-headers')).toContain('X-Request-Id');
    expect(allowed.headers.get('vary')).toContain('Origin');
    expect(allowed.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const refused = await app.request('/v1/nothing', { headers: { Origin: 'http://evil.example' } });
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sets security headers', async () => {
    const res = await app.request('/v1/nothing');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('strict-transport-security')).toContain('max-age');
  });
});

describeBackends(
  'rate limit',
  (ctx) => {
    it('answers 429 with the contract body past the per-client limit', async () => {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await ctx.http.call('POST', '/v1/subjects')).status);
      expect(statuses).toEqual([201, 201, 201, 429, 429]);
      const res = await ctx.http.call('POST', '/v1/subjects');
      expect(res.json.error.code).toBe('rate_limited');
      expect(res.headers.get('ratelimit-policy')).toContain('3');
    });
  },
  { rateLimitPerMinute: 3 },
);

describeBackends('logs', (ctx) => {
  it('log one JSON line per request, without tokens or ids from the URL', async () => {
    const lines: string[] = [];
    const logged = client(
      createApp({
        db: ctx.store.db,
        dialect: ctx.store.dialect,
        sync: ctx.store.sync,
        config: testConfig(),
        logger: jsonLogger((l) => lines.push(l)),
        metrics: createMetrics(),
      }),
    );
    const { token } = await logged.newSubject();
    const request = await logged.call('POST', '/v1/rights-requests', {
      token,
      body: { kind: 'access', jurisdiction: 'gdpr' },
    });
    await logged.call('GET', `/v1/rights-requests/${request.json.id}`, { token });
    await logged.call('GET', '/v1/subjects/me/state', { token });
    expect(lines).toHaveLength(4);
    for (const line of lines) {
      const entry = JSON.parse(line);
      expect(entry).toMatchObject({
        level: 'info',
        msg: 'request',
        method: expect.any(String),
        status: expect.any(Number),
      });
      expect(line).not.toContain(token.split('.')[1]);
      expect(line).not.toContain(request.json.id);
    }
    expect(JSON.parse(lines[2] as string).route).toBe('/v1/rights-requests/:id');
    const res = await logged.call('GET', '/v1/subjects/me/state', { token });
    expect(JSON.parse(lines[4] as string).requestId).toBe(res.headers.get('x-request-id'));
  });
});

describeBackends(
  'rate limit behind a proxy',
  (ctx) => {
    it('counts each X-Forwarded-For client separately behind TRUST_PROXY=2 proxies', async () => {
      const from = (ip: string) =>
        ctx.app.request('/v1/subjects', {
          method: 'POST',
          headers: { 'X-Forwarded-For': `${ip}, 10.0.0.1` },
        });
      const a = [];
      for (let i = 0; i < 3; i++) a.push((await from('203.0.113.1')).status);
      expect(a).toEqual([201, 201, 429]);
      expect((await from('203.0.113.2')).status).toBe(201);
    });
  },
  { rateLimitPerMinute: 2, trustProxy: 2 },
);
