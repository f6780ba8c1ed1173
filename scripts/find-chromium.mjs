// Finds a Chromium for Playwright: $CHROMIUM_PATH, then Debian's /usr/bin/chromium, then
// Playwright's own download. Used by `npm test` and by e2e/ and bench/. No browser → null.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** @returns {{ path: string, source: string } | null} */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return { path: fromEnv, source: 'CHROMIUM_PATH' };
    throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, which does not exist`);
  }
  for (const candidate of ['/usr/bin/chromium', '/usr/lib/chromium/chromium', '/usr/bin/chromium-browser']) {
    if (existsSync(candidate)) return { path: candidate, source: 'system' };
  }
  try {
    const { chromium } = require('playwright-core');
    const own = chromium.executablePath();
    if (own && existsSync(own)) return { path: own, source: "Playwright's own" };
  } catch {
    // playwright-core not installed or has no browser: fall through
  }
  return null;
}

/** Flags from NOTES-toolchain: quiet, offline-friendly (no background connections), root-safe. */
export const CHROMIUM_ARGS = [
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-sandbox',
];

/** The Chromium to launch, or exit with the install hint (for scripts that cannot run without one). */
export function chromiumOrExit() {
  const found = findChromium();
  if (found) return found.path;
  console.error(INSTALL_HINT);
  process.exit(1);
}

export const INSTALL_HINT = [
  'No Chromium found for the end-to-end tests. Install one of:',
  '  - Debian/Ubuntu: sudo apt-get install -y chromium      (gives /usr/bin/chromium)',
  '  - any machine with internet: npx playwright install chromium',
  '  - or point CHROMIUM_PATH at an existing Chromium/Chrome binary.',
].join('\n');

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(chromiumOrExit());
}
