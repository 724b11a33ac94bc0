import { defineConfig } from 'vitest/config';

/** Benchmarks print figures; they are not tests and do not run with `npm test`. */
export default defineConfig({
  test: { include: ['bench/**/*.bench.ts'], environment: 'node', testTimeout: 600_000, pool: 'forks' },
});
