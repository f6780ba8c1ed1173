import type { Page, Route } from '@playwright/test';
import { expectTagsRan, localHistory, ui, waitForReady } from './harness/consent-page.js';
import { expect, test } from './harness/fixtures.js';
import { sdkFileUrl, stableName } from './harness/sdk-files.js';
import type {} from './harness/sdk-globals.js';
import { expectRecordOnServer } from './harness/server-checks.js';

// A first visit shows the banner from the script tag alone; the runtime (coreconsent-full.js:
// sync, bridge, the preference center) loads only after the first interaction. Here that file is
// held back by the network until the test lets it through: a click made before it has arrived is
// recorded and applied — never dropped, never doubled — and the record is in IndexedDB before the
// banner closes.

const RUNTIME = sdkFileUrl('coreconsent-full');

/** Holds every request for the runtime until `release()`; `requested` says whether one was made. */
async function holdRuntime(page: Page) {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const state = { requested: false };
  await page.route(RUNTIME, async (route: Route) => {
    state.requested = true;
    await gate;
    await route.continue();
  });
  return { release, state };
}

/** The records stored in IndexedDB, read with the raw API (not through the SDK). */
function storedRecords(
  page: Page,
): Promise<{ id: string; method: string; choices: Record<string, string> }[]> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('coreconsent');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction('records').objectStore('records').getAll();
          all.onsuccess = () => {
            db.close();
            resolve(all.result);
          };
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

test('"Accept all" before the runtime has arrived: stored before the banner closes, applied, delivered once', async ({
  page,
  sites,
  server,
  subjects,
}) => {
  const held = await holdRuntime(page);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(stableName(new URL(r.url()).pathname)));
  await page.goto(sites.serviceDesk.url('/', { jurisdiction: 'gdpr' }));
  await waitForReady(page);
  await expect(ui.banner(page)).toBeVisible();
  // Nothing of the runtime, zod (its shared chunk) or Preact before the person acts; the demo's
  // blocked video gets its placeholder (coreconsent-placeholder.js + shared-strings) meanwhile.
  expect(held.state.requested).toBe(false);
  expect(requests.filter((p) => /coreconsent-(full|ui|shared-index|shared-preferences)/.test(p))).toEqual([]);
  await expect(page.locator('coreconsent-placeholder [data-action="allow-purpose"]')).toHaveCount(1);

  // A double click: one decision.
  await ui.action(page, 'accept-all').dblclick();
  await expect(ui.banner(page)).toHaveCount(0);
  const stored = await storedRecords(page);
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({
    method: 'accept-all',
    choices: { analytics: 'granted', marketing: 'granted' },
  });
  await expectTagsRan(page, ['analytics', 'functional', 'marketing', 'video']);
  // The runtime has been asked for (after the interaction) and is still on its way.
  await expect.poll(() => held.state.requested).toBe(true);
  expect(
    await page.evaluate(() => (window.CoreConsent?.get() as { recordId?: string } | undefined)?.recordId),
  ).toBe(stored[0]?.id);

  held.release();
  // The runtime reads the same record back, delivers it once, and makes no other.
  await expect.poll(async () => (await localHistory(page)).map((r) => r.id)).toEqual([stored[0]?.id]);
  const subject = await subjects.first();
  const record = await expectRecordOnServer(page, server, subject, {
    id: stored[0]?.id ?? '',
    siteId: 'servicedesk',
  });
  expect(record.method).toBe('accept-all');
  expect((await server.api.records(subject.token, 'servicedesk')).map((r) => r.id)).toEqual([record.id]);

  await page.reload();
  await waitForReady(page);
  await page.waitForTimeout(300);
  await expect(ui.banner(page)).toHaveCount(0);
  expect((await localHistory(page)).map((r) => r.id)).toEqual([record.id]);
});

