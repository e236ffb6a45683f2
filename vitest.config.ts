import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Four suites. `npm test` runs two, which need nothing outside the repository: `unit`, tests
// in-process (no file there spawns the CLI: test/unit/test-layout.test.ts), and
// `cli`, tests that run the built CLI as a user would (exit codes, stdout/stderr, arguments).
// `slow` (npm run test:slow) holds the worker-pool limits, fuzzing, OCR and browser tests,
// which take most of the time; `shared` reads ../shared/.
// Test files run side by side: vitest's default (one core less than the machine has) ran one
// file at a time on two cores, while most of the files wait on a child process or a worker.
// `isolate: false` for unit and cli: a worker imports the modules once for all its files
// instead of once per file (measured on 2 cores: unit 51 s → 21 s wall, npm test 137 s → 110 s,
// build included); every test builds its own files and state, so none depends on a fresh import.
const FILES_AT_ONCE = Math.max(2, availableParallelism() - 1);

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000, maxWorkers: FILES_AT_ONCE, isolate: false } },
      { test: { name: 'cli', include: ['test/cli/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000, maxWorkers: FILES_AT_ONCE, isolate: false } },
      { test: { name: 'slow', include: ['test/slow/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 } },
      { test: { name: 'shared', include: ['test/shared/**/*.test.ts'], testTimeout: 300_000, hookTimeout: 300_000 } },
    ],
  },
});
