import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expectExportFilesHold, exportFileName } from './harness/export-files.js';
import { openPopup, siteEntry, extensionTest as test, visit } from './harness/extension-fixtures.js';
import { expect } from './harness/fixtures.js';
import {
  analyticsTagRan,
  copiedChoices,
  currentChoices,
  type ExtensionContext,
  localHistory,
  ui,
  waitForReady,
} from './harness/index.js';

// The companion extension in real Chromium (unpacked from extension/dist/chrome), against the real
// server and both demo sites: see every site in the popup, revoke from it, export everything.

// Each test launches its own Chromium with the extension and walks two sites: more than the suite's
// 30 s default on a loaded 2-core machine.
test.describe.configure({ timeout: 60_000 });

const choiceIn = (popup: Page, site: string, purpose: string) =>
  popup.locator(`li[data-site="${site}"] li[data-purpose="${purpose}"]`);

/** Site A: accept all. Site B: customize, allow analytics only. */
async function consentOnBoth(
  ext: ExtensionContext,
  sites: { serviceDesk: { url(): string }; statusPortal: { url(): string } },
) {
  const a = await visit(ext, sites.serviceDesk.url());
  await ui.action(a, 'accept-all').click();
  await expect.poll(() => currentChoices(a)).toMatchObject({ marketing: 'granted', analytics: 'granted' });
  const b = await visit(ext, sites.statusPortal.url());
  await ui.action(b, 'customize').click();
  await ui.purpose(b, 'analytics').click();
  await ui.action(b, 'save').click();
  await expect.poll(() => currentChoices(b)).toMatchObject({ analytics: 'granted', marketing: 'denied' });
  return { a, b };
}

test('consent on site A and site B shows both in the popup with their choices', async ({ ext, sites }) => {
  await consentOnBoth(ext, sites);
  const popup = await openPopup(ext, ['servicedesk', 'status']);
  for (const purpose of ['functional', 'analytics', 'marketing'])
    await expect(choiceIn(popup, 'servicedesk', purpose)).toHaveAttribute('data-choice', 'granted');
  await expect(choiceIn(popup, 'status', 'analytics')).toHaveAttribute('data-choice', 'granted');
  await expect(choiceIn(popup, 'status', 'marketing')).toHaveAttribute('data-choice', 'denied');
  await expect(choiceIn(popup, 'status', 'functional')).toHaveAttribute('data-choice', 'denied');
  await expect(popup.locator('li[data-site="servicedesk"]')).toContainText('2026-04-08');
  await expect(popup.locator('li[data-site="servicedesk"] [data-field="confirmed"]')).not.toHaveText(
    /not confirmed/i,
  );
  // Search narrows the list; history lists the site's records.
  await popup.getByRole('searchbox').fill('status');
  await expect(popup.locator('li[data-site]')).toHaveCount(1);
  await popup.getByRole('searchbox').fill('');
  await popup.locator('li[data-site="status"] [data-action="history"]').click();
  await expect(popup.locator('[data-history="status"] tr[data-record]')).toHaveCount(1);
});

test('revoking marketing for site A in the popup stops it in the open tab, on the server and after a reload', async ({
  ext,
  sites,
  server,
}) => {
  const { a } = await consentOnBoth(ext, sites);
  // The demo's marketing tag set the cookie it declares (data-cookies); revocation must delete it.
  expect(await a.evaluate(() => document.cookie)).toContain('demo_marketing_id');
  const changesBefore = await a.evaluate(
    () => window.__e2e?.events.filter((e) => e.type === 'coreconsent:change').length ?? 0,
  );

  const popup = await openPopup(ext, ['servicedesk']);
  await choiceIn(popup, 'servicedesk', 'marketing').getByRole('button').click();
  await expect(popup.locator('[data-status]')).toContainText(/1 open tab/, { timeout: 15_000 });

  // (1) The open tab: a change event, marketing denied, its cookie gone — without a reload.
  await expect
    .poll(() =>
      a.evaluate(() => window.__e2e?.events.filter((e) => e.type === 'coreconsent:change').length ?? 0),
    )
    .toBeGreaterThan(changesBefore);
  await expect.poll(() => currentChoices(a)).toMatchObject({ marketing: 'denied', analytics: 'granted' });
  expect(await a.evaluate(() => document.cookie)).not.toContain('demo_marketing_id');
  const revokeRecord = (await localHistory(a)).at(-1);
  expect(revokeRecord?.method).toBe('extension-revoke');

  // (2) The server: the subject's state for servicedesk has marketing denied.
  const subjectId = revokeRecord?.subjectId;
  const popupSites = await popup.evaluate(() => document.querySelectorAll('li[data-site]').length);
  expect(popupSites).toBe(2);
  const tokenOf = await tokenFromExtension(ext, sites.serviceDesk.origin);
  expect(tokenOf.subjectId).toBe(subjectId);
  await expect
    .poll(async () => (await server.api.state(tokenOf.token)).sites.servicedesk?.choices.marketing)
    .toBe('denied');
  // One decision, one record (issue 10, finding 13): the server holds the tab's own record, not a
  // second one it minted for the extension's call.
  const revokes = async () =>
    (await server.api.records(tokenOf.token, 'servicedesk')).filter((r) => r.method === 'extension-revoke');
  await expect.poll(async () => (await revokes()).map((r) => r.id)).toEqual([revokeRecord?.id]);
  await a.waitForTimeout(2500); // the extension's outbox and the tab's have both had their turn
  expect((await revokes()).map((r) => r.id)).toEqual([revokeRecord?.id]);

  // (3) A reload keeps it denied; the popup shows it denied too.
  await a.reload();
  await waitForReady(a);
  expect(await currentChoices(a)).toMatchObject({ marketing: 'denied' });
  await expect(async () => {
    await popup.reload();
    await expect(choiceIn(popup, 'servicedesk', 'marketing')).toHaveAttribute('data-choice', 'denied', {
      timeout: 1000,
    });
  }).toPass({ timeout: 10_000 });
});

