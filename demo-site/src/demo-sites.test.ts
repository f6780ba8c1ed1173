import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDemoSites, startDemoSites } from './index.js';

// The sites over real HTTP on free ports (the SDK build is not needed: /consent/ may 404 here).
let demo: RunningDemoSites;
let lines: string[];
beforeAll(async () => {
  lines = [];
  demo = await startDemoSites({ ports: [0, 0], apiUrl: 'http://127.0.0.1:9', log: (l) => lines.push(l) });
});
afterAll(() => demo.close());

const get = (path: string, init?: RequestInit, site = 0) =>
  fetch(`${demo.sites[site as 0 | 1].origin.replace('localhost', '127.0.0.1')}${path}`, init);

describe('startDemoSites', () => {
  it('binds two sites on distinct origins and names the origins to allow', () => {
    const [desk, status] = demo.sites;
    expect(desk.origin).toMatch(/^http:\/\/localhost:\d+$/);
    expect(status.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(desk.port).not.toBe(status.port);
    expect(demo.allowedOrigins).toBe(`${desk.origin},${status.origin}`);
  });

  it('serves each home page with its siteId, a fresh nonce and a strict CSP', async () => {
    const [a, b] = [await get('/'), await get('/')];
    const csp = a.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self' 'nonce-");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(csp).toContain("connect-src 'self' http://127.0.0.1:9");
    expect(csp).not.toBe(b.headers.get('content-security-policy'));
    expect(await a.text()).toContain('data-site="servicedesk"');
    expect(await (await get('/', undefined, 1)).text()).toContain('data-site="status"');
  });

  it('answers /.well-known/gpc.json as JSON', async () => {
    const response = await get('/.well-known/gpc.json');
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ gpc: true, lastUpdate: '2026-04-08' });
  });

  it('rejects bad demo parameters, unknown paths, traversal and other methods', async () => {
    expect((await get('/?jurisdiction=eu')).status).toBe(400);
    expect((await get('/?policy=%3Cscript%3E')).status).toBe(400);
    expect((await get('/nope')).status).toBe(404);
    expect((await get('/assets/%2e%2e/src/index.ts')).status).toBe(404);
    expect((await get('/assets/..%2fpackage.json')).status).toBe(404);
    expect((await get('/', { method: 'POST' })).status).toBe(405);
  });

  it('logs CSP reports', async () => {
    const response = await get('/csp-report', {
      method: 'POST',
      body: '{"csp-report":{"violated-directive":"x"}}',
    });
    expect(response.status).toBe(204);
    expect(lines.at(-1)).toContain('CSP violation');
  });

  it('fails clearly (EADDRINUSE) when a port is taken', async () => {
    await expect(startDemoSites({ ports: [demo.sites[0].port, 0], apiUrl: null })).rejects.toThrow(
      /EADDRINUSE/,
    );
  });
});
