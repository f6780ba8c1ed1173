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
