import { defineProject } from 'vitest/config';

// The bench's pure parts (the summary and the chart); the bench itself drives a browser and is run by hand.
export default defineProject({
  test: {
    name: 'bench',
    include: ['sdk/**/*.test.mjs'],
    environment: 'node',
  },
});
