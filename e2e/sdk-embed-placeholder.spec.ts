import { expectTagsRan, localHistory, waitForReady } from './harness/consent-page.js';
import { expect, test } from './harness/fixtures.js';

// A blocked embed shows an in-context placeholder that asks for its purpose only; allowing it
// there releases the embed and records exactly that purpose.

test('the video placeholder allows marketing only, and the embed loads', async ({ page, sites }) => {
  // A tall viewport, so the bottom banner does not cover the placeholder.
  await page.setViewportSize({ width: 1280, height: 1400 });
  await page.goto(sites.serviceDesk.url('/', { jurisdiction: 'gdpr' }));
  await waitForReady(page);
  const allow = page.locator('coreconsent-placeholder [data-action="allow-purpose"]');
  await expect(allow).toHaveCount(1);
  await expect(allow).toHaveAttribute('data-purpose', 'marketing');
  await expect(page.locator('iframe[data-consent]')).not.toHaveAttribute('src', /./);

  await allow.click();
  await expectTagsRan(page, ['marketing', 'video']);
  await expect(page.locator('iframe[data-consent]')).toHaveAttribute('src', /\/embed\/video/);
  await expect(page.locator('coreconsent-placeholder')).toBeHidden();
  await expect.poll(async () => (await localHistory(page)).length).toBe(1);
  const [record] = await localHistory(page);
  expect(record?.choices).toEqual({
    necessary: 'granted',
    functional: 'denied',
    analytics: 'denied',
    marketing: 'granted',
  });
});
