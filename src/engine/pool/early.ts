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

export function startWorker(heapMb: number, data: WorkerData = {}): Worker {
  return new Worker(workerEntry, {
    workerData: data,
    resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 16 },
    stdout: false,
    stderr: true, // pdf.js may print; keep it off our stderr (drained once the pool has the worker)
  });
}

let early: { worker: Worker; heapMb: number; exited: boolean } | undefined;

/**
 * Starts the first worker before the CLI is even loaded (src/cli/run.ts does, for `scan`): it
 * loads the analysis modules while the main thread loads its own and reads the rule packs.
 * The first pool adopts it when its heap cap is the one asked for. Until then it holds the
 * process open for nothing: a run that ends without a pool exits as if it were not there.
 */
export function startEarlyWorker(heapMb = DEFAULT_HEAP_MB, data: WorkerData = {}): Worker {
  // One early worker at a time: an earlier one nobody adopted is stopped.
  if (early && !early.exited) void early.worker.terminate();
  const started = { worker: startWorker(heapMb, data), heapMb, exited: false };
  started.worker.unref();
  started.worker.on('error', () => undefined);
  started.worker.once('exit', () => (started.exited = true));
  early = started;
  return started.worker;
}

/** The early worker, when it is alive and has the heap cap asked for; otherwise it is stopped. */
export function takeEarlyWorker(heapMb: number): Worker | undefined {
  const taken = early;
  early = undefined;
  if (!taken || taken.exited) return undefined;
  if (taken.heapMb !== heapMb) {
    void taken.worker.terminate();
    return undefined;
  }
  taken.worker.removeAllListeners();
  taken.worker.ref();
  return taken.worker;
}

/** Stops the early worker nobody will adopt (the run reads its document on the main thread). */
export function stopEarlyWorker(): void {
  const taken = early;
  early = undefined;
  if (taken && !taken.exited) void taken.worker.terminate();
}
