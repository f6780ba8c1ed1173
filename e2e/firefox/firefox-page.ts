import type { AnyConsentRecord } from '@coreitsm/protocol';
import { test as base, expect } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { parseHistory } from '../harness/consent-page.js';
import { demoStackFixtures, type HarnessWorkerFixtures } from '../harness/fixtures.js';
import type {} from '../harness/sdk-globals.js';
import { type FirefoxExtension, launchFirefoxWithExtension } from './firefox-extension.js';

/**
 * The Firefox suite's `test`: the same server and demo sites as the Chromium suite (per worker), and
 * `ff`, a fresh Firefox ESR with the extension, per test. Playwright is only the runner here; the
 * browser is driven by puppeteer-core over WebDriver BiDi.
 */
export const test = base.extend<{ ff: FirefoxExtension }, HarnessWorkerFixtures>({
  ...demoStackFixtures(),
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies as a destructured object.
  ff: async ({}, use) => {
    const ff = await launchFirefoxWithExtension();
    await use(ff);
    await ff.close();
  },
});

/** The SDK's UI lives in an open shadow root: puppeteer's `>>>` pierces it. */
export const sdkUi = (selector: string) => `coreconsent-ui >>> ${selector}`;

/** Opens `url` in a new tab and waits for `coreconsent:ready` (seen by the page observer). */
export async function visitInFirefox(ff: FirefoxExtension, url: string): Promise<Page> {
  const page = await ff.newPage();
  await page.goto(url);
  await page.waitForFunction(
    () => window.__e2e?.events.some((e) => e.type === 'coreconsent:ready') === true,
    {
      timeout: 20_000,
    },
  );
  return page;
}

/** `CoreConsent.get().choices` in that page. */
export function choicesIn(page: Page): Promise<Record<string, string>> {
  return page.evaluate(async () => {
    const state = (await window.CoreConsent?.get()) as { choices?: Record<string, string> } | undefined;
    return { ...(state?.choices ?? {}) };
  });
}

/** `CoreConsent.history()` in that page, each record parsed with the contract's schema, oldest first. */
export async function historyIn(page: Page): Promise<AnyConsentRecord[]> {
  return parseHistory(
    await page.evaluate(
      async () => JSON.parse(JSON.stringify(await window.CoreConsent?.history())) as unknown,
    ),
  );
}

/** The subject and token the SDK of that page stored (IndexedDB `coreconsent`, `meta`/`subject`), once it has one. */
export async function subjectOf(page: Page): Promise<{ subjectId: string; token: string }> {
  const read = () =>
    page.evaluate(
      () =>
        new Promise<{ subjectId?: unknown; token?: unknown } | null>((resolve, reject) => {
          const open = indexedDB.open('coreconsent');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const get = db.transaction('meta').objectStore('meta').get('subject');
            get.onsuccess = () => {
              db.close();
              resolve((get.result as { subjectId?: unknown; token?: unknown } | undefined) ?? null);
            };
            get.onerror = () => reject(get.error);
          };
        }),
    );
  await expect.poll(async () => typeof (await read())?.token, { timeout: 15_000 }).toBe('string');
  const subject = await read();
  return { subjectId: String(subject?.subjectId), token: String(subject?.token) };
}

/** The popup's rows, as `[siteId, {purpose: choice}]`, read from its `data-*` attributes. */
export function popupRows(popup: Page): Promise<Record<string, Record<string, string>>> {
  return popup.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('li[data-site]')].map((row) => [
        row.getAttribute('data-site') ?? '',
        Object.fromEntries(
          [...row.querySelectorAll('li[data-purpose]')].map((p) => [
            p.getAttribute('data-purpose') ?? '',
            p.getAttribute('data-choice') ?? '',
          ]),
        ),
      ]),
    ),
  );
}

/**
 * Reloads the popup and waits for the new document. `page.reload()` would wait for a load event that
 * WebDriver BiDi never reports for moz-extension:// pages, so the old document is marked and the new
 * one (unmarked, complete) is waited for.
 */
export async function reloadPopup(popup: Page): Promise<void> {
  await popup.evaluate(() => {
    (window as { __stale?: boolean }).__stale = true;
    location.reload();
  });
  await expect
    .poll(
      () =>
        popup
          .evaluate(() => !(window as { __stale?: boolean }).__stale && document.readyState === 'complete')
          .catch(() => false),
      { timeout: 15_000 },
    )
    .toBe(true);
}

/** Reloads the popup until its rows match (announces reach the background asynchronously). */
export async function expectPopupRows(popup: Page, expected: Record<string, Record<string, string>>) {
  await expect
    .poll(
      async () => {
        await reloadPopup(popup);
        await popup.waitForSelector('li[data-site]', { timeout: 2_000 }).catch(() => undefined);
        return popupRows(popup).catch(() => ({}));
      },
      { timeout: 20_000, intervals: [500, 1_000] },
    )
    .toMatchObject(expected);
}
