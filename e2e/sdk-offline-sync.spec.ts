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
  // The subject that holds the record, not the first one made: a subject created while the server came back
  // can have its answer lost to the page (a retry then makes another; subject-watcher.ts, `holding`).
  const subject = await subjects.holding(page, record?.id ?? '');
  await expectRecordOnServer(page, server, subject, record ?? { id: '', siteId: 'servicedesk' });
  expect(await server.api.records(subject.token, 'servicedesk')).toHaveLength(1);
});

test('the tab closes before its record could be sent: the next visit delivers it', async ({
  context,
  sites,
  server,
  subjects,
}) => {
  // Every attempt of that tab to send records fails at the network level (its flushes and its
  // pagehide keepalive flush alike); creating the subject still works. The next tab has no such fault.
  const recordsUrl = `${server.url}/v1/records`;
  let refused = 0;
  const url = sites.statusPortal.url('/', { jurisdiction: 'gdpr' });
  const page = await context.newPage();
  await page.route(recordsUrl, (route) => {
    refused += 1;
    return route.abort('connectionreset');
  });
  await page.goto(url);
  await ui.action(page, 'reject-all').click();
  await expect.poll(async () => (await localHistory(page)).length).toBe(1);
  const subject = await subjects.first();
  await expect.poll(() => refused).toBeGreaterThan(0);
  const [record] = await localHistory(page);
  await page.close({ runBeforeUnload: true });
  expect(await server.api.records(subject.token, 'status')).toEqual([]);

  const again = await context.newPage();
  await again.goto(url);
  await waitForReady(again);
  await expect(ui.banner(again)).toHaveCount(0);
  await expectRecordOnServer(again, server, subject, record ?? { id: '', siteId: 'status' });
});
