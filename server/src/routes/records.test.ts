import { MAX_RECORDS_PER_BATCH } from '@coreitsm/protocol';
import { describe, expect, it } from 'vitest';
import { makeRecord } from '../testing/backends.js';
import { describeBackends } from '../testing/describe-backends.js';

describeBackends('POST /v1/subjects and POST /v1/records', (ctx) => {
  const count = async (subjectId: string) =>
    Number(
      (
        await ctx.store.db
          .selectFrom('consent_records')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('subject_id', '=', subjectId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  describe('POST /v1/subjects', () => {
    it('creates a subject and shows the token once; only its hash is stored', async () => {
      const res = await ctx.http.call('POST', '/v1/subjects');
      expect(res.status).toBe(201);
      expect(res.json.subjectId).toMatch(/^sub_[A-Za-z0-9_-]{22}$/);
      expect(res.json.token.startsWith(`${res.json.subjectId}.`)).toBe(true);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const row = await ctx.store.db
        .selectFrom('subjects')
        .selectAll()
        .where('id', '=', res.json.subjectId)
        .executeTakeFirstOrThrow();
      const secret = res.json.token.split('.')[1];
      expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.token_hash).not.toContain(secret);
    });
  });

  describe('POST /v1/records', () => {
    it('stores a batch and answers per record', async () => {
      const { subjectId, token } = await ctx.http.newSubject();
      const records = [makeRecord(subjectId), makeRecord(subjectId, { siteId: 'status' })];
      const res = await ctx.http.call('POST', '/v1/records', { token, body: { records } });
      expect(res.status).toBe(200);
      expect(res.json).toEqual({
        results: records.map((r) => ({ id: r.id, status: 'stored', receipt: expect.any(String) })),
      });
      expect(await count(subjectId)).toBe(2);
    });

    it('is idempotent: the same batch sent 3 times stores each record once', async () => {
      const { subjectId, token } = await ctx.http.newSubject();
      const records = Array.from({ length: 5 }, () => makeRecord(subjectId));
      const statuses = [];
      for (let i = 0; i < 3; i++) {
        const res = await ctx.http.call('POST', '/v1/records', { token, body: { records } });
        expect(res.status).toBe(200);
        statuses.push(res.json.results.map((r: { status: string }) => r.status));
      }
      expect(statuses[0]).toEqual(Array(5).fill('stored'));
      expect(statuses[1]).toEqual(Array(5).fill('duplicate'));
      expect(statuses[2]).toEqual(Array(5).fill('duplicate'));
      expect(await count(subjectId)).toBe(5);
    });

    it('treats a re-sent record with its keys in another order as the same record', async () => {
      const { subjectId, token } = await ctx.http.newSubject();
      const record = makeRecord(subjectId);
      await ctx.http.call('POST', '/v1/records', { token, body: { records: [record] } });
      const reordered = Object.fromEntries(Object.entries(record).reverse());
      const res = await ctx.http.call('POST', '/v1/records', { token, body: { records: [reordered] } });
      expect(res.json.results).toEqual([{ id: record.id, status: 'duplicate', receipt: expect.any(String) }]);
    });

    it('answers 409 for the same id with other content and stores nothing of that batch', async () => {
      const { subjectId, token } = await ctx.http.newSubject();
      const record = makeRecord(subjectId);
      await ctx.http.call('POST', '/v1/records', { token, body: { records: [record] } });
      const fresh = makeRecord(subjectId);
      const changed = { ...record, choices: { ...record.choices, analytics: 'denied' as const } };
      const res = await ctx.http.call('POST', '/v1/records', { token, body: { records: [fresh, changed] } });
      expect(res.status).toBe(409);
      expect(res.json.error.code).toBe('conflict');
      expect(res.json.error.message).toContain('records.1');
      expect(await count(subjectId)).toBe(1);
    });

    it('answers 409 for one id twice with different content in a batch', async () => {
      const { subjectId, token } = await ctx.http.newSubject();
      const record = makeRecord(subjectId);
      const twin = { ...record, gpc: true };
      const res = await ctx.http.call('POST', '/v1/records', { token, body: { records: [record, twin] } });
      expect(res.status).toBe(409);
      expect(await count(subjectId)).toBe(0);
    });

    it('stores one id twice with the same content once', async () => {
      const { subjectId, token } = await ctx.http.newSubject();
      const record = makeRecord(subjectId);
      const res = await ctx.http.call('POST', '/v1/records', { token, body: { records: [record, record] } });
      expect(res.json.results.map((r: { status: string }) => r.status)).toEqual(['stored', 'duplicate']);
      expect(await count(subjectId)).toBe(1);
    });

    it('answers 400 naming the field when one record is invalid, and stores none', async () => {
      const { subjectId, token } = await ctx.http.newSubject();
      const bad = {
        ...makeRecord(subjectId),
        choices: { necessary: 'denied', functional: 'granted', analytics: 'granted', marketing: 'granted' },
      };
      const res = await ctx.http.call('POST', '/v1/records', {
        token,
        body: { records: [makeRecord(subjectId), bad] },
      });
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe('invalid_request');
      expect(res.json.error.message).toContain('records.1.choices.necessary');
      expect(await count(subjectId)).toBe(0);
    });

    it.each([
      ['not JSON', '{"records":', 'invalid_json'],
      ['an empty batch', JSON.stringify({ records: [] }), 'invalid_request'],
      ['no records field', JSON.stringify({}), 'invalid_request'],
      ['an unknown top-level field', JSON.stringify({ records: [], extra: 1 }), 'invalid_request'],
      ['an array body', '[]', 'invalid_request'],
    ])('answers 400 for %s', async (_, raw, code) => {
      const { token } = await ctx.http.newSubject();
      const res = await ctx.http.call('POST', '/v1/records', { token, raw });
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe(code);
    });

    it(`answers 400 for more than ${MAX_RECORDS_PER_BATCH} records`, async () => {
      const { subjectId, token } = await ctx.http.newSubject();
      const records = Array.from({ length: MAX_RECORDS_PER_BATCH + 1 }, () => makeRecord(subjectId));
      const res = await ctx.http.call('POST', '/v1/records', { token, body: { records } });
      expect(res.status).toBe(400);
      expect(res.json.error.message).toContain('records');
    });

    it('answers 403 for a record of another subject, and stores none', async () => {
      const me = await ctx.http.newSubject();
      const other = await ctx.http.newSubject();
      const res = await ctx.http.call('POST', '/v1/records', {
        token: me.token,
        body: { records: [makeRecord(me.subjectId), makeRecord(other.subjectId)] },
      });
      expect(res.status).toBe(403);
      expect(res.json.error.message).toContain('records.1.subjectId');
      expect(await count(me.subjectId)).toBe(0);
      expect(await count(other.subjectId)).toBe(0);
    });

    it('answers 413 for a body over the limit', async () => {
      const { token } = await ctx.http.newSubject();
      const res = await ctx.http.call('POST', '/v1/records', {
        token,
        raw: `{"records":[],"pad":"${'x'.repeat(600 * 1024)}"}`,
      });
      expect(res.status).toBe(413);
      expect(res.json.error.code).toBe('payload_too_large');
    });

    describe('auth failures', () => {
      it.each([
        ['no Authorization header', undefined],
        ['a malformed token', 'not-a-token'],
        ['an unknown subject', `sub_AAAAAAAAAAAAAAAAAAAAAA.${'A'.repeat(43)}`],
      ])('answers 401 for %s', async (_, token) => {
        const res = await ctx.http.call('POST', '/v1/records', {
          ...(token ? { token } : {}),
          body: { records: [] },
        });
        expect(res.status).toBe(401);
        expect(res.json.error.code).toBe('unauthorized');
      });

      it('answers 401 for the right subject with a wrong secret', async () => {
        const { subjectId, token } = await ctx.http.newSubject();
        const wrong = `${subjectId}.${'B'.repeat(43)}`;
        expect(wrong).not.toBe(token);
        const res = await ctx.http.call('POST', '/v1/records', {
          token: wrong,
          body: { records: [makeRecord(subjectId)] },
        });
        expect(res.status).toBe(401);
        expect(await count(subjectId)).toBe(0);
      });

      it('answers 401 for a Basic scheme', async () => {
        const { token } = await ctx.http.newSubject();
        const res = await ctx.app.request('/v1/records', {
          method: 'POST',
          headers: { Authorization: `Basic ${token}` },
          body: '{}',
        });
        expect(res.status).toBe(401);
      });
    });
  });
});
