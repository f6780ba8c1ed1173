import { describe, expect, it } from 'vitest';
import { describeBackends } from '../testing/describe-backends.js';

describeBackends('rights requests (subject side)', (ctx) => {
  describe('POST /v1/rights-requests', () => {
    it.each([
      ['gdpr', 30],
      ['ccpa', 45],
      ['lgpd', 15],
      ['pipeda', 30],
    ])('stores a %s request due in %i days', async (jurisdiction, days) => {
      const { token } = await ctx.http.newSubject();
      const before = Date.now();
      const res = await ctx.http.call('POST', '/v1/rights-requests', {
        token,
        body: {
          kind: 'access',
          jurisdiction,
          siteId: 'servicedesk',
          contact: 'me@example.com',
          details: 'all of it',
        },
      });
      expect(res.status).toBe(201);
      expect(res.json.status).toBe('received');
      const due = Date.parse(res.json.dueAt) - before;
      expect(due).toBeGreaterThanOrEqual(days * 86_400_000 - 1000);
      expect(due).toBeLessThanOrEqual(days * 86_400_000 + 5000);
    });

    it.each([
      [{ kind: 'delete-everything', jurisdiction: 'gdpr' }, 'kind'],
      [{ kind: 'access' }, 'jurisdiction'],
      [{ kind: 'access', jurisdiction: 'gdpr', contact: 'x' }, 'contact'],
      [{ kind: 'access', jurisdiction: 'gdpr', details: 'x'.repeat(4001) }, 'details'],
      [{ kind: 'access', jurisdiction: 'gdpr', ip: '1.2.3.4' }, 'ip'],
    ])('answers 400 for %j naming %s, and stores nothing', async (body, field) => {
      const { token, subjectId } = await ctx.http.newSubject();
      const res = await ctx.http.call('POST', '/v1/rights-requests', { token, body });
      expect(res.status).toBe(400);
      expect(res.json.error.message).toContain(field);
      const rows = await ctx.store.db
        .selectFrom('rights_requests')
        .select('id')
        .where('subject_id', '=', subjectId)
        .execute();
      expect(rows).toHaveLength(0);
    });

    it('answers 401 without a valid token', async () => {
      const body = { kind: 'access', jurisdiction: 'gdpr' };
      expect((await ctx.http.call('POST', '/v1/rights-requests', { body })).status).toBe(401);
      expect((await ctx.http.call('POST', '/v1/rights-requests', { token: 'nope', body })).status).toBe(401);
    });
  });

  describe('GET /v1/rights-requests/:id', () => {
    it('shows the request and its history to its subject', async () => {
      const { token } = await ctx.http.newSubject();
      const created = await ctx.http.call('POST', '/v1/rights-requests', {
        token,
        body: { kind: 'erasure', jurisdiction: 'gdpr' },
      });
      const res = await ctx.http.call('GET', `/v1/rights-requests/${created.json.id}`, { token });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({
        id: created.json.id,
        kind: 'erasure',
        status: 'received',
        dueAt: created.json.dueAt,
      });
      expect(res.json.history).toEqual([{ status: 'received', at: expect.any(String) }]);
    });

    it('answers 404 to another subject and for an unknown id', async () => {
      const owner = await ctx.http.newSubject();
      const stranger = await ctx.http.newSubject();
      const created = await ctx.http.call('POST', '/v1/rights-requests', {
        token: owner.token,
        body: { kind: 'access', jurisdiction: 'gdpr' },
      });
      expect(
        (await ctx.http.call('GET', `/v1/rights-requests/${created.json.id}`, { token: stranger.token }))
          .status,
      ).toBe(404);
      expect((await ctx.http.call('GET', '/v1/rights-requests/nope', { token: owner.token })).status).toBe(
        404,
      );
    });

    it('answers 401 without a token', async () => {
      expect((await ctx.http.call('GET', '/v1/rights-requests/x')).status).toBe(401);
    });
  });
});
