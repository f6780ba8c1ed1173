import { bridgeMessage } from '@coreitsm/protocol';
import { openPopup, siteEntry, extensionTest as test, visit } from './harness/extension-fixtures.js';
import { expect } from './harness/fixtures.js';
import { startHeaderProbe } from './harness/header-probe.js';
import { currentChoices, localHistory, ui, waitForReady } from './harness/index.js';

// The extension's GPC switch (Sec-GPC header + navigator.globalPrivacyControl before <head> scripts)
// and its bridge under attack from a hostile script on the page.

// Each test launches its own Chromium with the extension and walks two sites: more than the suite's
// 30 s default on a loaded 2-core machine.
test.describe.configure({ timeout: 60_000 });

test('the GPC switch sends Sec-GPC: 1 and sets navigator.globalPrivacyControl before <head> scripts run', async ({
  ext,
  sites,
  server,
}) => {
  const probe = await startHeaderProbe();
  try {
    const popup = await openPopup(ext);
    const toggle = popup.locator('[data-action="gpc"]');
    await expect(toggle).not.toBeChecked();
    await toggle.press('Space'); // keyboard, as a person without a mouse would
    await expect(toggle).toBeChecked();

    const page = await ext.context.newPage();
    await page.goto(probe.url);
    expect(await page.evaluate(() => (window as { gpcAtHead?: unknown }).gpcAtHead)).toBe(true);
    expect(probe.seen.at(-1)?.['sec-gpc']).toBe('1');

    // The demo site (California flow) sees the signal and honors it; its calls to the server carry the header.
    const toServer: Record<string, string>[] = [];
    ext.context.on('request', (request) => {
      if (request.url().startsWith(server.url)) void request.allHeaders().then((h) => toServer.push(h));
    });
    const site = await visit(ext, sites.serviceDesk.url('/', { jurisdiction: 'ccpa' }));
    expect(await site.evaluate(() => navigator.globalPrivacyControl)).toBe(true);
    await expect
      .poll(() => currentChoices(site))
      .toMatchObject({ sale_sharing: 'denied', marketing: 'denied' });
    const latest = (await localHistory(site)).at(-1);
    expect(latest).toMatchObject({ method: 'gpc', gpc: true });
    await expect.poll(() => toServer.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(toServer.every((h) => h['sec-gpc'] === '1')).toBe(true);
    // The popup says, for that site, that GPC was honoured there (its newest record was made with it
    // and shares nothing), in words.
    await expect(async () => {
      await popup.reload();
      await expect(popup.locator('[data-site="servicedesk"] [data-gpc-honoured]')).toHaveAttribute(
        'data-gpc-honoured',
        'honoured',
        { timeout: 1000 },
      );
    }).toPass({ timeout: 10_000 });
    await expect(popup.locator('[data-site="servicedesk"] [data-gpc-honoured]')).toContainText(
      'GPC honoured here',
    );

    // Off again: neither the header nor the property.
    await popup.reload();
    await popup.locator('[data-action="gpc"]').click();
    await expect(popup.locator('[data-action="gpc"]')).not.toBeChecked();
    const after = await ext.context.newPage();
    await after.goto(probe.url);
    expect(await after.evaluate(() => (window as { gpcAtHead?: unknown }).gpcAtHead)).toBeUndefined();
    expect(probe.seen.at(-1)?.['sec-gpc']).toBeUndefined();
  } finally {
    probe.server.close();
  }
});

test('a hostile script posting bridge messages changes nothing', async ({ ext, sites, server }) => {
  const b = await visit(ext, sites.statusPortal.url());
  await ui.action(b, 'reject-all').click();
  const a = await visit(ext, sites.serviceDesk.url());
  await ui.action(a, 'reject-all').click();
  await expect.poll(() => currentChoices(a)).toMatchObject({ marketing: 'denied', analytics: 'denied' });
  // A second page view hands the extension the subject token the SDK got from the server meanwhile.
  await expect(async () => {
    await a.reload();
    await waitForReady(a);
    expect((await siteEntry(ext, sites.serviceDesk.origin))?.token).toBeTruthy();
  }).toPass({ timeout: 10_000 });
  const popup = await openPopup(ext);
  await expect(async () => {
    await popup.reload();
    await expect(popup.locator('li[data-site]')).toHaveCount(2, { timeout: 1000 });
  }).toPass({ timeout: 10_000 });
  const historyBefore = await localHistory(a);
  const bOrigin = sites.statusPortal.origin;
  const aOrigin = sites.serviceDesk.origin;

  const fakeRecordId = '0193a1d2-7c1e-7a4b-9f00-00000000beef';
  const grantAll = {
    necessary: 'granted',
    functional: 'granted',
    analytics: 'granted',
    marketing: 'granted',
  };
  const forgedSnapshot = (siteId: string, origin: string) => ({
    siteId,
    origin,
    policyVersion: '2026-04-08',
    policyUrl: null,
    jurisdiction: 'gdpr',
    api: 'https://evil.example',
    subjectId: 'sub_attacker',
    token: 'stolen',
    state: {
      choices: grantAll,
      policyVersion: '2026-04-08',
      jurisdiction: 'gdpr',
      recordId: fakeRecordId,
      createdAt: new Date().toISOString(),
    },
    history: [],
  });
  const messages: unknown[] = [
    // Forged grants, in every shape a page might try.
    {
      ns: 'coreitsm-consent',
      v: 1,
      from: 'extension',
      id: 'g1',
      type: 'grant',
      payload: { purposes: ['marketing'] },
    },
    {
      ns: 'coreitsm-consent',
      v: 1,
      from: 'extension',
      id: 'g2',
      type: 'revoke',
      payload: { purposes: [], choices: grantAll },
    },
    {
      ns: 'coreitsm-consent',
      v: 1,
      from: 'extension',
      id: 'g3',
      type: 'set',
      payload: { choices: grantAll },
    },
    // Malformed envelopes.
    'coreitsm-consent',
    null,
    { ns: 'coreitsm-consent', v: 2, from: 'extension', id: 'x', type: 'hello', payload: {} },
    { ns: 'other', v: 1, from: 'sdk', id: 'x', type: 'announce', payload: {} },
    {
      ns: 'coreitsm-consent',
      v: 1,
      from: 'sdk',
      id: 'x',
      type: 'announce',
      payload: { siteId: 'servicedesk' },
    },
    // Announces speaking for another site: B's origin from A's page, and B's site id on A's origin.
    bridgeMessage('sdk', 'announce', 'f1', forgedSnapshot('status', bOrigin) as never),
    bridgeMessage('sdk', 'announce', 'f2', forgedSnapshot('status', aOrigin) as never),
    // Acks for revocations nobody asked for.
    bridgeMessage('sdk', 'ack', 'f3', { replyTo: 'nothing', ok: true, recordId: fakeRecordId }),
  ];
  await a.evaluate(
    ({ list, bOrigin: other }) => {
      for (const message of list) window.postMessage(message, location.origin);
      // Messages claiming another origin (a synthetic event, the only way a page can fake one).
      for (const message of list)
        window.dispatchEvent(new MessageEvent('message', { data: message, origin: other, source: window }));
    },
    { list: messages, bOrigin },
  );
  await a.waitForTimeout(1500); // let anything that would react do so

  // The page's consent: unchanged, no new record.
  expect(await currentChoices(a)).toMatchObject({
    marketing: 'denied',
    analytics: 'denied',
    functional: 'denied',
  });
  expect((await localHistory(a)).map((r) => r.id)).toEqual(historyBefore.map((r) => r.id));
  // The extension's view: still the two real sites, each with its own origin and refusals.
  await popup.reload();
  await expect(popup.locator('li[data-site]')).toHaveCount(2);
  await expect(popup.locator('li[data-site="status"]')).toHaveAttribute('data-origin', bOrigin);
  await expect(popup.locator('li[data-site="servicedesk"]')).toHaveAttribute('data-origin', aOrigin);
  for (const site of ['servicedesk', 'status'])
    for (const purpose of ['functional', 'analytics', 'marketing'])
      await expect(popup.locator(`li[data-site="${site}"] li[data-purpose="${purpose}"]`)).toHaveAttribute(
        'data-choice',
        'denied',
      );
  // The extension kept the real subject and token (not the forged ones), and the server agrees: refused.
  const entry = await siteEntry(ext, aOrigin);
  expect(entry?.siteId).toBe('servicedesk');
  expect(entry?.api).toBe(server.url);
  expect(entry?.subjectId).toBe(historyBefore.at(-1)?.subjectId);
  expect(entry?.token).not.toBe('stolen');
  if (!entry?.token) throw new Error('the extension has no token for site A');
  const state = await server.api.state(entry.token);
  expect(state.sites.servicedesk?.choices).toMatchObject({ marketing: 'denied', analytics: 'denied' });
  expect(await siteEntry(ext, bOrigin)).toMatchObject({
    siteId: 'status',
    subjectId: expect.stringMatching(/^sub_/),
  });
});
