import { defineProject } from 'vitest/config';
import { workspaceAliases } from '../vitest.shared.js';

/**
 * The load test of issue 10 (20,000 records on a real server process, latency and memory bounds)
 * measures wall-clock latency, which means nothing while the rest of the suite competes for the
 * same 2 cores. It runs in a group of its own, after every other project (`groupOrder`), one file
 * at a time.
 */
export default defineProject({
  resolve: { alias: workspaceAliases },
  test: {
    name: 'server-heavy',
    include: ['src/hardening/large-history.test.ts'],
    environment: 'node',
    fileParallelism: false,
    sequence: { groupOrder: 1 },
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
