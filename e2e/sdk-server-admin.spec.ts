import { AuditVerifyResponseSchema } from '@coreitsm/protocol';
import { localHistory, ui } from './harness/consent-page.js';
import { expect, test } from './harness/fixtures.js';
import { expectRecordOnServer } from './harness/server-checks.js';

// What the site operator sees after real traffic: the audit chain still verifies and grew with
// the decision, and the admin statistics count the site.

test('decisions from the sites keep the audit chain valid and show in the admin statistics', async ({
  page,
  sites,
  server,
  subjects,
}) => {
  const before = AuditVerifyResponseSchema.parse(await server.api.admin('/v1/admin/audit/verify'));
  expect(before.ok).toBe(true);

  await page.goto(sites.statusPortal.url('/', { jurisdiction: 'lgpd' }));
  await ui.action(page, 'accept-all').click();
  await expect.poll(async () => (await localHistory(page)).length).toBe(1);
  const [record] = await localHistory(page);
  const subject = await subjects.first();
  await expectRecordOnServer(page, server, subject, record ?? { id: '', siteId: 'status' });

  const after = AuditVerifyResponseSchema.parse(await server.api.admin('/v1/admin/audit/verify'));
  expect(after).toMatchObject({ ok: true });
  expect(after.entries).toBeGreaterThan(before.entries);
  expect(JSON.stringify(await server.api.admin('/v1/admin/stats'))).toContain('"status"');

  // Without the admin token the admin API answers 401 with the contract's error body.
  const denied = await fetch(`${server.url}/v1/admin/stats`, {
    headers: { authorization: `Bearer ${subject.token}` },
  });
  expect(denied.status).toBe(401);
  expect(await denied.json()).toMatchObject({
    error: { code: expect.any(String), message: expect.any(String) },
  });
});
