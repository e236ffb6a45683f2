// tenderscan scan: options checked → the engine's scan → the report written in its format →
// the exit code. JSON Lines are written as documents finish; other formats at the end, JSON
// and CSV piece by piece (the whole text is never held).
import { readSideText, SideFileError, SIDE_FILE_LIMITS } from '../sources/text-file.js';
import { resolve } from 'node:path';
import { EXIT, UsageError } from '../errors.js';
import { checkedRules, scanSelection, selectInputs, usableCacheDir, type DocumentSettings, type InputSettings, type ScanOutcome } from '../engine/scan.js';
import { resolveShard, type Shard, type ShardRequest } from '../engine/shard.js';
import { watchRunStop, type RunStop } from '../engine/stop.js';
import type { OcrMode } from '../ocr/apply.js';
import { escapeTerminal } from '../report/escape.js';
import { formatExhibits } from '../report/exhibits.js';
import { formatMeta, type Formatter } from '../report/formats/index.js';
import { jsonReport } from '../report/formats/json.js';
import { jsonlDocument, jsonlMissing, jsonlSummary } from '../report/formats/jsonl.js';
import { parseLinkBase } from '../report/links.js';
import { INPUT_NAMES } from '../extract/input-types.js';
import { withConfig } from '../report/model/build.js';
import { filterReport } from '../report/model/filter.js';
import { documentNamer } from '../report/names.js';
import { unreadPages } from '../report/text.js';
import { openReportSink, type ReportSink } from '../sources/output.js';
import type { LegalSettings } from '../legal/notes.js';
import type { BuyerKind, DocumentEntry, Language, Report } from '../types.js';
import { announce, announceSkipped } from './common/notices.js';
import { categoryList, checkFormat, defaultTitle, formatOptions, formatterFor, isFolder, parseFilters, writeReport, type ShowOptions } from './common/format.js';
import { ProgressLine } from './common/progress.js';
import { MAX_SNAPSHOTS, SNAPSHOT_LIMITS, withSnapshots } from './common/snapshots.js';
import { reviewsForScan, type ScanReviewOptions } from './review.js';
import { DEFAULT_REVIEW_FILE } from '../review/file.js';

/** The engine's reading settings from the options scan and find share (seconds, MB as typed). */
export function documentSettings(
  options: Pick<ScanInputOptions, 'jobs' | 'timeout' | 'maxHeap' | 'maxMemory' | 'maxFileSize' | 'maxPages' | 'ocr' | 'lang'>,
  rules: DocumentSettings['rules'],
  password: string | undefined,
  cacheDir: string | undefined,
): DocumentSettings {
  return {
    rules,
    jobs: options.jobs,
    timeoutMs: options.timeout * 1000,
    heapMb: options.maxHeap,
    maxRssMb: options.maxMemory,
    maxFileSize: options.maxFileSize * 1024 * 1024,
    maxPages: options.maxPages,
    password,
    ocr: options.ocr,
    language: options.lang,
    cacheDir,
  };
}

/** The options that pick and read the documents: scan's, and review's and diff's when they scan. */
export interface ScanInputOptions {
  rules: string[];
  password?: string;
  passwordFile?: string;
  maxPages: number;
  ocr: OcrMode;
  lang?: Language;
  jobs: number;
  timeout: number;
  maxHeap: number;
  maxMemory: number;
  maxFileSize: number;
  cache: boolean;
  cacheDir?: string;
  verbose?: boolean;
  includeText?: boolean;
  /** --hidden */
  hidden?: boolean;
  /** false with --no-ignore */
  ignore?: boolean;
  quiet?: boolean;
  debug?: boolean;
  exclude: string[];
  null?: boolean;
  /** The project config file applied (set by the shell from --config or the nearest one). */
  configFile?: string;
}

export interface ScanOptions extends ScanInputOptions, ScanReviewOptions, ShowOptions {
  failOn?: string;
  buyerKind?: BuyerKind;
  date?: string;
  shard?: ShardRequest;
  only?: string;
  hideNegated?: boolean;
  minModality?: string;
  files?: boolean;
  snapshots?: boolean;
  /** --exhibits FILE: the list of exhibits, written beside the report. */
  exhibits?: string;
  /** --max-snapshots: the images of a report at most. */
  maxSnapshots?: number;
}

