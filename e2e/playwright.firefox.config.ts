import { defineConfig } from '@playwright/test';

/**
 * The extension in real Firefox ESR (e2e/firefox/): Playwright is the runner and brings the server and
 * demo sites (harness/fixtures.ts); each test's Firefox is driven by puppeteer-core over WebDriver BiDi,
 * because Playwright cannot drive a stock Firefox. One worker: a headless Firefox takes most of a core
 * while it starts, and CI has two.
 */
export default defineConfig({
  testDir: './firefox',
  testMatch: /.*\.spec\.ts$/,
  outputDir: process.env.E2E_OUTPUT_DIR
    ? `${process.env.E2E_OUTPUT_DIR}-firefox`
    : '../test-results/e2e-firefox',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
});
