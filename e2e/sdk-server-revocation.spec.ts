import { currentChoices, expectTagsRan, localHistory, ui, waitForReady } from './harness/consent-page.js';
import { expect, test } from './harness/fixtures.js';
import { expectRecordOnServer } from './harness/server-checks.js';

// A revocation made elsewhere (the extension, another device) through the server API applies on
// the next load: the state narrows, no prompt, and from then on the revoked tag does not run.
// (On that first load the stored grant may already have released the tag before the server pull
// answered — the SDK's fast path; a script that ran cannot be unloaded. The spec checks the state
// on that load and the tags on the next.)

test('a revocation through POST /v1/subjects/me/revocations applies on the next load', async ({
  page,
  sites,
  server,
  subjects,
}) => {
  const site = sites.serviceDesk;
  await page.goto(site.url('/', { jurisdiction: 'gdpr' }));
  await ui.action(page, 'accept-all').click();
  await expect.poll(async () => (await localHistory(page)).length).toBe(1);
  const [accepted] = await localHistory(page);
  const subject = await subjects.first();
  await expectRecordOnServer(page, server, subject, accepted ?? { id: '', siteId: 'servicedesk' });

  const revocation = await server.api.revoke(subject.token, 'servicedesk', ['analytics']);
  expect(revocation).toMatchObject({
    method: 'extension-revoke',
    siteId: 'servicedesk',
    previous: accepted?.id,
  });
  expect(revocation.choices).toMatchObject({ analytics: 'denied', marketing: 'granted' });

  await page.reload();
  await waitForReady(page);
  await expect.poll(async () => (await currentChoices(page)).analytics).toBe('denied');
  expect(await currentChoices(page)).toMatchObject({ marketing: 'granted', functional: 'granted' });
  await expect(ui.banner(page)).toHaveCount(0);
  await expect
    .poll(async () => {
      const history = await localHistory(page);
      return history[history.length - 1]?.choices.analytics;
    })
    .toBe('denied');

  await page.reload();
  await waitForReady(page);
  await page.waitForTimeout(300);
  await expectTagsRan(page, ['functional', 'marketing', 'video']);
  expect((await currentChoices(page)).analytics).toBe('denied');
  // The server's latest state for the site is the revocation (no older local state overwrote it).
  const state = await server.api.state(subject.token);
  expect(state.sites.servicedesk?.choices.analytics).toBe('denied');
});
