import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Polled conditions wait for other processes (servers, databases) on a machine that may be busy.
    expect: { poll: { timeout: 20_000 } },
  },
});
