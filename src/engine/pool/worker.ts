// A pool worker: analyses one document at a time, in its own thread with a capped heap.
import { parentPort, workerData } from 'node:worker_threads';
import { preloadPdfJs } from '../../extract/pdf.js';
import { compiledBuiltinPacks, compileRules, rememberBuiltinPhrases, type CheckedPacks, type RuleSet } from '../../rules/load.js';
import { prepareAnalysis } from '../../analyse/document.js';
import { rememberStems } from '../../text/tokens.js';
import { analyseFile, type AnalyseHooks, type RunOptions } from '../document.js';
import type { DocumentResult, Finding } from '../../types.js';
import type { Input } from '../../sources/expand.js';
import { helpRead, PageShareOwner, type HelpTask, type ShareOffer, type SharedMessage } from './split.js';
import { compareFindings } from '../../report/model/build.js';
import { renderJsonItems } from '../../report/formats/json.js';

/** Given to a worker as it starts (workerData). */
export interface WorkerData {
  /** PDFs are coming that the text cache will not answer: pdf.js is loaded at once. */
  preloadPdf?: boolean;
  /** `find`: documents are searched, not analysed; no rule is compiled ahead. */
  searchOnly?: boolean;
}

export interface WorkerSetup {
  /** Rule packs as the main thread read and checked them. */
  rules: CheckedPacks;
  /** Pages from which a document is shared out with idle workers (tests lower it; see split.ts). */
  splitPages?: number;
  /** Workers the pool may start (--jobs). */
  poolSize?: number;
  /**
   * Tests only: the owner of a shared document takes no range before a lent worker has sent
   * one back, so that a test of lent workers does not depend on which thread is faster.
   */
  holdOwnerUntilHelped?: boolean;
  /** Findings per message of a result sent in parts (tests lower it; see postResult). */
  resultPart?: number;
}

/** What a worker tells the pool about the document it is analysing. */
export interface WorkerMessage {
  id: number;
  read?: { sha256: string; size: number };
  extracting?: boolean;
  /** The document's pages (this many) are being analysed: its result was not in the cache. */
  analysing?: number;
  child?: { pid: number; alive: boolean };
  folder?: { dir: string; exists: boolean };
  /** A long document offered to idle workers, then every range of it taken (see split.ts). */
  share?: ShareOffer;
  shareClaimed?: boolean;
  /** An OCR process asked for (under the run's limit) or ended. */
  ocr?: { acquire: number } | { release: number };
  /** Part of the findings of the document's result, in order, sent ahead of it (see postResult). */
  findings?: Finding[];
  /** Cache writes follow the result (the worker says `written` once they are done). */
  writes?: boolean;
  /** The result; with `findingsSent`, its findings are those sent ahead, this many in all. */
  result?: DocumentResult;
  findingsSent?: number;
  failure?: string;
}

/** What the pool sends a worker after the setup: a document, a share of one, news of either. */
export type PoolMessage = WorkerTask | { help: HelpTask } | SharedMessage | { ocrGranted: number; request: number };

export interface WorkerTask {
  id: number;
  input: Input;
  options: RunOptions;
}

/** Findings sent in one message at most: a long document's result is sent in parts. */
const RESULT_PART = 1000;

/**
 * The result to the pool, a long document's findings a part at a time ahead of the rest: one
 * message of them all would be serialised whole (tens of MB for 17,000 findings) while this
 * heap still holds them and the main thread builds its own copy. Each part waits a turn of the
 * event loop, so that the main thread can take the previous one.
 */
async function postResult(id: number, result: DocumentResult, part = RESULT_PART, writes = false): Promise<void> {
  const { findings } = result;
  const after = writes ? { writes } : {};
  if (findings.length <= part) return parentPort!.postMessage({ id, result, ...after } satisfies WorkerMessage);
  for (let at = 0; at < findings.length; at += part) {
    parentPort!.postMessage({ id, findings: findings.slice(at, at + part) } satisfies WorkerMessage);
    await new Promise((resolve) => setImmediate(resolve));
  }
  parentPort!.postMessage({ id, result: { ...result, findings: [] }, findingsSent: findings.length, ...after } satisfies WorkerMessage);
}

/**
 * --format json: the findings in report order, and rendered as the report's items beside them,
 * here rather than on the main thread, which then only writes them (see RunOptions.renderJson).
 */
function withJson(result: DocumentResult, render: RunOptions['renderJson']): DocumentResult {
  if (!render || result.entry.error || result.findings.length === 0) return result;
  const findings = [...result.findings].sort(compareFindings);
  return { ...result, findings, json: { ...render, bytes: renderJsonItems(findings, render.explain, render.name) } };
}

// pdf.js can leave a stray rejected promise behind on a broken file (an XRef entry it gave up
// on) after the document itself has been answered: that must not kill the worker. A document
// whose own work never settles still ends at the pool's --timeout.
process.on('unhandledRejection', () => undefined);

// pdf.js takes a few hundred milliseconds to load: when it will be needed, it loads while the
// main thread loads the CLI and reads the inputs (its files are read before the work below).
if ((workerData as WorkerData | null)?.preloadPdf) preloadPdfJs();

// A search compiles no rule and needs no stemmer: the worker is ready sooner (0.6 s of CPU less).
const searchOnly = (workerData as WorkerData | null)?.searchOnly === true;

let builtin: CheckedPacks | undefined;
let builtinRules: RuleSet | undefined;

/**
 * What analysis needs whatever the documents, prepared while the worker would otherwise wait
 * (the main thread loads the CLI and reads the inputs): stemmers and cue lists, which do not
 * depend on the rules, then the built-in packs, compiled at build time, and the index of their
 * French rules (most tender documents are French; the English index is made on the first
 * English passage; each rule itself is compiled when a passage first meets it). One step per
 * turn of the event loop, so that a document that arrives meanwhile is taken at once: when its
 * result is in the cache, no step is needed, and the rest are left undone (a warm run).
 * Whatever a document's analysis needs and is not ready is done then.
 */