/** The subject and token the SDK of `origin` gave the extension (it creates the subject asynchronously). */
async function tokenFromExtension(
  ext: ExtensionContext,
  origin: string,
): Promise<{ subjectId: string; token: string }> {
  await expect
    .poll(async () => (await siteEntry(ext, origin))?.token ?? null, { timeout: 10_000 })
    .not.toBeNull();
  const entry = await siteEntry(ext, origin);
  if (!entry?.token || !entry.subjectId) throw new Error(`the extension has no token for ${origin}`);
  return { subjectId: entry.subjectId, token: entry.token };
}

test('a revocation made with no tab open is applied on the next visit, and never runs there, not even once', async ({
  ext,
  sites,
}) => {
  const { a, b } = await consentOnBoth(ext, sites);
  // The returning visit's synchronous copy grants analytics (issue 8): only the revocation cookie stops it.
  expect(copiedChoices(await a.evaluate(() => document.cookie), 'servicedesk')?.analytics).toBe('granted');
  await a.close();
  const popup = await openPopup(ext, ['servicedesk']);
  await choiceIn(popup, 'servicedesk', 'analytics').getByRole('button').click();
  await expect(popup.locator('[data-status]')).toContainText(/0 open tab/, { timeout: 15_000 });
  const cookieName = 'coreconsent_revoked_servicedesk';
  const revocationCookie = async () =>
    (await ext.context.cookies(sites.serviceDesk.origin)).find((c) => c.name === cookieName);
  await expect.poll(async () => (await revocationCookie())?.value).toMatch(/^analytics@\d+$/);

  const again = await ext.context.newPage();
  await again.goto(sites.serviceDesk.url());
  await waitForReady(again);
  await expect.poll(() => currentChoices(again)).toMatchObject({ analytics: 'denied', marketing: 'granted' });
  // Not even for one frame: a tag that ran leaves its mark (demoTags, the released script).
  expect(await again.evaluate(analyticsTagRan)).toBe(false);
  expect(await again.evaluate(() => window.demoTags?.marketing)).toBe(true);
  // The site recorded it (the extension re-applied it over the bridge), so the cookie goes.
  await expect.poll(async () => (await localHistory(again)).at(-1)?.choices.analytics).toBe('denied');
  await expect.poll(revocationCookie, { timeout: 10_000 }).toBeUndefined();
  // Site B was not touched.
  expect(await currentChoices(b)).toMatchObject({ analytics: 'granted' });
});

test('with the server down, a revocation is queued, re-applied on the next visit, and delivered when it is back', async ({
  ext,
  sites,
  server,
}) => {
  test.setTimeout(90_000);
  const { a } = await consentOnBoth(ext, sites);
  // The SDK hands over its token in the announce that follows the subject's creation at the
  // server, which is not a consent change: the next page view (here, a reload) carries it.
  await a.reload();
  await waitForReady(a);
  const credentials = await tokenFromExtension(ext, sites.serviceDesk.origin);
  await a.close();
  await server.stop();
  const popup = await openPopup(ext, ['servicedesk']);
  await choiceIn(popup, 'servicedesk', 'marketing').getByRole('button').click();
  await expect(popup.locator('[data-status]')).toContainText(/1 still waiting for the server/, {
    timeout: 15_000,
  });
  await popup.reload();
  await expect(popup.locator('li[data-site="servicedesk"]')).toContainText(/waiting for the server/);
  await expect(choiceIn(popup, 'servicedesk', 'marketing')).toHaveAttribute('data-choice', 'pending');

  // Neither the tab nor the server got it: the next visit re-applies it.
  const again = await visit(ext, sites.serviceDesk.url());
  await expect.poll(() => currentChoices(again)).toMatchObject({ marketing: 'denied' });

  // The server comes back: the queue (and the SDK's own outbox) deliver it.
  await server.start();
  await expect
    .poll(async () => (await server.api.state(credentials.token)).sites.servicedesk?.choices.marketing, {
      timeout: 60_000,
      intervals: [1000],
    })
    .toBe('denied');
  // The extension's own queue delivered its copy too (an item leaves the queue only on the server's 201).
  await expect.poll(() => outboxSize(ext), { timeout: 60_000, intervals: [1000] }).toBe(0);
});

/** How many revocations wait in the extension's persistent queue. */
function outboxSize(ext: ExtensionContext): Promise<number> {
  return ext.serviceWorker.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('coreitsm-extension');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const count = await new Promise<number>((resolve, reject) => {
      const request = db.transaction('outbox').objectStore('outbox').count();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return count;
  });
}

test('export JSON, CSV and XML downloads every record', async ({ ext, sites }) => {
  const { a, b } = await consentOnBoth(ext, sites);
  const ids = [...(await localHistory(a)), ...(await localHistory(b))].map((r) => r.id).sort();
  expect(ids.length).toBeGreaterThanOrEqual(2);
  const popup = await openPopup(ext, ['servicedesk', 'status']);
  const files: Record<string, string> = {};
  for (const format of ['json', 'csv', 'xml']) {
    const [download] = await Promise.all([
      popup.waitForEvent('download'),
      popup.locator(`[data-export="${format}"]`).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(exportFileName(format));
    files[format] = readFileSync(await download.path(), 'utf8');
  }
  expectExportFilesHold(files, ids);
});
