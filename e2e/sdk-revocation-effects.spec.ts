import { currentChoices, expectTagsRan, localHistory, ui, waitForReady } from './harness/consent-page.js';
import { expect, test } from './harness/fixtures.js';

// What a narrower choice does on the page: declared cookies are deleted and `coreconsent:change`
// fires; the footer's "Do Not Sell or Share" records the opt-out in California.

test('withdrawing analytics deletes the cookies it declares and fires coreconsent:change', async ({
  page,
  sites,
}) => {
  await page.goto(sites.serviceDesk.url('/', { jurisdiction: 'gdpr' }));
  await ui.action(page, 'accept-all').click();
  await expectTagsRan(page, ['analytics', 'functional', 'marketing', 'video']);
  await expect.poll(() => page.evaluate(() => document.cookie)).toContain('demo_analytics_id=');
  const changesBefore = await page.evaluate(
    () => window.__e2e?.events.filter((e) => e.type === 'coreconsent:change').length ?? 0,
  );

  await page.getByRole('button', { name: 'Cookie preferences' }).click();
  await expect(ui.preferences(page)).toBeVisible();
  await ui.purpose(page, 'analytics').click();
  await expect(ui.purpose(page, 'analytics')).not.toBeChecked();
  await ui.action(page, 'save').click();
  await expect(ui.preferences(page)).toBeHidden();

  await expect.poll(() => page.evaluate(() => document.cookie)).not.toContain('demo_analytics_id=');
  await expect
    .poll(() =>
      page.evaluate(() => window.__e2e?.events.filter((e) => e.type === 'coreconsent:change').length ?? 0),
    )
    .toBeGreaterThan(changesBefore);
  const lastChange = await page.evaluate(
    () => window.__e2e?.events.filter((e) => e.type === 'coreconsent:change').at(-1)?.detail,
  );
  expect(JSON.stringify(lastChange)).toContain('"analytics":"denied"');
  const history = await localHistory(page);
  expect(history.map((r) => r.method)).toEqual(['accept-all', 'preferences']);
  expect(history[1]?.previous).toBe(history[0]?.id);

  await page.reload();
  await waitForReady(page);
  await page.waitForTimeout(300);
  await expectTagsRan(page, ['functional', 'marketing', 'video']);
  expect(await page.evaluate(() => document.cookie)).not.toContain('demo_analytics_id=');
});

test('"Do Not Sell or Share My Personal Information" in the footer records the opt-out in California', async ({
  page,
  sites,
}) => {
  await page.goto(sites.statusPortal.url('/', { jurisdiction: 'ccpa' }));
  await waitForReady(page);
  await expect(ui.banner(page)).toBeVisible();
  await ui.action(page, 'accept-all').click();
  await expect(ui.banner(page)).toBeHidden();
  expect((await currentChoices(page)).sale_sharing).toBe('granted');

  await page.getByRole('button', { name: 'Do Not Sell or Share My Personal Information' }).click();
  await expect.poll(async () => (await currentChoices(page)).sale_sharing).toBe('denied');
  await expect(ui.preferences(page)).toBeVisible();
  await expect(ui.purpose(page, 'sale_sharing')).toHaveCount(1);
  const history = await localHistory(page);
  expect(history).toHaveLength(2);
  expect(history[1]?.choices.sale_sharing).toBe('denied');
  expect(history[1]?.previous).toBe(history[0]?.id);
});
