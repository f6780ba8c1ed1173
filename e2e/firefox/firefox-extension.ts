import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from '@playwright/test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { FIREFOX_INSTALL_HINT, findFirefox } from '../../scripts/find-firefox.mjs';
import { installPageObserver } from '../harness/page-observer.js';

/** The Firefox build of the extension (`npm run build` leaves it there). */
export const FIREFOX_EXTENSION_DIR = fileURLToPath(new URL('../../extension/dist/firefox', import.meta.url));

/**
 * A fixed internal UUID for the add-on, so its moz-extension:// URLs are known before it loads
 * (Firefox otherwise draws one per profile). The key is the gecko id in the manifest.
 */
const EXTENSION_UUID = '0d4c6b1e-1111-4222-8333-944455556666';
const geckoId = (): string => {
  const manifest = JSON.parse(readFileSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error('the Firefox manifest has no browser_specific_settings.gecko.id');
  return id;
};

export interface FirefoxExtension {
  readonly browser: Browser;
  /** Where Firefox saves downloads (no dialog): the export files land here. */
  readonly downloads: string;
  /** A new tab with the page observer installed before any page script (as the Chromium suite has). */
  newPage(): Promise<Page>;
  /** The popup as a tab; resolves once its document answers (a moz-extension load never reports over BiDi). */
  openPopup(): Promise<Page>;
  close(): Promise<void>;
}

/** The Firefox binary, or an error that says exactly what to install. */
export function firefoxExecutable(): string {
  const found = findFirefox();
  if (!found) throw new Error(FIREFOX_INSTALL_HINT);
  return found.path;
}

/**
 * Launches Debian's Firefox ESR headless with the extension installed as a temporary add-on, driven by
 * puppeteer-core over WebDriver BiDi (recipe: shared/NOTES-toolchain.md, "Firefox"). Downloads go to a
 * folder of its own without asking, so the export journey reads the files Firefox really saved.
 */
export async function launchFirefoxWithExtension(): Promise<FirefoxExtension> {
  const downloads = mkdtempSync(join(tmpdir(), 'coreconsent-ff-downloads-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxExecutable(),
    headless: true,
    // Firefox 153+: without it, navigating to moz-extension:// from the automation is refused.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId()]: EXTENSION_UUID }),
      'browser.download.folderList': 2,
      'browser.download.dir': downloads,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.manager.showWhenStarting': false,
      'browser.helperApps.neverAsk.saveToDisk': 'application/json,text/csv,application/xml,text/xml',
    },
  });
  await browser.installExtension(FIREFOX_EXTENSION_DIR);
  const popupUrl = `moz-extension://${EXTENSION_UUID}/popup.html`;
  return {
    browser,
    downloads,
    async newPage() {
      const page = await browser.newPage();
      await page.evaluateOnNewDocument(installPageObserver);
      return page;
    },
    async openPopup() {
      const popup = await browser.newPage();
      popup.goto(popupUrl).catch(() => undefined);
      await expect
        .poll(
          () =>
            popup.evaluate(() => document.readyState === 'complete' && location.protocol).catch(() => false),
          {
            timeout: 20_000,
          },
        )
        .toBe('moz-extension:');
      return popup;
    },
    async close() {
      await browser.close();
      rmSync(downloads, { recursive: true, force: true });
    },
  };
}
