// A pool worker: analyses one document at a time, in its own thread with a capped heap.
import { parentPort, workerData } from 'node:worker_threads';
import { loadRuleSet } from '../rules/load.js';
import { preloadPdfJs } from '../extract/pdf.js';
import { analyseFile, type RunOptions } from '../run.js';
import type { Input } from '../sources/expand.js';

export interface WorkerSetup {
  ruleFiles: string[];
}

export interface WorkerTask {
  id: number;
  input: Input;
  options: RunOptions;
}

const setup = workerData as WorkerSetup;
// Rule packs were validated by the main thread before any worker started.
const rules = loadRuleSet(setup.ruleFiles);

// Start-up is not charged to the first document's --timeout: the pool waits for "ready".
preloadPdfJs().finally(() => parentPort!.postMessage({ ready: true }));

parentPort!.on('message', (task: WorkerTask) => {
  analyseFile(task.input, rules, task.options).then(
    (result) => parentPort!.postMessage({ id: task.id, result }),
    (err) => parentPort!.postMessage({ id: task.id, failure: String((err as Error)?.message ?? err) }),
  );
});