/** --buyer-kind and --date, checked: a date must be a real day. */
function legalSettings(options: Pick<ScanOptions, 'buyerKind' | 'date'>): LegalSettings {
  if (options.date !== undefined) {
    const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(options.date);
    const real = day && new Date(Date.UTC(+day[1], +day[2] - 1, +day[3])).toISOString().slice(0, 10) === options.date;
    if (!real) throw new UsageError(`--date: expected a day as YYYY-MM-DD (got ${JSON.stringify(options.date)})`);
  }
  return { ...(options.buyerKind ? { buyerKind: options.buyerKind } : {}), ...(options.date ? { date: options.date } : {}) };
}

/** Where a kept report goes: nowhere (nothing is written, nothing to protect). */
const NO_SINK: ReportSink = { write: () => undefined, protect: () => undefined, commit: () => undefined, abort: () => undefined };

/** The password is the file's first line (so that it stays out of shell history and `ps`). */
export function readPasswordFile(file: string): string {
  try {
    return readSideText(file, SIDE_FILE_LIMITS.password).split(/\r?\n/)[0];
  } catch (err) {
    throw new UsageError(`--password-file ${file}: ${err instanceof SideFileError ? err.message : `cannot read it (${(err as NodeJS.ErrnoException).code ?? err})`}`);
  }
}

/** scan's own pipeline into a report in memory, for review and diff (no review file, no filter). */
export function scanToReport(options: ScanOptions): (paths: string[]) => Promise<{ report: Report; exitCode: number }> {
  return async (paths) => {
    const asScan: ScanOptions = { ...options, format: 'json', output: undefined, exhibits: undefined, explain: false, failOn: undefined, shard: undefined, only: undefined, hideNegated: false, minModality: undefined, review: false, reviewFile: undefined, showReviewed: false, newOnly: false, files: false };
    let report: Report | undefined;
    const exitCode = await scan(paths, asScan, (kept) => (report = kept));
    return { report: report!, exitCode };
  };
}

export function inputSettings(options: ScanInputOptions): InputSettings {
  return { includeText: options.includeText, maxFileSize: options.maxFileSize * 1024 * 1024, nul: options.null === true, exclude: options.exclude, hidden: options.hidden === true, noIgnore: options.ignore === false };
}

/** Fails at start, with the line to run, rather than on the first scanned page. */
export async function checkOcr(options: ScanInputOptions): Promise<void> {
  if (options.ocr === 'never') return;
  const { checkOcrTools } = await import('../ocr/tesseract.js');
  const problem = await checkOcrTools(options.lang === 'fr' ? 'fra' : options.lang === 'en' ? 'eng' : 'fra+eng');
  if (problem) throw new UsageError(`--ocr ${options.ocr}: ${problem}`);
}

/**
 * Scans and writes the report; with `keep`, hands the report over instead (as a JSON report
 * read back shows it), for review and diff.
 */
