import { expect, it } from 'vitest';
import { ADMIN_TOKEN, makeRecord } from '../testing/backends.js';
import { describeBackends } from '../testing/describe-backends.js';

/**
 * Finding 13 of issue 10 (server side): when a tab applied a revocation from the popup, the
 * extension sends that tab's own record and the tab's outbox sends it too. The same record posted
 * twice is stored once and counted once: statistics count decisions, not copies.
 */
describeBackends('one decision, one record', (ctx) => {
  it('stores the tab’s revocation record once when the extension and the outbox both deliver it', async () => {
    const { subjectId, token } = await ctx.http.newSubject();
    const granted = makeRecord(subjectId, { siteId: 'onedecision' });
    expect((await ctx.http.call('POST', '/v1/records', { token, body: { records: [granted] } })).status).toBe(
      200,
    );
    const before = (await ctx.http.call('GET', '/v1/admin/stats', { token: ADMIN_TOKEN })).json;

    const revoke = makeRecord(subjectId, {
      siteId: 'onedecision',
      method: 'extension-revoke',
      previous: granted.id,
      choices: { ...granted.choices, marketing: 'denied' },
    });
    const fromExtension = await ctx.http.call('POST', '/v1/records', { token, body: { records: [revoke] } });
    const fromOutbox = await ctx.http.call('POST', '/v1/records', { token, body: { records: [revoke] } });
    expect(fromExtension.json.results).toEqual([
      { id: revoke.id, status: 'stored', receipt: expect.any(String) },
    ]);
    // The second delivery gets the first one's receipt: one decision, one record, one receipt.
    expect(fromOutbox.json.results).toEqual([
      { id: revoke.id, status: 'duplicate', receipt: fromExtension.json.results[0].receipt },
    ]);

    const history = await ctx.http.call('GET', '/v1/subjects/me/records?site=onedecision', { token });
    expect(history.json.records.map((r: { id: string }) => r.id)).toEqual([revoke.id, granted.id]);
    const after = (await ctx.http.call('GET', '/v1/admin/stats', { token: ADMIN_TOKEN })).json;
    expect(after.records - before.records).toBe(1);
    expect(after.bySite.onedecision.marketing).toEqual({ granted: 1, total: 2 });
    const state = await ctx.http.call('GET', '/v1/subjects/me/state', { token });
    expect(state.json.sites.onedecision.recordId).toBe(revoke.id);
  });
});
