import { defineConfig } from 'vitest/config';

// Two suites: `unit` needs nothing outside the repository; `shared` reads ../shared/.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 } },
      { test: { name: 'shared', include: ['test/shared/**/*.test.ts'], testTimeout: 300_000, hookTimeout: 300_000 } },
    ],
  },
});
