import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { analyticsTagRan, copiedChoices } from '../harness/consent-page.js';
import { expectExportFilesHold, exportFileName } from '../harness/export-files.js';
import { startHeaderProbe } from '../harness/header-probe.js';
import { axeViolationsInFirefox } from './firefox-axe.js';
import type { FirefoxExtension } from './firefox-extension.js';
import {
  choicesIn,
  expectPopupRows,
  historyIn,
  reloadPopup,
  sdkUi,
  subjectOf,
  test,
  visitInFirefox,
} from './firefox-page.js';

// The companion extension in real Firefox ESR (extension/dist/firefox, a temporary add-on), against the
// real server and both demo sites: the same journeys as the Chromium suite (e2e/extension-*.spec.ts).

// A Firefox launch alone takes 5-15 s on a loaded 2-core machine, then two sites are walked.
test.describe.configure({ timeout: 120_000 });

type Sites = { serviceDesk: { url(path?: string, q?: object): string }; statusPortal: { url(): string } };

/** Site A: accept all. Site B: customize, allow analytics only. */
async function consentOnBoth(ff: FirefoxExtension, sites: Sites): Promise<{ a: Page; b: Page }> {
  const a = await visitInFirefox(ff, sites.serviceDesk.url());
  await a.locator(sdkUi('[data-action="accept-all"]')).click();
  await expect.poll(() => choicesIn(a)).toMatchObject({ marketing: 'granted', analytics: 'granted' });
  const b = await visitInFirefox(ff, sites.statusPortal.url());
  await b.locator(sdkUi('[data-action="customize"]')).click();
  await b.locator(sdkUi('[data-purpose="analytics"]')).click();
  await b.locator(sdkUi('[data-action="save"]')).click();
  await expect.poll(() => choicesIn(b)).toMatchObject({ analytics: 'granted', marketing: 'denied' });
  return { a, b };
}

test('Firefox: consent on both sites shows both in the popup with their choices, search and history', async ({
  ff,
  sites,
}) => {
  await consentOnBoth(ff, sites);
  const popup = await ff.openPopup();
  await expectPopupRows(popup, {
    servicedesk: { functional: 'granted', analytics: 'granted', marketing: 'granted' },
    status: { functional: 'denied', analytics: 'granted', marketing: 'denied' },
  });
  expect(await popup.$eval('li[data-site="servicedesk"]', (li) => li.textContent)).toContain('2026-04-08');
  await popup.locator('[role="searchbox"], input[type="search"]').fill('status');
  await expect.poll(() => popup.$$eval('li[data-site]', (rows) => rows.length)).toBe(1);
  await popup.locator('[role="searchbox"], input[type="search"]').fill('');
  await popup.locator('li[data-site="status"] [data-action="history"]').click();
  await expect
    .poll(() => popup.$$eval('[data-history="status"] tr[data-record]', (rows) => rows.length))
    .toBe(1);
  // The record's receipt, checked in Firefox (jose over Firefox's WebCrypto Ed25519, the server's keys
  // fetched by the background): verified once the site has delivered the record and handed it over.
  await expect
    .poll(
      async () => {
        await reloadPopup(popup);
        await popup.locator('li[data-site="status"] [data-action="history"]').click();
        const cell = await popup
          .waitForSelector('[data-history="status"] tr[data-record] [data-receipt]', { timeout: 3_000 })
          .catch(() => null);
        return cell?.evaluate((td) => td.getAttribute('data-receipt'));
      },
      { timeout: 30_000, intervals: [500, 1_000] },
    )
    .toBe('verified');
  // The site's icon, fetched by Firefox's background from the site and kept as a data URL, and GPC
  // (off here) not seen at the site.
  await expect
    .poll(
      async () => {
        await reloadPopup(popup);
        const img = await popup
          .waitForSelector('li[data-site="servicedesk"] img[data-site-icon="image"]', { timeout: 2_000 })
          .catch(() => null);
        return img?.evaluate((el) => el.getAttribute('src')?.slice(0, 26));
      },
      { timeout: 20_000, intervals: [500, 1_000] },
    )
    .toBe('data:image/svg+xml;base64,');
  expect(
    await popup.$eval('li[data-site="servicedesk"] [data-gpc-honoured]', (el) =>
      el.getAttribute('data-gpc-honoured'),
    ),
  ).toBe('not-seen');
});

