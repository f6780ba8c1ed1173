import { currentChoices, focused, localHistory, tabUntil, ui, waitForReady } from './harness/consent-page.js';
import { expect, test } from './harness/fixtures.js';

// Keyboard only: reach the banner, open the preference center, switch a purpose, save; reopen it
// from the footer, stay trapped inside, close with Escape and get focus back where it was.

test('keyboard-only journey through the banner and the preference center', async ({ page, sites }) => {
  await page.goto(sites.serviceDesk.url('/', { jurisdiction: 'gdpr' }));
  await waitForReady(page);
  await expect(ui.banner(page)).toBeVisible();

  await tabUntil(page, (f) => f.inUi && f.action === 'customize');
  expect((await focused(page)).ring).toBe(true);
  await page.keyboard.press('Enter');
  await expect(ui.preferences(page)).toBeVisible();
  // Focus moves into the modal dialog.
  await expect.poll(async () => (await focused(page)).inDialog).toBe(true);

  await tabUntil(page, (f) => f.purpose === 'analytics', 30);
  await page.keyboard.press('Space');
  await expect(ui.purpose(page, 'analytics')).toBeChecked();

  // Focus trap: Tab and Shift+Tab never leave the dialog.
  for (const key of ['Tab', 'Shift+Tab']) {
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press(key);
      const f = await focused(page);
      expect(f.inUi && f.inDialog, `${key} #${i + 1} left the dialog: ${JSON.stringify(f)}`).toBe(true);
      expect(f.ring, `no visible focus on ${JSON.stringify(f)}`).toBe(true);
    }
  }

  await tabUntil(page, (f) => f.action === 'save', 30);
  await page.keyboard.press('Enter');
  await expect(ui.preferences(page)).toBeHidden();
  await expect.poll(async () => (await localHistory(page)).length).toBe(1);
  const [record] = await localHistory(page);
  expect(record).toMatchObject({ method: 'preferences' });
  expect(record?.choices).toEqual({
    necessary: 'granted',
    functional: 'denied',
    analytics: 'granted',
    marketing: 'denied',
  });

  // Reopen from the footer link with the keyboard; Escape closes and focus returns to the link.
  await page.keyboard.press('Shift+Tab'); // leave wherever focus was left after closing
  await tabUntil(page, (f) => f.coreconsent === 'open-preferences' && f.text === 'Cookie preferences', 80);
  await page.keyboard.press('Enter');
  await expect(ui.preferences(page)).toBeVisible();
  await expect.poll(async () => (await focused(page)).inDialog).toBe(true);
  await expect(ui.purpose(page, 'analytics')).toBeChecked();
  await page.keyboard.press('Escape');
  await expect(ui.preferences(page)).toBeHidden();
  await expect
    .poll(async () => {
      const f = await focused(page);
      return `${f.coreconsent} ${f.text}`;
    })
    .toBe('open-preferences Cookie preferences');
  // Escape changed nothing.
  expect(await localHistory(page)).toHaveLength(1);
  expect((await currentChoices(page)).analytics).toBe('granted');
});

test('keyboard: Reject all from the banner', async ({ page, sites }) => {
  await page.goto(sites.statusPortal.url('/', { jurisdiction: 'gdpr' }));
  await waitForReady(page);
  await tabUntil(page, (f) => f.inUi && f.action === 'reject-all');
  await page.keyboard.press('Enter');
  await expect(ui.banner(page)).toBeHidden();
  await expect.poll(async () => (await localHistory(page)).map((r) => r.method)).toEqual(['reject-all']);
});
