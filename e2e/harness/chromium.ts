import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-chromium.mjs';

/**
 * Chromium on this project's machines, found as `npm test` finds it (CHROMIUM_PATH, Debian's
 * /usr/bin/chromium, then Playwright's own): scripts/find-chromium.mjs is the one lookup.
 */
export function chromiumExecutable(): string | undefined {
  return findChromium()?.path;
}

export { CHROMIUM_ARGS };
