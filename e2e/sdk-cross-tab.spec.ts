import { currentChoices, expectTagsRan, localHistory, ui, waitForReady } from './harness/consent-page.js';
import { expect, test } from './harness/fixtures.js';

// Two tabs of one origin stay in sync at once (BroadcastChannel), without a reload.

test('a decision in one tab applies in the other open tab of the origin', async ({ context, sites }) => {
  const url = sites.serviceDesk.url('/', { jurisdiction: 'gdpr' });
  const first = await context.newPage();
  const second = await context.newPage();
  await first.goto(url);
  await second.goto(url);
  await waitForReady(first);
  await waitForReady(second);
  await expect(ui.banner(first)).toBeVisible();
  await expect(ui.banner(second)).toBeVisible();

  await ui.action(first, 'accept-all').click();
  // The other tab: banner gone, tags released, state updated, change event fired — no reload.
  await expect(ui.banner(second)).toBeHidden();
  await expectTagsRan(second, ['analytics', 'functional', 'marketing', 'video']);
  expect(await currentChoices(second)).toMatchObject({ analytics: 'granted', marketing: 'granted' });
  await expect
    .poll(() =>
      second.evaluate(() => window.__e2e?.events.filter((e) => e.type === 'coreconsent:change').length ?? 0),
    )
    .toBeGreaterThan(0);

  // And back: a narrower choice in the second tab reaches the first one.
  await second.evaluate(() => window.CoreConsent?.set({ analytics: 'denied' }));
  await expect.poll(async () => (await currentChoices(first)).analytics).toBe('denied');
  expect((await currentChoices(first)).marketing).toBe('granted');

  // One shared history: both tabs see the same two records.
  await expect.poll(async () => (await localHistory(first)).length).toBe(2);
  expect((await localHistory(second)).map((r) => r.id)).toEqual((await localHistory(first)).map((r) => r.id));
});
