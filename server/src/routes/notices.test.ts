import { canonicalJson, type Notice, NoticeResponseSchema, noticeHash } from '@coreitsm/protocol';
import { expect, it } from 'vitest';
import { verifyAudit } from '../audit/verify-audit.js';
import { ADMIN_TOKEN, makeRecord } from '../testing/backends.js';
import { describeBackends } from '../testing/describe-backends.js';

const notice: Notice = {
  siteId: 'servicedesk',
  language: 'en',
  policyVersion: '2026-04-08',
  texts: { bannerTitle: 'Your privacy', bannerText: 'We use cookies to run the Service Desk.' },
  purposes: ['functional', 'analytics'],
  services: [
    {
      id: 'hotjar',
      name: 'Hotjar',
      purpose: 'analytics',
      provider: 'Hotjar Ltd',
      cookies: [{ name: '_hj*' }],
    },
  ],
};

describeBackends('notices', (ctx) => {
  it('stores a notice under the hash the protocol computes, idempotently, and gives it back exactly', async () => {
    const expected = await noticeHash(notice);
    const first = await ctx.http.call('POST', '/v1/notices', { body: { notice } });
    expect(first.status).toBe(201);
    expect(first.json).toEqual({ hash: expected });
    // The same notice with its keys in another order is the same notice.
    const reordered = {
      ...notice,
      texts: { bannerText: notice.texts.bannerText, bannerTitle: notice.texts.bannerTitle },
    };
    const again = await ctx.http.call('POST', '/v1/notices', { body: { notice: reordered } });
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ hash: expected });
    const read = await ctx.http.call('GET', `/v1/notices/${expected}`);
    expect(read.status).toBe(200);
    expect(read.headers.get('cache-control')).toContain('immutable');
    const parsed = NoticeResponseSchema.parse(read.json);
    expect(canonicalJson(parsed.notice)).toBe(canonicalJson(notice));
    expect(await noticeHash(parsed.notice)).toBe(expected);
    const rows = await ctx.store.db.selectFrom('notices').selectAll().where('hash', '=', expected).execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses a bad notice naming the field, an oversized one, and unknown or malformed hashes; changes nothing', async () => {
    const count = async () => (await ctx.store.db.selectFrom('notices').select('hash').execute()).length;
    const before = await count();
    const bad = await ctx.http.call('POST', '/v1/notices', {
      body: { notice: { ...notice, purposes: ['necessary'] } },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/^notice\.purposes\.0: /);
    const extra = await ctx.http.call('POST', '/v1/notices', { body: { notice, hash: 'mine' } });
    expect(extra.status).toBe(400);
    const huge = {
      ...notice,
      texts: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`t${i}`, 'x'.repeat(4000)])),
    };
    expect((await ctx.http.call('POST', '/v1/notices', { body: { notice: huge } })).status).toBe(413);
    expect(await count()).toBe(before);
    expect((await ctx.http.call('GET', `/v1/notices/${'0'.repeat(64)}`)).status).toBe(404);
    const malformed = await ctx.http.call('GET', '/v1/notices/ABC');
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.message).toMatch(/^hash: /);
  });

  it('records name their notice; the admin lists the notices in use per site with their record counts', async () => {
    const shown = { ...notice, texts: { ...notice.texts, bannerTitle: 'Counted' } };
    const hash = await noticeHash(shown);
    const unregistered = 'f'.repeat(64);
    expect((await ctx.http.call('POST', '/v1/notices', { body: { notice: shown } })).status).toBe(201);
    const { subjectId, token } = await ctx.http.newSubject();
    const records = [
      makeRecord(subjectId, { noticeHash: hash, createdAt: new Date(Date.now() - 2000).toISOString() }),
      makeRecord(subjectId, { noticeHash: hash }),
      makeRecord(subjectId, { siteId: 'status', noticeHash: unregistered }),
      makeRecord(subjectId, { siteId: 'status' }),
    ];
    expect((await ctx.http.call('POST', '/v1/records', { token, body: { records } })).status).toBe(200);
    // The record keeps its noticeHash in the page and the exports.
    const page = await ctx.http.call('GET', '/v1/subjects/me/records?site=servicedesk', { token });
    expect(page.json.records.map((r: { noticeHash?: string }) => r.noticeHash)).toEqual([hash, hash]);
    const csv = (await ctx.http.call('GET', '/v1/subjects/me/export?format=csv', { token })).text;
    expect(csv.split('\r\n')[0]?.split(',').at(-1)).toBe('"noticeHash"');
    expect(csv).toContain(`"${hash}"`);

    const all = await ctx.http.call('GET', '/v1/admin/notices', { token: ADMIN_TOKEN });
    expect(all.status).toBe(200);
    const mine = all.json.notices.filter((n: { hash: string }) => n.hash === hash || n.hash === unregistered);
    expect(mine).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ hash, siteId: 'servicedesk', records: 2, registered: true }),
        expect.objectContaining({ hash: unregistered, siteId: 'status', records: 1, registered: false }),
      ]),
    );
    const one = await ctx.http.call('GET', '/v1/admin/notices?site=status', { token: ADMIN_TOKEN });
    expect(one.json.notices.every((n: { siteId: string }) => n.siteId === 'status')).toBe(true);
    expect((await ctx.http.call('GET', '/v1/admin/notices?site=Bad!', { token: ADMIN_TOKEN })).status).toBe(
      400,
    );
    expect((await ctx.http.call('GET', '/v1/admin/notices')).status).toBe(401);
    // The column the counts read must say what the body says.
    expect(await verifyAudit(ctx.store.db)).toMatchObject({ ok: true });
    await ctx.store.db
      .updateTable('consent_records')
      .set({ notice_hash: null })
      .where('id', '=', records[0]?.id as string)
      .execute();
    expect(await verifyAudit(ctx.store.db)).toMatchObject({
      ok: false,
      firstBadRecord: { id: records[0]?.id, problem: 'altered' },
    });
    await ctx.store.db
      .updateTable('consent_records')
      .set({ notice_hash: hash })
      .where('id', '=', records[0]?.id as string)
      .execute();
    expect(await verifyAudit(ctx.store.db)).toMatchObject({ ok: true });
  });
});
