// Finds a Firefox for the extension's Firefox end-to-end tests: $FIREFOX_PATH, then Debian's
// /usr/bin/firefox-esr, then /usr/bin/firefox. Driven by puppeteer-core over WebDriver BiDi (Playwright
// cannot drive a stock Firefox). No browser → null, and INSTALL_HINT says what to install.
import { existsSync } from 'node:fs';

/** @returns {{ path: string, source: string } | null} */
export function findFirefox() {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return { path: fromEnv, source: 'FIREFOX_PATH' };
    throw new Error(`FIREFOX_PATH is set to ${fromEnv}, which does not exist`);
  }
  for (const candidate of ['/usr/bin/firefox-esr', '/usr/bin/firefox']) {
    if (existsSync(candidate)) return { path: candidate, source: 'system' };
  }
  return null;
}

export const FIREFOX_INSTALL_HINT = [
  'No Firefox found for the extension’s Firefox end-to-end tests. Install one of:',
  '  - Debian/Ubuntu: sudo apt-get install -y firefox-esr   (gives /usr/bin/firefox-esr)',
  '  - or point FIREFOX_PATH at an existing Firefox binary (128 or newer, for WebDriver BiDi).',
].join('\n');

if (import.meta.url === `file://${process.argv[1]}`) {
  const found = findFirefox();
  if (!found) {
    console.error(FIREFOX_INSTALL_HINT);
    process.exit(1);
  }
  console.log(found.path);
}
