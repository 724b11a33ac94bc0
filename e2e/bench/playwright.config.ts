import { defineConfig } from '@playwright/test';
import { chromiumUse } from '../../playwright.config.ts';

/**
 * Benchmarks: scripts that print figures, not timed tests. Run them with
 * `node_modules/.bin/playwright test -c e2e/bench` after building the client and the server.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.bench.ts',
  workers: 1,
  timeout: 300_000,
  reporter: 'list',
  use: chromiumUse,
});
