import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { describe, expect, it } from 'vitest';
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
        if (name !== 'content-type') names.set(name, value);
      });
      return names;
    };
    const ours = await headersOf(securityHeaders());
    expect(ours.size).toBe(SECURITY_HEADERS.length);
    expect(ours).toEqual(await headersOf(secureHeaders() as ReturnType<typeof securityHeaders>));
  });
});
