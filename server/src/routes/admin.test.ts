import { describe, expect, it } from 'vitest';
import { verifyAudit } from '../audit/verify-audit.js';
import { ADMIN_TOKEN, makeRecord, testApp } from '../testing/backends.js';
import { describeBackends } from '../testing/describe-backends.js';
import { client } from '../testing/http-client.js';

describeBackends('admin API', (ctx) => {
  const admin = { token: ADMIN_TOKEN };

  describe('auth', () => {
    it.each(['/v1/admin/stats', '/v1/admin/rights-requests', '/v1/admin/audit/verify'])(
      '%s answers 401 without or with a wrong token',
      async (path) => {
        expect((await ctx.http.call('GET', path)).status).toBe(401);
        expect((await ctx.http.call('GET', path, { token: 'wrong' })).status).toBe(401);
        const { token } = await ctx.http.newSubject();
        expect((await ctx.http.call('GET', path, { token })).status).toBe(401);
      },
    );

    it('is off (404) without ADMIN_TOKEN', async () => {
      const off = client(testApp(ctx.store, { adminToken: undefined }));
      const res = await off.call('GET', '/v1/admin/stats', { token: '' });
      expect(res.status).toBe(404);
      expect(res.json.error.code).toBe('admin_disabled');
    });
  });

  describe('GET /v1/admin/stats', () => {
    it('reports consent rates per purpose, site and day, and the GPC share', async () => {
      const { subjectId, token } = await ctx.http.newSubject();
      const denied = {
        necessary: 'granted',
        functional: 'denied',
        analytics: 'denied',
        marketing: 'denied',
      } as const;
      await ctx.http.call('POST', '/v1/records', {
        token,
        body: {
          records: [
            makeRecord(subjectId, { siteId: 'stats-site' }),
            makeRecord(subjectId, { siteId: 'stats-site', choices: denied, gpc: true }),
          ],
        },
      });
      const res = await ctx.http.call('GET', '/v1/admin/stats?days=7', admin);
      expect(res.status).toBe(200);
      expect(res.json.bySite['stats-site'].analytics).toEqual({ granted: 1, total: 2 });
      expect(res.json.gpc.records).toBeGreaterThanOrEqual(1);
      expect(res.json.gpc.share).toBeGreaterThan(0);
      const today = new Date().toISOString().slice(0, 10);
      const day = res.json.byDay.find(
        (d: { day: string; site: string }) => d.day === today && d.site === 'stats-site',
      );
      expect(day).toMatchObject({ records: 2, gpc: 1, purposes: { marketing: { granted: 1, total: 2 } } });
    });

    it.each(['days=0', 'days=x', 'other=1'])('answers 400 for %s', async (query) => {
      expect((await ctx.http.call('GET', `/v1/admin/stats?${query}`, admin)).status).toBe(400);
    });
  });

  describe('rights-request workflow', () => {
    async function file(kind = 'access', jurisdiction = 'gdpr') {
      const subject = await ctx.http.newSubject();
      const res = await ctx.http.call('POST', '/v1/rights-requests', {
        token: subject.token,
        body: { kind, jurisdiction },
      });
      return { ...subject, id: res.json.id as string, dueAt: res.json.dueAt as string };
    }

    it('lists open requests by due date', async () => {
      const lgpd = await file('access', 'lgpd');
      const ccpa = await file('opt-out', 'ccpa');
      const res = await ctx.http.call('GET', '/v1/admin/rights-requests', admin);
      expect(res.status).toBe(200);
      const ids = res.json.requests.map((r: { id: string }) => r.id);
      expect(ids.indexOf(lgpd.id)).toBeLessThan(ids.indexOf(ccpa.id));
      const dues = res.json.requests.map((r: { dueAt: string }) => r.dueAt);
      expect([...dues].sort()).toEqual(dues);
    });

    it('moves a request through its statuses, records each step, and audits it', async () => {
      const request = await file();
      for (const status of ['verifying', 'in-progress', 'completed']) {
        const res = await ctx.http.call('PATCH', `/v1/admin/rights-requests/${request.id}`, {
          ...admin,
          body: { status, note: `to ${status}` },
        });
        expect(res.status).toBe(200);
        expect(res.json.status).toBe(status);
      }
      const view = await ctx.http.call('GET', `/v1/rights-requests/${request.id}`, { token: request.token });
      expect(view.json.history.map((s: { status: string }) => s.status)).toEqual([
        'received',
        'verifying',
        'in-progress',
        'completed',
      ]);
      expect(view.json.history[3].note).toBe('to completed');
      const audit = await ctx.store.db
        .selectFrom('audit_log')
        .select('data')
        .where('action', '=', 'rights-request.status')
        .execute();
      expect(audit.filter((a) => a.data.includes(request.id))).toHaveLength(3);
    });

    it('answers 409 for a step the workflow does not allow', async () => {
      const request = await file();
      await ctx.http.call('PATCH', `/v1/admin/rights-requests/${request.id}`, {
        ...admin,
        body: { status: 'rejected' },
      });
      const res = await ctx.http.call('PATCH', `/v1/admin/rights-requests/${request.id}`, {
        ...admin,
        body: { status: 'in-progress' },
      });
      expect(res.status).toBe(409);
      expect(res.json.error.code).toBe('invalid_transition');
      const direct = await file();
      expect(
        (
          await ctx.http.call('PATCH', `/v1/admin/rights-requests/${direct.id}`, {
            ...admin,
            body: { status: 'completed' },
          })
        ).status,
      ).toBe(409);
    });

    it.each([{ status: 'received' }, { status: 'done' }, {}, { status: 'verifying', extra: 1 }])(
      'answers 400 for %j',
      async (body) => {
        const request = await file();
        expect(
          (await ctx.http.call('PATCH', `/v1/admin/rights-requests/${request.id}`, { ...admin, body }))
            .status,
        ).toBe(400);
      },
    );

    it('answers 404 for an unknown request and 401 without the admin token', async () => {
      expect(
        (
          await ctx.http.call('PATCH', '/v1/admin/rights-requests/nope', {
            ...admin,
            body: { status: 'verifying' },
          })
        ).status,
      ).toBe(404);
      const request = await file();
      expect(
        (
          await ctx.http.call('PATCH', `/v1/admin/rights-requests/${request.id}`, {
            token: request.token,
            body: { status: 'verifying' },
          })
        ).status,
      ).toBe(401);
    });

    it('completing an erasure erases the subject and leaves a tombstone that refuses late syncs', async () => {
      const subject = await ctx.http.newSubject();
      const late = makeRecord(subject.subjectId);
      await ctx.http.call('POST', '/v1/records', {
        token: subject.token,
        body: { records: [makeRecord(subject.subjectId)] },
      });
      const { json } = await ctx.http.call('POST', '/v1/rights-requests', {
        token: subject.token,
        body: { kind: 'erasure', jurisdiction: 'gdpr', contact: 'me@example.com' },
      });
      for (const status of ['in-progress', 'completed']) {
        await ctx.http.call('PATCH', `/v1/admin/rights-requests/${json.id}`, { ...admin, body: { status } });
      }
      const records = await ctx.store.db
        .selectFrom('consent_records')
        .select('id')
        .where('subject_id', '=', subject.subjectId)
        .execute();
      expect(records).toHaveLength(0);
      const sync = await ctx.http.call('POST', '/v1/records', {
        token: subject.token,
        body: { records: [late] },
      });
      expect(sync.status).toBe(410);
      expect(sync.json.error.code).toBe('subject_erased');
      const row = await ctx.store.db
        .selectFrom('subjects')
        .selectAll()
        .where('id', '=', subject.subjectId)
        .executeTakeFirstOrThrow();
      expect(row.token_hash).toBeNull();
      expect(row.erased_at).not.toBeNull();
      const request = await ctx.store.db
        .selectFrom('rights_requests')
        .selectAll()
        .where('id', '=', json.id)
        .executeTakeFirstOrThrow();
      expect(request.contact).toBeNull();
      expect((await verifyAudit(ctx.store.db)).ok).toBe(true);
    });
  });

  describe('GET /v1/admin/audit/verify', () => {
    it('verifies the chain', async () => {
      const res = await ctx.http.call('GET', '/v1/admin/audit/verify', admin);
      expect(res.status).toBe(200);
      expect(res.json.ok).toBe(true);
      expect(res.json.entries).toBeGreaterThan(5);
    });
  });
});