const preparation: (() => void)[] = searchOnly
  ? []
  : [
      prepareAnalysis,
      () => {
        builtin = compiledBuiltinPacks()?.checked;
        if (builtin) rememberBuiltinPhrases(builtin);
      },
      () => {
        if (builtin) builtinRules ??= compileChecked(builtin);
      },
    ];
let preparationStopped = false;

function prepareNext(): void {
  if (preparationStopped) return;
  preparation.shift()?.();
  if (preparation.length > 0) setImmediate(prepareNext);
}

/** Every step not yet done, now: a document is about to be analysed. */
function prepareRest(): void {
  while (preparation.length > 0) preparation.shift()!();
}

setImmediate(prepareNext);

/**
 * The rule set of `checked`, each built-in rule compiled when a passage first holds its start
 * words, as on the main thread (in-process.ts): a worker whose documents need few rules (pages
 * analysed again after a pack was edited) compiles few, where compiling them all took about
 * 150 ms of CPU in each worker; a cold run meets most rules and compiles them as it meets them.
 */
function compileChecked(checked: CheckedPacks): RuleSet {
  if (checked.phraseStems) rememberStems(checked.phraseStems);
  const rules = compileRules(checked, { lazy: true });
  void rules.index.fr;
  return rules;
}

/** The same packs (names and bytes: the hash): the check of one is the check of the other. */
const samePacks = (a: CheckedPacks, b: CheckedPacks) => a.hash === b.hash && a.files.join('\0') === b.files.join('\0');

// The first message is the setup: rule packs as the main thread checked them. A worker only
// compiles them (and never loads zod). Unless preloaded, pdf.js is loaded by the first PDF that
// is not in the text cache: a warm run never pays for it.
parentPort!.once('message', (setup: WorkerSetup) => {
  // Compiled on the first document that is analysed (what is not ready of the preparation with it).
  let compiled: RuleSet | undefined;
  const rules = () => {
    if (compiled) return compiled;
    prepareRest();
    if (builtin && samePacks(setup.rules, builtin)) compiled = builtinRules ??= compileChecked(builtin);
    else compiled = compileChecked(setup.rules);
    return compiled;
  };
  let owner: PageShareOwner | undefined;
  // OCR processes wait for the pool's leave: at most --jobs run in the whole run.
  const ocrWaiting = new Map<number, () => void>();
  let ocrRequests = 0;
  parentPort!.on('message', (message: PoolMessage) => {
    if ('help' in message) {
      void helpRead(message.help, rules, (m) => parentPort!.postMessage(m));
      return;
    }
    if ('shared' in message) {
      owner?.receive(message);
      return;
    }
    if ('ocrGranted' in message) {
      ocrWaiting.get(message.request)?.();
      ocrWaiting.delete(message.request);
      return;
    }
    const task = message;
    const tell = (message: Omit<WorkerMessage, 'id'>) => parentPort!.postMessage({ id: task.id, ...message });
    // A document neither extracted nor analysed here came from the result cache: when it is
    // not a failure, the run is most likely warm, and the preparation is left for a document
    // that needs it.
    let worked = false;
    owner = new PageShareOwner(tell, setup.splitPages, setup.poolSize, setup.holdOwnerUntilHelped);
    const hooks: AnalyseHooks = {
      // The pool keeps the hash for a document it has to stop (TIMEOUT): the input is read once, here.
      onRead: (known) => tell({ read: known }),
      // The pool starts more workers only for documents that need extraction (see pool.ts).
      onExtract: () => {
        worked = true;
        tell({ extracting: true });
      },
      // A terminated worker cannot clean up after itself: the pool kills and removes these.
      ocrResources: {
        childStarted: (pid) => tell({ child: { pid, alive: true } }),
        childEnded: (pid) => tell({ child: { pid, alive: false } }),
        folderCreated: (dir) => tell({ folder: { dir, exists: true } }),
        folderRemoved: (dir) => tell({ folder: { dir, exists: false } }),
      },
      sharing: owner,
      analysisSharing: owner,
      // The pool may start another worker for the analysis of a long document, or of the next one.
      onAnalyse: (pageCount) => {
        worked = true;
        tell({ analysing: pageCount });
      },
      ocrSlots: {
        acquire: () =>
          new Promise((resolve) => {
            const request = ++ocrRequests;
            ocrWaiting.set(request, () => resolve(() => tell({ ocr: { release: request } })));
            tell({ ocr: { acquire: request } });
          }),
      },
      store: (write) => void stores.push(write),
    };
    // The cache writes wait until the result is sent: the main thread takes it meanwhile (the
    // report of a run's last documents is built while they are written). The next document
    // waits for them; `written` tells the pool they are done (see DocumentPool.close).
    const stores: (() => void)[] = [];
    analyseFile(task.input, { hash: setup.rules.hash, compile: rules, checked: setup.rules }, task.options, hooks).then(
      (result) => {
        // (A failure is kept in the cache whatever the rules: it says nothing of the run.)
        if (!worked && !result.entry.error) preparationStopped = true;
        const writes = stores.length > 0;
        void postResult(task.id, withJson(result, task.options.renderJson), setup.resultPart, writes).then(() => {
          if (!writes) return;
          for (const write of stores.splice(0)) write();
          parentPort!.postMessage({ written: true });
        });
      },
      (err) => parentPort!.postMessage({ id: task.id, failure: String((err as Error)?.message ?? err) }),
    );
  });
  parentPort!.postMessage({ ready: true });
});
