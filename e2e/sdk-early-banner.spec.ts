import { copiedChoices, expectTagsRan, localHistory, ui, waitForReady } from './harness/consent-page.js';
import { expect, test } from './harness/fixtures.js';
import type {} from './harness/sdk-globals.js';
import { delayOpenSuccess, openSuccessAt } from './harness/slow-idb-open.js';

// A first visit shows the banner as soon as IndexedDB has to create the database (nothing can be
// stored yet), not after the open completes (critical/early-banner.ts). Its buttons have no owner
// until storage has answered: a click made then waits, and is stored once — durably, before the
// banner closes — exactly like a later one.

const DELAY_MS = 1_500; // under the SDK's 3 s storage wait: the first-visit path, not the runtime's

/**
 * For `addInitScript`, before any page script: counts the SDK's UI host being put into the page
 * (the banner is its first use) and every focus that enters it. Self-contained.
 */
function watchBannerAndFocus(): void {
  const seen = { inserted: 0, focusIn: 0 };
  (window as unknown as { __seen: typeof seen }).__seen = seen;
  new MutationObserver((records) => {
    for (const r of records)
      for (const node of r.addedNodes) if ((node as Element).localName === 'coreconsent-ui') seen.inserted++;
  }).observe(document, { childList: true, subtree: true });
  document.addEventListener('focusin', (e) => {
    if ((e.target as Element | null)?.localName === 'coreconsent-ui') seen.focusIn++;
  });
}
const seen = (page: import('@playwright/test').Page) =>
  page.evaluate(() => (window as unknown as { __seen: { inserted: number; focusIn: number } }).__seen);
/** Whether focus is on the banner's section (inside the UI's shadow root). */
const bannerFocused = (page: import('@playwright/test').Page) =>
  page.evaluate(
    () =>
      document.activeElement?.localName === 'coreconsent-ui' &&
      document.activeElement.shadowRoot?.activeElement?.hasAttribute('data-coreconsent-banner') === true,
  );

test('the banner shows before IndexedDB has opened; a click made then is stored once, before it closes', async ({
  page,
  sites,
}) => {
  await page.addInitScript(delayOpenSuccess, DELAY_MS);

  await page.goto(sites.serviceDesk.url('/', { jurisdiction: 'gdpr' }));
  await expect(ui.banner(page)).toBeVisible();
  const openedBeforeBanner = await page.evaluate(openSuccessAt);
  expect(openedBeforeBanner, 'the banner waited for IndexedDB to open').toBeUndefined();

  // Two clicks before storage has answered: one decision, stored before the banner closes.
  await ui.action(page, 'reject-all').dblclick();
  await expect(ui.banner(page)).toHaveCount(0, { timeout: 10_000 });
  const openedAt = await page.evaluate(
    () => (window as unknown as { __openSuccessAt?: number }).__openSuccessAt,
  );
  expect(openedAt, 'the banner closed before storage had opened').toBeDefined();
  const history = await localHistory(page);
  expect(history.map((r) => r.method)).toEqual(['reject-all']);
  await waitForReady(page);
  await expectTagsRan(page, []);

  // The next visit (storage at normal speed) finds the decision: no banner, nothing gated runs.
  const next = await page.context().newPage();
  await next.goto(sites.serviceDesk.url('/', { jurisdiction: 'gdpr' }));
  await waitForReady(next);
  await next.waitForTimeout(300);
  await expect(ui.banner(next)).toHaveCount(0);
  await expectTagsRan(next, []);
  expect((await localHistory(next)).map((r) => r.method)).toEqual(['reject-all']);
});

// The cookies' hint (loader.ts, decision-copy.ts `nothingDecidedHint`): no copy of a decision in
// the cookies shows the banner before IndexedDB has answered even when the database exists (a
// visitor who came before and did not decide); it takes focus only once storage has confirmed it.
test('no copy of a decision in the cookies: the banner shows before IndexedDB has opened, focused only once storage confirms', async ({
  context,
  sites,
}) => {
  const url = sites.serviceDesk.url('/', { jurisdiction: 'gdpr' });
  const before = await context.newPage();
  await before.goto(url); // the database is made; no decision
  await expect(ui.banner(before)).toBeVisible();
  await before.close();

  const page = await context.newPage();
  await page.addInitScript(delayOpenSuccess, DELAY_MS);
  await page.goto(url);
  await expect(ui.banner(page)).toBeVisible();
  expect(await page.evaluate(openSuccessAt), 'the banner waited for IndexedDB to open').toBeUndefined();
  expect(await bannerFocused(page), 'focused before storage had answered').toBe(false);
  await expect.poll(() => bannerFocused(page), { timeout: 10_000 }).toBe(true);
  expect(await page.evaluate(openSuccessAt)).toBeDefined();
});

// The hint is wrong when IndexedDB holds a decision and the cookies lost its copy (cleared on their
// own, a browser's cap on script-set cookies): the banner may show for the moment until the read,
// never focused; the tags run from the history, the copy is written back, and the next load shows
// nothing at all.
test('a decision whose copy is gone: the banner never takes focus or stays, the copy comes back, the next load shows none', async ({
  page,
  context,
  sites,
}) => {
  const url = sites.serviceDesk.url('/', { jurisdiction: 'gdpr' });
  await page.goto(url);
  await ui.action(page, 'accept-all').click();
  const copied = async (p: typeof page) =>
    copiedChoices(await p.evaluate(() => document.cookie), 'servicedesk');
  await expect.poll(() => copied(page)).toMatchObject({ analytics: 'granted' });
  await context.clearCookies({ name: 'coreconsent_decision_servicedesk' });
  await page.close();

  const next = await context.newPage();
  await next.addInitScript(watchBannerAndFocus);
  await next.goto(url);
  await waitForReady(next);
  await expectTagsRan(next, ['analytics', 'functional', 'marketing', 'video']);
  await expect(ui.banner(next)).toHaveCount(0);
  await expect.poll(() => copied(next)).toMatchObject({ analytics: 'granted', marketing: 'granted' });
  expect((await seen(next)).focusIn, 'the withdrawn banner moved focus').toBe(0);
  await next.close();

  const third = await context.newPage();
  await third.addInitScript(watchBannerAndFocus);
  await third.goto(url);
  await waitForReady(third);
  await expectTagsRan(third, ['analytics', 'functional', 'marketing', 'video']);
  await third.waitForTimeout(300);
  expect(await seen(third), 'a banner was put up on a load with the copy').toEqual({
    inserted: 0,
    focusIn: 0,
  });
});
