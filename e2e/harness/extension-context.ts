import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Worker } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './chromium.js';
import { installPageObserver } from './page-observer.js';

export interface ExtensionContext {
  readonly context: BrowserContext;
  readonly extensionId: string;
  readonly serviceWorker: Worker;
  /** Closes the browser and deletes its profile folder. */
  close(): Promise<void>;
}

/**
 * Launches Chromium with an unpacked MV3 extension loaded (a persistent context is the only way),
 * with the same flags as the rest of the suite and the page observer installed. Recipe from
 * shared/NOTES-toolchain.md.
 *
 * @example
 * const ext = await launchExtensionContext(fileURLToPath(new URL('../../extension/dist/chrome', import.meta.url)));
 * const popup = await ext.context.newPage();
 * await popup.goto(`chrome-extension://${ext.extensionId}/popup.html`);
 * await ext.close();
 */
export async function launchExtensionContext(extensionDir: string): Promise<ExtensionContext> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'coreconsent-e2e-profile-'));
  const executablePath = chromiumExecutable();
  const context = await chromium.launchPersistentContext(userDataDir, {
    ...(executablePath ? { executablePath } : {}),
    headless: true,
    args: [
      ...CHROMIUM_ARGS,
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
    ],
  });
  await context.addInitScript(installPageObserver);
  let [serviceWorker] = context.serviceWorkers();
  serviceWorker ??= await context.waitForEvent('serviceworker', { timeout: 15_000 });
  const extensionId = new URL(serviceWorker.url()).host;
  return {
    context,
    extensionId,
    serviceWorker,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
