// What bin/tenderscan runs once `--version` is out of the way: the whole CLI, from the built
// bundle (scripts/bundle.mjs) or from dist/ when there is none.
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { leanWorkers, LONG_FILE_BYTES, setWorkerEntry, startEarlyWorker } from '../engine/pool/early.js';
import { IN_PROCESS_MAX_BYTES, IN_PROCESS_MAX_INPUTS } from '../engine/pool/limits.js';

/**
 * A guess, from the arguments alone, of the workers worth starting before the CLI is loaded:
 * none when the run reads its small files on the main thread (one, or a few none of which is
 * named .pdf: engine/in-process.ts decides, from their bytes) or
 * when a scan's cache may answer, one for one document (a long one calls the second when its
 * pages are shared) or a search, and up to --jobs when several documents are to be extracted
 * (--no-cache). A wrong guess costs time only.
 */
export function earlyWorkers(args: string[], maxBytes: number, cores = availableParallelism()): number {
  let jobs = cores;
  let files = 0;
  let many = false;
  let small = true;
  let total = 0;
  let pdf = false;
  for (let i = 1; i < args.length; i++) {
    const arg = args[i]!;
    const j = /^(?:-j|--jobs)(?:=?(\d+))?$/.exec(arg);
    if (j) {
      jobs = Number(j[1] ?? args[++i]) || 1;
      continue;
    }
    if (/^--(ocr|snapshots|timeout|max-heap|max-memory)\b/.test(arg)) small = false;
    if (arg === '-' || /[*?[{]/.test(arg)) {
      many = true;
      continue;
    }
    try {
      const stat = statSync(arg);
      if (stat.isDirectory()) many = true;
      else if (stat.isFile()) {
        files++;
        total += stat.size;
        if (/\.pdf$/i.test(arg)) pdf = true;
      }
    } catch {
      // an option, a value, a search pattern
    }
  }
  if (!many && small && total <= maxBytes && (files === 1 || (files > 1 && files <= IN_PROCESS_MAX_INPUTS && !pdf))) return 0;
  // With the cache, a scan looks its documents' stored results up on the main thread before it
  // asks a worker (engine/stored-results.ts): none is started ahead, and a warm run starts none
  // at all. An early worker nobody adopted cost a warm scan of the real set, on the loaded
  // 2-core machine, 1.4× the wall time (15 pairs), and a first worker started on the first
  // document the cache did not answer cost a scan with new rules nothing measurable (9 pairs).
  // --snapshots are never stored; a search is never stored. With --no-cache every document is
  // extracted, and each worker has work from the start.
  if (!args.includes('--no-cache')) return args[0] === 'scan' && !args.includes('--snapshots') ? 0 : 1;
  if (!many && files === 1) return 1;
  return Math.max(1, Math.min(jobs, many ? jobs : files));
}

/** Whether a file named on the command line is longer than `bytes` (a long document's run). */
export function namesLongFile(args: string[], bytes: number): boolean {
  return args.slice(1).some((arg) => {
    try {
      const stat = statSync(arg);
      return stat.isFile() && stat.size > bytes;
    } catch {
      return false;
    }
  });
}

/**
 * What the workers of a run are, decided before the CLI loads: lean when a long file is named
 * (see leanWorkers), for every worker of the run, the ones the pool starts later included;
 * returns how many to start now (earlyWorkers). `scan` and `find` start their first workers
 * early: they load the analysis modules while the CLI loads, and pdf.js too when no document can
 * come from the text cache.
 */
export function prepareWorkers(args: string[]): number {
  if ((args[0] !== 'scan' && args[0] !== 'find') || args.includes('--help') || args.includes('-h')) return 0;
  // A long file is where a worker's memory peaks: its run's workers keep a smaller young generation.
  if (namesLongFile(args, LONG_FILE_BYTES)) leanWorkers();
  return earlyWorkers(args, IN_PROCESS_MAX_BYTES);
}

/**
 * Runs the command line `argv` (process.argv's shape); resolves to the exit code. `workerEntry`:
 * the file pool workers start from, when not dist/engine/pool/worker.js (bin/worker.cjs, which
 * runs `runWorker` of the bundle).
 */
export async function run(argv: string[], workerEntry?: URL): Promise<number> {
  if (workerEntry) setWorkerEntry(workerEntry);
  const args = argv.slice(2);
  const count = prepareWorkers(args);
  if (count > 0) startEarlyWorker(undefined, { preloadPdf: args.includes('--no-cache'), searchOnly: args[0] === 'find' }, count);
  const { main } = await import('./main.js');
  return main(argv);
}

// bin/bundle.cjs marks and checks the cache folder as the text cache does before it writes the code cache there.
export { prepareCacheDir } from '../cache/text-cache.js';

/** A pool worker's whole work, in a worker thread started from bin/worker.cjs. */
export async function runWorker(): Promise<void> {
  await import('../engine/pool/worker.js');
}
