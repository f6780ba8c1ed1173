import { expectTagsRan, localHistory, ui, waitForReady } from './harness/consent-page.js';
import { expect, test } from './harness/fixtures.js';
import type {} from './harness/sdk-globals.js';
import { delayOpenSuccess, openSuccessAt } from './harness/slow-idb-open.js';

// A first visit shows the banner as soon as IndexedDB has to create the database (nothing can be
// stored yet), not after the open completes (critical/early-banner.ts). Its buttons have no owner
// until storage has answered: a click made then waits, and is stored once — durably, before the
// banner closes — exactly like a later one.

const DELAY_MS = 1_500; // under the SDK's 3 s storage wait: the first-visit path, not the runtime's

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
