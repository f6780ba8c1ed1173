import { expectTagsRan, localHistory, ui, waitForReady } from './harness/consent-page.js';
import { expect, test } from './harness/fixtures.js';
import { expectRecordOnServer } from './harness/server-checks.js';

// Offline first: with the server down the choice still applies and is kept; once the server is
// back, the next load delivers it. Nothing acknowledged is lost.

test('server down → choose → server up → reload delivers the record', async ({
  page,
  sites,
  server,
  subjects,
}) => {
  await server.stop();
  expect(await server.api.healthy()).toBe(false);

  const site = sites.serviceDesk;
  await page.goto(site.url('/', { jurisdiction: 'gdpr' }));
  await waitForReady(page);
  await expect(ui.banner(page)).toBeVisible();
  await ui.action(page, 'accept-all').click();
  await expect(ui.banner(page)).toBeHidden();
  await expectTagsRan(page, ['analytics', 'functional', 'marketing', 'video']);
  await expect.poll(async () => (await localHistory(page)).length).toBe(1);
  const [record] = await localHistory(page);
  // Let the SDK try (and fail) to send while the server is down.
  await page.waitForTimeout(1_000);
  expect(subjects.all()).toEqual([]);

  await server.start();
  expect(await server.api.healthy()).toBe(true);
  await page.reload();
  await waitForReady(page);
  await expect(ui.banner(page)).toHaveCount(0);
  const subject = await subjects.first();
  await expectRecordOnServer(page, server, subject, record ?? { id: '', siteId: 'servicedesk' });
  expect(await server.api.records(subject.token, 'servicedesk')).toHaveLength(1);
});

test('a record made just before the tab closes is not lost: the server has it by the next visit', async ({
  context,
  sites,
  server,
  subjects,
}) => {
  const url = sites.statusPortal.url('/', { jurisdiction: 'gdpr' });
  const page = await context.newPage();
  await page.goto(url);
  await ui.action(page, 'reject-all').click();
  await expect.poll(async () => (await localHistory(page)).length).toBe(1);
  const [record] = await localHistory(page);
  await page.close({ runBeforeUnload: true });

  const again = await context.newPage();
  await again.goto(url);
  await waitForReady(again);
  const subject = await subjects.first();
  await expectRecordOnServer(again, server, subject, record ?? { id: '', siteId: 'status' });
});
