import type { ConsentRecord } from '@coreitsm/protocol';
import { expect, it } from 'vitest';
import { writeTransaction } from '../db/write-transaction.js';
import { storeRecords } from '../store/records-store.js';
import { ADMIN_TOKEN, makeRecord } from '../testing/backends.js';
import { describeBackends } from '../testing/describe-backends.js';

/** Finding 10 of issue 10: a site id that names an Object.prototype member is just a site id. */
describeBackends('admin statistics with hostile site ids', (ctx) => {
  const denied: ConsentRecord['choices'] = {
    necessary: 'granted',
    functional: 'denied',
    analytics: 'denied',
    marketing: 'denied',
  };

  async function expectCounted(siteId: string) {
    const stats = await ctx.http.call('GET', '/v1/admin/stats', { token: ADMIN_TOKEN });
    expect(stats.status).toBe(200);
    expect(Object.hasOwn(stats.json.bySite, siteId)).toBe(true);
    expect(stats.json.bySite[siteId].analytics).toEqual({ granted: 1, total: 2 });
    expect(stats.json.bySite[siteId].necessary).toEqual({ granted: 2, total: 2 });
  }

  it('counts the site "constructor" (a valid site id) like any other', async () => {
    const { subjectId, token } = await ctx.http.newSubject();
    const siteId = 'constructor';
    const records = [makeRecord(subjectId, { siteId }), makeRecord(subjectId, { siteId, choices: denied })];
    expect((await ctx.http.call('POST', '/v1/records', { token, body: { records } })).status).toBe(200);
    await expectCounted(siteId);
  });

  it.each(['toString', 'hasOwnProperty', '__proto__'])(
    'counts %s like any other, had it reached the table (the API refuses it as a site id)',
    async (siteId) => {
      const { subjectId, token } = await ctx.http.newSubject();
      const records = [makeRecord(subjectId, { siteId }), makeRecord(subjectId, { siteId, choices: denied })];
      expect((await ctx.http.call('POST', '/v1/records', { token, body: { records } })).status).toBe(400);
      // Straight through the store layer, as rows written by an older version or another tool would be.
      const limits = { recordsPerSubject: 100, sitesPerSubject: 100 };
      await writeTransaction(ctx.store.db, ctx.store.dialect, (wctx) =>
        storeRecords(wctx, subjectId, records, limits),
      );
      await expectCounted(siteId);
    },
  );
});
