// The scan pipeline: inputs → documents analysed by the worker pool → one `Report` object.
// It prints nothing: notices, each finished document and the progress go to the caller's hooks
// (the scan command writes them, or streams JSON Lines; review and diff keep the report).
import { compareShotRank, rankInDocument } from '../extract/snapshot-order.js';
import { join } from 'node:path';
import { errorResult } from '../errors.js';
import { defaultCacheDir, prepareCacheDir, TextCache } from '../cache/text-cache.js';
import { legalSection, type LegalSettings } from '../legal/notes.js';
import { buildReport, compareFindings, emptySummary, summarise } from '../report/model/build.js';
import { missingItems } from '../report/model/missing.js';
import { INTERRUPTED } from '../report/dossier.js';
import { interruptedLine } from '../report/i18n.js';
import type { ReviewedFindings } from '../review/apply.js';
import { loadCheckedPacks, type CheckedPacks, type PackCache } from '../rules/load.js';
import { startEarlyWorker } from './pool/early.js';
import { INPUT_NAMES } from '../extract/input-types.js';
import { excludeMatcher } from '../sources/exclude.js';
import { expandInputs, type Input, type InputProblem, type Skipped } from '../sources/expand.js';
import type { OcrMode } from '../ocr/apply.js';
import type { DocumentEntry, DocumentResult, DossierClues, Finding, FusionItem, Language, PageSnapshot, Report } from '../types.js';
import { runBatch, type BatchOptions, type BatchProgress } from './batch.js';
import { inShard, takeShard, type Shard } from './shard.js';

/** What picks the documents: the paths given and how folders, archives and stdin are walked. */
export interface InputSettings {
  includeText?: boolean;
  /** Larger files end as TOO_LARGE without being read (bytes). */
  maxFileSize: number;
  /** Paths on stdin are separated by NUL bytes. */
  nul: boolean;
  exclude: string[];
  /** Folder walks take hidden files and folders too (--hidden). */
  hidden?: boolean;
  /** Folder walks ignore .gitignore and .ignore files (--no-ignore). */
  noIgnore?: boolean;
}

/** The documents of a run: this shard's inputs, input errors and skipped files. */
export interface Selection {
  inputs: Input[];
  problems: InputProblem[];
  skipped: Skipped[];
  notices: string[];
}

/**
 * The inputs the paths name, less what --exclude leaves out; with a shard, only its share.
 * With a shard every input error and skipped file belongs to one shard only, the one its name
 * hashes to (as for documents), so that merged shards count it once.
 */
export function selectInputs(paths: string[], settings: InputSettings, shard: Shard | undefined): Selection {
  const expansion = expandInputs(paths, undefined, { types: INPUT_NAMES, includeText: settings.includeText, maxFileSize: settings.maxFileSize, nul: settings.nul, hidden: settings.hidden, noIgnore: settings.noIgnore });
  const leaveOut = excludeMatcher(settings.exclude);
  const kept = <T extends { path: string }>(items: T[]) => (leaveOut ? items.filter((i) => !leaveOut(i.path)) : items);
  const inputs = kept(expansion.inputs);
  const problems = kept(expansion.problems);
  const skipped = kept(expansion.skipped);
  return {
    inputs: shard ? takeShard(inputs, shard) : inputs,
    problems: shard ? takeShard(problems, shard) : problems,
    skipped: shard ? skipped.filter((s) => inShard(s.path, shard)) : skipped,
    notices: expansion.notices,
  };
}

/** The cache folder when it can be used; else one notice, and the run goes on without it. */
export function usableCacheDir(dir: string | undefined, notice: (line: string) => void): string | undefined {
  const folder = dir ?? defaultCacheDir();
  const problem = prepareCacheDir(folder);
  if (problem) notice(`${folder}: ${problem}; running without the text cache`);
  return problem ? undefined : folder;
}

/**
 * The rule packs checked on the main thread (each worker compiles the checked rules). With
 * `early`, a user pack the cache has not seen (new or edited: no stored result can be under
 * its rules) starts the pool's first worker before it is read and checked (YAML and zod, 0.1 to
 * 0.2 s), with that heap cap: the worker loads while the main thread checks (engine/pool/early.ts).
 */
