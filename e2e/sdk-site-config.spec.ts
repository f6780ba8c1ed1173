import type { Page } from '@playwright/test';
import { axeAudit } from './harness/axe.js';
import { expectTagsRan, localHistory, ui, waitForReady } from './harness/consent-page.js';
import { expect, test } from './harness/fixtures.js';
import type {} from './harness/sdk-globals.js';

// A site describes itself (contract: "Site configuration (SDK)"): an inline
// <script type="application/json" data-coreconsent-config> before the SDK's tag. Only its purposes
// appear and can be granted, its services and cookies are listed under each, its texts replace the
// built-in ones, its services' cookies go when their purpose is withdrawn, and a bad one fails closed.

const CONFIG = {
  siteName: 'CoreITsm Service Desk',
  purposes: ['functional', 'analytics'],
  services: [
    {
      id: 'google-analytics',
      name: 'Google Analytics',
      purpose: 'analytics',
      provider: 'Google LLC',
      privacyUrl: 'https://policies.google.com/privacy',
      cookies: [
        { name: '_ga', duration: '2 years', description: 'Tells visitors apart' },
        { name: '_ga_*', duration: '2 years', description: 'Keeps the session state' },
      ],
    },
    { id: 'intercom', name: 'Intercom', purpose: 'functional', provider: 'Intercom, Inc.' },
  ],
  texts: {
    en: {
      bannerTitle: 'Your privacy at the Service Desk',
      purposes: { analytics: { name: 'Usage statistics' } },
    },
  },
};

/** Serves the demo page with `config` as its inline configuration (before the SDK's script tag, as a site ships it). */
async function withInlineConfig(page: Page, config: unknown): Promise<void> {
  await page.route('**/*', async (route) => {
    if (route.request().resourceType() !== 'document') return route.continue();
    const response = await route.fetch();
    const inline = `<script type="application/json" data-coreconsent-config>${JSON.stringify(config)}</script>`;
    // The demo ships its own configuration: this one takes its place.
    const body = (await response.text()).replace(
      /<script type="application\/json" data-coreconsent-config>[^<]*<\/script>/,
      inline,
    );
    if (!body.includes(inline)) throw new Error('the demo page has no inline configuration to replace');
    await route.fulfill({ response, body });
  });
}

test('only the configured purposes, with their services, cookies and the site’s own texts', async ({
  page,
  sites,
}) => {
  await withInlineConfig(page, CONFIG);
  await page.goto(sites.serviceDesk.url('/', { jurisdiction: 'gdpr' }));
  await expect(ui.banner(page)).toBeVisible();
  await expect(page.locator('coreconsent-ui #cc-banner-title')).toHaveText(
    'Your privacy at the Service Desk',
  );

  await ui.action(page, 'customize').click();
  await expect(ui.preferences(page)).toBeVisible();
  const sections = page.locator('coreconsent-ui [data-purpose-section]');
  await expect(sections).toHaveCount(3);
  expect(
    await sections.evaluateAll((els) => els.map((el) => el.getAttribute('data-purpose-section'))),
  ).toEqual(['necessary', 'functional', 'analytics']);
  await expect(ui.purpose(page, 'marketing')).toHaveCount(0);
  const analytics = page.locator('coreconsent-ui [data-purpose-section="analytics"]');
  await expect(analytics).toContainText('Usage statistics');
  const ga = analytics.locator('[data-service="google-analytics"]');
  await expect(ga).toContainText('Google Analytics');
  await expect(ga).toContainText('Google LLC');
  // A disclosure: the cookie table opens from the keyboard.
  await expect(ga.locator('[data-cookie="_ga"]')).toBeHidden();
  await ga.locator('summary').focus();
  await page.keyboard.press('Enter');
  await expect(ga.locator('[data-cookie="_ga"]')).toBeVisible();
  await expect(ga.locator('[data-cookie="_ga"]')).toContainText('2 years');
  await expect(ga.locator('[data-cookie="_ga_*"]')).toContainText('Keeps the session state');
  // The services and the open cookie table, with axe (WCAG A/AA, shadow DOM included).
  const audit = await axeAudit(page);
  expect(audit.violations, JSON.stringify(audit.violations, null, 2)).toEqual([]);
  await expect(
    page.locator('coreconsent-ui [data-purpose-section="functional"] [data-service="intercom"]'),
  ).toContainText('Intercom, Inc.');

  // "Accept all" grants what the site uses, never a purpose it does not list.
  await ui.action(page, 'accept-all').click();
  await expect(ui.preferences(page)).toHaveCount(0);
  await expectTagsRan(page, ['analytics', 'functional']);
  const [record] = await localHistory(page);
  expect(record?.choices).toMatchObject({ analytics: 'granted', functional: 'granted', marketing: 'denied' });

  // Withdrawing analytics deletes the configured services' cookies (exact names and prefixes).
  const url = sites.serviceDesk.url('/');
  await page.context().addCookies([
    { name: '_ga', value: 'GA1.1.1', url },
    { name: '_ga_ABC', value: 'GS1.1', url },
    { name: 'keep', value: '1', url },
  ]);
  await page.evaluate(() => window.CoreConsent?.set({ analytics: 'denied' }));
  await expect
    .poll(() => page.evaluate(() => document.cookie.split('; ').sort().join(' ')))
    .not.toContain('_ga');
  expect(await page.evaluate(() => document.cookie)).toContain('keep=1');

  // The next visit: the stored decision, within the site's purposes.
  const next = await page.context().newPage();
  await withInlineConfig(next, CONFIG);
  await next.goto(sites.serviceDesk.url('/', { jurisdiction: 'gdpr' }));
  await waitForReady(next);
  await expect(ui.banner(next)).toHaveCount(0);
  await expectTagsRan(next, ['functional']);
});

test('a bad configuration fails closed: one error naming the field, no banner, nothing gated runs', async ({
  page,
  sites,
}) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  const bad = { ...CONFIG, services: [{ ...CONFIG.services[0], purpose: 'marketing' }] };
  await withInlineConfig(page, bad);
  await page.goto(sites.serviceDesk.url('/', { jurisdiction: 'none' }));
  await expect
    .poll(() => errors.filter((e) => e.startsWith('CoreConsent: invalid configuration')))
    .toHaveLength(1);
  expect(errors.find((e) => e.startsWith('CoreConsent'))).toContain('services.0.purpose');
  await page.waitForTimeout(500);
  await expect(ui.banner(page)).toHaveCount(0);
  // "none" would run every tag without a banner: a bad configuration runs none.
  await expectTagsRan(page, []);
  expect(await page.evaluate(() => typeof window.CoreConsent)).toBe('undefined');
});
