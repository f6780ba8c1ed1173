import { expect, it } from 'vitest';
import { verifyAudit } from '../audit/verify-audit.js';
import { ADMIN_TOKEN, makeRecord } from '../testing/backends.js';
import { describeBackends } from '../testing/describe-backends.js';

/**
 * Finding 11 of issue 10: an erasure leaves no personal data behind. Admin notes on the steps of
 * the subject's requests are cleared with its contact and details; the audit chain holds ids and
 * hashes only (a revocation's entry no longer lists its purposes), and still verifies afterwards.
 */
describeBackends('what an erasure leaves', (ctx) => {
  it('clears admin notes, keeps purposes and personal data out of the chain, and the chain still verifies', async () => {
    const admin = { token: ADMIN_TOKEN };
    const { subjectId, token } = await ctx.http.newSubject();
    expect(
      (await ctx.http.call('POST', '/v1/records', { token, body: { records: [makeRecord(subjectId)] } }))
        .status,
    ).toBe(200);
    const revoked = await ctx.http.call('POST', '/v1/subjects/me/revocations', {
      token,
      body: { siteId: 'servicedesk', purposes: ['marketing'] },
    });
    expect(revoked.status).toBe(201);
    const access = await ctx.http.call('POST', '/v1/rights-requests', {
      token,
      body: {
        kind: 'access',
        jurisdiction: 'gdpr',
        contact: 'ana.silva@example.com',
        details: 'my account qzx4711qzx',
      },
    });
    const erasure = await ctx.http.call('POST', '/v1/rights-requests', {
      token,
      body: { kind: 'erasure', jurisdiction: 'gdpr', contact: 'ana.silva@example.com' },
    });
    const step = (id: string, status: string, note: string) =>
      ctx.http.call('PATCH', `/v1/admin/rights-requests/${id}`, { ...admin, body: { status, note } });
    expect((await step(access.json.id, 'verifying', 'Ana Silva called from +351 912 345 678')).status).toBe(
      200,
    );
    expect((await step(erasure.json.id, 'in-progress', 'identity of Ana Silva checked')).status).toBe(200);
    expect((await step(erasure.json.id, 'completed', 'erased at Ana Silva’s request')).status).toBe(200);

    const notes = await ctx.store.db
      .selectFrom('rights_request_steps')
      .select('note')
      .where('request_id', 'in', [access.json.id, erasure.json.id])
      .execute();
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.map((n) => n.note)).toEqual(notes.map(() => null));
    const requests = await ctx.store.db
      .selectFrom('rights_requests')
      .select(['contact', 'details'])
      .where('subject_id', '=', subjectId)
      .execute();
    expect(requests).toEqual(requests.map(() => ({ contact: null, details: null })));

    const chain = await ctx.store.db
      .selectFrom('audit_log')
      .select(['action', 'data'])
      .where('subject_id', '=', subjectId)
      .execute();
    const text = JSON.stringify(chain);
    // Markers that hashes, ids and base64 salts cannot contain by chance: '4711' alone once matched a
    // hex hash in the chain (flake hunt), 'Ana' could match base64.
    for (const personal of ['Ana Silva', 'ana.silva', '912 345', 'qzx4711qzx', 'marketing'])
      expect(text).not.toContain(personal);
    const revocation = chain.find((entry) => entry.action === 'revocation.stored');
    expect(JSON.parse(revocation?.data ?? '{}')).toEqual({
      id: revoked.json.record.id,
      siteId: 'servicedesk',
    });
    expect(await verifyAudit(ctx.store.db)).toMatchObject({ ok: true });
  });
});
