import { cspViolations, expectTagsRan, localHistory, ui, waitForReady } from './harness/consent-page.js';
import { expect, test } from './harness/fixtures.js';

// First visit: the banner is shown, nothing gated runs or is even requested, the page's strict CSP holds.

const GATED_PATHS = ['/assets/tags/', '/embed/video'];

for (const [name, jurisdiction] of [
  ['EU', 'gdpr'],
  ['Brazil', 'lgpd'],
] as const) {
  test(`first visit (${name}) shows the banner and runs no gated tag on both sites`, async ({
    page,
    sites,
  }) => {
    const gatedRequests: string[] = [];
    page.on('request', (request) => {
      if (GATED_PATHS.some((p) => new URL(request.url()).pathname.startsWith(p)))
        gatedRequests.push(request.url());
    });
    for (const site of [sites.serviceDesk, sites.statusPortal]) {
      await page.goto(site.url('/', { jurisdiction }));
      await waitForReady(page);
      await expect(ui.banner(page)).toBeVisible();
      await expect(ui.action(page, 'accept-all')).toBeVisible();
      await expect(ui.action(page, 'reject-all')).toBeVisible();
      // Give a late tag every chance to run before checking that none did.
      await page.waitForTimeout(500);
      await expectTagsRan(page, []);
      await expect(page.locator('iframe[data-consent]')).not.toHaveAttribute('src', /./);
      expect(await localHistory(page)).toEqual([]);
      expect(await cspViolations(page)).toEqual([]);
    }
    expect(gatedRequests).toEqual([]);
  });
}

test('accept and reject in the banner have equal prominence', async ({ page, sites }) => {
  await page.goto(sites.serviceDesk.url());
  await expect(ui.banner(page)).toBeVisible();
  const accept = ui.action(page, 'accept-all');
  const reject = ui.action(page, 'reject-all');
  const box = async (l: typeof accept) => {
    const b = await l.boundingBox();
    const style = await l.evaluate((el) => {
      const s = getComputedStyle(el);
      return { bg: s.backgroundColor, color: s.color, font: `${s.fontSize} ${s.fontWeight}` };
    });
    return { w: Math.round(b?.width ?? 0), h: Math.round(b?.height ?? 0), ...style };
  };
  const [a, r] = [await box(accept), await box(reject)];
  expect(r.h).toBe(a.h);
  expect(r.bg).toBe(a.bg);
  expect(r.color).toBe(a.color);
  expect(r.font).toBe(a.font);
});

test('the visible toggle switches to the California flow, whose banner offers the US opt-outs', async ({
  page,
  sites,
}) => {
  await page.goto(sites.serviceDesk.url());
  await waitForReady(page);
  await expect(page.locator('script[data-site]')).toHaveAttribute('data-jurisdiction', 'gdpr');
  await page.getByRole('link', { name: 'California (CCPA)' }).click();
  await waitForReady(page);
  await expect(page.locator('script[data-site]')).toHaveAttribute('data-jurisdiction', 'ccpa');
  const banner = page.locator('coreconsent-ui');
  await expect(banner.getByText('Do Not Sell or Share My Personal Information')).toBeVisible();
  await expect(banner.getByText('Limit the Use of My Sensitive Personal Information')).toBeVisible();
});
