import { axeAudit } from './harness/axe.js';
import { ui, waitForReady } from './harness/consent-page.js';
import { expect, test } from './harness/fixtures.js';

// axe (WCAG 2.x A/AA + best practices, shadow DOM included) with the SDK's UI open: no violations at all.

// axe takes seconds per page on a loaded 2-core machine.
test.describe.configure({ timeout: 60_000 });

for (const jurisdiction of ['gdpr', 'ccpa'] as const) {
  test(`axe: banner open (${jurisdiction})`, async ({ page, sites }) => {
    await page.goto(sites.serviceDesk.url('/', { jurisdiction }));
    await waitForReady(page);
    await expect(ui.banner(page)).toBeVisible();
    const audit = await axeAudit(page);
    expect(audit.violations).toEqual([]);
    expect(audit.consentUiNodesChecked).toBeGreaterThan(0);
  });

  test(`axe: preference center open (${jurisdiction})`, async ({ page, sites }) => {
    await page.goto(sites.statusPortal.url('/', { jurisdiction }));
    await waitForReady(page);
    await ui.action(page, 'customize').click();
    await expect(ui.preferences(page)).toBeVisible();
    const audit = await axeAudit(page);
    expect(audit.violations).toEqual([]);
    expect(audit.consentUiNodesChecked).toBeGreaterThan(0);
  });
}

test('axe: dark mode preference center', async ({ page, sites }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(sites.serviceDesk.url('/', { jurisdiction: 'gdpr' }));
  await waitForReady(page);
  await ui.action(page, 'customize').click();
  await expect(ui.preferences(page)).toBeVisible();
  const audit = await axeAudit(page);
  expect(audit.violations).toEqual([]);
  expect(audit.consentUiNodesChecked).toBeGreaterThan(0);
});
