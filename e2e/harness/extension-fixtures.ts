import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { waitForReady } from './consent-page.js';
import { type ExtensionContext, launchExtensionContext } from './extension-context.js';
import { test as base, expect } from './fixtures.js';

/** The unpacked Chrome build of the extension (`npm run build` leaves it there). */
export const EXTENSION_DIR = fileURLToPath(new URL('../../extension/dist/chrome', import.meta.url));

/** The harness fixtures plus `ext`: a fresh Chromium with the unpacked extension, per test. */
export const extensionTest = base.extend<{ ext: ExtensionContext }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies as a destructured object.
  ext: async ({}, use) => {
    const ext = await launchExtensionContext(EXTENSION_DIR);
    await use(ext);
    await ext.close();
  },
});

/** Visits a demo page in the extension's browser and waits for the SDK. */
export async function visit(ext: ExtensionContext, url: string): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(url);
  await waitForReady(page);
  return page;
}

/** Opens the popup as a page; `expectSites` waits until those rows are there (announces are async). */
export async function openPopup(ext: ExtensionContext, expectSites: string[] = []): Promise<Page> {
  const popup = await ext.context.newPage();
  await popup.goto(`chrome-extension://${ext.extensionId}/popup.html`);
  if (expectSites.length === 0) return popup;
  await expect(async () => {
    await popup.reload();
    for (const site of expectSites)
      await expect(popup.locator(`li[data-site="${site}"]`)).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 10_000 });
  return popup;
}

/** What the background stores per site origin (the fields the specs read). */
export interface StoredSiteEntry {
  siteId: string;
  api: string | null;
  subjectId: string | null;
  token: string | null;
}

/** A site entry as the background stored it (read from the extension's IndexedDB in its worker). */
export function siteEntry(ext: ExtensionContext, origin: string): Promise<StoredSiteEntry | undefined> {
  return ext.serviceWorker.evaluate(async (o) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('coreitsm-extension');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const site = await new Promise<unknown>((resolve, reject) => {
      const request = db.transaction('sites').objectStore('sites').get(o);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return site as StoredSiteEntry | undefined;
  }, origin);
}
