import { expect, it } from 'vitest';
import { verifyAudit } from '../audit/verify-audit.js';
import { DEFAULT_RETENTION } from '../config.js';
import { ADMIN_TOKEN, makeRecord } from '../testing/backends.js';
import { describeBackends } from '../testing/describe-backends.js';
import { purge } from './purge.js';

const YEAR = 365 * 86_400_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

describeBackends('retention purge', (ctx) => {
  it('deletes superseded records and closed requests past retention, keeps current choices, and audits it', async () => {
    const { subjectId, token } = await ctx.http.newSubject();
    const old1 = makeRecord(subjectId, { createdAt: ago(9 * YEAR) });
    const old2 = makeRecord(subjectId, { createdAt: ago(8 * YEAR) });
    const recentSuperseded = makeRecord(subjectId, { createdAt: ago(YEAR) });
    const current = makeRecord(subjectId, { createdAt: ago(86_400_000) });
    const lonelyOld = makeRecord(subjectId, { siteId: 'status', createdAt: ago(10 * YEAR) });
    const records = [old1, old2, recentSuperseded, current, lonelyOld];
    expect((await ctx.http.call('POST', '/v1/records', { token, body: { records } })).status).toBe(200);

    const closedOld = await ctx.http.call('POST', '/v1/rights-requests', {
      token,
      body: { kind: 'access', jurisdiction: 'gdpr' },
    });
    const closedRecent = await ctx.http.call('POST', '/v1/rights-requests', {
      token,
      body: { kind: 'access', jurisdiction: 'gdpr' },
    });
    const openOld = await ctx.http.call('POST', '/v1/rights-requests', {
      token,
      body: { kind: 'access', jurisdiction: 'gdpr' },
    });
    // Closed through the workflow (audited), then backdated: the audit log vouches for the status.
    const step = (id: string, status: string) =>
      ctx.http.call('PATCH', `/v1/admin/rights-requests/${id}`, { token: ADMIN_TOKEN, body: { status } });
    expect((await step(closedOld.json.id, 'in-progress')).status).toBe(200);
    expect((await step(closedOld.json.id, 'completed')).status).toBe(200);
    expect((await step(closedRecent.json.id, 'rejected')).status).toBe(200);
    await ctx.store.db
      .updateTable('rights_requests')
      .set({ updated_at: ago(4 * YEAR) })
      .where('id', '=', closedOld.json.id)
      .execute();
    await ctx.store.db
      .updateTable('rights_requests')
      .set({ updated_at: ago(YEAR) })
      .where('id', '=', closedRecent.json.id)
      .execute();
    await ctx.store.db
      .updateTable('rights_requests')
      .set({ updated_at: ago(5 * YEAR) })
      .where('id', '=', openOld.json.id)
      .execute();

    const dry = await purge(ctx.store.db, ctx.store.dialect, DEFAULT_RETENTION, { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, records: 2, rightsRequests: 1 });
    const ids = async () =>
      (
        await ctx.store.db
          .selectFrom('consent_records')
          .select('id')
          .where('subject_id', '=', subjectId)
          .execute()
      )
        .map((r) => r.id)
        .sort();
    expect(await ids()).toHaveLength(5);

    const done = await purge(ctx.store.db, ctx.store.dialect, DEFAULT_RETENTION, { dryRun: false });
    expect(done).toMatchObject({ dryRun: false, records: 2, rightsRequests: 1 });
    expect(await ids()).toEqual([recentSuperseded.id, current.id, lonelyOld.id].sort());
    const requests = (
      await ctx.store.db
        .selectFrom('rights_requests')
        .select('id')
        .where('subject_id', '=', subjectId)
        .execute()
    ).map((r) => r.id);
    expect(requests.sort()).toEqual([closedRecent.json.id, openOld.json.id].sort());
    const steps = await ctx.store.db
      .selectFrom('rights_request_steps')
      .select('request_id')
      .where('request_id', '=', closedOld.json.id)
      .execute();
    expect(steps).toHaveLength(0);

    const state = await ctx.http.call('GET', '/v1/subjects/me/state', { token });
    expect(state.json.sites.servicedesk.recordId).toBe(current.id);
    expect(state.json.sites.status.recordId).toBe(lonelyOld.id);

    const last = await ctx.store.db
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(last.action).toBe('retention.purged');
    expect(JSON.parse(last.data)).toMatchObject({ records: 2, rightsRequests: 1 });
    expect((await verifyAudit(ctx.store.db)).ok).toBe(true);

    const again = await purge(ctx.store.db, ctx.store.dialect, DEFAULT_RETENTION, { dryRun: false });
    expect(again).toMatchObject({ records: 0, rightsRequests: 0 });
  });
});
