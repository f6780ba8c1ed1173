import { expectTagsRan, localHistory, ui, waitForReady } from './harness/consent-page.js';
import { expect, test } from './harness/fixtures.js';
import { delayOpenSuccess } from './harness/slow-idb-open.js';

// A slow disk is not a blocked one: when IndexedDB opens slowly (seconds, as on a loaded machine),
// the decision must still be stored, so the next visit does not ask again. Nothing acknowledged is lost.

/** Records in the SDK's IndexedDB (`coreconsent`, store `records`), read without opening it at a new version. */
function storedRecordCount(): Promise<number> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('coreconsent');
    // Not there yet: do not create it (an empty version-1 database would break the SDK's own upgrade).
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onerror = () => (open.error?.name === 'AbortError' ? resolve(0) : reject(open.error));
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('records')) {
        db.close();
        resolve(0);
        return;
      }
      const count = db.transaction('records').objectStore('records').count();
      count.onsuccess = () => {
        db.close();
        resolve(count.result);
      };
      count.onerror = () => reject(count.error);
    };
  });
}

test('a slow IndexedDB open still persists the decision', async ({ context, sites }) => {
  test.slow(); // a 3.5 s open on purpose, then a wait of up to 20 s for its condition on a loaded machine
  const url = sites.serviceDesk.url('/', { jurisdiction: 'gdpr' });
  const slow = await context.newPage();
  // Deliver the open request's `success` 3.5 s late (upgrades stay synchronous, as they must).
  await slow.addInitScript(delayOpenSuccess, 3_500);
  const warnings: string[] = [];
  slow.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
  });
  await slow.goto(url);
  await waitForReady(slow);
  await ui.action(slow, 'accept-all').click();
  await expectTagsRan(slow, ['analytics', 'functional', 'marketing', 'video']);
  await expect.poll(async () => (await localHistory(slow)).length).toBe(1);
  // Wait on the condition, not a fixed time: a page of its own that runs no SDK (the GPC file of the
  // same origin) counts the records in IndexedDB, which opens at normal speed there. It sees the decision
  // once the slow page has moved it from memory to IndexedDB; on a loaded 2-core machine that can take
  // longer than the 3.5 s delay, and a decision that never arrives fails the poll.
  const probe = await context.newPage();
  await probe.goto(new URL('/.well-known/gpc.json', url).href);
  await expect
    .poll(() => probe.evaluate(storedRecordCount), { timeout: 20_000, intervals: [500, 1_000] })
    .toBe(1);
  await probe.close();
  await slow.close();
  test.info().annotations.push({
    type: 'console warnings of the slow page',
    description: warnings.join(' | ') || '(none)',
  });

  const next = await context.newPage();
  await next.goto(url);
  await waitForReady(next);
  expect(
    await localHistory(next),
    `the decision was lost; slow page warned: ${warnings.join(' | ')}`,
  ).toHaveLength(1);
  await expect(ui.banner(next)).toHaveCount(0);
  await expectTagsRan(next, ['analytics', 'functional', 'marketing', 'video']);
});
