import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
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
  },
});
