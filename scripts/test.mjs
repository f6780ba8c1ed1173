// `npm test`: type check, lint, every unit test, then every end-to-end test (real Chromium).
// Each step prints what it runs; the first failure stops the run with its exit code.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { findChromium, INSTALL_HINT } from './find-chromium.mjs';
import { FIREFOX_INSTALL_HINT, findFirefox } from './find-firefox.mjs';

function step(title, command, args, env = {}) {
  console.log(`\n▶ ${title}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`✖ ${title} failed after ${seconds}s (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${title} (${seconds}s)`);
}

const npx = 'npx';
// Machine-readable results of each runner, summed into one closing line.
mkdirSync('.tmp', { recursive: true });
const counts = { passed: 0, failed: 0, skipped: 0 };
function addCounts(file, read) {
  if (!existsSync(file)) return;
  const c = read(JSON.parse(readFileSync(file, 'utf8')));
  counts.passed += c.passed;
  counts.failed += c.failed;
  counts.skipped += c.skipped;
}

step('type check (tsc -b)', npx, ['tsc', '-b']);
step('lint and format (biome)', npx, ['biome', 'check', '.']);
step('build (warnings not explained in a config fail it)', 'node', ['scripts/build.mjs', '--strict']);
step('unit tests (vitest)', npx, [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=.tmp/vitest.json',
]);
addCounts('.tmp/vitest.json', (r) => ({
  passed: r.numPassedTests,
  failed: r.numFailedTests,
  skipped: r.numPendingTests + r.numTodoTests,
}));
// Package-specific checks that are not unit tests (e.g. size budgets, `web-ext lint`, and the published
// packages from their tarballs: publint, attw, a fresh project; see package-test/).
step('package checks', 'npm', ['run', 'test:package', '--workspaces', '--if-present']);

if (existsSync('e2e/playwright.config.ts')) {
  const chromium = findChromium();
  if (!chromium) {
    console.error(INSTALL_HINT);
    process.exit(1);
  }
  console.log(`Chromium for e2e: ${chromium.path} (${chromium.source})`);
  step(
    'end-to-end tests (playwright)',
    npx,
    ['playwright', 'test', '-c', 'e2e/playwright.config.ts', '--reporter=list,json'],
    {
      CHROMIUM_PATH: chromium.path,
      PLAYWRIGHT_JSON_OUTPUT_NAME: resolve('.tmp/playwright.json'), // relative names resolve against e2e/
    },
  );
  addCounts('.tmp/playwright.json', (r) => ({
    passed: r.stats.expected + r.stats.flaky,
    failed: r.stats.unexpected,
    skipped: r.stats.skipped,
  }));
  // The extension in real Firefox ESR: the same journeys, driven by puppeteer-core over WebDriver BiDi.
  const firefox = findFirefox();
  if (!firefox) {
    console.error(FIREFOX_INSTALL_HINT);
    process.exit(1);
  }
  console.log(`Firefox for e2e: ${firefox.path} (${firefox.source})`);
  step(
    'end-to-end tests in Firefox (extension; puppeteer-core over WebDriver BiDi)',
    npx,
    ['playwright', 'test', '-c', 'e2e/playwright.firefox.config.ts', '--reporter=list,json'],
    { FIREFOX_PATH: firefox.path, PLAYWRIGHT_JSON_OUTPUT_NAME: resolve('.tmp/playwright-firefox.json') },
  );
  addCounts('.tmp/playwright-firefox.json', (r) => ({
    passed: r.stats.expected + r.stats.flaky,
    failed: r.stats.unexpected,
    skipped: r.stats.skipped,
  }));
} else {
  console.log('\n(no end-to-end tests yet: e2e/playwright.config.ts does not exist)');
}
console.log('\nAll checks passed.');
console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
