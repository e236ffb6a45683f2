// Many documents through the worker pool: results in input order whatever the number of
// workers, limits per document, progress and interruption reported through callbacks.
import { statSync } from 'node:fs';
import { DocumentPool, isPoolFailure, type PoolLimits } from './pool/pool.js';
import { stopEarlyWorker } from './pool/early.js';
import { MAX_TIMER_MS } from './pool/limits.js';
import { analyseInProcess, inProcessFits } from './in-process.js';
import { errorResult } from '../errors.js';
import { storedResult } from './stored-results.js';
import type { RunOptions } from './document.js';
import type { DocumentResult } from '../types.js';
import type { Input } from '../sources/expand.js';
import type { CheckedPacks } from '../rules/load.js';

const INTERRUPTED_MESSAGE = 'the run was interrupted before this document was finished';

export interface BatchOptions extends RunOptions {
  jobs: number;
  limits: PoolLimits;
  /** Files larger than this (bytes) end as TOO_LARGE, hashed by their worker but not analysed. */
  maxFileSize: number;
  /** Rule packs as the main thread checked them; each worker compiles them. */
  rules: CheckedPacks;
  /**
   * --format json: the workers render each document's findings, citing it by `nameOf`
   * (RunOptions.renderJson); not for a batch of one document.
   */
  jsonItems?: { explain: boolean; nameOf(path: string): string };
}

export interface BatchProgress {
  done: number;
  total: number;
  pages: number;
  /** Pages read by OCR so far (shown apart: they cost seconds each). */
  ocrPages: number;
  elapsedMs: number;
  current?: string;
}

export interface BatchHooks {
  /** Called in input order, as soon as every earlier document has finished. */
  onResult?(result: DocumentResult, index: number): void;
  onProgress?(progress: BatchProgress): void;
  /** Aborting stops dispatching: unfinished documents end as INTERRUPTED. */
  signal?: AbortSignal;
  /** Forget each document's findings once onResult has had them (streaming: bounded memory). */
  dropFindings?: boolean;
  /**
   * Given, as the batch ends, what settles once the workers have written the cache entries of
   * their last documents (they do after sending the results; the process waits for them).
   */
  onWritten?(written: Promise<void>): void;
}

