import type { BrowserContext, Page } from '@playwright/test';
import {
  analyticsTagRan,
  copiedChoices,
  currentChoices,
  expectTagsRan,
  localHistory,
  ui,
  waitForReady,
} from './harness/consent-page.js';
import { expect, test } from './harness/fixtures.js';
import { expectRecordOnServer } from './harness/server-checks.js';

// Issue 8: a returning visit runs its consented tags from a synchronous copy of the latest decision
// (the `coreconsent_decision_<siteId>` cookie, sdk/src/critical/decision-copy.ts) before IndexedDB answers. A purpose revoked elsewhere must
// never run on the next load, not even once, whichever way it was revoked: in another tab, or by
// the server once this browser has heard of it (the extension with no tab open: extension-journeys).
// A tag that ran cannot be unloaded, so "ran" is final: the demo's analytics tag sets
// `window.demoTags.analytics`, and its released copy stays in the DOM.

/** A new load of `url` in `context`: every consented tag runs but analytics, which never ran at all. */
async function nextLoadNeverRunsAnalytics(context: BrowserContext, url: string): Promise<Page> {
  const next = await context.newPage();
  await next.goto(url);
  await waitForReady(next);
  await expectTagsRan(next, ['functional', 'marketing', 'video']);
  expect(await next.evaluate(analyticsTagRan)).toBe(false);
  return next;
}
const copied = async (page: Page) => copiedChoices(await page.evaluate(() => document.cookie), 'servicedesk');

test('the copy follows every decision, and a returning visit runs the consented tags from it', async ({
  page,
  sites,
}) => {
  await page.goto(sites.serviceDesk.url('/', { jurisdiction: 'gdpr' }));
  await ui.action(page, 'accept-all').click();
  await expect.poll(() => copied(page)).toMatchObject({ analytics: 'granted', marketing: 'granted' });
  // What deciding needs, and nothing that names the person or the record (the cookie goes with every request).
  const [accepted] = await localHistory(page);
  const cookie = (await page.context().cookies()).find((c) => c.name === 'coreconsent_decision_servicedesk');
  expect(cookie?.value).toMatch(/^\d+\|gdpr\|2026-04-08\|accept-all\|15\|\d+\|\d+$/);
  expect(cookie?.value).not.toContain(accepted?.id ?? '-');
  expect(cookie).toMatchObject({ path: '/', sameSite: 'Lax', httpOnly: false });
  await page.reload();
  await waitForReady(page);
  await expectTagsRan(page, ['analytics', 'functional', 'marketing', 'video']);
});

test('revoked in another tab: the next load never runs it', async ({ page, context, sites }) => {
  const url = sites.serviceDesk.url('/', { jurisdiction: 'gdpr' });
  await page.goto(url);
  await ui.action(page, 'accept-all').click();
  await expect.poll(() => currentChoices(page)).toMatchObject({ analytics: 'granted' });

  const other = await context.newPage();
  await other.goto(url);
  await waitForReady(other);
  await other.evaluate(() => window.CoreConsent?.set({ analytics: 'denied' }));
  await expect.poll(() => copied(other)).toMatchObject({ analytics: 'denied', marketing: 'granted' });
  await other.close();
  await page.close();

  const next = await nextLoadNeverRunsAnalytics(context, url);
  expect(await currentChoices(next)).toMatchObject({ analytics: 'denied', marketing: 'granted' });
});

test('revoked at the server: once a tab has synced it, no later load runs it', async ({
  page,
  context,
  sites,
  server,
  subjects,
}) => {
  const url = sites.serviceDesk.url('/', { jurisdiction: 'gdpr' });
  await page.goto(url);
  await ui.action(page, 'accept-all').click();
  await expect.poll(async () => (await localHistory(page)).length).toBe(1);
  const [accepted] = await localHistory(page);
  const subject = await subjects.first();
  await expectRecordOnServer(page, server, subject, accepted ?? { id: '', siteId: 'servicedesk' });

  await server.api.revoke(subject.token, 'servicedesk', ['analytics']);
  // The load that learns it from the server (its state pull) writes the server's record, and the copy with it.
  await page.reload();
  await waitForReady(page);
  await expect.poll(() => copied(page), { timeout: 10_000 }).toMatchObject({ analytics: 'denied' });
  await page.close();

  await nextLoadNeverRunsAnalytics(context, url);
});

test('a copy that grants more than the stored history is never written: a broken store drops it', async ({
  page,
  sites,
}) => {
  const url = sites.serviceDesk.url('/', { jurisdiction: 'gdpr' });
  await page.goto(url);
  await ui.action(page, 'accept-all').click();
  await expect.poll(() => copied(page)).toMatchObject({ analytics: 'granted' });
  // The history is gone (site data cleared in part, a broken profile) but the copy is not: the
  // first load after it may still run the copy's tags (the person's last decision), then the
  // copy goes with the history it no longer matches, and the banner asks again.
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const request = indexedDB.deleteDatabase('coreconsent');
        request.onsuccess = request.onerror = request.onblocked = () => resolve();
      }),
  );
  await page.reload();
  await expect(ui.banner(page)).toBeVisible();
  await expect.poll(() => copied(page)).toBeNull();
  await page.reload();
  await expect(ui.banner(page)).toBeVisible();
  expect(await page.evaluate(analyticsTagRan)).toBe(false);
});
