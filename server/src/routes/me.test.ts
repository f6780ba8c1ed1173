import { StoredConsentRecordSchema } from '@coreitsm/protocol';
import { describe, expect, it } from 'vitest';
import { makeRecord } from '../testing/backends.js';
import { describeBackends } from '../testing/describe-backends.js';

describeBackends('subject routes (state, history, export, revocations)', (ctx) => {
  async function subjectWith(records: (subjectId: string) => ReturnType<typeof makeRecord>[]) {
    const subject = await ctx.http.newSubject();
    const batch = records(subject.subjectId);
    const res = await ctx.http.call('POST', '/v1/records', {
      token: subject.token,
      body: { records: batch },
    });
    expect(res.status).toBe(200);
    return { ...subject, batch };
  }
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 26, 12, minute)).toISOString();

  describe('GET /v1/subjects/me/state', () => {
    it('answers the latest record per site', async () => {
      const { subjectId, token, batch } = await subjectWith((s) => [
        makeRecord(s, { createdAt: at(1) }),
        makeRecord(s, {
          createdAt: at(3),
          choices: { necessary: 'granted', functional: 'denied', analytics: 'denied', marketing: 'denied' },
        }),
        makeRecord(s, { createdAt: at(2) }),
        makeRecord(s, { siteId: 'status', jurisdiction: 'ccpa', createdAt: at(0) }),
      ]);
      const res = await ctx.http.call('GET', '/v1/subjects/me/state', { token });
      expect(res.status).toBe(200);
      expect(res.json.subjectId).toBe(subjectId);
      expect(Object.keys(res.json.sites).sort()).toEqual(['servicedesk', 'status']);
      expect(res.json.sites.servicedesk.recordId).toBe(batch[1]?.id);
      expect(res.json.sites.servicedesk.choices.analytics).toBe('denied');
      expect(res.json.sites.status.jurisdiction).toBe('ccpa');
    });

    it('answers an empty state for a new subject', async () => {
      const { token, subjectId } = await ctx.http.newSubject();
      const res = await ctx.http.call('GET', '/v1/subjects/me/state', { token });
      expect(res.json).toEqual({ subjectId, sites: {} });
    });

    it('answers 401 without a token and for a wrong one', async () => {
      expect((await ctx.http.call('GET', '/v1/subjects/me/state')).status).toBe(401);
      expect((await ctx.http.call('GET', '/v1/subjects/me/state', { token: 'x' })).status).toBe(401);
    });

    it('never shows another subject', async () => {
      await subjectWith((s) => [makeRecord(s)]);
      const { token } = await ctx.http.newSubject();
      expect((await ctx.http.call('GET', '/v1/subjects/me/state', { token })).json.sites).toEqual({});
    });
  });

  describe('GET /v1/subjects/me/records', () => {
    it('pages newest first with a cursor, every record exactly once', async () => {
      const { token, batch } = await subjectWith((s) =>
        Array.from({ length: 7 }, (_, i) => makeRecord(s, { createdAt: at(i) })),
      );
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = cursor ? `?limit=3&cursor=${encodeURIComponent(cursor)}` : '?limit=3';
        const res = await ctx.http.call('GET', `/v1/subjects/me/records${query}`, { token });
        expect(res.status).toBe(200);
        for (const record of res.json.records) {
          expect(StoredConsentRecordSchema.safeParse(record).success).toBe(true);
          seen.push(record.id);
        }
        cursor = res.json.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual(batch.map((r) => r.id).reverse());
    });

    it('filters by site and defaults the limit', async () => {
      const { token } = await subjectWith((s) => [
        makeRecord(s),
        makeRecord(s, { siteId: 'status' }),
        makeRecord(s, { siteId: 'status' }),
      ]);
      const res = await ctx.http.call('GET', '/v1/subjects/me/records?site=status', { token });
      expect(res.json.records).toHaveLength(2);
      expect(res.json.records.every((r: { siteId: string }) => r.siteId === 'status')).toBe(true);
      expect(res.json.nextCursor).toBeNull();
    });

    it.each([
      ['limit=0', 'query.limit'],
      ['limit=101', 'query.limit'],
      ['limit=abc', 'query.limit'],
      ['site=Not%20A%20Site', 'query.site'],
      ['cursor=garbage', 'query.cursor'],
      ['sort=asc', 'query.sort'],
    ])('answers 400 for %s, naming %s', async (query, field) => {
      const { token } = await ctx.http.newSubject();
      const res = await ctx.http.call('GET', `/v1/subjects/me/records?${query}`, { token });
      expect(res.status).toBe(400);
      expect(res.json.error.message).toContain(field);
    });

    it('answers 401 without a token', async () => {
      expect((await ctx.http.call('GET', '/v1/subjects/me/records')).status).toBe(401);
    });
  });

  describe('GET /v1/subjects/me/export', () => {
    it.each([
      ['json', 'application/json', '"kind": "coreitsm-consent-export"'],
      ['csv', 'text/csv', '"id","schemaVersion"'],
      ['xml', 'application/xml', '<consentRecords'],
    ])('exports %s as a download', async (format, mime, marker) => {
      const { token, batch } = await subjectWith((s) => [makeRecord(s), makeRecord(s)]);
      const res = await ctx.http.call('GET', `/v1/subjects/me/export?format=${format}`, { token });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain(mime);
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="consent-records.${format}"`);
      expect(res.text).toContain(marker);
      for (const record of batch) expect(res.text).toContain(record.id);
    });

    it.each(['', '?format=pdf', '?format=json&x=1'])('answers 400 for "%s"', async (query) => {
      const { token } = await ctx.http.newSubject();
      const res = await ctx.http.call('GET', `/v1/subjects/me/export${query}`, { token });
      expect(res.status).toBe(400);
    });

    it('answers 401 without a token', async () => {
      expect((await ctx.http.call('GET', '/v1/subjects/me/export?format=json')).status).toBe(401);
    });
  });

  describe('POST /v1/subjects/me/revocations', () => {
    it('stores a narrowed snapshot that becomes the state', async () => {
      const { token, batch, subjectId } = await subjectWith((s) => [makeRecord(s, { createdAt: at(0) })]);
      const res = await ctx.http.call('POST', '/v1/subjects/me/revocations', {
        token,
        body: { siteId: 'servicedesk', purposes: ['analytics', 'marketing'] },
      });
      expect(res.status).toBe(201);
      const { record } = res.json;
      expect(StoredConsentRecordSchema.safeParse(record).success).toBe(true);
      expect(record).toMatchObject({
        subjectId,
        method: 'extension-revoke',
        previous: batch[0]?.id,
        choices: { necessary: 'granted', functional: 'granted', analytics: 'denied', marketing: 'denied' },
      });
      const state = await ctx.http.call('GET', '/v1/subjects/me/state', { token });
      expect(state.json.sites.servicedesk.recordId).toBe(record.id);
    });

    it('answers 404 when the site has no record', async () => {
      const { token } = await ctx.http.newSubject();
      const res = await ctx.http.call('POST', '/v1/subjects/me/revocations', {
        token,
        body: { siteId: 'nowhere', purposes: ['analytics'] },
      });
      expect(res.status).toBe(404);
      expect(res.json.error.message).toContain('siteId');
    });

    it.each([
      [{ siteId: 'servicedesk', purposes: ['necessary'] }, 'purposes.0'],
      [{ siteId: 'servicedesk', purposes: [] }, 'purposes'],
      [{ purposes: ['analytics'] }, 'siteId'],
      [{ siteId: 'servicedesk', purposes: ['analytics'], extra: true }, 'extra'],
    ])('answers 400 for %j naming %s', async (body, field) => {
      const { token } = await subjectWith((s) => [makeRecord(s)]);
      const res = await ctx.http.call('POST', '/v1/subjects/me/revocations', { token, body });
      expect(res.status).toBe(400);
      expect(res.json.error.message).toContain(field);
    });

    it('answers 401 without a token', async () => {
      const res = await ctx.http.call('POST', '/v1/subjects/me/revocations', {
        body: { siteId: 'servicedesk', purposes: ['analytics'] },
      });
      expect(res.status).toBe(401);
    });
  });
});
