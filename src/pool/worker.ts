// A pool worker: analyses one document at a time, in its own thread with a capped heap.
import { parentPort, workerData } from 'node:worker_threads';
import { compileRuleSet, type PackSource } from '../rules/load.js';
import { preloadPdfJs } from '../extract/pdf.js';
import { analyseFile, type RunOptions } from '../run.js';
import type { Input } from '../sources/expand.js';

export interface WorkerSetup {
  /** Rule packs as the main thread read, parsed and validated them. */
  packs: PackSource[];
}

export interface WorkerTask {
  id: number;
  input: Input;
  options: RunOptions;
}

// pdf.js can leave a stray rejected promise behind on a broken file (an XRef entry it gave up
// on) after the document itself has been answered: that must not kill the worker. A document
// whose own work never settles still ends at the pool's --timeout.
process.on('unhandledRejection', () => undefined);

const setup = workerData as WorkerSetup;
// Packs come parsed and validated from the main thread: a worker only compiles them.
const rules = compileRuleSet(setup.packs);

// pdf.js starts loading at once but nobody waits for it: a document found in the cache never
// needs it, and the first PDF awaits the same import.
void preloadPdfJs().catch(() => undefined);
parentPort!.postMessage({ ready: true });

parentPort!.on('message', (task: WorkerTask) => {
  analyseFile(task.input, rules, task.options).then(
    (result) => parentPort!.postMessage({ id: task.id, result }),
    (err) => parentPort!.postMessage({ id: task.id, failure: String((err as Error)?.message ?? err) }),
  );
});