export async function scan(paths: string[], options: ScanOptions, keep?: (report: Report) => void): Promise<number> {
  checkFormat(options.format, options);
  // Loaded once the workers have their documents (see below): the terminal's formatter (chalk,
  // wrap-ansi; cli-table3 only for a table its own layout cannot draw) costs the main thread
  // its loading time.
  let formatter: Formatter | undefined;
  const warn = (line: string) => {
    // Paths and messages come from documents and file names: never raw on the terminal.
    if (!options.quiet) process.stderr.write(escapeTerminal(line) + '\n');
  };
  const shard = resolveShard(options.shard);
  if (options.files) return listFiles(paths, options, shard);
  const cacheDir = options.cache ? usableCacheDir(options.cacheDir, warn) : undefined;
  // Several documents (or a folder): a new or edited pack starts their first worker as it is checked.
  const many = paths.length > 1 || (paths.length === 1 && isFolder(paths[0]!));
  const rules = checkedRules(options.rules, cacheDir, many && !options.snapshots ? { heapMb: options.maxHeap } : undefined);
  const known = new Set(rules.categories.map((c) => c.id));
  // "conflict": a legal note of severity conflict applies (docs/legal-notes.md).
  const failOn = categoryList('--fail-on', options.failOn, known, ['conflict']);
  const filters = parseFilters(options, known);
  const meta = formatMeta(options.format)!;
  if (meta.streams && (filters.only || filters.hideNegated || filters.minModality)) {
    throw new UsageError('--only, --hide-negated and --min-modality apply to whole reports, not to --format jsonl (filter at merge)');
  }
  const legal = legalSettings(options);
  const reviewed = reviewsForScan(options);
  const badLinkBase = options.linkBase === undefined ? undefined : parseLinkBase(options.linkBase);
  if (typeof badLinkBase === 'string') throw new UsageError(badLinkBase);
  if (options.snapshots && !meta.snapshots) throw new UsageError(`--snapshots: only for --format html (embedded) or markdown (files beside the report), not ${options.format}`);
  if (options.maxSnapshots !== undefined && !options.snapshots) throw new UsageError('--max-snapshots applies with --snapshots');
  if (options.snapshots && meta.snapshots === 'beside' && !options.output) throw new UsageError(`--snapshots with --format ${options.format} writes images beside the report: give -o FILE`);
  if (options.exhibits !== undefined) checkExhibits(options.exhibits, options.output, meta.streams === true);
  await checkOcr(options);
  const password = options.passwordFile ? readPasswordFile(options.passwordFile) : options.password;
  // Signals are watched, and the output checked (its temporary file made), before any input is read.
  const stop = watchRunStop();
  let sink: ReportSink | undefined;
  let exhibits: ReportSink | undefined;
  let selection: ReturnType<typeof selectInputs>;
  try {
    // The review file too, the default one even under --no-review: judgements are not reports.
    const own = [options.passwordFile, options.configFile, options.reviewFile, DEFAULT_REVIEW_FILE].filter((f): f is string => f !== undefined);
    sink = keep ? NO_SINK : openReportSink(options.output, [...paths, ...options.rules, ...own], { folders: { paths, types: INPUT_NAMES } });
    // The list of exhibits is protected as the report is: never over an input, written atomically.
    exhibits = keep || options.exhibits === undefined ? undefined : openReportSink(options.exhibits, [...paths, ...options.rules, ...own], { folders: { paths, types: INPUT_NAMES }, option: '--exhibits' });
    selection = selectInputs(paths, inputSettings(options), shard);
    const inputs = [...selection.inputs.map((i) => i.file), ...selection.problems.map((p) => p.path)];
    sink.protect(inputs);
    exhibits?.protect(inputs);
  } catch (err) {
    sink?.abort();
    exhibits?.abort();
    stop.dispose();
    throw err;
  }
  selection.notices.forEach(warn);
  announceSkipped(selection.skipped, options.verbose === true, warn);
  const explain = options.explain === true;
  // Every document of the report is known before the first is read: the names that tell them
  // apart are fixed now, so that JSON can render each document's citations as it arrives.
  const documentPaths = [...selection.problems.map((p) => p.path), ...selection.inputs.map((i) => i.path)];
  const reportOptions = { ...formatOptions(rules, options, { roots: paths.filter(isFolder), defaultTitle: defaultTitle(paths, documentPaths) }), documentName: documentNamer(documentPaths) };
  // JSON Lines are written as documents finish, in input order; the other formats need the
  // whole report. Either way only document entries and the summary stay in memory for jsonl.
  const streaming = meta.streams;
  const progress = new ProgressLine(process.stderr, options.quiet !== true);
  let outcome: ScanOutcome;
  // Documents whose findings the formatter prepared as they arrived, and of those the ones whose
  // items their worker had rendered.
  let preparedAhead = 0;
  let renderedByWorkers = 0;
  try {
    const running = scanSelection(
      selection,
      {
        ...documentSettings(options, rules, password, cacheDir),
        reviewed,
        failOn,
        legal,
        streaming,
        ...(options.snapshots ? { snapshots: { ...SNAPSHOT_LIMITS, max: options.maxSnapshots ?? MAX_SNAPSHOTS } } : {}),
        // Reviewed findings are new objects: what the workers rendered would not be theirs.
        ...(meta.workerItems && !keep && !reviewed ? { jsonItems: { explain, nameOf: reportOptions.documentName } } : {}),
      },
      {
        signal: stop.signal,
        notice: (line) => {
          progress.clear();
          warn(line);
        },
        onProgress: (p) => progress.update(p),
        // `ahead`: documents are still being analysed, and the formatter may use the wait to
        // do part of the work on this one (JSON renders its findings). The last document is
        // left to the end, once the workers and their memory are gone.
        onDocument: (result, findings, ahead) => {
          progress.clear();
          if (streaming) sink.write(jsonlDocument(result.entry, findings, explain, result.fusion ?? [], result.mentions ?? []));
          // (What a worker rendered is taken even for the last document: it costs nothing here.)
          else if ((ahead || result.json) && !keep && formatter?.prepare) {
            if (formatter.prepare(findings, reportOptions, result.json && { ...result.json, of: result.findings })) renderedByWorkers++;
            preparedAhead++;
          }
          announce(result, warn);
        },
      },
    );
    // The formatter is there for the documents that finish after it is loaded (prepare above).
    const loading = formatterFor(options.format).then((loaded) => (formatter = loaded));
    let loaded: Formatter;
    [loaded, outcome] = await Promise.all([loading, running]);
    const { snapshots, snapshotsLeftOut } = outcome;
    const report = withConfig(outcome.report, options.configFile);
    if (keep) keep(jsonReport(filterReport(report, filters), reportOptions));
    else if (streaming) sink.write(jsonlMissing(report) + jsonlSummary(report, shard));
    else {
      const shown = filterReport(report, filters);
      const max = options.maxSnapshots ?? MAX_SNAPSHOTS;
      const shownOptions = options.snapshots ? withSnapshots(reportOptions, shown.findings, snapshots, snapshotsLeftOut, { beside: meta.snapshots === 'beside', output: options.output, max }) : reportOptions;
      const n = snapshotsLeftOut.size;
      if (n) warn(`--snapshots: ${n} passage image${n > 1 ? 's' : ''} left out (at most ${max} per report, shared among documents and categories; --max-snapshots raises it)`);
      writeReport((chunk) => sink.write(chunk), loaded, shown, shownOptions);
      exhibits?.write(formatExhibits(shown, reportOptions));
    }
    sink.commit();
    exhibits?.commit();
  } catch (err) {
    sink.abort();
    exhibits?.abort();
    throw err;
  } finally {
    progress.clear();
    stop.dispose();
  }
  // For the benchmark only (npm run bench): worker time spent extracting vs tagging.
  if (process.env.TENDERSCAN_TIMINGS) process.stderr.write(`tenderscan timings: ${JSON.stringify({ ...outcome.timings, preparedAhead, renderedByWorkers })}\n`);
  return scanExitCode(outcome.report.documents, outcome.failOnHit, failOn.length > 0, stop);
}

