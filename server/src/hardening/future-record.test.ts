import { MAX_CLOCK_SKEW_MS } from '@coreitsm/protocol';
import { expect, it } from 'vitest';
import { makeRecord } from '../testing/backends.js';
import { describeBackends } from '../testing/describe-backends.js';

/**
 * Finding 2 of issue 10: a record dated in the future must not win forever. The server refuses a
 * `createdAt` more than MAX_CLOCK_SKEW_MS ahead of its clock, naming the field and the record, and
 * tells every client its clock in the `Date` header (readable cross-origin).
 */
describeBackends('records dated in the future', (ctx) => {
  const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();

  it('refuses a record dated 9999 (400 naming createdAt and the record), so a later choice still wins', async () => {
    const { subjectId, token } = await ctx.http.newSubject();
    const honest = makeRecord(subjectId);
    const future = makeRecord(subjectId, { createdAt: '9999-12-31T23:59:59.000Z' });
    const res = await ctx.http.call('POST', '/v1/records', { token, body: { records: [honest, future] } });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('invalid_request');
    expect(res.json.error.message).toMatch(/^records\.1\.createdAt: .*ahead of the server clock/);
    expect(res.json.error.recordId).toBe(future.id);
    expect((await ctx.http.call('GET', '/v1/subjects/me/records', { token })).json.records).toEqual([]);

    const later = makeRecord(subjectId, {
      method: 'reject-all',
      choices: { ...honest.choices, analytics: 'denied' },
    });
    expect(
      (await ctx.http.call('POST', '/v1/records', { token, body: { records: [honest, later] } })).status,
    ).toBe(200);
    const state = await ctx.http.call('GET', '/v1/subjects/me/state', { token });
    expect(state.json.sites.servicedesk.recordId).toBe(later.id);
  });

  it('accepts a clock that runs ahead within the allowed skew, and refuses one just past it', async () => {
    const { subjectId, token } = await ctx.http.newSubject();
    const within = makeRecord(subjectId, { createdAt: inMs(MAX_CLOCK_SKEW_MS - 30_000) });
    expect((await ctx.http.call('POST', '/v1/records', { token, body: { records: [within] } })).status).toBe(
      200,
    );
    const past = makeRecord(subjectId, { createdAt: inMs(MAX_CLOCK_SKEW_MS + 30_000) });
    const res = await ctx.http.call('POST', '/v1/records', { token, body: { records: [past] } });
    expect(res.status).toBe(400);
    expect(res.json.error.recordId).toBe(past.id);
  });

  it('names the record in every error one record causes: invalid, foreign, conflicting', async () => {
    const { subjectId, token } = await ctx.http.newSubject();
    const good = makeRecord(subjectId);
    const invalid = { ...makeRecord(subjectId), method: 'coerced' };
    const bad = await ctx.http.call('POST', '/v1/records', { token, body: { records: [good, invalid] } });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({ code: 'invalid_request', recordId: invalid.id });
    expect(bad.json.error.message).toMatch(/^records\.1\.method/);
    const foreign = makeRecord('sub_someoneelse');
    const forbidden = await ctx.http.call('POST', '/v1/records', {
      token,
      body: { records: [good, foreign] },
    });
    expect(forbidden.status).toBe(403);
    expect(forbidden.json.error.recordId).toBe(foreign.id);
    expect((await ctx.http.call('POST', '/v1/records', { token, body: { records: [good] } })).status).toBe(
      200,
    );
    const changed = { ...good, method: 'reject-all' as const };
    const conflict = await ctx.http.call('POST', '/v1/records', { token, body: { records: [changed] } });
    expect(conflict.status).toBe(409);
    expect(conflict.json.error.recordId).toBe(good.id);
  });

  it('sends its clock in the Date header and lets cross-origin pages read it', async () => {
    const res = await ctx.app.request('/v1/subjects', {
      method: 'POST',
      headers: { Origin: 'http://localhost:8081' },
    });
    expect(Math.abs(Date.parse(res.headers.get('date') ?? '') - Date.now())).toBeLessThan(5_000);
    expect(res.headers.get('access-control-expose-headers')?.split(',')).toContain('Date');
  });
});