test('Firefox: revoking marketing in the popup stops it in the open tab, on the server and after a reload', async ({
  ff,
  sites,
  server,
}) => {
  const { a } = await consentOnBoth(ff, sites);
  expect(await a.evaluate(() => document.cookie)).toContain('demo_marketing_id');
  const popup = await ff.openPopup();
  await expectPopupRows(popup, { servicedesk: { marketing: 'granted' } });
  await popup.locator('li[data-site="servicedesk"] li[data-purpose="marketing"] button').click();
  await expect
    .poll(() => popup.$eval('[data-status]', (el) => el.textContent ?? '').catch(() => ''), {
      timeout: 20_000,
    })
    .toMatch(/1 open tab/);

  // The open tab follows without a reload; the cookie its marketing tag set is gone.
  await expect.poll(() => choicesIn(a)).toMatchObject({ marketing: 'denied', analytics: 'granted' });
  expect(await a.evaluate(() => document.cookie)).not.toContain('demo_marketing_id');
  expect((await historyIn(a)).at(-1)?.method).toBe('extension-revoke');

  // The server follows.
  const { token } = await subjectOf(a);
  await expect
    .poll(async () => (await server.api.state(token)).sites.servicedesk?.choices.marketing, {
      timeout: 20_000,
    })
    .toBe('denied');

  // A reload keeps it denied; the popup shows it denied.
  await a.reload();
  await a.waitForFunction(() => window.__e2e?.events.some((e) => e.type === 'coreconsent:ready') === true);
  expect(await choicesIn(a)).toMatchObject({ marketing: 'denied' });
  await expectPopupRows(popup, { servicedesk: { marketing: 'denied' } });
});

test('Firefox: a revocation made with no tab open never runs on the next visit (the revocation cookie)', async ({
  ff,
  sites,
}) => {
  const { a } = await consentOnBoth(ff, sites);
  // The returning visit's synchronous copy grants analytics: only the extension's cookie may stop it.
  expect(copiedChoices(await a.evaluate(() => document.cookie), 'servicedesk')?.analytics).toBe('granted');
  await a.close();
  const popup = await ff.openPopup();
  await expectPopupRows(popup, { servicedesk: { analytics: 'granted' } });
  await popup.locator('li[data-site="servicedesk"] li[data-purpose="analytics"] button').click();
  await expect
    .poll(() => popup.$eval('[data-status]', (el) => el.textContent ?? '').catch(() => ''), {
      timeout: 20_000,
    })
    .toMatch(/0 open tab/);

  const again = await visitInFirefox(ff, sites.serviceDesk.url());
  await expect.poll(() => choicesIn(again)).toMatchObject({ analytics: 'denied', marketing: 'granted' });
  // Not even once: a tag that ran leaves its mark (demoTags, the released script).
  expect(await again.evaluate(analyticsTagRan)).toBe(false);
  // Recorded by the site (the extension's re-apply), so Firefox's background removes the cookie.
  await expect.poll(async () => (await historyIn(again)).at(-1)?.choices.analytics).toBe('denied');
  await expect
    .poll(() => again.evaluate(() => document.cookie.includes('coreconsent_revoked_servicedesk')), {
      timeout: 15_000,
    })
    .toBe(false);
});

test('Firefox: the GPC switch sends Sec-GPC: 1 and sets navigator.globalPrivacyControl before <head> scripts', async ({
  ff,
  sites,
}) => {
  const { url: probeUrl, seen, server: probe } = await startHeaderProbe();
  try {
    const popup = await ff.openPopup();
    await popup.waitForSelector('[data-action="gpc"]');
    expect(await popup.$eval('[data-action="gpc"]', (el) => (el as HTMLInputElement).checked)).toBe(false);
    await popup.focus('[data-action="gpc"]');
    await popup.keyboard.press(' '); // the space bar: keyboard, as a person without a mouse would
    await expect
      .poll(() => popup.$eval('[data-action="gpc"]', (el) => (el as HTMLInputElement).checked))
      .toBe(true);

    // The content script and header rule follow the switch; a fresh tab sees both.
    await expect
      .poll(
        async () => {
          const page = await ff.newPage();
          await page.goto(probeUrl);
          const atHead = await page.evaluate(() => (window as { gpcAtHead?: unknown }).gpcAtHead);
          await page.close();
          return { atHead, header: seen.at(-1)?.['sec-gpc'] };
        },
        { timeout: 20_000 },
      )
      .toEqual({ atHead: true, header: '1' });

    // The demo site in California honours it.
    const site = await visitInFirefox(ff, sites.serviceDesk.url('/', { jurisdiction: 'ccpa' }));
    expect(await site.evaluate(() => navigator.globalPrivacyControl)).toBe(true);
    await expect.poll(() => choicesIn(site)).toMatchObject({ sale_sharing: 'denied', marketing: 'denied' });
    expect((await historyIn(site)).at(-1)).toMatchObject({ method: 'gpc', gpc: true });

    // Off again: neither the header nor the property.
    await reloadPopup(popup);
    await popup.locator('[data-action="gpc"]').click();
    await expect
      .poll(() => popup.$eval('[data-action="gpc"]', (el) => (el as HTMLInputElement).checked))
      .toBe(false);
    await expect
      .poll(
        async () => {
          const page = await ff.newPage();
          await page.goto(probeUrl);
          // Firefox has the property natively (false unless the person turned GPC on in Firefox itself);
          // Chromium has none. Off means "not true", whichever the browser.
          const atHead = await page.evaluate(() => (window as { gpcAtHead?: unknown }).gpcAtHead === true);
          await page.close();
          return { atHead, header: seen.at(-1)?.['sec-gpc'] ?? null };
        },
        { timeout: 20_000 },
      )
      .toEqual({ atHead: false, header: null });
  } finally {
    probe.close();
  }
});