/** --exhibits names a file of its own, and needs the whole report (its findings): not JSON Lines. */
function checkExhibits(file: string, output: string | undefined, streams: boolean): void {
  if (file === '' || file === '-') throw new UsageError(`--exhibits ${file}: give a file name (the list is written beside the report, never to stdout)`);
  if (streams) throw new UsageError('--exhibits needs the findings of the whole report: not with --format jsonl');
  if (output !== undefined && resolve(file) === resolve(output)) throw new UsageError(`--exhibits ${file} is also the report's --output; give it a file of its own`);
}

/**
 * Signals: 128 + their number (Ctrl-C 130, SIGTERM 143, SIGHUP 129). A reader that left
 * stdout: the code of the documents finished; those left unfinished are no results.
 */
export function scanExitCode(entries: DocumentEntry[], failOnHit: boolean, gated: boolean, stop: Pick<RunStop, 'exitCode' | 'outputClosed'>): number {
  if (stop.exitCode !== undefined) return stop.exitCode;
  const unfinished = (d: DocumentEntry) => stop.outputClosed && d.error?.code === 'INTERRUPTED';
  const results = entries.filter((d) => !unfinished(d));
  const analysed = results.filter((d) => d.status !== 'error').length;
  if (analysed === 0 && results.length === entries.length) return EXIT.USAGE;
  if (failOnHit) return EXIT.FAIL_ON;
  if (analysed < results.length) return EXIT.SOME_FAILED;
  // A gate that passes over pages nobody read would pass a scan unseen.
  if (gated && results.some((e) => unreadPages(e).length > 0)) return EXIT.SOME_FAILED;
  return EXIT.OK;
}

/** --files: the documents a scan would read (this shard's), one a line (NUL-terminated with -0); nothing is read. */
function listFiles(paths: string[], options: ScanOptions, shard: Shard | undefined): number {
  const { inputs, problems } = selectInputs(paths, inputSettings(options), shard);
  const end = options.null ? '\0' : '\n';
  process.stdout.write(inputs.map((i) => (options.null ? i.path : escapeTerminal(i.path)) + end).join(''));
  for (const p of problems) if (!options.quiet) process.stderr.write(`${escapeTerminal(p.path)}: ${p.code}: ${p.message}\n`);
  if (inputs.length === 0 && problems.length > 0) return EXIT.USAGE;
  return problems.length ? EXIT.SOME_FAILED : EXIT.OK;
}
