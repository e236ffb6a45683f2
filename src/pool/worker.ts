// A pool worker: analyses one document at a time, in its own thread with a capped heap.
import { parentPort, workerData } from 'node:worker_threads';
import { compileRules, type CheckedPacks } from '../rules/load.js';
import { prepareAnalysis } from '../analyse/document.js';
import { analyseFile, type RunOptions } from '../run.js';
import type { Input } from '../sources/expand.js';

export interface WorkerSetup {
  /** Rule packs as the main thread read and checked them. */
  rules: CheckedPacks;
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
// Packs come checked from the main thread: a worker only compiles them (and never loads zod).
const rules = compileRules(setup.rules);
// Most tender documents are French: their rules are compiled before the first document,
// the English ones on the first English passage.
void rules.index.fr;
prepareAnalysis();

// pdf.js is loaded by the first PDF that is not in the text cache: a warm run never pays for it.
parentPort!.postMessage({ ready: true });

parentPort!.on('message', (task: WorkerTask) => {
  // The pool starts more workers only for documents that need extraction (see pool.ts).
  const onExtract = () => parentPort!.postMessage({ id: task.id, extracting: true });
  analyseFile(task.input, rules, task.options, onExtract).then(
    (result) => parentPort!.postMessage({ id: task.id, result }),
    (err) => parentPort!.postMessage({ id: task.id, failure: String((err as Error)?.message ?? err) }),
  );
});
