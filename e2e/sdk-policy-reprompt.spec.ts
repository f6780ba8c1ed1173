import { expectTagsRan, localHistory, ui, waitForReady } from './harness/consent-page.js';
import { expect, test } from './harness/fixtures.js';
import { expectRecordOnServer } from './harness/server-checks.js';

// A new policy version re-prompts; the new decision supersedes the old record (`previous`).

test('a new policy version re-prompts and the new record supersedes the old one', async ({
  page,
  sites,
  server,
  subjects,
}) => {
  const site = sites.statusPortal;
  await page.goto(site.url('/', { jurisdiction: 'gdpr' }));
  await ui.action(page, 'accept-all').click();
  await expect.poll(async () => (await localHistory(page)).length).toBe(1);
  const [first] = await localHistory(page);

  // The Status Portal's configuration offers no marketing: "Accept all" never grants it there.
  expect(first?.choices.marketing).toBe('denied');
  // Same policy: no prompt.
  await page.reload();
  await waitForReady(page);
  await expectTagsRan(page, ['analytics', 'functional', 'video']);
  await expect(ui.banner(page)).toHaveCount(0);

  // The site publishes a new policy version ("Simulate a policy update" in the demo bar).
  await page.getByRole('link', { name: 'Simulate a policy update' }).click();
  await expect(page.getByTestId('policy-version')).toHaveText('2026-12-01');
  await waitForReady(page);
  await expect(ui.banner(page)).toBeVisible();
  // The banner says what changed since the version decided on (the demo's policyHistory), and only that.
  const changes = page.locator('coreconsent-ui [data-policy-changes]');
  await expect(changes).toBeVisible();
  await expect(changes.locator('[data-policy-version="2026-12-01"]')).toContainText(
    '2026-12-01: Adds Hotjar',
  );
  await expect(changes.locator('[data-policy-version="2026-04-08"]')).toHaveCount(0);
  // The preference center lists every version.
  await ui.action(page, 'customize').click();
  // Only the purposes the Status Portal's configuration offers: no marketing switch.
  await expect(ui.purpose(page, 'analytics')).toHaveCount(1);
  await expect(ui.purpose(page, 'marketing')).toHaveCount(0);
  const history = page.locator('coreconsent-ui [data-policy-history] [data-policy-version]');
  await expect(history).toHaveCount(2);
  await page.keyboard.press('Escape');
  await expect(ui.banner(page)).toBeVisible();

  await ui.action(page, 'reject-all').click();
  await expect(ui.banner(page)).toBeHidden();
  await expect.poll(async () => (await localHistory(page)).length).toBe(2);
  const [, second] = await localHistory(page);
  expect(second).toMatchObject({ policyVersion: '2026-12-01', method: 'reject-all', previous: first?.id });
  expect(second?.choices).toEqual({
    necessary: 'granted',
    functional: 'denied',
    analytics: 'denied',
    marketing: 'denied',
  });
  // Not `subjects.first()`: the reload above may come while the first subject is being created,
  // and then a later load creates the subject that holds this record.
  const subject = await subjects.holding(page, second?.id ?? '');
  await expectRecordOnServer(page, server, subject, second ?? { id: '', siteId: 'status' });

  // Under the new version the new decision holds: no prompt, nothing gated runs.
  await page.reload();
  await waitForReady(page);
  await page.waitForTimeout(300);
  await expect(ui.banner(page)).toHaveCount(0);
  await expectTagsRan(page, []);
});