export async function runBatch(inputs: Input[], options: BatchOptions, hooks: BatchHooks = {}): Promise<DocumentResult[]> {
  const paths = inputs.map((i) => i.path);
  const { jobs, limits, rules, jsonItems: items, ...runOptions } = options;
  // One document: its findings would be rendered as late on the worker as here, where its
  // heap is gone by then (a 2,005-page tender peaked 30-40 MB higher rendered on its worker).
  const jsonItems = inputs.length > 1 ? items : undefined;
  const results: (DocumentResult | undefined)[] = new Array(paths.length);
  const started = Date.now();
  let done = 0;
  let pages = 0;
  let ocrPages = 0;
  let emitted = 0;
  const emitInOrder = () => {
    while (emitted < paths.length && results[emitted]) {
      hooks.onResult?.(results[emitted]!, emitted);
      if (hooks.dropFindings) results[emitted] = { entry: results[emitted]!.entry, findings: [] };
      emitted++;
    }
  };
  const settle = (index: number, result: DocumentResult) => {
    results[index] = result;
    done++;
    pages += result.entry.pageCount;
    ocrPages += result.entry.ocrPages?.length ?? 0;
    hooks.onProgress?.({ done, total: paths.length, pages, ocrPages, elapsedMs: Date.now() - started, current: paths[index] });
    emitInOrder();
  };

  // One small document, or a few small ones none of which is a PDF: read on this thread, in
  // order, no worker started (see in-process.ts).
  if (inProcessFits(inputs, runOptions, limits, fileSize)) {
    stopEarlyWorker();
    for (const [index, input] of inputs.entries()) settle(index, await analyseHere(input, rules, runOptions, limits, hooks.signal));
    return results as DocumentResult[];
  }
  // Without the text cache every PDF is extracted: new workers load pdf.js as they start.
  const preloadPdf = !runOptions.cacheDir && inputs.some((i) => /\.pdf$/i.test(i.path));
  // --jobs workers at most, started as there is work for them: more documents, or the pages of
  // a long one (a single document may use every worker); --jobs is also the run's OCR limit.
  // The pool itself is made for the first document the cache does not answer (see below).
  let pool: DocumentPool | undefined;
  const poolNow = () => (pool ??= new DocumentPool(Math.max(1, jobs), { rules }, limits, { preloadPdf, ...(runOptions.search ? { searchOnly: true } : {}) }));
  const interrupted = () => hooks.signal?.aborted === true;
  // One abort listener for the whole batch: it releases every document still waiting.
  const waiting = new Set<(value: 'interrupted') => void>();
  hooks.signal?.addEventListener('abort', () => waiting.forEach((release) => release('interrupted')), { once: true });
  const inPool = async (input: Input, index: number) => {
    const path = input.path;
    const outcome = await new Promise<Awaited<ReturnType<DocumentPool['run']>> | 'interrupted'>((resolve) => {
      if (interrupted()) return resolve('interrupted');
      waiting.add(resolve);
      poolNow()
        .run(input, jsonItems ? { ...runOptions, renderJson: { name: jsonItems.nameOf(path), explain: jsonItems.explain } } : runOptions)
        .then((value) => {
          waiting.delete(resolve);
          resolve(value);
        });
    });
    if (outcome === 'interrupted') {
      settle(index, errorResult(path, 'INTERRUPTED', INTERRUPTED_MESSAGE));
    } else if (isPoolFailure(outcome)) {
      // The hash is the one the worker took of the bytes it read.
      settle(index, errorResult(path, outcome.code, outcome.message, { sha256: outcome.known?.sha256 ?? null, size: outcome.known?.size ?? null }));
    } else settle(index, outcome);
  };
  try {
    const running: Promise<void>[] = [];
    // Results kept from a run with other packs are stored again under these rules once every
    // document is handed out: the documents with pages to analyse reach the workers sooner.
    const stores: (() => void)[] = [];
    const later = (store: () => void) => void stores.push(store);
    for (const [index, input] of inputs.entries()) {
      // A result the cache holds is taken here (stored-results.ts): hashing the file through a
      // small buffer and reading its entry, no worker to start or to copy the result back from.
      // The others go to the pool as they come, while the next ones are looked up.
      const stored = interrupted() ? undefined : storedResult(input, runOptions, rules, later);
      if (stored) settle(index, stored);
      else running.push(inPool(input, index));
      // A turn of the event loop between documents: signals, and the workers' messages.
      if (index < inputs.length - 1) await new Promise((resolve) => setImmediate(resolve));
    }
    for (const store of stores.splice(0)) store();
    await Promise.all(running);
  } finally {
    if (pool) {
      const { written } = await pool.close();
      hooks.onWritten?.(written);
    }
    // Every document came from the cache: the worker started early has nothing to do.
    else stopEarlyWorker();
  }
  return results as DocumentResult[];
}

/** The size of an input that is a file of its own (not an archive entry, not stdin). */
function fileSize(input: Input): number | undefined {
  if (input.entry || input.fileBytes) return undefined;
  try {
    const stat = statSync(input.file);
    return stat.isFile() ? stat.size : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The document analysed on this thread. The timeout and an interruption end it as the pool
 * would whenever the thread is free to notice (between pdf.js's reads, not inside them).
 */
async function analyseHere(input: Input, rules: CheckedPacks, options: RunOptions, limits: PoolLimits, signal: AbortSignal | undefined): Promise<DocumentResult> {
  if (signal?.aborted) return errorResult(input.path, 'INTERRUPTED', INTERRUPTED_MESSAGE);
  // As from the pool: a document stopped keeps the hash of the bytes read, when they were.
  let known: { sha256: string; size: number } | undefined;
  const failure = (code: string, message: string) => errorResult(input.path, code, message, { sha256: known?.sha256 ?? null, size: known?.size ?? null });
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stopped = new Promise<DocumentResult>((resolve) => {
    timer = setTimeout(() => resolve(failure('TIMEOUT', `took longer than ${Math.round(limits.timeoutMs / 1000)} s (--timeout)`)), Math.min(limits.timeoutMs, MAX_TIMER_MS));
    timer.unref();
    onAbort = () => resolve(errorResult(input.path, 'INTERRUPTED', INTERRUPTED_MESSAGE));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([analyseInProcess(input, rules, options, { onRead: (read) => (known = read) }), stopped]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}
