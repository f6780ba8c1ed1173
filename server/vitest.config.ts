import { defineProject } from 'vitest/config';
import { workspaceAliases } from '../vitest.shared.js';

export default defineProject({
  resolve: { alias: workspaceAliases },
  test: {
    name: 'server',
    include: ['src/**/*.test.ts'],
    // Timed under load of its own: see vitest.heavy.config.ts.
    exclude: ['src/hardening/large-history.test.ts'],
    environment: 'node',
    // The durability test starts real server processes; give it room on a shared 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
