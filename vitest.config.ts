import { defineConfig } from 'vitest/config';

// Three suites: `unit` (npm test) needs nothing outside the repository and stays fast; `slow`
// (npm run test:slow) holds the worker-pool limits, fuzzing, OCR and browser tests, which
// take most of the time; `shared` reads ../shared/.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 } },
      { test: { name: 'slow', include: ['test/slow/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 } },
      { test: { name: 'shared', include: ['test/shared/**/*.test.ts'], testTimeout: 300_000, hookTimeout: 300_000 } },
    ],
  },
});
