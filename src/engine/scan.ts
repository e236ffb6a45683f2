// The scan pipeline: inputs → documents analysed by the worker pool → one `Report` object.
// It prints nothing: notices, each finished document and the progress go to the caller's hooks
// (the scan command writes them, or streams JSON Lines; review and diff keep the report).
import { join } from 'node:path';
import { errorResult } from '../errors.js';
import { defaultCacheDir, prepareCacheDir, TextCache } from '../cache/text-cache.js';
import { buildReport, compareFindings, emptySummary, summarise } from '../report/model/build.js';
import { INTERRUPTED } from '../report/dossier.js';
import { interruptedLine } from '../report/i18n.js';
import type { ReviewedFindings } from '../review/apply.js';
import { loadCheckedPacks, type CheckedPacks } from '../rules/load.js';
import { INPUT_NAMES } from '../extract/input-types.js';
import { excludeMatcher } from '../sources/exclude.js';
import { expandInputs, type Input, type InputProblem, type Skipped } from '../sources/expand.js';
import type { OcrMode } from '../ocr/apply.js';
import type { DocumentEntry, DocumentResult, Finding, FusionItem, Language, PageSnapshot, Report } from '../types.js';
import { runBatch, type BatchProgress } from './batch.js';
import { inShard, takeShard, type Shard } from './shard.js';

/** What picks the documents: the paths given and how folders, archives and stdin are walked. */
export interface InputSettings {
  includeText?: boolean;
  /** Larger files end as TOO_LARGE without being read (bytes). */
  maxFileSize: number;
  /** Paths on stdin are separated by NUL bytes. */
  nul: boolean;
  exclude: string[];
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
  const expansion = expandInputs(paths, undefined, { types: INPUT_NAMES, includeText: settings.includeText, maxFileSize: settings.maxFileSize, nul: settings.nul });
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

/** The rule packs checked on the main thread (each worker compiles the checked rules). */
export function checkedRules(packs: string[], cacheDir: string | undefined): CheckedPacks {
  return loadCheckedPacks(packs, { cache: cacheDir ? new TextCache(join(cacheDir, 'packs')) : undefined });
}

export interface ScanSettings {
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
  /** Judgements applied to each document's findings. */
  reviewed?: ReviewedFindings;
  /** Categories whose positive finding sets `failOnHit`. */
  failOn: string[];
  /** Findings are handed to onDocument and not kept in the report (JSON Lines). */
  streaming: boolean;
  /** Images of the passages, at most `max` kept for the report. */
  snapshots?: { maxWidth: number; max: number };
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
  snapshotsLeftOut: number;
  /** Worker time spent extracting vs tagging (for the benchmark). */
  timings: { extractMs: number; analyseMs: number; snapshotMs: number; snapshotPages: number };
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
  let snapshotsLeftOut = 0;
  const entries: DocumentEntry[] = [];
  const findings: Finding[] = [];
  const mentions: Finding[] = [];
  const fusion: FusionItem[] = [];
  const summary = emptySummary();
  let failOnHit = false;
  const timings = { extractMs: 0, analyseMs: 0, snapshotMs: 0, snapshotPages: 0 };
  const take = (result: DocumentResult, ahead = false) => {
    timings.extractMs += result.timings?.extractMs ?? 0;
    timings.analyseMs += result.timings?.analyseMs ?? 0;
    timings.snapshotMs += result.timings?.snapshotMs ?? 0;
    timings.snapshotPages += result.timings?.snapshotPages ?? 0;
    for (const shot of result.snapshots ?? []) {
      if (settings.snapshots && snapshots.size < settings.snapshots.max) snapshots.set(snapshotKey(result.entry.path, shot), shot);
      else snapshotsLeftOut++;
    }
    const ordered = [...result.findings].sort(compareFindings);
    const sorted = reviewed ? reviewed.apply(ordered) : ordered;
    entries.push(result.entry);
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
  const report = buildReport(entries, findings, { hash: rules.hash, files: rules.files }, new Date(), summary, fusion, mentions);
  if (reviewed) report.summary.review = reviewed.summary();
  return { report, failOnHit, snapshots, snapshotsLeftOut, timings };
}
