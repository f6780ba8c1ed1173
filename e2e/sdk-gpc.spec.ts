import { currentChoices, expectTagsRan, localHistory, ui, waitForReady } from './harness/consent-page.js';
import { expect, test } from './harness/fixtures.js';
import { enableGpc } from './harness/page-observer.js';
import type {} from './harness/sdk-globals.js';
import { expectRecordOnServer } from './harness/server-checks.js';

// Global Privacy Control in California (opt-out jurisdiction): sale/sharing and marketing are
// opted out with exactly one `gpc` record — not one per page view — and the preference center says so.

test.beforeEach(async ({ context }) => {
  await context.addInitScript(enableGpc);
});

test('GPC in California opts out of sale/sharing and marketing with exactly one gpc record', async ({
  page,
  sites,
  server,
  subjects,
}) => {
  const site = sites.serviceDesk;
  await page.goto(site.url('/', { jurisdiction: 'ccpa' }));
  await waitForReady(page);
  expect(
    await page.evaluate(
      () => (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl,
    ),
  ).toBe(true);

  await expect.poll(async () => (await localHistory(page)).length).toBe(1);
  const [record] = await localHistory(page);
  expect(record).toMatchObject({ method: 'gpc', gpc: true, jurisdiction: 'ccpa', siteId: 'servicedesk' });
  expect(record?.choices).toMatchObject({
    necessary: 'granted',
    sale_sharing: 'denied',
    marketing: 'denied',
  });
  expect(Object.keys(record?.choices ?? {}).sort()).toEqual(
    ['analytics', 'functional', 'marketing', 'necessary', 'sale_sharing', 'sensitive_limit'].sort(),
  );
  expect(await currentChoices(page)).toMatchObject({ sale_sharing: 'denied', marketing: 'denied' });

  // Marketing (and the marketing-gated video) never runs; the opt-out model lets the others run.
  const allowed = ['analytics', 'functional'].filter((p) => record?.choices[p as 'analytics'] === 'granted');
  await page.waitForTimeout(300);
  await expectTagsRan(page, allowed);

  const subject = await subjects.first();
  await expectRecordOnServer(page, server, subject, record ?? { id: '', siteId: 'servicedesk' });

  // Further page views make no new record.
  for (let i = 0; i < 2; i++) {
    await page.reload();
    await waitForReady(page);
    await expectTagsRan(page, allowed);
  }
  expect((await localHistory(page)).map((r) => r.id)).toEqual([record?.id]);
  expect(
    (await server.api.records(subject.token, 'servicedesk')).filter((r) => r.method === 'gpc'),
  ).toHaveLength(1);

  // The preference center shows the signal as honored. (A California notice may still be up: it
  // need not ask about sale/sharing any more, but it may inform; then "Customize" opens the center.)
  if (await ui.banner(page).isVisible()) {
    await expect(ui.action(page, 'accept-all')).toBeVisible();
    await ui.action(page, 'customize').click();
  } else {
    await page.getByRole('button', { name: 'Cookie preferences' }).click();
  }
  await expect(ui.preferences(page)).toBeVisible();
  await expect(page.locator('coreconsent-ui').getByText('Opt-out preference signal honored')).toBeVisible();
  await expect(ui.purpose(page, 'sale_sharing')).toHaveCount(1);
});

test('after GPC, an explicit choice by the person is recorded as such and GPC adds no record', async ({
  page,
  sites,
}) => {
  // The Service Desk: it offers marketing (the Status Portal's configuration leaves it out).
  await page.goto(sites.serviceDesk.url('/', { jurisdiction: 'ccpa' }));
  await waitForReady(page);
  await expect.poll(async () => (await localHistory(page)).map((r) => r.method)).toEqual(['gpc']);
  const [gpcRecord] = await localHistory(page);

  // The legacy US Privacy string says "opted out of sale".
  const usp = await page.evaluate(
    () =>
      new Promise<unknown>((done) => {
        const api = (
          window as unknown as {
            __uspapi?: (c: string, v: number, cb: (d: unknown, ok: boolean) => void) => void;
          }
        ).__uspapi;
        if (!api) done(null);
        else api('getUSPData', 1, (data, ok) => done(ok ? data : null));
      }),
  );
  expect(usp).toMatchObject({ version: 1, uspString: expect.stringMatching(/^1.Y.$/) });

  // The person now allows marketing explicitly in the preference center.
  await page.evaluate(() => window.CoreConsent?.open());
  await expect(ui.preferences(page)).toBeVisible();
  const marketing = ui.purpose(page, 'marketing');
  await expect(marketing).not.toBeChecked();
  await marketing.click();
  await expect(marketing).toBeChecked();
  await ui.action(page, 'save').click();
  await expect(ui.preferences(page)).toBeHidden();

  await expect.poll(async () => (await localHistory(page)).length).toBe(2);
  const [, explicit] = await localHistory(page);
  expect(explicit).toMatchObject({ method: 'preferences', gpc: true, previous: gpcRecord?.id });
  expect(explicit?.choices.marketing).toBe('granted');

  // The signal does not override the later explicit choice, and makes no new record.
  await page.reload();
  await waitForReady(page);
  await expect.poll(async () => (await currentChoices(page)).marketing).toBe('granted');
  await page.waitForTimeout(300);
  expect((await localHistory(page)).map((r) => r.method)).toEqual(['gpc', 'preferences']);
});
