import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { silentLogger } from '../ops/logger.js';
import { createMetrics } from '../ops/metrics.js';
import { testConfig } from '../testing/backends.js';
import { SECURITY_HEADERS, securityHeaders } from './response-headers.js';

describe('securityHeaders', () => {
  it('sets exactly the headers of hono/secure-headers with its defaults', async () => {
    const headersOf = async (middleware: ReturnType<typeof securityHeaders>) => {
      const res = await new Hono()
        .use(middleware)
        .get('/', (c) => c.json({ ok: true }))
        .request('/');
      const names = new Map<string, string>();
      res.headers.forEach((value, name) => {
        if (name !== 'content-type' && name !== 'date') names.set(name, value);
      });
      return names;
    };
    const ours = await headersOf(securityHeaders());
    expect(ours.size).toBe(SECURITY_HEADERS.length);
    expect(ours).toEqual(await headersOf(secureHeaders() as ReturnType<typeof securityHeaders>));
  });
});

describe('headers on a real Node server', () => {
  it('are written once each, on answers of the app and of its error handler', async () => {
    const app = createApp({
      db: undefined as never, // the requests below never reach the database
      dialect: 'sqlite',
      sync: async () => {},
      config: testConfig({ allowedOrigins: ['http://localhost:8081'] }),
      logger: silentLogger,
      metrics: createMetrics(),
    });
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      for (const [path, status] of [
        ['/v1/nothing', 404],
        ['/v1/subjects/me/state', 401],
      ] as const) {
        const res = await fetch(`http://127.0.0.1:${port}${path}`, {
          headers: { Origin: 'http://localhost:8081' },
        });
        expect(res.status).toBe(status);
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        for (const [name, value] of SECURITY_HEADERS) expect(res.headers.get(name)).toBe(value);
        expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:8081');
        expect(res.headers.get('access-control-expose-headers')).toBe(
          'Content-Disposition,X-Request-Id,Date',
        );
        expect(Math.abs(Date.parse(res.headers.get('date') ?? '') - Date.now())).toBeLessThan(5_000);
        expect(res.headers.get('vary')).toBe('Origin');
        expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBeTypeOf('string');
      }
      const preflight = await fetch(`http://127.0.0.1:${port}/v1/records`, {
        method: 'OPTIONS',
        headers: { Origin: 'http://localhost:8081', 'Access-Control-Request-Method': 'POST' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:8081');
      expect(preflight.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
