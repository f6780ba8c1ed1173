import { expectTagsRan, localHistory, ui, waitForReady } from './harness/consent-page.js';
import { expect, test } from './harness/fixtures.js';

// When things go wrong the SDK fails closed: nothing non-necessary runs without a decision.

test('IndexedDB unavailable: works in memory for the page, warns once, asks again next time', async ({
  context,
  page,
  sites,
}) => {
  await context.addInitScript(() => {
    // A browser where storage is blocked (private mode, policy): opening any database fails.
    const fail = () => {
      throw new DOMException('blocked by the test', 'SecurityError');
    };
    Object.defineProperty(IDBFactory.prototype, 'open', { value: fail, configurable: true });
  });
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning' && m.text().includes('CoreConsent')) warnings.push(m.text());
  });
  const url = sites.serviceDesk.url('/', { jurisdiction: 'gdpr' });
  await page.goto(url);
  await waitForReady(page);
  await expect(ui.banner(page)).toBeVisible();
  await page.waitForTimeout(300);
  await expectTagsRan(page, []);
  await ui.action(page, 'accept-all').click();
  await expectTagsRan(page, ['analytics', 'functional', 'marketing', 'video']);
  expect(await localHistory(page)).toHaveLength(1);
  expect(warnings).toHaveLength(1);

  await page.reload();
  await waitForReady(page);
  await expect(ui.banner(page)).toBeVisible();
  await page.waitForTimeout(300);
  await expectTagsRan(page, []);
});

test('a bad script-tag attribute is a console error naming it, and nothing gated runs', async ({
  page,
  sites,
}) => {
  const url = sites.serviceDesk.url('/', { jurisdiction: 'gdpr' });
  // Serve the real page with one attribute broken, as a site with a typo would.
  await page.route(url, async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace('data-jurisdiction="gdpr"', 'data-jurisdiction="europe"');
    await route.fulfill({ response, body });
  });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(url);
  await expect.poll(() => errors.join('\n')).toContain('data-jurisdiction');
  await page.waitForTimeout(500);
  await expectTagsRan(page, []);
  await expect(page.locator('iframe[data-consent]')).not.toHaveAttribute('src', /./);
});

test('Consent Mode v2: the default (all denied) precedes any tag; an update follows the choice', async ({
  page,
  sites,
}) => {
  await page.goto(sites.serviceDesk.url('/', { jurisdiction: 'gdpr' }));
  await waitForReady(page);
  const consentCalls = () =>
    page.evaluate(() =>
      ((window as unknown as { dataLayer?: unknown[] }).dataLayer ?? [])
        .map((entry) => Array.from(entry as ArrayLike<unknown>))
        .filter((args) => args[0] === 'consent')
        .map((args) => JSON.parse(JSON.stringify(args)) as [string, string, Record<string, string>]),
    );
  const [first] = await consentCalls();
  expect(first?.[1]).toBe('default');
  expect(first?.[2]).toMatchObject({
    ad_storage: 'denied',
    ad_user_data: 'denied',
    ad_personalization: 'denied',
    analytics_storage: 'denied',
  });
  expect(Object.keys(first?.[2] ?? {})).toEqual(
    expect.arrayContaining([
      'ad_storage',
      'ad_user_data',
      'ad_personalization',
      'analytics_storage',
      'functionality_storage',
      'personalization_storage',
      'security_storage',
    ]),
  );
  await ui.action(page, 'accept-all').click();
  await expect
    .poll(async () => (await consentCalls()).filter((c) => c[1] === 'update').at(-1)?.[2].analytics_storage)
    .toBe('granted');
});
