// One document: read → extract → analyse → result. Failures become coded results.
import { createHash } from 'node:crypto';
import { analyseDocumentShared, type AnalysisSharing } from '../analyse/document.js';
import { extractFacts } from '../analyse/facts.js';
import { CORRUPT_ADVICE, DocumentFailure, errorResult } from '../errors.js';
import { detectFormat, type InputFormat } from '../extract/registry.js';
import { readInputBytes } from '../sources/read.js';
import type { Input } from '../sources/expand.js';
import { readStoredText, storedText, type StoredDocument } from '../cache/stored-text.js';
import { MAX_BASIS_BYTES, TextCache } from '../cache/text-cache.js';
import { basisCacheKey, extractionBuildId, resultCacheKey, storableResult, storedResultUnder, type ResultKeyParts } from '../cache/result-key.js';
import { keepStems, useStemTable } from '../cache/stem-table.js';
import { changedPages, keepPages, KEPT_PAGES_MAX, keptPagesKeys, pageReuse, type PageChange } from '../cache/page-reuse.js';
import { readDocumentBasis, type DocumentBasis } from '../analyse/basis.js';
import { OCR_VERSION, type OcrPage, type OcrResources } from '../ocr/tesseract.js';
import type { CheckedPacks, RuleSet } from '../rules/load.js';
import { compiledRuleCount } from '../rules/compile.js';
import { applyOcr, pagesToOcr, tesseractLanguages, type OcrMode, type OcrSlots } from '../ocr/apply.js';
import type { PageSharing } from '../extract/pdf.js';
import { findLegalContext } from '../analyse/buyer.js';
import { detectPagesLanguage } from '../analyse/language.js';
import { tokenize } from '../text/tokens.js';
import { foldString } from '../text/fold.js';
import { lacksUsableText } from '../text/clean.js';
import { withFindingIds } from '../review/ids.js';
import { findDossierClues } from '../analyse/references.js';
import type { SnapshotLimits } from '../extract/snapshots.js';
import { unreadPages } from '../report/text.js';
import { compileSearch, searchPage, type CompiledSearch } from '../text/search.js';
import type { DocumentResult, ExtractedDocument, Finding, Language, Page, PageSnapshot, SearchQuery } from '../types.js';

export interface RunOptions {
  password?: string;
  maxPages?: number;
  ocr?: OcrMode;
  /** Language of the documents, when the user knows it better than detection (OCR uses it). */
  language?: Language;
  /** Folder of the text cache; no cache when absent. */
  cacheDir?: string;
  /** Files larger than this (bytes) end as TOO_LARGE, hashed but not analysed. */
  maxFileSize?: number;
  /** --snapshots: images of the findings' passages (PDF only). */
  snapshots?: SnapshotLimits;
  /** `find`: the document is searched for this query instead of analysed (hits, no findings). */
  search?: { query: SearchQuery; context: number };
  /**
   * --format json: a pool worker renders the document's findings as report items (citing the
   * document by `name`), so that the main thread only writes them (DocumentResult.json).
   */
  renderJson?: { name: string; explain: boolean };
}

/** Resolution OCR renders pages at (snapshots of OCR'd pages are cut from the same image). */
const OCR_DPI = 300;

export interface AnalyseHooks {
  /** Told once the input is read and hashed, before any extraction (a TIMEOUT keeps the hash). */
  onRead?(known: { sha256: string; size: number }): void;
  /** Told when a document needs extraction (it was not in the text cache): the slow case. */
  onExtract?(): void;
  /** Told of the OCR's processes and temporary folders (see OcrResources). */
  ocrResources?: OcrResources;
  /** Other workers that may read pages of a long PDF (see pool/split.ts). */
  sharing?: PageSharing;
  /** Other workers that may analyse pages of a long document (see pool/split.ts). */
  analysisSharing?: AnalysisSharing;
  /** Told when the document's pages are about to be analysed (its result was not in the cache). */
  onAnalyse?(pageCount: number): void;
  /** Leave to start an OCR process, under the run's limit; without it, pages are read one at a time. */
  ocrSlots?: OcrSlots;
  /**
   * Where the cache writes of an analysis go (its result, its pages' analyses, its basis):
   * none changes the result, so a pool worker runs them once the result is on its way (the
   * main thread builds the report meanwhile); without it they run at once.
   */
  store?(write: () => void): void;
}

