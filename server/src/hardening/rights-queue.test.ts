import { expect, it } from 'vitest';
import { issueSubject } from '../auth/tokens.js';
import { writeTransaction } from '../db/write-transaction.js';
import { createRightsRequest, MAX_OPEN_RIGHTS_REQUESTS_PER_SUBJECT } from '../store/rights-store.js';
import { ADMIN_TOKEN } from '../testing/backends.js';
import { describeBackends } from '../testing/describe-backends.js';

/**
 * Finding 5 of issue 10: spam cannot hide a real rights request. One subject can keep only a few
 * requests open; the admin queue pages (`nextCursor`) through every open request, and the stats
 * count exactly what can be paged.
 */
describeBackends('the rights-request queue under spam', (ctx) => {
  const admin = { token: ADMIN_TOKEN };

  it(`lets one subject keep at most ${MAX_OPEN_RIGHTS_REQUESTS_PER_SUBJECT} requests open (429 past it)`, async () => {
    const { token } = await ctx.http.newSubject();
    const file = () =>
      ctx.http.call('POST', '/v1/rights-requests', { token, body: { kind: 'access', jurisdiction: 'lgpd' } });
    const ids: string[] = [];
    for (let i = 0; i < MAX_OPEN_RIGHTS_REQUESTS_PER_SUBJECT; i++) {
      const res = await file();
      expect(res.status).toBe(201);
      ids.push(res.json.id);
    }
    const refused = await file();
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe('too_many_open_requests');
    // Once one is answered, the subject may file again.
    const rejected = await ctx.http.call('PATCH', `/v1/admin/rights-requests/${ids[0]}`, {
      ...admin,
      body: { status: 'rejected' },
    });
    expect(rejected.status).toBe(200);
    expect((await file()).status).toBe(201);
  });

  it('pages through 500 LGPD requests and a genuine CCPA erasure filed after them; the stats count the same', async () => {
    // 500 spam requests (15-day deadline) from 50 subjects, written through the store layer.
    await writeTransaction(ctx.store.db, ctx.store.dialect, async (wctx) => {
      for (let s = 0; s < 50; s++) {
        const subject = issueSubject();
        await wctx.trx
          .insertInto('subjects')
          .values({
            id: subject.subjectId,
            token_hash: subject.tokenHash,
            created_at: wctx.now.toISOString(),
            erased_at: null,
          })
          .execute();
        for (let i = 0; i < MAX_OPEN_RIGHTS_REQUESTS_PER_SUBJECT; i++) {
          await createRightsRequest(wctx, subject.subjectId, { kind: 'access', jurisdiction: 'lgpd' });
        }
      }
    });
    const genuine = await ctx.http.newSubject();
    const erasure = await ctx.http.call('POST', '/v1/rights-requests', {
      token: genuine.token,
      body: { kind: 'erasure', jurisdiction: 'ccpa' },
    });
    expect(erasure.status).toBe(201);

    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    let lastDue = '';
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const res = await ctx.http.call('GET', `/v1/admin/rights-requests?limit=100${query}`, admin);
      expect(res.status).toBe(200);
      for (const request of res.json.requests as { id: string; dueAt: string }[]) {
        expect(seen.has(request.id)).toBe(false);
        expect(request.dueAt >= lastDue).toBe(true);
        lastDue = request.dueAt;
        seen.add(request.id);
      }
      cursor = res.json.nextCursor;
      pages += 1;
    } while (cursor);
    const stats = await ctx.http.call('GET', '/v1/admin/stats', admin);
    expect(seen.has(erasure.json.id)).toBe(true);
    expect(seen.size).toBe(stats.json.rightsRequests.open);
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(seen.size / 100));
  });

  it('refuses a cursor it did not issue and a limit out of range', async () => {
    expect((await ctx.http.call('GET', '/v1/admin/rights-requests?cursor=bogus', admin)).status).toBe(400);
    expect((await ctx.http.call('GET', '/v1/admin/rights-requests?limit=501', admin)).status).toBe(400);
  });
});
