import { NoticeResponseSchema } from '@coreitsm/protocol';
import type { Page } from '@playwright/test';
import { localHistory, ui } from './harness/consent-page.js';
import { expect, test } from './harness/fixtures.js';
import { expectRecordOnServer } from './harness/server-checks.js';

// Proof of notice (docs/contracts.md): every record names the notice the person decided on by
// `noticeHash`; the SDK registers that notice before it delivers the record, so the hash resolves at
// the server (`GET /v1/notices/:hash`) to exactly the texts that were on screen.

/** The banner's texts as the person sees them: heading, paragraph, buttons, the policy changes. */
async function bannerOnScreen(page: Page): Promise<string[]> {
  return page
    .locator('coreconsent-ui [data-coreconsent-banner]')
    .evaluate((banner) =>
      [...banner.querySelectorAll('h2, button, a, [data-policy-changes] > *')].map((el) =>
        (el.textContent ?? '').trim(),
      ),
    );
}

async function noticeOf(serverUrl: string, hash: string) {
  const response = await fetch(`${serverUrl}/v1/notices/${hash}`);
  expect(response.status, `GET /v1/notices/${hash}`).toBe(200);
  return NoticeResponseSchema.parse(await response.json()).notice;
}

test('a banner decision: its noticeHash resolves on the server to the banner’s texts on screen', async ({
  page,
  sites,
  server,
  subjects,
}) => {
  await page.goto(sites.serviceDesk.url('/', { jurisdiction: 'gdpr' }));
  await expect(ui.banner(page)).toBeVisible();
  const shown = await bannerOnScreen(page);
  const whole = await page.locator('coreconsent-ui [data-coreconsent-banner]').textContent();
  const title = await page.locator('coreconsent-ui #cc-banner-title').textContent();
  await ui.action(page, 'accept-all').click();
  await expect(ui.banner(page)).toBeHidden();

  const [record] = await localHistory(page);
  expect(record?.noticeHash, 'the record names its notice').toMatch(/^[0-9a-f]{64}$/);
  const subject = await subjects.first();
  const stored = await expectRecordOnServer(page, server, subject, record as NonNullable<typeof record>);
  expect(stored.noticeHash).toBe(record?.noticeHash);

  const notice = await noticeOf(server.url, stored.noticeHash as string);
  expect(notice.siteId).toBe(stored.siteId);
  expect(notice.policyVersion).toBe(stored.policyVersion);
  expect(notice.language).toBe(stored.language);
  expect(notice.texts.bannerTitle).toBe(title);
  // Every text on the banner is in the notice, and the notice holds nothing that was not on screen.
  const texts = Object.values(notice.texts);
  for (const text of shown) expect(texts).toContain(text);
  for (const text of texts) expect(whole).toContain(text);
});

test('a preference-center decision names the center’s notice: purposes, their texts and the services listed', async ({
  page,
  sites,
  server,
  subjects,
}) => {
  await page.goto(sites.serviceDesk.url('/', { jurisdiction: 'gdpr' }));
  await ui.action(page, 'customize').click();
  await expect(ui.preferences(page)).toBeVisible();
  const center = page.locator('coreconsent-ui [data-coreconsent-preferences]');
  const descriptions = await center.locator('[data-purpose-section] .purpose p').allTextContents();
  const services = await center
    .locator('[data-service]')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-service')));
  const title = await center.locator('#cc-pc-title').textContent();
  await ui.purpose(page, 'analytics').check();
  await ui.action(page, 'save').click();
  await expect(ui.preferences(page)).toBeHidden();

  const latest = (await localHistory(page)).find((r) => r.method === 'preferences');
  expect(latest?.noticeHash).toMatch(/^[0-9a-f]{64}$/);
  const subject = await subjects.first();
  const stored = await expectRecordOnServer(page, server, subject, latest as NonNullable<typeof latest>);
  const notice = await noticeOf(server.url, stored.noticeHash as string);
  expect(notice.texts.preferencesTitle).toBe(title);
  for (const description of descriptions) expect(Object.values(notice.texts)).toContain(description);
  expect(notice.services.map((s) => s.id).sort()).toEqual([...services].sort());
  expect(notice.purposes).toContain('analytics');
});

test('California: the runtime’s banner says what changed on a policy bump, and the notice records it', async ({
  page,
  sites,
  server,
  subjects,
}) => {
  const site = sites.statusPortal;
  await page.goto(site.url('/', { jurisdiction: 'ccpa' }));
  // The Status Portal gives no title of its own: the built-in one names the site (its siteName).
  await expect(page.locator('coreconsent-ui #cc-banner-title')).toHaveText(
    'Your privacy choices at CoreITsm Status Portal',
  );
  await ui.action(page, 'accept-all').click();
  await expect(ui.banner(page)).toBeHidden();
  await page.getByRole('link', { name: 'Simulate a policy update' }).click();
  await expect(page.getByTestId('policy-version')).toHaveText('2026-12-01');
  await expect(ui.banner(page)).toBeVisible();
  // In California the runtime draws the banner (the UI chunk): it shows the changes as the EU one does.
  const change = page.locator('coreconsent-ui [data-policy-changes] [data-policy-version="2026-12-01"]');
  await expect(change).toContainText('2026-12-01: Adds Hotjar');
  const line = (await change.textContent()) ?? '';
  await ui.action(page, 'reject-all').click();
  await expect(ui.banner(page)).toBeHidden();

  const latest = (await localHistory(page)).find((r) => r.policyVersion === '2026-12-01');
  const subject = await subjects.holding(page, latest?.id ?? '');
  const stored = await expectRecordOnServer(page, server, subject, latest as NonNullable<typeof latest>);
  const notice = await noticeOf(server.url, stored.noticeHash as string);
  expect(notice.policyVersion).toBe('2026-12-01');
  expect(Object.values(notice.texts)).toContain(line);
  expect(notice.texts.doNotSell).toBeTruthy();
});
