import type { Page } from '@playwright/test';
import { openPopup, siteEntry, extensionTest as test, visit } from './harness/extension-fixtures.js';
import { expect } from './harness/fixtures.js';
import { currentChoices, type ExtensionContext, ui } from './harness/index.js';

// Issue 10, findings 9 and 12, as journeys in real Chromium with the unpacked extension: a script
// on a managed page announcing another server, and the options page forgetting a site.

test.describe.configure({ timeout: 60_000 });

/** Makes the page's own SDK announce (a forged `hello`, as any script on the page can post) and returns that snapshot. */
function captureSnapshot(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(async () => {
    const captured = new Promise<Record<string, unknown>>((resolve) => {
      window.addEventListener('message', function listen(event: MessageEvent) {
        const data = event.data as {
          ns?: string;
          from?: string;
          type?: string;
          payload?: Record<string, unknown>;
        };
        if (
          data?.ns === 'coreitsm-consent' &&
          data.from === 'sdk' &&
          data.type === 'announce' &&
          data.payload
        ) {
          window.removeEventListener('message', listen);
          resolve(data.payload);
        }
      });
    });
    window.postMessage(
      { ns: 'coreitsm-consent', v: 1, from: 'extension', id: 'forged-hello', type: 'hello', payload: {} },
      location.origin,
    );
    return captured;
  });
}

/** Posts an announce as a hostile script on the page can: the SDK's envelope, any snapshot. */
async function postAnnounce(page: Page, snapshot: Record<string, unknown>): Promise<void> {
  await page.evaluate((payload) => {
    window.postMessage(
      { ns: 'coreitsm-consent', v: 1, from: 'sdk', id: 'forged-announce', type: 'announce', payload },
      location.origin,
    );
  }, snapshot);
}

/** The page's own snapshot, re-posted with `changes`. */
async function reannounce(page: Page, changes: Record<string, unknown>): Promise<void> {
  await postAnnounce(page, { ...(await captureSnapshot(page)), ...changes });
}

async function tokenArrived(ext: ExtensionContext, origin: string): Promise<void> {
  await expect
    .poll(async () => (await siteEntry(ext, origin))?.token ?? null, { timeout: 15_000 })
    .not.toBeNull();
}

test('a page that announces another api: the popup asks first, and revocations keep going to the pinned server (finding 9)', async ({
  ext,
  sites,
  server,
}) => {
  const origin = sites.serviceDesk.origin;
  const a = await visit(ext, sites.serviceDesk.url());
  await ui.action(a, 'accept-all').click();
  await expect.poll(() => currentChoices(a)).toMatchObject({ marketing: 'granted' });
  await tokenArrived(ext, origin);
  const pinned = await siteEntry(ext, origin);
  const elsewhere = 'http://127.0.0.1:9/elsewhere'; // the discard port: nothing answers there
  await reannounce(a, { api: elsewhere, token: 'forged-token' });
  await expect.poll(async () => (await siteEntry(ext, origin))?.api).toBe(pinned?.api);
  expect((await siteEntry(ext, origin))?.token).toBe(pinned?.token);

  const popup = await openPopup(ext, ['servicedesk']);
  const change = popup.locator(`li[data-site="servicedesk"] [data-api-change="${elsewhere}"]`);
  await expect(change).toBeVisible();
  await expect(change).toContainText(elsewhere);
  // Close the tab: the revocation must reach the server through the extension, at the pinned address.
  await a.close();
  await popup
    .locator('li[data-site="servicedesk"] li[data-purpose="marketing"] [data-action="revoke"]')
    .click();
  await expect
    .poll(async () => (await server.api.state(pinned?.token ?? '')).sites.servicedesk?.choices.marketing, {
      timeout: 15_000,
    })
    .toBe('denied');

  await change.locator('[data-action="confirm-api"]').click();
  await expect.poll(async () => (await siteEntry(ext, origin))?.api).toBe(elsewhere);
  await expect(popup.locator('li[data-site="servicedesk"] [data-api-change]')).toHaveCount(0);
});

test('forget this site in the options page: a fresh announce from the origin is then accepted (finding 12)', async ({
  ext,
  sites,
}) => {
  const origin = sites.serviceDesk.origin;
  const a = await visit(ext, sites.serviceDesk.url());
  await ui.action(a, 'accept-all').click();
  await expect.poll(async () => (await siteEntry(ext, origin))?.siteId).toBe('servicedesk');
  // Known as servicedesk: another site id from that origin is refused.
  const renamed = { ...(await captureSnapshot(a)), siteId: 'helpdesk', history: [], state: null };
  await postAnnounce(a, renamed);
  await a.waitForTimeout(1000);
  expect((await siteEntry(ext, origin))?.siteId).toBe('servicedesk');

  const options = await ext.context.newPage();
  await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
  await options.locator('[data-known-site="servicedesk"] [data-action="forget-site"]').click();
  await expect(options.locator('[data-known-site="servicedesk"]')).toHaveCount(0);
  await expect.poll(async () => (await siteEntry(ext, origin)) ?? null).toBeNull();

  await postAnnounce(a, renamed);
  await expect.poll(async () => (await siteEntry(ext, origin))?.siteId).toBe('helpdesk');
  await openPopup(ext, ['helpdesk']);
});
