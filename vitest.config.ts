import { defineConfig } from 'vitest/config';

// One run over every package's unit tests; each package has its own vitest.config.ts.
export default defineConfig({
  test: {
    // server-heavy runs alone, after the others (its own sequence.groupOrder).
    projects: ['*/vitest.config.ts', 'server/vitest.heavy.config.ts'],
  },
});
