import { expect, it } from 'vitest';
import { makeRecord } from '../testing/backends.js';
import { describeBackends } from '../testing/describe-backends.js';

/** Finding 1 of issue 10: a subject's history is bounded, and a batch past the bound is a clear 413. */
describeBackends(
  'history limits',
  (ctx) => {
    async function count(subjectId: string) {
      const rows = await ctx.store.db
        .selectFrom('consent_records')
        .select('id')
        .where('subject_id', '=', subjectId)
        .execute();
      return rows.length;
    }

    it('refuses the batch that would pass the records limit, naming the first record that does not fit', async () => {
      const { subjectId, token } = await ctx.http.newSubject();
      const first = Array.from({ length: 4 }, () => makeRecord(subjectId));
      expect((await ctx.http.call('POST', '/v1/records', { token, body: { records: first } })).status).toBe(
        200,
      );
      const over = [makeRecord(subjectId), makeRecord(subjectId)];
      const res = await ctx.http.call('POST', '/v1/records', { token, body: { records: over } });
      expect(res.status).toBe(413);
      expect(res.json.error).toMatchObject({ code: 'history_full', recordId: over[1]?.id });
      expect(res.json.error.message).toMatch(/5 records/);
      expect(await count(subjectId)).toBe(4);
      // A duplicate of a stored record adds nothing, so it is still accepted at the limit.
      const again = await ctx.http.call('POST', '/v1/records', { token, body: { records: first } });
      expect(again.status).toBe(200);
    });

    it('refuses a record for one site more than the sites limit', async () => {
      const { subjectId, token } = await ctx.http.newSubject();
      const two = ['a', 'b'].map((siteId) => makeRecord(subjectId, { siteId }));
      expect((await ctx.http.call('POST', '/v1/records', { token, body: { records: two } })).status).toBe(
        200,
      );
      const third = makeRecord(subjectId, { siteId: 'c' });
      const res = await ctx.http.call('POST', '/v1/records', { token, body: { records: [third] } });
      expect(res.status).toBe(413);
      expect(res.json.error).toMatchObject({ code: 'history_full', recordId: third.id });
      expect(res.json.error.message).toMatch(/2 sites/);
      // More records on a site it already has are fine.
      const more = makeRecord(subjectId, { siteId: 'a' });
      expect((await ctx.http.call('POST', '/v1/records', { token, body: { records: [more] } })).status).toBe(
        200,
      );
    });

    it('bounds revocations too (each one is a new record)', async () => {
      const { subjectId, token } = await ctx.http.newSubject();
      const records = Array.from({ length: 5 }, () => makeRecord(subjectId));
      expect((await ctx.http.call('POST', '/v1/records', { token, body: { records } })).status).toBe(200);
      const res = await ctx.http.call('POST', '/v1/subjects/me/revocations', {
        token,
        body: { siteId: 'servicedesk', purposes: ['analytics'] },
      });
      expect(res.status).toBe(413);
      expect(res.json.error.code).toBe('history_full');
    });
  },
  { historyLimits: { recordsPerSubject: 5, sitesPerSubject: 2 } },
);
