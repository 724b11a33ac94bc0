import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'shared',
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // NOTE: a limit for a hung test, never a measure of speed. With two CPU hogs beside the
    // suite, the tests on the large event (generating it, compressing its first copy at brotli
    // quality 11, finding heats in it) took 6–18 s against Vitest's default of 5 s.
    testTimeout: 120_000,
  },
});
