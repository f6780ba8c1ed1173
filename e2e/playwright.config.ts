import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './harness/chromium.js';

const executablePath = chromiumExecutable();

/**
 * Real Chromium, the real server and the demo sites (started per worker by harness/fixtures.ts).
 * Two workers: CI has two cores, and each worker runs its own server and sites.
 */
export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts$/,
  // firefox/ has its own config (playwright.firefox.config.ts): its browser is not Playwright's.
  testIgnore: ['**/node_modules/**', '**/dist/**', '**/firefox/**'],
  // Overridable so two runs on one machine (several people, one checkout) do not clean each other's output.
  outputDir: process.env.E2E_OUTPUT_DIR ?? '../test-results/e2e',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  // Each test is a short journey; 30 s leaves room for a loaded 2-core machine, not for hangs.
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: [['list']],
  use: {
    headless: true,
    launchOptions: { ...(executablePath ? { executablePath } : {}), args: [...CHROMIUM_ARGS] },
    trace: 'retain-on-failure',
    actionTimeout: 7_000,
    navigationTimeout: 15_000,
  },
});
