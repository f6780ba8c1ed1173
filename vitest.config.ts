import { defineConfig } from 'vitest/config';

// One run over every package's unit tests; each package has its own vitest.config.ts.
export default defineConfig({
  test: {
    projects: ['*/vitest.config.ts'],
  },
});
