import { expectTagsRan, localHistory, ui, waitForReady } from './harness/consent-page.js';
import { expect, test } from './harness/fixtures.js';

// A slow disk is not a blocked one: when IndexedDB opens slowly (seconds, as on a loaded machine),
// the decision must still be stored, so the next visit does not ask again. Nothing acknowledged is lost.

test('a slow IndexedDB open still persists the decision', async ({ context, sites }) => {
  const url = sites.serviceDesk.url('/', { jurisdiction: 'gdpr' });
  const slow = await context.newPage();
  await slow.addInitScript(() => {
    // Deliver the open request's `success` 3.5 s late (upgrades stay synchronous, as they must).
    const realOpen = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function open(this: IDBFactory, ...args: [string, number?]) {
      const request = realOpen.apply(this, args);
      const add = request.addEventListener.bind(request);
      request.addEventListener = ((
        type: string,
        listener: EventListener,
        options?: AddEventListenerOptions,
      ) =>
        add(
          type,
          type === 'success'
            ? (event: Event) => setTimeout(() => listener.call(request, event), 3_500)
            : listener,
          options,
        )) as typeof request.addEventListener;
      Object.defineProperty(request, 'onsuccess', {
        set(listener: EventListener) {
          add('success', (event: Event) => setTimeout(() => listener.call(request, event), 3_500));
        },
      });
      return request;
    } as typeof realOpen;
  });
  const warnings: string[] = [];
  slow.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
  });
  await slow.goto(url);
  await waitForReady(slow);
  await ui.action(slow, 'accept-all').click();
  await expectTagsRan(slow, ['analytics', 'functional', 'marketing', 'video']);
  await expect.poll(async () => (await localHistory(slow)).length).toBe(1);
  await slow.waitForTimeout(4_000); // the slow open has long completed by now
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
