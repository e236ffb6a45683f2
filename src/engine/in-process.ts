// One small document analysed on the main thread, with no worker: a worker thread costs a
// one-page scan its own start, a second load of the analysis modules and of pdf.js, and a copy
// of the result; the main thread had those modules to load anyway (see inProcessFits).
import { readFileSync } from 'node:fs';
import { looksLikePdf, preloadPdfJs } from '../extract/pdf.js';
import { prepareAnalysis } from '../analyse/document.js';
import { compileRules, rememberBuiltinPhrases, type CheckedPacks, type RuleSet } from '../rules/load.js';
import { rememberStems } from '../text/tokens.js';
import { DEFAULT_HEAP_MB, DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT_S, IN_PROCESS_MAX_BYTES, IN_PROCESS_MAX_INPUTS } from './pool/limits.js';
import { analyseFile, type AnalyseHooks, type RunOptions } from './document.js';
import type { Input } from '../sources/expand.js';
import type { DocumentResult } from '../types.js';
import type { PoolLimits } from './pool/pool.js';


/** The limits a run has unless --timeout, --max-heap or --max-memory say otherwise. */
export const DEFAULT_LIMITS: PoolLimits = { timeoutMs: DEFAULT_TIMEOUT_S * 1000, heapMb: DEFAULT_HEAP_MB, maxRssMb: DEFAULT_MAX_MEMORY_MB };

/**
 * Whether a run's documents are read on the main thread: one input of at most
 * IN_PROCESS_MAX_BYTES, or up to IN_PROCESS_MAX_INPUTS files of as many bytes in all of which
 * none is a PDF (`isPdf`, from their bytes as the format registry decides); without OCR or
 * snapshots (they start processes and draw pages, which a worker's limits watch over), under
 * the default limits. A limit given other than its default is enforced as always, by a worker:
 * a thread cannot stop itself in the middle of pdf.js. For the same reason several documents
 * share the main thread only when pdf.js reads none of them: the other formats are read by the
 * project's own code, in work bounded by their bytes, and one of them cannot hold the others up.
 * Two workers' start (the bundle, the rules, in each) cost a scan of two short notes three
 * times the CPU of one.
 */
export function inProcessFits(
  inputs: readonly Input[],
  options: Pick<RunOptions, 'ocr' | 'snapshots'>,
  limits: PoolLimits,
  size: (input: Input) => number | undefined,
  isPdf: (input: Input) => boolean = fileLooksLikePdf,
): boolean {
  if (inputs.length === 0 || inputs.length > IN_PROCESS_MAX_INPUTS || (options.ocr ?? 'never') !== 'never' || options.snapshots) return false;
  if (limits.timeoutMs !== DEFAULT_LIMITS.timeoutMs || limits.heapMb !== DEFAULT_LIMITS.heapMb || limits.maxRssMb !== DEFAULT_LIMITS.maxRssMb) return false;
  let total = 0;
  for (const input of inputs) {
    const bytes = size(input);
    if (bytes === undefined) return false;
    total += bytes;
    if (total > IN_PROCESS_MAX_BYTES) return false;
  }
  return inputs.length === 1 || !inputs.some(isPdf);
}

/** Whether a small file (sized by inProcessFits) is a PDF to the format registry, or cannot be read. */
function fileLooksLikePdf(input: Input): boolean {
  try {
    return /\.pdf$/i.test(input.path) || looksLikePdf(readFileSync(input.file));
  } catch {
    return true; // its worker will say why
  }
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
