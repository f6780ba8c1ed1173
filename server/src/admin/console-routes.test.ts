import { describe, expect, it } from 'vitest';
import { adminConsoleRoutes } from './console-routes.js';

describe('GET /admin (console)', () => {
  const app = adminConsoleRoutes();

  it('serves the page, which holds no data and signs in first', async () => {
    const res = await app.request('/admin');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('id="sign-in"');
    expect(html).toContain('<script type="module" src="/admin/console.js">');
    expect(html).not.toMatch(/<script>(?!<\/script>)/); // no inline script: the CSP forbids it
  });

  it('sends a CSP that allows only our own origin', async () => {
    const csp = (await app.request('/admin')).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
  });

  it.each([
    ['/admin/console.js', 'text/javascript', '/v1/admin/stats'],
    ['/admin/console.css', 'text/css', '[hidden]'],
  ])('serves %s', async (path, type, marker) => {
    const res = await app.request(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain(type);
    expect(await res.text()).toContain(marker);
  });
});
