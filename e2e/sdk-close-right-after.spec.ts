import { localHistory, ui, waitForReady } from './harness/consent-page.js';
import { expect, test } from './harness/fixtures.js';

// People close the tab right after clicking. Once the SDK shows the record in history(), it is
// stored: the next visit must not ask again. (Offline-only sites too: no server involved here.)

for (const run of [1, 2, 3]) {
  test(`a decision survives closing the tab right after the click (#${run})`, async ({ context, sites }) => {
    const url = sites.serviceDesk.url('/', { jurisdiction: 'gdpr' });
    const first = await context.newPage();
    await first.goto(url);
    await waitForReady(first);
    await ui.action(first, 'accept-all').click();
    await expect.poll(async () => (await localHistory(first)).length, { intervals: [10] }).toBe(1);
    await first.close();

    const next = await context.newPage();
    await next.goto(url);
    await waitForReady(next);
    expect(await localHistory(next)).toHaveLength(1);
    await expect(ui.banner(next)).toHaveCount(0);
  });
}