export function checkedRules(packs: string[], cacheDir: string | undefined, early?: { heapMb: number }): CheckedPacks {
  if (!cacheDir) return loadCheckedPacks(packs, {});
  const cache = new TextCache(join(cacheDir, 'packs'));
  let missed = false;
  const watched: PackCache = {
    get<T>(key: string): T | undefined {
      const value = cache.get<T>(key);
      if (value === undefined && early && !missed) startEarlyWorker(early.heapMb, {}, 1);
      if (value === undefined) missed = true;
      return value;
    },
    set: (key, value) => cache.set(key, value),
  };
  return loadCheckedPacks(packs, { cache: watched });
}

/** How each document is read, whatever is done with its text: a scan's and a search's. */
export interface DocumentSettings {
  rules: CheckedPacks;
  jobs: number;
  timeoutMs: number;
  heapMb: number;
  maxRssMb: number;
  maxFileSize: number;
  maxPages: number;
  password?: string;
  ocr: OcrMode;
  language?: Language;
  cacheDir?: string;
}

export interface ScanSettings extends DocumentSettings {
  /** Judgements applied to each document's findings. */
  reviewed?: ReviewedFindings;
  /** Categories whose positive finding sets `failOnHit` ("conflict": a conflict legal note). */
  failOn: string[];
  /** --buyer-kind and --date: what the legal notes are evaluated against, over what the documents say. */
  legal?: LegalSettings;
  /** Findings are handed to onDocument and not kept in the report (JSON Lines). */
  streaming: boolean;
  /** Images of the passages, at most `max` kept for the report. */
  snapshots?: { maxWidth: number; max: number };
  /** --format json: the workers render each document's findings as report items (BatchOptions.jsonItems). */
  jsonItems?: BatchOptions['jsonItems'];
}

export interface ScanHooks {
  signal?: AbortSignal;
  notice(line: string): void;
  onProgress?(progress: BatchProgress): void;
  /**
   * A document finished, its findings sorted and reviewed. `ahead`: others are still being
   * analysed (a formatter may use the wait to render these findings).
   */
  onDocument?(result: DocumentResult, findings: Finding[], ahead: boolean): void;
}

export interface ScanOutcome {
  report: Report;
  /** A positive finding of a --fail-on category exists (not one judged a false positive). */
  failOnHit: boolean;
  snapshots: Map<string, PageSnapshot>;
  /** Keys (snapshotKey) of the images rendered but left out by the budget. */
  snapshotsLeftOut: Set<string>;
  /** Worker time spent extracting vs tagging (for the benchmark). */
  /**
   * basisHits: documents whose basis came from the cache (src/analyse/basis.ts): only their rules
   * were run; pagesReused: pages whose analysis with other packs was taken back (cache/page-reuse.ts);
   * rulesCompiled: the most rules a thread had compiled when it gave a result.
   */
  timings: { extractMs: number; analyseMs: number; snapshotMs: number; snapshotPages: number; basisHits: number; pagesReused: number; rulesCompiled: number };
}

/** The key a snapshot is kept under: a finding finds its image by the same key. */
export const snapshotKey = (document: string, s: Pick<PageSnapshot, 'page' | 'start' | 'end' | 'excerptStart'>) => `${document}\u0000${s.page}:${s.start}:${s.end}:${s.excerptStart}`;

/**
 * Analyses the selected documents. The batch is started before this function first awaits, so
 * that the caller can load its formatter while the workers read.
 */
