import { defineProject } from 'vitest/config';
import { PROPERTY_TEST_TIMEOUT, workspaceAliases } from '../vitest.shared.js';

export default defineProject({
  resolve: { alias: workspaceAliases },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    name: 'extension',
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: PROPERTY_TEST_TIMEOUT,
  },
});
