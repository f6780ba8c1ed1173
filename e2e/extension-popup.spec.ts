import { axeViolations } from './harness/axe.js';
import { openPopup, extensionTest as test, visit } from './harness/extension-fixtures.js';
import { expect } from './harness/fixtures.js';
import { currentChoices, type ExtensionContext, ui, watchSubjects } from './harness/index.js';

// The popup as a person uses it: empty state, badge, keyboard-only "revoke everything" with its
// confirmation, privacy-rights requests with status and due date, and an accessibility audit.

// Each test launches its own Chromium with the extension and walks two sites: more than the suite's
// 30 s default on a loaded 2-core machine.
test.describe.configure({ timeout: 60_000 });

/** The toolbar badge text of the tab showing `url` (asked of the extension's own worker). */
function badgeFor(ext: ExtensionContext, url: string): Promise<string> {
  return ext.serviceWorker.evaluate(async (u) => {
    // The worker's `chrome` global (e2e is typed for Node, so it is described here).
    const api = (
      globalThis as unknown as {
        chrome: {
          tabs: { query(q: { url: string }): Promise<{ id?: number }[]> };
          action: { getBadgeText(d: { tabId: number }): Promise<string> };
        };
      }
    ).chrome;
    const [tab] = await api.tabs.query({ url: `${new URL(u).origin}/*` });
    if (tab?.id === undefined) throw new Error(`no tab for ${u}`);
    return api.action.getBadgeText({ tabId: tab.id });
  }, url);
}

test('a new profile shows the empty state (en and pt-PT), and the popup passes an accessibility audit with sites', async ({
  ext,
  sites,
}) => {
  const empty = await openPopup(ext);
  await expect(empty.locator('[data-state="empty"]')).toBeVisible();
  // The same page for a person whose browser prefers European Portuguese.
  const pt = await ext.context.newPage();
  await pt.addInitScript(() => Object.defineProperty(navigator, 'languages', { get: () => ['pt-PT', 'en'] }));
  await pt.goto(`chrome-extension://${ext.extensionId}/popup.html`);
  await expect(pt.locator('[data-state="empty"]')).toContainText('Ainda não há sites CoreITsm');
  await expect(pt.locator('html')).toHaveAttribute('lang', 'pt-PT');
  await pt.close();
  // And the SDK's other languages.
  for (const [languages, lang, text] of [
    [['es-ES'], 'es', 'Aún no hay sitios de CoreITsm'],
    [['fr-CA', 'en'], 'fr', 'Aucun site CoreITsm pour l’instant'],
    [['de'], 'de', 'Noch keine CoreITsm-Websites'],
  ] as const) {
    const other = await ext.context.newPage();
    await other.addInitScript(
      (l) => Object.defineProperty(navigator, 'languages', { get: () => l }),
      [...languages],
    );
    await other.goto(`chrome-extension://${ext.extensionId}/popup.html`);
    await expect(other.locator('[data-state="empty"]')).toContainText(text);
    await expect(other.locator('html')).toHaveAttribute('lang', lang);
    await other.close();
  }
  await expect(empty.locator('[data-action="revoke-everything"]')).toBeDisabled();
  const a = await visit(ext, sites.serviceDesk.url());
  await ui.action(a, 'accept-all').click();
  const popup = await openPopup(ext, ['servicedesk']);
  // The summary line: one site, which may use data for marketing (accepted all), GPC off.
  await expect(popup.locator('[data-summary]')).toHaveText(
    '1 site · 1 allows marketing or sale/sharing · GPC off',
  );
  await expect(popup.locator('li[data-site="servicedesk"] [data-field="changed"]')).toContainText(
    /Changed (now|\d+ seconds? ago)/,
  );
  // GPC was off when the choice was made; and the site's own icon, which the background fetched
  // from the site while it was open, shown from the extension's store (a data URL, no request).
  await expect(popup.locator('li[data-site="servicedesk"] [data-gpc-honoured]')).toHaveAttribute(
    'data-gpc-honoured',
    'not-seen',
  );
  await expect(async () => {
    await popup.reload();
    await expect(popup.locator('li[data-site="servicedesk"] img[data-site-icon="image"]')).toHaveAttribute(
      'src',
      /^data:image\/svg\+xml;base64,/,
      { timeout: 1000 },
    );
  }).toPass({ timeout: 10_000 });
  const fromPopup: string[] = [];
  popup.on('request', (request) => {
    if (/^https?:/.test(request.url())) fromPopup.push(request.url());
  });
  await popup.reload();
  await expect(popup.locator('li[data-site="servicedesk"] img[data-site-icon="image"]')).toBeVisible();
  expect(fromPopup).toEqual([]); // opening the popup tells no site anything
  await popup.locator('li[data-site="servicedesk"] [data-action="history"]').click();
  expect(await axeViolations(popup)).toEqual([]);
});