export async function scanSelection(selection: Pick<Selection, 'inputs' | 'problems'>, settings: ScanSettings, hooks: ScanHooks): Promise<ScanOutcome> {
  const { rules, reviewed, failOn } = settings;
  const snapshots = new Map<string, PageSnapshot>();
  const snapshotsLeftOut = new Set<string>();
  // The budget is shared: each document's images are ranked (snapshot-order.ts) and, past the
  // budget, the lowest ranked of all are let go, whatever order documents finish in.
  const documentOrder = new Map(selection.inputs.map((input, i) => [input.path, i]));
  const ranks = new Map<string, { round: number; turn: number; document: number; page: number; start: number }>();
  const entries: DocumentEntry[] = [];
  const findings: Finding[] = [];
  const mentions: Finding[] = [];
  const fusion: FusionItem[] = [];
  // Each document's clues of what the dossier lacks: small, kept even when streaming.
  const clues: { entry: DocumentEntry; clues?: DossierClues }[] = [];
  const summary = emptySummary();
  let failOnHit = false;
  const timings = { extractMs: 0, analyseMs: 0, snapshotMs: 0, snapshotPages: 0, basisHits: 0, pagesReused: 0, rulesCompiled: 0 };
  const keepSnapshots = (result: DocumentResult) => {
    const path = result.entry.path;
    const categoryOf = new Map<string, string>();
    for (const f of [...result.findings].sort((a, b) => (a.category < b.category ? -1 : 1))) {
      const key = snapshotKey(path, f);
      if (!categoryOf.has(key)) categoryOf.set(key, f.category);
    }
    const shots = result.snapshots!.map((shot) => ({ shot, page: shot.page, start: shot.start, category: categoryOf.get(snapshotKey(path, shot)) ?? '' }));
    const document = documentOrder.get(path) ?? documentOrder.size;
    for (const { item, round, turn } of rankInDocument(shots)) {
      const key = snapshotKey(path, item.shot);
      snapshots.set(key, item.shot);
      ranks.set(key, { round, turn, document, page: item.page, start: item.start });
    }
    const max = settings.snapshots?.max ?? 0;
    if (snapshots.size <= max) return;
    const byRank = [...ranks].sort(([, a], [, b]) => compareShotRank(a, b) || a.page - b.page || a.start - b.start);
    for (const [key] of byRank.slice(max)) {
      snapshots.delete(key);
      ranks.delete(key);
      snapshotsLeftOut.add(key);
    }
  };
  const take = (result: DocumentResult, ahead = false) => {
    timings.extractMs += result.timings?.extractMs ?? 0;
    timings.analyseMs += result.timings?.analyseMs ?? 0;
    timings.snapshotMs += result.timings?.snapshotMs ?? 0;
    timings.snapshotPages += result.timings?.snapshotPages ?? 0;
    if (result.timings?.basisCached) timings.basisHits++;
    timings.pagesReused += result.timings?.pagesReused ?? 0;
    timings.rulesCompiled = Math.max(timings.rulesCompiled, result.timings?.rulesCompiled ?? 0);
    if (result.snapshots?.length) keepSnapshots(result);
    const ordered = [...result.findings].sort(compareFindings);
    const sorted = reviewed ? reviewed.apply(ordered) : ordered;
    entries.push(result.entry);
    clues.push({ entry: result.entry, clues: result.dossier });
    for (const x of result.fusion ?? []) fusion.push(x);
    summarise(sorted, summary);
    if (sorted.some((f) => !f.negated && f.review?.status !== 'false-positive' && failOn.includes(f.category))) failOnHit = true;
    // Mentions by name are not findings: no summary count, no --fail-on hit, no review.
    if (result.mentions?.length) result.mentions.sort(compareFindings);
    if (!settings.streaming) {
      // One by one: a document can have more findings than `push(...)` takes arguments.
      for (const f of sorted) findings.push(f);
      for (const m of result.mentions ?? []) mentions.push(m);
    }
    hooks.onDocument?.(result, sorted, ahead);
  };
  selection.problems.map((p) => errorResult(p.path, p.code, p.message)).forEach((result) => take(result));
  await runBatch(
    selection.inputs,
    {
      jobs: settings.jobs,
      limits: { timeoutMs: settings.timeoutMs, heapMb: settings.heapMb, maxRssMb: settings.maxRssMb },
      maxFileSize: settings.maxFileSize,
      rules,
      password: settings.password,
      maxPages: settings.maxPages,
      ocr: settings.ocr,
      language: settings.language,
      cacheDir: settings.cacheDir,
      ...(settings.snapshots ? { snapshots: settings.snapshots } : {}),
      ...(settings.jsonItems ? { jsonItems: settings.jsonItems } : {}),
    },
    {
      signal: hooks.signal,
      dropFindings: true,
      onProgress: hooks.onProgress,
      onResult: (result, index) => take(result, index < selection.inputs.length - 1),
    },
  );
  const unfinished = interruptedLine(entries.filter((e) => e.error?.code === INTERRUPTED).map((e) => e.path), 'en');
  if (unfinished) hooks.notice(unfinished);
  const missing = missingItems(clues);
  const report = buildReport(entries, findings, { hash: rules.hash, files: rules.files }, new Date(), summary, fusion, mentions, reviewed ? reviewed.applyMissing(missing) : missing);
  if (reviewed) report.summary.review = reviewed.summary();
  report.legal = legalSection(report, settings.legal);
  if (failOn.includes('conflict') && report.legal.notes.some((n) => n.severity === 'conflict')) failOnHit = true;
  return { report, failOnHit, snapshots, snapshotsLeftOut, timings };
}
