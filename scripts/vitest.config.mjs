import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'scripts',
    include: ['test/**/*.test.mjs'],
    environment: 'node',
    // Spawns node: slow on a busy machine, and a timeout is not what this test is about.
    testTimeout: 60_000,
  },
});
