import { RightsRequestCreatedSchema } from '@coreitsm/protocol';
import { localHistory, ui, waitForReady } from './harness/consent-page.js';
import { expect, test } from './harness/fixtures.js';
import { stableName } from './harness/sdk-files.js';

// The preference center's other duties: policy version and link, the person's own history, and
// "Your privacy rights", which files a request with the server and shows its legal due date.

test('the preference center shows the policy, the history, and files a rights request with its due date', async ({
  page,
  sites,
  server,
  subjects,
}) => {
  const site = sites.serviceDesk;
  await page.goto(site.url('/', { jurisdiction: 'gdpr' }));
  await ui.action(page, 'reject-all').click();
  await expect.poll(async () => (await localHistory(page)).length).toBe(1);

  await page.getByRole('button', { name: 'Cookie preferences' }).click();
  const dialog = page.locator('coreconsent-ui [role="dialog"]');
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  await expect(dialog).toContainText('2026-04-08');
  await expect(dialog.locator(`a[href="${site.origin}/privacy"]`).first()).toBeVisible();
  // Every purpose switch has an accessible name; necessary is locked on.
  for (const purpose of ['necessary', 'functional', 'analytics', 'marketing']) {
    await expect(ui.purpose(page, purpose)).toHaveAccessibleName(/.+/);
  }
  await expect(ui.purpose(page, 'necessary')).toBeChecked();
  await expect(ui.purpose(page, 'necessary')).toBeDisabled();
  // The person's own history: the one decision, as they made it.
  await expect(dialog.getByText('Your consent history')).toBeVisible();
  await expect(dialog.getByText(/Rejected all/)).toHaveCount(1);

  // The rights form: an access request, with the GDPR one-month deadline.
  const filed = page.waitForResponse(
    (r) => r.url() === `${server.url}/v1/rights-requests` && r.request().method() === 'POST',
  );
  await dialog.locator('select[name="kind"]').selectOption('access');
  await dialog.locator('input[name="contact"]').fill('alex@example.com');
  await dialog.locator('[data-action="request-right"]').click();
  const response = await filed;
  expect(response.status()).toBe(201);
  const created = RightsRequestCreatedSchema.parse(await response.json());
  const days = (Date.parse(created.dueAt) - Date.now()) / 86_400_000;
  expect(days).toBeGreaterThan(29);
  expect(days).toBeLessThanOrEqual(30.01);
  const dueText = await page.evaluate(
    (dueAt) => new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(new Date(dueAt)),
    created.dueAt,
  );
  await expect(dialog.getByRole('status')).toContainText(dueText);
  await expect(dialog.getByRole('status')).toContainText(created.id);

  const subject = await subjects.first();
  const view = await server.api.rightsRequest(subject.token, created.id);
  expect(view).toMatchObject({ id: created.id, kind: 'access', status: 'received', dueAt: created.dueAt });
});

test('the banner and the center speak the visitor’s language, loading only that translation', async ({
  page,
  sites,
}) => {
  const chunks: string[] = [];
  page.on('request', (r) => {
    const name = new URL(r.url()).pathname.split('/').pop() ?? '';
    if (name.startsWith('coreconsent-lang-')) chunks.push(stableName(name));
  });
  await page.goto(sites.statusPortal.url('/', { jurisdiction: 'gdpr', lang: 'de' }));
  await waitForReady(page);
  await expect(ui.action(page, 'accept-all')).toHaveText('Alle akzeptieren');
  expect(chunks).toEqual(['coreconsent-lang-de.js']);

  await page.goto(sites.statusPortal.url('/', { jurisdiction: 'gdpr', lang: 'pt-PT' }));
  await waitForReady(page);
  await expect(ui.action(page, 'accept-all')).toHaveText('Aceitar tudo');
  expect(chunks).toEqual(['coreconsent-lang-de.js', 'coreconsent-lang-pt-PT.js']);
});
