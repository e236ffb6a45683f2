// What bin/tenderscan runs once `--version` is out of the way: the whole CLI, from the built
// bundle (scripts/bundle.mjs) or from dist/ when there is none.
import { statSync } from 'node:fs';
import { setWorkerEntry, startEarlyWorker } from '../engine/pool/early.js';
import { IN_PROCESS_MAX_BYTES } from '../engine/pool/limits.js';

/**
 * A guess, from the arguments alone, that the run reads one small file on the main thread
 * (engine/in-process.ts decides): then no worker is worth starting. A wrong guess costs time only.
 */
function readsOneSmallFile(args: string[], maxBytes: number): boolean {
  if (args.some((a) => /^--(ocr|snapshots|timeout|max-heap|max-memory)\b/.test(a))) return false;
  let files = 0;
  for (const arg of args.slice(1)) {
    if (arg === '-' || /[*?[{]/.test(arg)) return false;
    try {
      const stat = statSync(arg);
      if (stat.isDirectory() || stat.size > maxBytes) return false;
      if (stat.isFile()) files++;
    } catch {
      // an option, a value, a search pattern
    }
  }
  return files === 1;
}

/**
 * Runs the command line `argv` (process.argv's shape); resolves to the exit code. `workerEntry`:
 * the file pool workers start from, when not dist/engine/pool/worker.js (bin/worker.cjs, which
 * runs `runWorker` of the bundle).
 */
export async function run(argv: string[], workerEntry?: URL): Promise<number> {
  if (workerEntry) setWorkerEntry(workerEntry);
  const args = argv.slice(2);
  // `scan` and `find` start their first worker now: it loads the analysis modules while the CLI
  // loads, and pdf.js too when no document can come from the text cache.
  if ((args[0] === 'scan' || args[0] === 'find') && !args.includes('--help') && !args.includes('-h') && !readsOneSmallFile(args, IN_PROCESS_MAX_BYTES)) {
    startEarlyWorker(undefined, { preloadPdf: args.includes('--no-cache'), searchOnly: args[0] === 'find' });
  }
  const { main } = await import('./main.js');
  return main(argv);
}

// bin/bundle.cjs marks and checks the cache folder as the text cache does before it writes the code cache there.
export { prepareCacheDir } from '../cache/text-cache.js';

/** A pool worker's whole work, in a worker thread started from bin/worker.cjs. */
export async function runWorker(): Promise<void> {
  await import('../engine/pool/worker.js');
}
