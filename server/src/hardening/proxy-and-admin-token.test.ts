import { describe, expect, it } from 'vitest';
import { MIN_ADMIN_TOKEN_LENGTH } from '../config.js';
import { describeBackends } from '../testing/describe-backends.js';
import { runCli } from '../testing/spawn-cli.js';

/**
 * Finding 7 of issue 10: the rate limit counts the address the trusted proxy appended, not the
 * X-Forwarded-For entries the client wrote itself; and the admin token cannot be short.
 */
describeBackends(
  'rate limit behind one trusted proxy',
  (ctx) => {
    const post = (forwardedFor: string) =>
      ctx.app.request('/v1/subjects', { method: 'POST', headers: { 'X-Forwarded-For': forwardedFor } });

    it('lets 5 of 8 requests through a 5/min limit however the client forges the addresses before the proxy’s', async () => {
      const statuses = [];
      // The proxy appended 203.0.113.7 (the address it saw); the client wrote the rest.
      for (let i = 0; i < 8; i++) statuses.push((await post(`198.51.100.${i}, 203.0.113.7`)).status);
      expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429, 429]);
      // Another real client (another address appended by the proxy) has its own budget.
      expect((await post('198.51.100.1, 203.0.113.8')).status).toBe(201);
    });

    it('does not trust a header shorter than the proxy chain (the request did not come through it)', async () => {
      const statuses = [];
      for (let i = 0; i < 6; i++) {
        const res = await ctx.app.request('/v1/subjects', { method: 'POST' });
        statuses.push(res.status);
      }
      // Without X-Forwarded-For every such request shares the socket's address.
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    });
  },
  { rateLimitPerMinute: 5, trustProxy: 1 },
);

describe('ADMIN_TOKEN length (process)', () => {
  it(`refuses to start with a token shorter than ${MIN_ADMIN_TOKEN_LENGTH} characters: exit 2, one line`, () => {
    const { status, stderr } = runCli(['start', '--port', '0', '--db', ':memory:'], {
      ADMIN_TOKEN: 'x'.repeat(MIN_ADMIN_TOKEN_LENGTH - 1),
    });
    expect(status).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^coreconsent-server: ADMIN_TOKEN must be at least 24 characters/);
  });
});
