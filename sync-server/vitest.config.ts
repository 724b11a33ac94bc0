import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'sync-server',
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // NOTE: limits for a test that hangs, never a measure of speed: with two CPU hogs beside
    // the suite (load average 30–45 on this 2-core machine), tests that start child processes
    // (the CLI, the server killed with SIGKILL) took over 60 s; each waits for conditions.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    globalSetup: ['test/support/buildServer.ts', 'test/support/cephGlobalSetup.ts'],
  },
});