test('the badge counts the purposes a site may use, and follows revoking one purpose, then all of the site', async ({
  ext,
  sites,
}) => {
  const a = await visit(ext, sites.serviceDesk.url());
  await ui.action(a, 'accept-all').click();
  await expect.poll(() => badgeFor(ext, sites.serviceDesk.url())).toBe('3');
  const popup = await openPopup(ext, ['servicedesk']);
  await popup.locator('li[data-site="servicedesk"] li[data-purpose="marketing"] button').click();
  await expect.poll(() => badgeFor(ext, sites.serviceDesk.url())).toBe('2');
  // "Revoke all on this site" takes the rest; the badge reads 0.
  await popup.reload();
  await popup.locator('li[data-site="servicedesk"] [data-action="revoke-site"]').click();
  await expect(popup.locator('[data-status]')).toContainText(/Revoked on 1 site/, { timeout: 15_000 });
  await expect.poll(() => currentChoices(a)).toMatchObject({ functional: 'denied', analytics: 'denied' });
  await expect.poll(() => badgeFor(ext, sites.serviceDesk.url())).toBe('0');
});

test('revoke everything everywhere, by keyboard, after a confirmation', async ({ ext, sites }) => {
  const a = await visit(ext, sites.serviceDesk.url());
  await ui.action(a, 'accept-all').click();
  const b = await visit(ext, sites.statusPortal.url());
  await ui.action(b, 'accept-all').click();
  const popup = await openPopup(ext, ['servicedesk', 'status']);
  await popup.locator('[data-action="revoke-everything"]').focus();
  await popup.keyboard.press('Enter');
  const dialog = popup.getByRole('alertdialog');
  await expect(dialog).toContainText('(2)');
  // Focus starts on Cancel (the safe choice): Escape-free, a second Enter would cancel.
  await expect(dialog.locator('[data-action="cancel"]')).toBeFocused();
  await popup.keyboard.press('Shift+Tab');
  await expect(dialog.locator('[data-action="confirm"]')).toBeFocused();
  await popup.keyboard.press('Enter');
  // Tabs answer within 4 s each (in parallel); the server calls go at the same time.
  await expect(popup.locator('[data-status]')).toContainText(/Revoked on 2 site/, { timeout: 15_000 });
  for (const page of [a, b])
    await expect
      .poll(() => currentChoices(page))
      .toMatchObject({ functional: 'denied', analytics: 'denied', marketing: 'denied' });
});

test('a privacy-rights request is filed with the site server and shows its status and due date', async ({
  ext,
  sites,
  server,
}) => {
  const subjects = await watchSubjects(ext.context, server.url);
  const a = await visit(ext, sites.serviceDesk.url());
  await ui.action(a, 'reject-all').click();
  // Once the SDK has its subject, opening the popup asks the open tab to announce again (the token
  // arrives after the decision) and the popup lists once more: the site becomes available for requests.
  await subjects.first();
  const popup = await openPopup(ext, ['servicedesk']);
  const form = popup.locator('[data-form="rights"]');
  await expect(form).toBeVisible({ timeout: 10_000 });
  await form.locator('select[name="kind"]').selectOption('erasure');
  await form.locator('input[name="contact"]').fill('person@example.com');
  await form.getByRole('button').click();
  await expect(popup.locator('.rights [role="status"]')).toContainText(/must answer by/);
  const row = popup.locator('li[data-request]');
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-status', 'received');
  await expect(row).toContainText(/due/);
  const id = await row.getAttribute('data-request');

  // The site's team moves it along; the popup shows the new status.
  const patched = await fetch(`${server.url}/v1/admin/rights-requests/${id}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ status: 'in-progress' }),
  });
  expect(patched.status).toBe(200);
  await popup.reload();
  await expect(popup.locator('li[data-request]')).toHaveAttribute('data-status', 'in-progress');
});