test('Firefox: export JSON, CSV and XML saves every record to disk', async ({ ff, sites }) => {
  const { a, b } = await consentOnBoth(ff, sites);
  const ids = [...(await historyIn(a)), ...(await historyIn(b))].map((r) => r.id).sort();
  expect(ids.length).toBeGreaterThanOrEqual(2);
  const popup = await ff.openPopup();
  await expectPopupRows(popup, { servicedesk: {}, status: {} });
  const files: Record<string, string> = {};
  for (const format of ['json', 'csv', 'xml']) {
    await popup.locator(`[data-export="${format}"]`).click();
    const pattern = exportFileName(format);
    // Firefox creates an empty file under the final name at once and writes into NAME.part, which it
    // renames over it when done: the download is complete when the final name exists, is not empty,
    // and no .part file is left (reading at the first sight of the name read an empty file once).
    const finished = () => {
      const names = readdirSync(ff.downloads);
      const name = names.find((f) => pattern.test(f));
      if (!name || names.some((f) => f.endsWith('.part'))) return null;
      return statSync(join(ff.downloads, name)).size > 0 ? name : null;
    };
    await expect.poll(finished, { timeout: 20_000 }).not.toBeNull();
    files[format] = readFileSync(join(ff.downloads, finished() ?? ''), 'utf8');
  }
  expectExportFilesHold(files, ids);
});

test('Firefox: the popup is axe clean (list, history, confirmation) and every control is reached by Tab', async ({
  ff,
  sites,
}) => {
  const a = await visitInFirefox(ff, sites.serviceDesk.url());
  await a.locator(sdkUi('[data-action="accept-all"]')).click();
  await expect.poll(() => choicesIn(a)).toMatchObject({ marketing: 'granted' });
  const popup = await ff.openPopup();
  await expectPopupRows(popup, { servicedesk: { marketing: 'granted' } });
  expect(await axeViolationsInFirefox(popup)).toEqual([]);
  const focused = () =>
    popup.evaluate(() => {
      const el = document.activeElement;
      return el?.getAttribute('data-action') ?? el?.getAttribute('data-export') ?? el?.tagName ?? null;
    });

  // Keyboard only: Tab walks every control of the list, in reading order, and comes back round.
  const order: (string | null)[] = [];
  for (let i = 0; i < 12; i++) {
    await popup.keyboard.press('Tab');
    order.push(await focused());
  }
  const at = (name: string) => order.indexOf(name);
  for (const control of [
    'gpc',
    'json',
    'csv',
    'xml',
    'revoke-everything',
    'revoke',
    'revoke-site',
    'history',
  ])
    expect(at(control), `${control} reached by Tab in ${order.join(' ')}`).toBeGreaterThanOrEqual(0);
  expect(at('json')).toBeLessThan(at('revoke-everything'));
  expect(at('revoke-everything')).toBeLessThan(at('history'));

  // Headless Firefox ESR over WebDriver BiDi delivers the driver's Enter and Space as keydown,
  // keypress and keyup but does not turn them into a button's click (checked: no button of the popup
  // activates, in any order), so activation by keyboard is proven in Chromium
  // (extension-popup.spec.ts); here the buttons are clicked and the keyboard parts that are the
  // popup's own code (focus on Cancel, Escape) are pressed.
  await popup.locator('li[data-site="servicedesk"] [data-action="history"]').click();
  await popup.waitForSelector('[data-history="servicedesk"] tr[data-record]', { timeout: 10_000 });
  expect(await axeViolationsInFirefox(popup)).toEqual([]);

  await popup.locator('[data-action="revoke-everything"]').click();
  await popup.waitForSelector('[role="alertdialog"]', { timeout: 5_000 });
  await expect.poll(focused).toBe('cancel'); // the safe choice has focus
  expect(await axeViolationsInFirefox(popup)).toEqual([]);
  await popup.keyboard.press('Escape'); // Escape is "no"
  await expect.poll(() => popup.$('[role="alertdialog"]').then((el) => el === null)).toBe(true);
  await popup.locator('[data-action="revoke-everything"]').click();
  await popup.locator('[role="alertdialog"] [data-action="confirm"]').click();
  await expect
    .poll(() => popup.$eval('[data-status]', (el) => el.textContent ?? '').catch(() => ''), {
      timeout: 20_000,
    })
    .toMatch(/Revoked on 1 site/);
  await expect
    .poll(() => choicesIn(a))
    .toMatchObject({ functional: 'denied', analytics: 'denied', marketing: 'denied' });
});
