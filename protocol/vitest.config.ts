import { defineProject } from 'vitest/config';
import { PROPERTY_TEST_TIMEOUT, workspaceAliases } from '../vitest.shared.js';

export default defineProject({
  resolve: { alias: workspaceAliases },
  test: {
    name: 'protocol',
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: PROPERTY_TEST_TIMEOUT,
  },
});