test('"Customize" before the runtime has arrived opens the preference center when it does', async ({
  page,
  sites,
}) => {
  const held = await holdRuntime(page);
  await page.goto(sites.serviceDesk.url('/', { jurisdiction: 'gdpr' }));
  await waitForReady(page);
  await ui.action(page, 'customize').click();
  await expect.poll(() => held.state.requested).toBe(true);
  await page.waitForTimeout(300);
  await expect(ui.preferences(page)).toHaveCount(0);
  await expect(ui.banner(page)).toBeVisible();

  held.release();
  await expect(ui.preferences(page)).toBeVisible();
  await ui.purpose(page, 'analytics').check();
  await ui.action(page, 'save').click();
  await expect(ui.preferences(page)).toBeHidden();
  await expect(ui.banner(page)).toHaveCount(0);
  const history = await localHistory(page);
  expect(history.map((r) => [r.method, r.choices.analytics])).toEqual([['preferences', 'granted']]);
  await expectTagsRan(page, ['analytics']);
});

test('a click while the runtime is on its way (an API call asked for it) is queued and applied once', async ({
  page,
  sites,
}) => {
  const held = await holdRuntime(page);
  await page.goto(sites.serviceDesk.url('/', { jurisdiction: 'gdpr' }));
  await waitForReady(page);
  await expect(ui.banner(page)).toBeVisible();
  // history() needs the runtime: it starts loading now (and is held).
  await page.evaluate(() => void window.CoreConsent?.history());
  await expect.poll(() => held.state.requested).toBe(true);

  await ui.action(page, 'reject-all').dblclick();
  await page.waitForTimeout(300);
  // Not dropped: the banner stays until the decision is stored; nothing is granted meanwhile.
  await expect(ui.banner(page)).toBeVisible();
  await expectTagsRan(page, []);

  held.release();
  await expect(ui.banner(page)).toHaveCount(0);
  const history = await localHistory(page);
  expect(history.map((r) => r.method)).toEqual(['reject-all']);
  expect(await storedRecords(page)).toHaveLength(1);
  await expectTagsRan(page, []);
});

test('a returning visit to a page without data-api runs only the script tag, and the API still answers', async ({
  page,
  sites,
}) => {
  // The demo pages all sync with a server; this one is the same site's origin without data-api.
  const url = `${sites.serviceDesk.origin}/offline-only.html`;
  await page.route(url, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><title>Offline only</title></head><body><h1>Offline only</h1>
<script type="text/plain" data-consent="analytics">window.ranAnalytics = true;</script>
<script src="/consent/coreconsent.js" async data-site="offline-only" data-policy-version="v1" data-jurisdiction="gdpr"></script>
</body></html>`,
    }),
  );
  const requests: string[] = [];
  page.on('request', (r) => requests.push(stableName(new URL(r.url()).pathname)));
  await page.goto(url);
  await waitForReady(page);
  await ui.action(page, 'accept-all').click();
  await expect(ui.banner(page)).toHaveCount(0);
  await expect
    .poll(() => page.evaluate(() => (window as { ranAnalytics?: boolean }).ranAnalytics))
    .toBe(true);
  // No server: nothing to deliver, so the choice itself does not need the runtime.
  await page.waitForTimeout(500);
  expect(requests.filter((p) => p.includes('coreconsent-full'))).toEqual([]);

  requests.length = 0;
  await page.reload();
  await waitForReady(page);
  await expect
    .poll(() => page.evaluate(() => (window as { ranAnalytics?: boolean }).ranAnalytics))
    .toBe(true);
  await page.waitForTimeout(1000);
  expect(requests.filter((p) => p.startsWith('/consent/'))).toEqual(['/consent/coreconsent.js']);
  expect(
    await page.evaluate(() => (window.CoreConsent?.get() as { decided?: boolean } | undefined)?.decided),
  ).toBe(true);
  // An API call loads the runtime, which reads the same stored record.
  expect((await localHistory(page)).map((r) => r.method)).toEqual(['accept-all']);
  expect(requests).toContain('/consent/coreconsent-full.js');
});
