import type { AnyConsentRecord } from '@coreitsm/protocol';
import type { Page } from '@playwright/test';
import {
  cspViolations,
  currentChoices,
  expectTagsRan,
  localHistory,
  ui,
  waitForReady,
} from './harness/consent-page.js';
import { expect, test } from './harness/fixtures.js';
import { expectRecordOnServer } from './harness/server-checks.js';

// Accept all / reject all / customize: each stores one record locally (IndexedDB, read through
// CoreConsent.history()), runs exactly the allowed tags, reaches the server unchanged, and is
// applied on reload without asking again.

const EU_PURPOSES = ['necessary', 'functional', 'analytics', 'marketing'] as const;

/** Which demo tags a set of choices lets run (the video embed is gated on marketing). */
function tagsFor(choices: Record<string, string | undefined>): string[] {
  const tags: string[] = [];
  if (choices.analytics === 'granted') tags.push('analytics');
  if (choices.functional === 'granted') tags.push('functional');
  if (choices.marketing === 'granted') tags.push('marketing', 'video');
  return tags;
}

async function onlyRecord(page: Page): Promise<AnyConsentRecord> {
  await expect.poll(async () => (await localHistory(page)).length).toBe(1);
  const [record] = await localHistory(page);
  return record as AnyConsentRecord;
}

const journeys = [
  {
    name: 'accept all',
    method: 'accept-all',
    choose: (page: Page) => ui.action(page, 'accept-all').click(),
    choices: { necessary: 'granted', functional: 'granted', analytics: 'granted', marketing: 'granted' },
  },
  {
    name: 'reject all',
    method: 'reject-all',
    choose: (page: Page) => ui.action(page, 'reject-all').click(),
    choices: { necessary: 'granted', functional: 'denied', analytics: 'denied', marketing: 'denied' },
  },
  {
    name: 'customize (analytics only)',
    method: 'preferences',
    async choose(page: Page) {
      await ui.action(page, 'customize').click();
      await expect(ui.preferences(page)).toBeVisible();
      const analytics = ui.purpose(page, 'analytics');
      await expect(analytics).not.toBeChecked(); // opt-in: off until granted
      await expect(ui.purpose(page, 'marketing')).not.toBeChecked();
      await analytics.click();
      await expect(analytics).toBeChecked();
      await ui.action(page, 'save').click();
      await expect(ui.preferences(page)).toBeHidden();
    },
    choices: { necessary: 'granted', functional: 'denied', analytics: 'granted', marketing: 'denied' },
  },
] as const;

for (const journey of journeys) {
  test(`${journey.name}: one record, exactly the allowed tags, delivered, applied on reload`, async ({
    page,
    sites,
    server,
    subjects,
  }) => {
    const site = sites.serviceDesk;
    await page.goto(site.url('/', { jurisdiction: 'gdpr' }));
    await waitForReady(page);
    await expect(ui.banner(page)).toBeVisible();
    await journey.choose(page);
    await expect(ui.banner(page)).toBeHidden();

    const record = await onlyRecord(page);
    expect(record).toMatchObject({
      schemaVersion: 1,
      siteId: 'servicedesk',
      origin: site.origin,
      policyVersion: '2026-04-08',
      policyUrl: `${site.origin}/privacy`,
      jurisdiction: 'gdpr',
      method: journey.method,
      gpc: false,
      previous: null,
    });
    expect(record.subjectId).toMatch(/^sub_/);
    expect(record.choices).toEqual(journey.choices);
    expect(Object.keys(record.choices).sort()).toEqual([...EU_PURPOSES].sort());
    expect(await currentChoices(page)).toMatchObject(journey.choices);
    await expectTagsRan(page, tagsFor(journey.choices));
    // The UI chunk, its styles and the released tags (the inline one needs the nonce) broke no CSP rule.
    expect(await cspViolations(page)).toEqual([]);

    // Delivered to the real server, unchanged, under the subject the SDK created.
    const subject = await subjects.first();
    await expectRecordOnServer(page, server, subject, record);
    const state = await server.api.state(subject.token);
    expect(state.sites.servicedesk).toMatchObject({ recordId: record.id, choices: journey.choices });

    // Reload: the stored choice applies at once, no banner, no new record.
    await page.reload();
    await waitForReady(page);
    await expectTagsRan(page, tagsFor(journey.choices));
    await page.waitForTimeout(300);
    await expect(ui.banner(page)).toHaveCount(0);
    expect(await currentChoices(page)).toMatchObject(journey.choices);
    expect((await localHistory(page)).map((r) => r.id)).toEqual([record.id]);
  });
}

test('a decision on one site does not decide for the other site', async ({ page, sites }) => {
  await page.goto(sites.serviceDesk.url());
  await ui.action(page, 'accept-all').click();
  await onlyRecord(page);
  await page.goto(sites.statusPortal.url());
  await waitForReady(page);
  await expect(ui.banner(page)).toBeVisible();
  await expectTagsRan(page, []);
});
