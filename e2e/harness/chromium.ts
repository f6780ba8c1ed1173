import { existsSync } from 'node:fs';

/**
 * Chromium on this project's machines: the system build (Playwright cannot download its own).
 * `scripts/test.mjs` sets CHROMIUM_PATH; without it we try the Debian path, then Playwright's own.
 */
export function chromiumExecutable(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

/** Flags from shared/NOTES-toolchain.md: quiet, offline-friendly, root-safe. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-sandbox',
];
