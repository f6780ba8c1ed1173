import { fileURLToPath } from 'node:url';

/**
 * Unit tests import sibling packages from source, so no build is needed before `vitest`.
 * (At run time Node resolves the same imports to each package's `dist/`.)
 */
const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export const workspaceAliases = {
  '@coreitsm/protocol/testing': source('./protocol/src/testing/arbitraries.ts'),
  '@coreitsm/protocol': source('./protocol/src/index.ts'),
};

/**
 * Property tests run hundreds of cases (some through fake IndexedDB): well under a second on a
 * quiet machine, but CI shares 2 cores with a Chromium and a database. 5 s (Vitest's default)
 * flaked there; 30 s still catches a hang.
 */
export const PROPERTY_TEST_TIMEOUT = 30_000;