const storeNow = (write: () => void) => write();

/**
 * Rules known by their hash and compiled on demand: a result found in the cache needs only the
 * hash (its key), and a search needs no rule at all.
 */
export interface RulesOnDemand {
  hash: string;
  compile(): RuleSet;
  /** The checked packs the rules compile from: with a cache, pages analysed with other packs are taken back (cache/page-reuse.ts). */
  checked?: CheckedPacks;
}

/**
 * One document read, extracted and analysed (or searched, with `options.search`). `rules` may be
 * given on demand: they are then compiled only when the document is analysed.
 */
export async function analyseFile(input: Input | string, rules: RuleSet | RulesOnDemand, options: RunOptions = {}, hooks: AnalyseHooks = {}): Promise<DocumentResult> {
  const ruleSet = 'compile' in rules ? () => rules.compile() : () => rules;
  const checked = 'compile' in rules ? rules.checked : undefined;
  const source: Input = typeof input === 'string' ? { path: input, file: input } : input;
  const { path, file, entry } = source;
  let bytes: Buffer;
  try {
    const read = readInputBytes(source, options.maxFileSize);
    if ('tooLarge' in read) {
      return errorResult(path, 'TOO_LARGE', `${read.tooLarge.size} bytes, more than --max-file-size ${options.maxFileSize}`, read.tooLarge);
    }
    bytes = read.bytes;
  } catch (err) {
    return failureResult(path, err);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const known = { sha256, size: bytes.byteLength };
  hooks.onRead?.(known);
  if (bytes.byteLength === 0) return emptyFileResult(path, known);
  const started = performance.now();
  let format: InputFormat;
  try {
    format = detectFormat(bytes, entry ? entry[entry.length - 1] : file);
  } catch (err) {
    return failureResult(path, err, known);
  }
  const cache = options.cacheDir ? new TextCache(options.cacheDir) : undefined;
  // The same bytes, rules, build and options give the same result: an unchanged dossier scanned
  // again costs reading and hashing it.
  // A search is quick once the text is cached: its hits are not kept.
  const keyParts = cache && !options.search ? { path, sha256, format, rules: { hash: rules.hash }, options } : undefined;
  const resultKey = keyParts && resultCacheKey(keyParts);
  const failureKey = keyParts && resultCacheKey(keyParts, 'failure');
  const done = resultKey ? storedResultUnder(cache!, { result: resultKey, failure: failureKey! }, started) : undefined;
  if (done) return done;
  // Cache writes go where the caller says (a worker makes them once the result is sent).
  const store = hooks.store ?? storeNow;
  const untouched = resultKey && checked ? untouchedResult(cache!, keyParts!, resultKey, checked, started, store) : undefined;
  if (untouched?.result) return untouched.result;
  const kept = untouched?.keys && { keys: untouched.keys, change: untouched.change };
  const { result, reusable } = await analyseBytes(source, bytes, known, format, { compile: ruleSet, checked, kept }, options, hooks, cache, started);
  const storable = resultKey && reusable ? storableResult(result) : undefined;
  if (storable) store(() => cache!.set(storable.entry.error ? failureKey! : resultKey!, storable));
  return result;
}

/**
 * Pages kept from a run with other packs (cache/page-reuse.ts): when no pack that changed can
 * start on any page of the document, that run's result is this one's, stored again under this
 * run's key `resultKey` (`result`; `write` stores it, now or later). Else the keys of its kept pages and
 * what changed, for its analysis; `keys` is undefined when none can be kept. The main thread
 * asks first (stored-results.ts), so that such a document goes to no worker; a worker asks
 * again for the others.
 */
export function untouchedResult(
  cache: TextCache,
  keyParts: ResultKeyParts & { format: InputFormat },
  resultKey: string,
  checked: CheckedPacks,
  started: number,
  write: (store: () => void) => void = (store) => store(),
): { result?: DocumentResult; keys?: { words: string; pages: string }; change?: PageChange } {
  const keys = keptPagesKeys(textCacheKey(keyParts.format, keyParts.sha256), keyParts.path, keyParts.options);
  const change = keys ? changedPages(cache, keys, checked) : undefined;
  if (change && !change.touched.includes(true)) {
    const before = cache.get<DocumentResult>(resultCacheKey({ ...keyParts, rules: { hash: change.rules } })!);
    if (before && !before.entry.error) {
      write(() => cache.set(resultKey, before));
      return { result: { ...before, timings: { extractMs: performance.now() - started, analyseMs: 0, pagesReused: change.touched.length } } };
    }
  }
  return { keys, change };
}

/** A file of 0 bytes: nothing to read. */
export function emptyFileResult(path: string, known: { sha256: string; size: number }): DocumentResult {
  return errorResult(path, 'EMPTY', 'the file is empty (0 bytes)', known);
}

/**
 * Ids for findings and mentions by name counted together: the same citation quoted as a kept
 * finding on one page and as a mention on another gets two occurrence ranks, not one id twice.
 */
function withIds(findings: Finding[], mentions: Finding[]): { findings: Finding[]; mentions?: Finding[] } {
  if (mentions.length === 0) return { findings: withFindingIds(findings) };
  const all = withFindingIds([...findings, ...mentions]);
  return { findings: all.slice(0, findings.length), mentions: all.slice(findings.length) };
}

/** The search of a worker's run, compiled once for all its documents. */
let compiled: { key: string; search: Promise<CompiledSearch> } | undefined;

/** `find`: the hits of every page, with the entry a scan would give (failed and unread pages named). */
async function searchResult(path: string, known: { sha256: string; size: number }, extracted: ExtractedDocument, search: NonNullable<RunOptions['search']>, started: number): Promise<DocumentResult> {
  const key = JSON.stringify(search.query);
  if (compiled?.key !== key) compiled = { key, search: compileSearch(search.query) };
  const compiledSearch = await compiled.search;
  const extractedAt = performance.now();
  const hits = extracted.pages.flatMap((page: Page) => searchPage(page, compiledSearch, search.context));
  const failedPages = extracted.pages.filter((p) => p.error).map((p) => p.number);
  if (failedPages.length === extracted.pages.length && extracted.pages.length > 0) {
    return errorResult(path, 'CORRUPT', `no page could be read (${extracted.pages[0].error})`, { ...known, pageCount: extracted.pageCount, failedPages });
  }
  const pagesWithoutText = extracted.pages.filter(lacksUsableText).map((p) => p.number);
  const ocrPages = extracted.pages.filter((p) => p.source === 'ocr').map((p) => p.number);
  const notRead = unreadPages({ pagesWithoutText, ocrPages });
  return {
    entry: {
      path,
      ...known,
      pageCount: extracted.pageCount,
      status: failedPages.length > 0 ? 'partial' : 'ok',
      pagesWithoutText,
      ocrPages,
      ...(notRead.length ? { notRead: { count: notRead.length, pages: notRead, hint: 'run again with --ocr auto' } } : {}),
      failedPages,
      runningLines: [],
      language: null,
      metadata: extracted.metadata,
    },
    findings: [],
    hits,
    timings: { extractMs: extractedAt - started, analyseMs: performance.now() - extractedAt },
  };
}

/** The document's basis (see src/analyse/basis.ts) but the analysis's plan: its facts, legal context and dossier clues. */
function documentClues(path: string, extracted: ExtractedDocument): Omit<DocumentBasis, 'plan'> {
  const facts = extractFacts(extracted.pages);
  const legalContext = findLegalContext(extracted.pages, facts.filter((f) => f.field === 'buyer'));
  const dossier = findDossierClues(path, extracted.pages, extracted.metadata.title);
  return { facts, ...(legalContext ? { legalContext } : {}), dossier };
}

/**
 * The key a document's text is cached under: its bytes, its format and the extraction code
 * (text cached by other code is never served, even when a version string was not bumped).
 */
function textCacheKey(format: InputFormat, sha256: string): string {
  return `${format.name}|${sha256}|${format.version}|${extractionBuildId() ?? 'unbuilt'}|stored-2`;
}

/** A coded result for what stopped a document: its DocumentFailure, else INTERNAL. */
function failureResult(path: string, err: unknown, known?: { sha256: string; size: number }): DocumentResult {
  if (err instanceof DocumentFailure) return errorResult(path, err.code, err.message, known);
  return errorResult(path, 'INTERNAL', `unexpected failure: ${(err as Error)?.message ?? err}`, known);
}

/** Extraction (or the text cache), OCR, analysis; `reusable` is false when OCR or a password was involved. */
async function analyseBytes(
  { path }: Input,
  bytes: Buffer,
  known: { sha256: string; size: number },
  format: InputFormat,
  rules: { compile: () => RuleSet; checked?: CheckedPacks; kept?: { keys: { words: string; pages: string }; change?: PageChange } },
  options: RunOptions,
  hooks: AnalyseHooks,
  cache: TextCache | undefined,
  started: number,
): Promise<{ result: DocumentResult; reusable: boolean }> {
  const { sha256 } = known;
  const store = hooks.store ?? storeNow;
  let reusable = true;
  const done = (result: DocumentResult) => ({ result, reusable });
  try {
    const key = textCacheKey(format, sha256);
    let extracted = readStoredText(cache?.get<StoredDocument>(key));
    if (extracted && options.maxPages !== undefined && extracted.pageCount > options.maxPages) {
      throw new DocumentFailure('TOO_LARGE', `${extracted.pageCount} pages, more than --max-pages ${options.maxPages}`);
    }
    if (!extracted) {
      hooks.onExtract?.();
      // Without OCR or snapshots nothing reads the bytes after extraction: the extractor may
      // keep them rather than copy them (a long PDF's worth of memory).
      const releaseBytes = (options.ocr ?? 'never') === 'never' && !options.snapshots;
      extracted = await format.extract(bytes, { ...options, releaseBytes, ...(hooks.sharing ? { sharing: hooks.sharing } : {}) });
      // Text that needed the user's password stays out of the cache.
      if (cache && !extracted.neededPassword) cache.set(key, storedText(extracted));
    }
    // A damaged PDF whose pages came out empty is broken, not scanned: its own advice, never OCR.
    if (extracted.damaged && extracted.pages.every((p) => p.error || lacksUsableText(p))) {
      const failedPages = extracted.pages.filter((p) => p.error).map((p) => p.number);
      return done(errorResult(path, 'CORRUPT', `broken PDF structure (${extracted.damaged}; no page has usable text); ${CORRUPT_ADVICE}`, { ...known, pageCount: extracted.pageCount, failedPages }));
    }
    const ocrPages = format.name === 'pdf' ? pagesToOcr(extracted.pages, options.ocr ?? 'never') : [];
    if (ocrPages.length > 0) {
      const detected = detectPagesLanguage(extracted.pages.map((p) => p.text), tokenize, foldString);
      const settings = { languages: tesseractLanguages(options.language, detected), dpi: OCR_DPI };
      const ocrKey = (page: number) => `ocr|${sha256}|${page}|${OCR_VERSION}|${settings.languages}|${settings.dpi}`;
      const ocrCache = cache && !extracted.neededPassword
        ? { get: (page: number) => cache.get<OcrPage>(ocrKey(page)), set: (page: number, value: OcrPage) => cache.set(ocrKey(page), value) }
        : undefined;
      extracted.pages = await applyOcr(extracted.pages, ocrPages, bytes, settings, { cache: ocrCache, resources: hooks.ocrResources, slots: hooks.ocrSlots });
      // OCR depends on the tools installed and may fail page by page: such results are not kept.
      reusable = false;
    }
    if (extracted.neededPassword) reusable = false;
    if (options.search) return done(await searchResult(path, known, extracted, options.search, started));
    const extractedAt = performance.now();
    hooks.onAnalyse?.(extracted.pages.length);
    // What the analysis decides whatever the rules, kept under the text's key and the analysis
    // code's hash: with other rules only the rule matching runs again.
    const basisKey = cache && reusable ? basisCacheKey(key, path) : undefined;
    const stored = basisKey ? readDocumentBasis(cache!.get(basisKey, MAX_BASIS_BYTES), extracted.pages, path) : undefined;
    // The stems of the words earlier runs met (see cache/stem-table.ts).
    if (cache) useStemTable(cache.dir);
    // The pages' analyses with other packs: only those where a changed pack can start run again.
    const kept = basisKey && extracted.pages.length <= KEPT_PAGES_MAX ? rules.kept : undefined;
    const change = kept?.change;
    const reuse = change ? pageReuse(cache!, kept!.keys, change, extracted.pages.length) : undefined;
    // What the basis reads of the text alone: worked out while lent threads analyse pages.
    let clues: Omit<DocumentBasis, 'plan'> | undefined;
    const findClues = () => (clues ??= documentClues(path, extracted!));
    const analysis = await analyseDocumentShared(path, extracted.pages, rules.compile(), hooks.analysisSharing, stored?.plan, { reuse, record: kept !== undefined }, stored ? undefined : findClues);
    const keptPages = analysis.kept;
    if (kept && keptPages) store(() => keepPages(cache!, kept.keys, rules.checked!, keptPages, change?.words));
    if (cache) keepStems();
    const timings: NonNullable<DocumentResult['timings']> = { extractMs: extractedAt - started, analyseMs: performance.now() - extractedAt };
    if (stored) timings.basisCached = true;
    if (analysis.pagesReused !== undefined) timings.pagesReused = analysis.pagesReused;
    // The thread's count so far: the run's timings keep the largest.
    timings.rulesCompiled = compiledRuleCount();
    let snapshots: PageSnapshot[] | undefined;
    if (options.snapshots && format.name === 'pdf' && analysis.findings.length > 0) {
      const drawStarted = performance.now();
      try {
        const { pageSnapshots } = await import('../extract/snapshots.js');
        snapshots = await pageSnapshots(bytes, analysis.findings, extracted.pages, { password: options.password, limits: options.snapshots, ocrDpi: OCR_DPI, resources: hooks.ocrResources });
      } catch {
        // A page that cannot be drawn costs its images, never the findings.
        snapshots = [];
      }
      timings.snapshotMs = performance.now() - drawStarted;
      timings.snapshotPages = new Set(analysis.findings.map((f) => f.page)).size;
    }
    const failedPages = extracted.pages.filter((p) => p.error).map((p) => p.number);
    const allFailed = failedPages.length === extracted.pages.length && extracted.pages.length > 0;
    if (allFailed) {
      return done(errorResult(path, 'CORRUPT', `no page could be read (${extracted.pages[0].error})`, { ...known, pageCount: extracted.pageCount, failedPages }));
    }
    const ocrPageNumbers = extracted.pages.filter((p) => p.source === 'ocr').map((p) => p.number);
    const basis = stored ?? { plan: analysis.plan, ...findClues() };
    if (basisKey && !stored) store(() => cache!.set(basisKey, basis));
    const { facts, legalContext, dossier } = basis;
    const notRead = unreadPages({ pagesWithoutText: analysis.pagesWithoutText, ocrPages: ocrPageNumbers });
    return done({
      entry: {
        path,
        ...known,
        pageCount: extracted.pageCount,
        status: failedPages.length > 0 ? 'partial' : 'ok',
        pagesWithoutText: analysis.pagesWithoutText,
        ocrPages: ocrPageNumbers,
        ...(notRead.length ? { notRead: { count: notRead.length, pages: notRead, hint: 'run again with --ocr auto' } } : {}),
        failedPages,
        runningLines: analysis.runningLines,
        language: analysis.language,
        metadata: extracted.metadata,
        ...(facts.length ? { facts } : {}),
        ...(legalContext ? { legalContext } : {}),
      },
      ...withIds(analysis.findings, analysis.mentions),
      fusion: analysis.fusion,
      dossier,
      ...(snapshots ? { snapshots } : {}),
      timings,
    });
  } catch (err) {
    return done(failureResult(path, err, known));
  }
}
