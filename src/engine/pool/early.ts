// The pool's workers are started here, and the first one early: src/cli/run.ts starts it
// before the rest of the CLI is loaded, importing only this module (no pool, no extraction code).
import { Worker } from 'node:worker_threads';
import { DEFAULT_HEAP_MB } from './limits.js';
import type { WorkerData } from './worker.js';

let workerEntry = new URL('./worker.js', import.meta.url);

/**
 * What a worker runs: worker.js, or bin/worker.cjs when the CLI runs from its bundle (the
 * worker then loads the same bundle with the same code cache: src/cli/run.ts says so).
 */
export function setWorkerEntry(entry: URL): void {
  workerEntry = entry;
}

/**
 * A worker's young generation (V8's new space), in MB: a trade between memory and time, kept
 * at 16. On the 2,005-page tender (GNU time, --no-cache, two runs each at --jobs 1 and 2) 16 MB
 * peaked at 305/297 and 404/415 MB, 12 MB at 286/286 and 396/391, 8 MB at 288/283 and
 * 383/396; but against 16 MB, 12 MB took 1.05× the wall time of a cold scan of the real set
 * (four pairs) and 1.03× of a scan with the text cached and new rules (nine pairs), 8 MB 1.07×
 * of the latter (every pair slower). 15 MB less on a 2,000-page document was not worth 5 %
 * more time on every scan.
 */
const YOUNG_GENERATION_MB = 16;

/**
 * The young generation of the workers of a run given a long file (see leanWorkers): that is
 * where memory peaks, and where more time costs least against the memory bound. On the
 * 2,005-page tender, cold, --no-cache (GNU time, pairs against 16 MB): --jobs 2 peaked at
 * 383-385 MB against 400-405, in 1.05-1.19× the time (three pairs); --jobs 1 at 274-282 MB
 * against 287, in about the same time.
 */
const LEAN_YOUNG_GENERATION_MB = 12;

/** A file of more bytes makes a run's workers lean (a 2,005-page tender is 10.7 MB). */
export const LONG_FILE_BYTES = 8 * 1024 * 1024;

let youngGenerationMb = YOUNG_GENERATION_MB;

/** The workers started from now on have the smaller young generation (src/cli/run.ts decides). */
export function leanWorkers(): void {
  youngGenerationMb = LEAN_YOUNG_GENERATION_MB;
}

/** The heap limits of a worker started now with an old generation of `heapMb`. */
export function workerLimits(heapMb: number): { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number } {
  return { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: youngGenerationMb };
}

export function startWorker(heapMb: number, data: WorkerData = {}): Worker {
  return new Worker(workerEntry, {
    workerData: data,
    resourceLimits: workerLimits(heapMb),
    stdout: false,
    stderr: true, // pdf.js may print; keep it off our stderr (drained once the pool has the worker)
  });
}

type Early = { worker: Worker; heapMb: number; exited: boolean };
let early: Early[] = [];

/**
 * Starts the first worker before the CLI is even loaded (src/cli/run.ts does, for `scan`): it
 * loads the analysis modules while the main thread loads its own and reads the rule packs.
 * `count` workers start so (a batch at `--jobs 2` has work for both from the first document).
 * The pool adopts them, one per worker it starts, when their heap cap is the one asked for.
 * Until then they hold the process open for nothing: a run that ends without a pool exits as if
 * they were not there.
 */
export function startEarlyWorker(heapMb = DEFAULT_HEAP_MB, data: WorkerData = {}, count = 1): Worker[] {
  // One set of early workers at a time: earlier ones nobody adopted are stopped.
  stopEarlyWorker();
  for (let i = 0; i < count; i++) {
    const started = { worker: startWorker(heapMb, data), heapMb, exited: false };
    started.worker.unref();
    started.worker.on('error', () => undefined);
    started.worker.once('exit', () => (started.exited = true));
    early.push(started);
  }
  return early.map((e) => e.worker);
}

/** An early worker, when one is alive and has the heap cap asked for; the others are stopped. */
export function takeEarlyWorker(heapMb: number): Worker | undefined {
  while (early.length) {
    const taken = early.shift()!;
    if (taken.exited) continue;
    if (taken.heapMb !== heapMb) {
      void taken.worker.terminate();
      continue;
    }
    taken.worker.removeAllListeners();
    taken.worker.ref();
    return taken.worker;
  }
  return undefined;
}

/** Stops the early workers nobody will adopt (the run reads its document on the main thread). */
export function stopEarlyWorker(): void {
  const taken = early;
  early = [];
  for (const t of taken) if (!t.exited) void t.worker.terminate();
}
