// One small document analysed on the main thread, with no worker: a worker thread costs a
// one-page scan its own start, a second load of the analysis modules and of pdf.js, and a copy
// of the result; the main thread had those modules to load anyway (see inProcessFits).
import { preloadPdfJs } from '../extract/pdf.js';
import { prepareAnalysis } from '../analyse/document.js';
import { compileRules, rememberBuiltinPhrases, type CheckedPacks, type RuleSet } from '../rules/load.js';
import { rememberStems } from '../text/tokens.js';
import { DEFAULT_HEAP_MB, DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT_S, IN_PROCESS_MAX_BYTES } from './pool/limits.js';
import { analyseFile, type AnalyseHooks, type RunOptions } from './document.js';
import type { Input } from '../sources/expand.js';
import type { DocumentResult } from '../types.js';
import type { PoolLimits } from './pool/pool.js';


/** The limits a run has unless --timeout, --max-heap or --max-memory say otherwise. */
export const DEFAULT_LIMITS: PoolLimits = { timeoutMs: DEFAULT_TIMEOUT_S * 1000, heapMb: DEFAULT_HEAP_MB, maxRssMb: DEFAULT_MAX_MEMORY_MB };

/**
 * Whether a run's documents are read on the main thread: one input, of at most
 * IN_PROCESS_MAX_BYTES, without OCR or snapshots (they start processes and draw pages, which a
 * worker's limits watch over), under the default limits. A limit given other than its default
 * is enforced as always, by a worker: a thread cannot stop itself in the middle of pdf.js.
 */
export function inProcessFits(inputs: readonly Input[], options: Pick<RunOptions, 'ocr' | 'snapshots'>, limits: PoolLimits, size: (input: Input) => number | undefined): boolean {
  if (inputs.length !== 1 || (options.ocr ?? 'never') !== 'never' || options.snapshots) return false;
  if (limits.timeoutMs !== DEFAULT_LIMITS.timeoutMs || limits.heapMb !== DEFAULT_LIMITS.heapMb || limits.maxRssMb !== DEFAULT_LIMITS.maxRssMb) return false;
  const bytes = size(inputs[0]);
  return bytes !== undefined && bytes <= IN_PROCESS_MAX_BYTES;
}

/**
 * The rules compiled as a worker compiles them (worker.ts): the same stems and phrases; but a
 * built-in rule is compiled when the document's words first reach it (most never do in one
 * small document: a third of a one-page scan's analysis went to compiling them).
 */
function compileForThisThread(checked: CheckedPacks): RuleSet {
  prepareAnalysis();
  rememberBuiltinPhrases(checked);
  if (checked.phraseStems) rememberStems(checked.phraseStems);
  return compileRules(checked, { lazy: true });
}

// pdf.js can leave a stray rejected promise behind on a broken file after the document has
// been answered (see worker.ts): on the main thread too, it must not end the run.
const ignoreRejection = () => undefined;
let rejectionsIgnored = false;

/** Analyses one document on this thread; the result is the one a worker would send. */
export async function analyseInProcess(input: Input, checked: CheckedPacks, options: RunOptions, hooks: Pick<AnalyseHooks, 'onRead'> = {}): Promise<DocumentResult> {
  if (!rejectionsIgnored) process.on('unhandledRejection', ignoreRejection);
  rejectionsIgnored = true;
  if (!options.cacheDir && /\.pdf$/i.test(input.path)) preloadPdfJs();
  let rules: RuleSet | undefined;
  const result = await analyseFile(input, { hash: checked.hash, compile: () => (rules ??= compileForThisThread(checked)), checked }, options, hooks);
  // A worker's result arrives as a structured clone: the same plain objects here, shared with
  // nothing the analysis keeps.
  return structuredClone(result);
}
