import { expectTagsRan, localHistory, ui, waitForReady } from './harness/consent-page.js';
import { expect, test } from './harness/fixtures.js';

// A decision expires after 12 months (the SDK's default): before that it applies silently, after
// it the banner asks again and the new answer supersedes the old record. The page clock is faked.

const DAY = 86_400_000;

test('a decision holds for 12 months and is asked again after', async ({ page, sites }) => {
  const start = new Date('2026-11-26T10:00:00Z');
  await page.clock.install({ time: start });
  const url = sites.serviceDesk.url('/', { jurisdiction: 'gdpr' });
  await page.goto(url);
  await waitForReady(page);
  await ui.action(page, 'accept-all').click();
  await expect.poll(async () => (await localHistory(page)).length).toBe(1);
  // The faked clock keeps running from `start`: the record is stamped with it.
  const stamped = Date.parse((await localHistory(page))[0]?.createdAt ?? '');
  expect(stamped - start.getTime()).toBeGreaterThanOrEqual(0);
  expect(stamped - start.getTime()).toBeLessThan(60_000);

  // Eleven months later: still valid.
  await page.clock.setSystemTime(new Date(start.getTime() + 334 * DAY));
  await page.reload();
  await waitForReady(page);
  await expectTagsRan(page, ['analytics', 'functional', 'marketing', 'video']);
  await expect(ui.banner(page)).toHaveCount(0);

  // Thirteen months later: expired, asked again.
  await page.clock.setSystemTime(new Date(start.getTime() + 396 * DAY));
  await page.reload();
  await waitForReady(page);
  await expect(ui.banner(page)).toBeVisible();
  await ui.action(page, 'reject-all').click();
  await expect.poll(async () => (await localHistory(page)).length).toBe(2);
  const [old, renewed] = await localHistory(page);
  expect(renewed).toMatchObject({ method: 'reject-all', previous: old?.id });
});
