import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    exclude: ['**/node_modules/**', 'tests/bench/**'],
    environment: 'node',
    pool: 'forks',
    // Two cores: two test files at a time keeps serial-port and browser tests from starving each other.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Waiting for what a user would see (a device state, a print, a screen) can take seconds when both cores
    // are busy with another test file; the 1 s default made such waits fail without anything being wrong.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    reporters: ['default', './tests/support/summary-reporter.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'] } },
      // A real browser, six processes and two busy cores: a test that fails once is run once more, and the
      // summary names it (a real fault fails both times). Unit and integration tests never retry.
      { extends: true, test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], retry: 1 } },
    ],
  },
});
