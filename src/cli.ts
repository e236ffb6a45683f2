// Command-line wiring: the only writer to stdout/stderr; errors become exit codes.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { statSync } from 'node:fs';
import { Argument, Command, CommanderError, Option } from 'commander';
import { errorResult, EXIT, OptionError, UsageError } from './errors.js';
import { buildReport, compareFindings, emptySummary, filterReport, summarise, TOOL_VERSION, type ReportFilters } from './report/build.js';
import { interruptedLine, reportLanguageFrom, WORDS, type ReportLanguage } from './report/i18n.js';
import { INTERRUPTED } from './report/dossier.js';
import { jsonlDocument, jsonlSummary } from './report/jsonl.js';
import { mergeShards, readShard } from './report/merge.js';
import { openReportSink, snapshotFolder, writeSnapshotFiles, type ReportSink } from './output.js';
import { pageLinker, parseLinkBase } from './report/links.js';
import type { DocumentEntry, DocumentResult, Finding, FusionItem, PageSnapshot, Report } from './types.js';
import { reviewsForScan, runReview, type ReviewOptions, type ScanReviewOptions } from './commands/review.js';
import type { CommandIO, ScanToReport } from './commands/report-input.js';
import { DEFAULT_REVIEW_FILE } from './review/file.js';
import type { DiffOptions } from './commands/diff.js';
import { FORMAT_NAMES, loadFormatter, type FormatOptions, type Formatter } from './report/index.js';
import { pageRanges, unreadPages } from './report/text.js';
import { documentNamer } from './report/names.js';
import { escapeTerminal } from './report/escape.js';
import { loadCheckedPacks, loadRuleSet, type CheckedPacks } from './rules/load.js';
import { runBatch } from './batch.js';
import { DEFAULT_HEAP_MB } from './pool/pool.js';
import { clearCache, defaultCacheDir, prepareCacheDir, TextCache } from './cache/text-cache.js';
import { wholeNumber } from './option-ranges.js';
import { guardStandardStreams, watchRunStop } from './stop.js';
import { ProgressLine } from './progress.js';
import { expandInputs, type Skipped } from './sources/expand.js';
import { excludeMatcher } from './sources/exclude.js';
import { checkShardSet, inShard, parseShardOption, resolveShard, shardHeader, takeShard, type Shard, type ShardHeader, type ShardRequest } from './shard.js';
import { applyConfig, CONFIG_NAME, findConfig, loadConfig } from './config.js';
import { colorWanted, EXIT_CODES_HELP, parseColor, rewriteCommanderError, SCAN_HELP, versionReport, type ColorWhen } from './cli-help.js';
import { didYouMean } from './suggest.js';
import { completionScript, SHELLS, type Shell } from './cli-docs.js';
import type { OcrMode } from './ocr/apply.js';
import type { Language } from './types.js';

interface ScanOptions extends ScanReviewOptions {
  format: string;
  output?: string;
  rules: string[];
  failOn?: string;
  explain?: boolean;
  password?: string;
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
  passwordFile?: string;
  verbose?: boolean;
  includeText?: boolean;
  shard?: ShardRequest;
  reportLang?: string;
  only?: string;
  hideNegated?: boolean;
  minModality?: string;
  color: ColorWhen | false;
  quiet?: boolean;
  debug?: boolean;
  exclude: string[];
  null?: boolean;
  files?: boolean;
  /** The project config file applied (set by the preAction hook). */
  configFile?: string;
  excel?: boolean;
  title?: string;
  linkBase?: string;
  snapshots?: boolean;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The password is the file's first line (so that it stays out of shell history and `ps`). */
function readPasswordFile(file: string): string {
  try {
    return readFileSync(file, 'utf8').split(/\r?\n/)[0];
  } catch (err) {
    throw new UsageError(`--password-file ${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? err})`);
  }
}

function categoryNamer(rules: Pick<CheckedPacks, 'categories'>, language: ReportLanguage): FormatOptions['categoryName'] {
  const names = new Map(rules.categories.map((c) => [c.id, c]));
  return (id, lang = language) => names.get(id)?.[lang] ?? id;
}

type LinkOptions = { output?: string; title?: string; linkBase?: string };

function formatOptions(
  rules: Pick<CheckedPacks, 'categories'>,
  options: { color: ColorWhen | false; explain?: boolean; reportLang?: string; format: string; excel?: boolean } & LinkOptions,
  inputs: { roots: string[]; defaultTitle?: string } = { roots: [] },
): FormatOptions {
  const language = reportLanguageFrom(process.env, options.reportLang);
  const toTerminal = !options.output && process.stdout.isTTY === true;
  let linkBase: URL | undefined;
  if (options.linkBase !== undefined) {
    const parsed = parseLinkBase(options.linkBase);
    if (typeof parsed === 'string') throw new UsageError(parsed);
    linkBase = parsed;
  }
  const defaultTitle = inputs.defaultTitle && `${inputs.defaultTitle} — ${WORDS[language].title}`;
  return {
    color: options.format === 'terminal' && colorWanted(options.color, process.env, toTerminal),
    explain: options.explain === true,
    language,
    categoryName: categoryNamer(rules, language),
    title: options.title?.trim() || defaultTitle,
    // Links are relative to where the report is written: the -o file's folder, else the current folder.
    pageLink: pageLinker({ cwd: process.cwd(), reportDir: options.output ? dirname(resolve(options.output)) : undefined, linkBase, roots: inputs.roots }),
    // The terminal's width when the report goes to one; else formatTerminal's 80 columns.
    width: toTerminal && process.stdout.columns ? process.stdout.columns : undefined,
    excel: options.excel === true,
  };
}

const isFolder = (path: string) => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/** The default title: the folder or archive given as the only input, else the only document's name. */
function defaultTitle(paths: string[], documents: string[]): string | undefined {
  if (paths.length === 1 && (isFolder(paths[0]) || /\.zip$/i.test(paths[0]))) return basename(resolve(paths[0]));
  return documents.length === 1 ? documentNamer(documents)(documents[0]) : undefined;
}

/** Snapshots kept for a report: at most this many (each is an image embedded or written). */
const MAX_SNAPSHOTS = 200;
const SNAPSHOT_LIMITS = { maxWidth: 1000, max: MAX_SNAPSHOTS };
const snapshotKey = (document: string, s: Pick<PageSnapshot, 'page' | 'start' | 'end' | 'excerptStart'>) => `${document}\u0000${s.page}:${s.start}:${s.end}:${s.excerptStart}`;

function checkFormat(name: string, options: { excel?: boolean } = {}): void {
  if (options.excel && name !== 'csv') throw new UsageError(`--excel applies to --format csv, not ${name}`);
  if (!FORMAT_NAMES.includes(name)) throw new UsageError(`unknown --format "${name}"; expected one of ${FORMAT_NAMES.join(', ')}`);
}

async function formatterFor(name: string, options: { excel?: boolean } = {}): Promise<Formatter> {
  checkFormat(name, options);
  return (await loadFormatter(name))!;
}

function parseFilters(options: { only?: string; hideNegated?: boolean; minModality?: string }, known: Set<string>): ReportFilters {
  const only = options.only?.split(',').map((s) => s.trim()).filter(Boolean);
  for (const c of only ?? []) if (!known.has(c)) throw unknownCategory('--only', c, known);
  return { only, hideNegated: options.hideNegated, minModality: options.minModality as ReportFilters['minModality'] };
}

function unknownCategory(option: string, id: string, known: Set<string>): OptionError {
  return new OptionError(option, `unknown category "${id}"${didYouMean(id, [...known])}; expected one of ${[...known].join(', ')}`);
}

function announce(result: DocumentResult, warn: (line: string) => void): void {
  const { entry } = result;
  // Said once for all of them at the end of the run (interruptedLine), not once per document.
  if (entry.error?.code === INTERRUPTED) return;
  if (entry.status === 'error') {
    warn(`${entry.path}: ${entry.error!.code}: ${entry.error!.message}`);
    return;
  }
  if (entry.pagesWithoutText.length) {
    const many = entry.pagesWithoutText.length > 1;
    const afterOcr = entry.pagesWithoutText.every((p) => entry.ocrPages?.includes(p));
    warn(
      afterOcr
        ? `${entry.path}: page${many ? 's' : ''} ${pageRanges(entry.pagesWithoutText)}: OCR found no text`
        : `${entry.path}: page${many ? 's' : ''} ${pageRanges(entry.pagesWithoutText)} ${many ? 'have' : 'has'} no usable text (scanned?); not analysed: use --ocr auto`,
    );
  }
  if (entry.failedPages.length) {
    warn(`${entry.path}: page${entry.failedPages.length > 1 ? 's' : ''} ${pageRanges(entry.failedPages)} could not be read; the other pages were analysed`);
  }
}

/** Files named by the user are always said; those of folders and archives are counted, or listed with --verbose. */
function announceSkipped(skipped: Skipped[], verbose: boolean, warn: (line: string) => void): void {
  const counted = { unsupported: 0, text: 0, report: 0 };
  for (const s of skipped) {
    if (s.named || verbose) warn(`${s.path}: skipped (${s.reason})`);
    else counted[s.kind]++;
  }
  const plural = (n: number, one: string) => `${n} ${one}${n > 1 ? 's' : ''}`;
  const why = [
    counted.unsupported ? `${counted.unsupported} of unsupported types` : '',
    counted.text ? `${plural(counted.text, 'text file')} (--include-text reads them)` : '',
    counted.report ? plural(counted.report, 'tenderscan report') : '',
  ].filter(Boolean);
  const total = counted.unsupported + counted.text + counted.report;
  if (total > 0) warn(`${plural(total, 'file')} skipped in folders and archives: ${why.join(', ')}; --verbose lists them`);
}

async function scan(paths: string[], options: ScanOptions, into?: ReportSink): Promise<number> {
  checkFormat(options.format, options);
  // Loaded once the workers have their documents (see runBatch below): the terminal's
  // formatter alone (chalk, cli-table3, string-width) took the main thread a quarter of a second.
  let formatter: Formatter | undefined;
  const warn = (line: string) => {
    // Paths and messages come from documents and file names: never raw on the terminal.
    if (!options.quiet) process.stderr.write(escapeTerminal(line) + '\n');
  };
  const shard = resolveShard(options.shard);
  if (options.files) return listFiles(paths, options, shard);
  const cacheDir = options.cache ? usableCacheDir(options.cacheDir ?? defaultCacheDir(), warn) : undefined;
  const packCache = cacheDir ? new TextCache(join(cacheDir, 'packs')) : undefined;
  // The main thread only checks the packs; each worker compiles the checked rules.
  const rules = loadCheckedPacks(options.rules, { cache: packCache });
  const failOn = options.failOn ? options.failOn.split(',').map((s) => s.trim()).filter(Boolean) : [];
  const known = new Set(rules.categories.map((c) => c.id));
  const filters = parseFilters(options, known);
  if (options.format === 'jsonl' && (filters.only || filters.hideNegated || filters.minModality)) {
    throw new UsageError('--only, --hide-negated and --min-modality apply to whole reports, not to --format jsonl (filter at merge)');
  }
  for (const c of failOn) if (!known.has(c)) throw unknownCategory('--fail-on', c, known);
  const reviewed = reviewsForScan(options);
  const badLinkBase = options.linkBase === undefined ? undefined : parseLinkBase(options.linkBase);
  if (typeof badLinkBase === 'string') throw new UsageError(badLinkBase);
  if (options.snapshots && options.format !== 'html' && options.format !== 'markdown') throw new UsageError(`--snapshots: only for --format html (embedded) or markdown (files beside the report), not ${options.format}`);
  if (options.snapshots && options.format === 'markdown' && !options.output) throw new UsageError('--snapshots with --format markdown writes images beside the report: give -o FILE');

  if (options.ocr !== 'never') {
    // Fail at start, with the line to run, rather than on the first scanned page.
    const { checkOcrTools } = await import('./ocr/tesseract.js');
    const problem = await checkOcrTools(options.lang === 'fr' ? 'fra' : options.lang === 'en' ? 'eng' : 'fra+eng');
    if (problem) throw new UsageError(`--ocr ${options.ocr}: ${problem}`);
  }
  const password = options.passwordFile ? readPasswordFile(options.passwordFile) : options.password;
  // Signals are watched, and the output checked (its temporary file made), before any input is read.
  const stop = watchRunStop();
  let sink: ReportSink | undefined;
  let expansion: ReturnType<typeof expandInputs>;
  try {
    const own = [options.passwordFile, options.configFile].filter((f): f is string => f !== undefined);
    sink = into ?? openReportSink(options.output, [...paths, ...options.rules, ...own], { folders: paths });
    expansion = excluded(expandInputs(paths, undefined, expandOptions(options)), options.exclude);
    sink.protect([...expansion.inputs.map((i) => i.file), ...expansion.problems.map((p) => p.path)]);
  } catch (err) {
    sink?.abort();
    stop.dispose();
    throw err;
  }
  const { inputs, notices } = expansion;
  notices.forEach(warn);
  // With --shard every input error and skipped file is reported by one shard only, the one its
  // name hashes to (as for documents), so that merged shards count it once.
  const problems = shard ? takeShard(expansion.problems, shard) : expansion.problems;
  const skipped = shard ? expansion.skipped.filter((s) => inShard(s.path, shard)) : expansion.skipped;
  announceSkipped(skipped, options.verbose === true, warn);
  const selected = shard ? takeShard(inputs, shard) : inputs;
  const explain = options.explain === true;
  const roots = paths.filter(isFolder);
  // Every document of the report is known before the first is read: the names that tell them
  // apart are fixed now, so that JSON can render each document's citations as it arrives.
  const documentPaths = [...problems.map((p) => p.path), ...selected.map((i) => i.path)];
  const reportOptions = { ...formatOptions(rules, options, { roots, defaultTitle: defaultTitle(paths, documentPaths) }), documentName: documentNamer(documentPaths) };
  const snapshots = new Map<string, PageSnapshot>();
  let snapshotsLeftOut = 0;
  // JSON Lines are written as documents finish, in input order; the other formats need the
  // whole report. Either way only document entries and the summary stay in memory for jsonl.
  const streaming = options.format === 'jsonl';
  const entries: DocumentEntry[] = [];
  const findings: Finding[] = [];
  const fusion: FusionItem[] = [];
  const summary = emptySummary();
  let failOnHit = false;
  const timings = { extractMs: 0, analyseMs: 0, snapshotMs: 0, snapshotPages: 0 };
  // `ahead`: documents are still being analysed, and the formatter may use the wait to do its
  // part of the work on this one (JSON renders its findings). The last document is left to the
  // end, once the workers and their memory are gone.
  const take = (result: DocumentResult, ahead = false) => {
    timings.extractMs += result.timings?.extractMs ?? 0;
    timings.analyseMs += result.timings?.analyseMs ?? 0;
    timings.snapshotMs += result.timings?.snapshotMs ?? 0;
    timings.snapshotPages += result.timings?.snapshotPages ?? 0;
    for (const shot of result.snapshots ?? []) {
      if (snapshots.size < MAX_SNAPSHOTS) snapshots.set(snapshotKey(result.entry.path, shot), shot);
      else snapshotsLeftOut++;
    }
    const ordered = [...result.findings].sort(compareFindings);
    const sorted = reviewed ? reviewed.apply(ordered) : ordered;
    entries.push(result.entry);
    fusion.push(...(result.fusion ?? []));
    summarise(sorted, summary);
    if (sorted.some((f) => !f.negated && f.review?.status !== 'false-positive' && failOn.includes(f.category))) failOnHit = true;
    if (streaming) sink.write(jsonlDocument(result.entry, sorted, explain, result.fusion ?? []));
    else {
      findings.push(...sorted);
      if (ahead) formatter?.prepare?.(sorted, reportOptions);
    }
    announce(result, warn);
  };
  const progress = new ProgressLine(process.stderr, options.quiet !== true);
  try {
    problems.map((p) => errorResult(p.path, p.code, p.message)).forEach((result) => take(result));
    const batch = runBatch(
      selected,
      {
        jobs: options.jobs,
        limits: { timeoutMs: options.timeout * 1000, heapMb: options.maxHeap, maxRssMb: options.maxMemory },
        maxFileSize: options.maxFileSize * 1024 * 1024,
        rules,
        password,
        maxPages: options.maxPages,
        ocr: options.ocr,
        language: options.lang,
        cacheDir,
        ...(options.snapshots ? { snapshots: SNAPSHOT_LIMITS } : {}),
      },
      {
        signal: stop.signal,
        dropFindings: true,
        onProgress: (p) => progress.update(p),
        onResult: (result, index) => {
          progress.clear();
          take(result, index < selected.length - 1);
        },
      },
    );
    formatter = (await Promise.all([formatterFor(options.format), batch]))[0];
    progress.clear();
    const unfinished = interruptedLine(entries.filter((e) => e.error?.code === INTERRUPTED).map((e) => e.path), 'en');
    if (unfinished) warn(unfinished);
    const report = buildReport(entries, findings, { hash: rules.hash, files: rules.files }, new Date(), summary, fusion);
    if (reviewed) report.summary.review = reviewed.summary();
    if (streaming) sink.write(jsonlSummary(report, shard));
    else {
      const shown = filterReport(report, filters);
      const shownOptions = options.snapshots ? withSnapshots(reportOptions, shown.findings, snapshots, snapshotsLeftOut, options) : reportOptions;
      if (snapshotsLeftOut) warn(`--snapshots: ${snapshotsLeftOut} passage image${snapshotsLeftOut > 1 ? 's' : ''} left out (at most ${MAX_SNAPSHOTS} per report)`);
      sink.write(formatter.bytes ? formatter.bytes(shown, shownOptions) : formatter(shown, shownOptions));
    }
    sink.commit();
  } catch (err) {
    sink.abort();
    throw err;
  } finally {
    progress.clear();
    stop.dispose();
  }

  // For the benchmark only (npm run bench): worker time spent extracting vs tagging.
  if (process.env.TENDERSCAN_TIMINGS) process.stderr.write(`tenderscan timings: ${JSON.stringify(timings)}\n`);
  // Signals: 128 + their number (Ctrl-C 130, SIGTERM 143, SIGHUP 129). A reader that left
  // stdout: the code of the documents finished; those left unfinished are no results.
  if (stop.exitCode !== undefined) return stop.exitCode;
  const unfinished = (d: DocumentEntry) => stop.outputClosed && d.error?.code === 'INTERRUPTED';
  const results = entries.filter((d) => !unfinished(d));
  const analysed = results.filter((d) => d.status !== 'error').length;
  if (analysed === 0 && results.length === entries.length) return EXIT.USAGE;
  if (failOnHit) return EXIT.FAIL_ON;
  if (analysed < results.length) return EXIT.SOME_FAILED;
  // A gate that passes over pages nobody read would pass a scan unseen.
  if (failOn.length > 0 && results.some((e) => unreadPages(e).length > 0)) return EXIT.SOME_FAILED;
  return EXIT.OK;
}

/**
 * The report's snapshots: embedded as data: URLs in HTML; for Markdown written as files in the
 * folder beside the report and linked relatively ("report.snapshots/d0-p22-001.png").
 */
function withSnapshots(base: FormatOptions, findings: Finding[], shots: Map<string, PageSnapshot>, leftOut: number, options: ScanOptions): FormatOptions {
  const refs = new Map<PageSnapshot, { src: string; width: number; height: number }>();
  const files: { name: string; bytes: Uint8Array }[] = [];
  const docIndex = new Map<string, number>();
  for (const f of findings) {
    const shot = shots.get(snapshotKey(f.document, f));
    if (!shot || refs.has(shot)) continue;
    if (!docIndex.has(f.document)) docIndex.set(f.document, docIndex.size);
    let src: string;
    if (options.format === 'html') src = `data:image/png;base64,${Buffer.from(shot.png).toString('base64')}`;
    else {
      const name = `d${docIndex.get(f.document)}-p${shot.page}-${String(files.length + 1).padStart(3, '0')}.png`;
      files.push({ name, bytes: shot.png });
      src = `${encodeURIComponent(basename(snapshotFolder(options.output!)))}/${name}`;
    }
    refs.set(shot, { src, width: shot.width, height: shot.height });
  }
  if (options.format === 'markdown') writeSnapshotFiles(options.output!, files);
  const words = base.language === 'fr' ? `${leftOut} image${leftOut > 1 ? 's' : ''} de passage non incluse${leftOut > 1 ? 's' : ''} (au plus ${MAX_SNAPSHOTS} par rapport)` : `${leftOut} passage image${leftOut > 1 ? 's' : ''} left out (at most ${MAX_SNAPSHOTS} per report)`;
  return {
    ...base,
    snapshot: (f) => {
      const shot = shots.get(snapshotKey(f.document, f));
      return shot && refs.get(shot);
    },
    ...(leftOut ? { snapshotNotice: words } : {}),
  };
}

/** The cache folder when it can be used; else one notice, and the run goes on without it. */
function usableCacheDir(dir: string, warn: (line: string) => void): string | undefined {
  const problem = prepareCacheDir(dir);
  if (problem) warn(`${dir}: ${problem}; running without the text cache`);
  return problem ? undefined : dir;
}

function expandOptions(options: ScanOptions) {
  return { includeText: options.includeText, maxFileSize: options.maxFileSize * 1024 * 1024, nul: options.null === true };
}

/** The expansion without the inputs, problems and skipped files that --exclude leaves out. */
function excluded(expansion: ReturnType<typeof expandInputs>, patterns: string[]): ReturnType<typeof expandInputs> {
  const leaveOut = excludeMatcher(patterns);
  if (!leaveOut) return expansion;
  return {
    ...expansion,
    inputs: expansion.inputs.filter((i) => !leaveOut(i.path)),
    problems: expansion.problems.filter((p) => !leaveOut(p.path)),
    skipped: expansion.skipped.filter((s) => !leaveOut(s.path)),
  };
}

/** --files: the documents a scan would read (this shard's), one a line (NUL-terminated with -0); nothing is read. */
function listFiles(paths: string[], options: ScanOptions, shard: Shard | undefined): number {
  const expansion = excluded(expandInputs(paths, undefined, expandOptions(options)), options.exclude);
  const selected = shard ? takeShard(expansion.inputs, shard) : expansion.inputs;
  const problems = shard ? takeShard(expansion.problems, shard) : expansion.problems;
  const end = options.null ? '\0' : '\n';
  process.stdout.write(selected.map((i) => (options.null ? i.path : escapeTerminal(i.path)) + end).join(''));
  for (const p of problems) if (!options.quiet) process.stderr.write(`${escapeTerminal(p.path)}: ${p.code}: ${p.message}\n`);
  if (selected.length === 0 && problems.length > 0) return EXIT.USAGE;
  return problems.length ? EXIT.SOME_FAILED : EXIT.OK;
}

type ReportOptions = { format: string; output?: string; explain?: boolean; color: ColorWhen | false; allowIncomplete?: boolean; reportLang?: string; only?: string; hideNegated?: boolean; minModality?: string; excel?: boolean; title?: string; linkBase?: string };

/**
 * Refuses (exit 2) a merge that would not be one run's report: other rule packs or another
 * version in one of the files, always; shards missing, repeated or unfinished, unless
 * --allow-incomplete (then each is a notice).
 */
function checkWholeRun(headers: ShardHeader[], allowIncomplete: boolean): void {
  const { mixed, incomplete } = checkShardSet(headers);
  if (mixed.length) throw new UsageError(`merge: ${mixed.join('; ')}`);
  if (incomplete.length && !allowIncomplete) throw new UsageError(`merge: ${incomplete.join('; ')} (--allow-incomplete merges what is there)`);
  for (const line of incomplete) process.stderr.write(`tenderscan: merge: ${escapeTerminal(line)}; merged anyway (--allow-incomplete)\n`);
}

async function merge(files: string[], options: ReportOptions): Promise<number> {
  const formatter = await formatterFor(options.format, options);
  const shards = files.map((file) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new UsageError(`${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? err})`);
    }
    return { file, shard: readShard(text, file) };
  });
  checkWholeRun(shards.map(({ file, shard }) => shardHeader(file, shard)), options.allowIncomplete === true);
  const { entries, findings, fusion, rulePacks, notices } = mergeShards(shards);
  for (const notice of notices) process.stderr.write(escapeTerminal(notice) + '\n');
  const rules = loadRuleSet();
  const report = buildReport(entries, findings, rulePacks ?? { hash: 'unknown', files: [] }, new Date(), undefined, fusion);
  const sink = openReportSink(options.output, files);
  const filters = parseFilters(options, new Set([...rules.categories.map((c) => c.id), ...findings.map((f) => f.category)]));
  sink.write(formatter(filterReport(report, filters), formatOptions(rules, options, { roots: [], defaultTitle: defaultTitle([], entries.map((e) => e.path)) })));
  sink.commit();
  const analysed = entries.filter((d) => d.status !== 'error').length;
  if (entries.length > 0 && analysed === 0) return EXIT.USAGE;
  return analysed < entries.length ? EXIT.SOME_FAILED : EXIT.OK;
}

function listRules(options: { format: string; rules: string[]; check?: string }): number {
  if (options.check) {
    const set = loadRuleSet([options.check], { builtin: true });
    const own = set.rules.filter((r) => r.file === options.check);
    process.stdout.write(escapeTerminal(`${options.check}: ${own.length} rule${own.length === 1 ? '' : 's'}, valid`) + '\n');
    return EXIT.OK;
  }
  const set = loadRuleSet(options.rules);
  if (options.format === 'json') {
    process.stdout.write(JSON.stringify({ hash: set.hash, files: set.files, categories: set.categories, rules: set.rules, sources: set.sources }, null, 2) + '\n');
    return EXIT.OK;
  }
  if (options.format !== 'table') throw new UsageError(`unknown --format "${options.format}"; expected table or json`);
  const lines = [`${set.rules.length} rules in ${set.files.length} packs (hash ${set.hash})`, ''];
  for (const category of set.categories) {
    const rules = set.rules.filter((r) => r.category === category.id);
    lines.push(`${category.id} — ${category.en} / ${category.fr} (${rules.length} rules)`);
    for (const r of rules) lines.push(`  ${r.id.padEnd(44)} ${r.kind.padEnd(10)} ${r.description ?? ''}`);
  }
  const products = set.rules.filter((r) => r.kind === 'product');
  lines.push(`products (${products.length} entries)`);
  for (const r of products) lines.push(`  ${r.id.padEnd(44)} ${(r.categories ?? []).join(', ')}: ${r.description ?? ''}`);
  const exceptions = set.rules.filter((r) => r.category === null && r.kind !== 'product');
  lines.push(`exceptions (${exceptions.length} rules)`);
  for (const r of exceptions) lines.push(`  ${r.id.padEnd(44)} ${r.kind.padEnd(10)} ${r.description ?? ''}`);
  lines.push(`sources of the vocabulary (${set.sources.length} packs)`);
  for (const p of set.sources) for (const source of p.sources) lines.push(`  ${p.file.padEnd(44)} ${source.title} <${source.url}>`);
  process.stdout.write(lines.map(escapeTerminal).join('\n') + '\n');
  return EXIT.OK;
}

/** The options that shape a report, shared by scan and merge. */
function withReportOptions(command: Command): Command {
  return withColorOptions(
    command
    .addOption(new Option('-f, --format <name>', 'report format').choices(FORMAT_NAMES).default('terminal'))
    .option('-o, --output <file>', 'write the report to FILE (atomically) instead of stdout')
    .option('--explain', 'show which rule, words and negation/modality cue made each finding')
    .addOption(new Option('--report-lang <language>', 'language of terminal, Markdown and HTML reports (default: from LC_ALL/LANG, else English)').choices(['fr', 'en']))
    .option('--only <categories>', 'report only these categories (comma-separated)')
    .option('--hide-negated', 'leave negated findings out of the report')
    .option('--excel', 'CSV for spreadsheet programs: a UTF-8 byte order mark first, so that Excel reads accents right')
    .option('--title <text>', 'title of the HTML report (default: the folder or archive given, else the document)')
    .option('--link-base <url>', 'make page links point under this http(s) URL, where the documents are published (default: relative to the report)')
    .addOption(new Option('--min-modality <modality>', 'asserted: leave optional findings out').choices(['asserted', 'optional'])),
  );
}

/** --color auto|always|never and --no-color, for every command that prints a report or a diff. */
function withColorOptions(command: Command): Command {
  return command
    .addOption(new Option('--color <when>', 'colour: auto (a terminal, unless NO_COLOR; FORCE_COLOR forces it), always or never').choices(['auto', 'always', 'never']).argParser(parseColor).default('auto'))
    .option('--no-color', 'the same as --color never');
}

/** The options that pick and read the documents: scan's, and review's and diff's when they scan. */
function withScanInputOptions(command: Command): Command {
  return command
    .option('-r, --rules <file>', 'add or override rules from a YAML/JSON pack (repeatable)', collect, [])
    .option('--password <password>', 'password for encrypted PDFs (tried only on documents that need one)')
    .option('--password-file <file>', 'read the password from the first line of FILE')
    .option('-j, --jobs <n>', 'worker threads (documents analysed in parallel, pages of long PDFs shared out) and OCR processes at once', wholeNumber('--jobs'), availableParallelism())
    .option('--timeout <seconds>', 'a document taking longer ends as TIMEOUT', wholeNumber('--timeout'), 120)
    .option('--max-file-size <MB>', 'larger files end as TOO_LARGE without being read', wholeNumber('--max-file-size'), 200)
    .option('--max-heap <MB>', 'JavaScript heap allowed to one document; above it: RESOURCE_LIMIT', wholeNumber('--max-heap'), DEFAULT_HEAP_MB)
    .option('--max-memory <MB>', 'resident memory of the whole run; above it the longest-running document ends as RESOURCE_LIMIT', wholeNumber('--max-memory'), 3072)
    .option('--no-cache', 'do not read or write the text and result cache')
    .option('--cache-dir <dir>', 'folder of the text cache (default: $XDG_CACHE_HOME/tenderscan or ~/.cache/tenderscan)')
    .option('--max-pages <n>', 'documents with more pages end as TOO_LARGE', wholeNumber('--max-pages'), 5000)
    .addOption(new Option('--ocr <mode>', 'OCR pages without usable text (auto), every page (always) or none').choices(['never', 'auto', 'always']).default('never'))
    .addOption(new Option('--lang <language>', 'language of the documents (OCR and detection fallback)').choices(['fr', 'en']))
    .option('-q, --quiet', 'no notices on stderr')
    .option('-v, --verbose', 'list the files skipped in folders and archives, and why')
    .option('--include-text', 'also read the .txt and .md files found in folders and archives (named ones are always read)')
    .option('--exclude <glob>', 'leave out inputs matching GLOB (file name, or path with a /); repeatable', collect, [])
    .option('-0, --null', 'paths on stdin (-) are separated by NUL bytes (find -print0); --files ends each with NUL')
    .option('--config <file>', `project config file (default: the nearest ${CONFIG_NAME} from the current folder up to the git root)`)
    .option('--no-config', 'ignore any project config file')
    .option('--debug', 'print stack traces of unexpected errors');
}

/** scan's own pipeline into a report in memory, for review and diff (no review file, no filter). */
function scanner(options: ScanOptions): ScanToReport {
  return async (paths) => {
    const parts: Buffer[] = [];
    const sink: ReportSink = { write: (text) => void parts.push(Buffer.from(text)), protect: () => undefined, commit: () => undefined, abort: () => undefined };
    const asScan: ScanOptions = { ...options, format: 'json', output: undefined, explain: false, failOn: undefined, shard: undefined, only: undefined, hideNegated: false, minModality: undefined, review: false, reviewFile: undefined, showReviewed: false, newOnly: false, files: false };
    const exitCode = await scan(paths, asScan, sink);
    return { report: JSON.parse(Buffer.concat(parts).toString('utf8')) as Report, exitCode };
  };
}

/** stdout and stderr for a command; a question-asker when stdin and stdout are terminals. */
function commandIO(interactive: boolean): CommandIO {
  const io: CommandIO = { out: (text) => void process.stdout.write(text), err: (text) => void process.stderr.write(text) };
  if (interactive && process.stdin.isTTY && process.stdout.isTTY) {
    io.ask = async (question) => {
      const { createInterface } = await import('node:readline/promises');
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      try {
        return await rl.question(question);
      } catch {
        return undefined; // Ctrl-D / Ctrl-C: stop asking
      } finally {
        rl.close();
      }
    };
  }
  return io;
}

/**
 * The program and its commands, as commander objects: main runs them, and `npm run docs:gen`
 * writes the man page and the shell completions from the same definitions.
 */
export function buildProgram(argv: string[] = []): { program: Command; outcome: () => { exitCode: number; debug: boolean } } {
  let debug = argv.includes('--debug');
  // The command whose options are being read, for the "see … --help" of an error.
  let current = 'tenderscan';
  const program = new Command('tenderscan')
    .description('Finds the data sources and surveillance techniques that public tender documents plan, with page citations.')
    .version(TOOL_VERSION, '-V, --version', 'print the version (with --verbose: pdf.js, Node.js, rule-pack hash)')
    .exitOverride()
    .configureOutput({
      writeErr: (s) => process.stderr.write(s.split('\n').map(escapeTerminal).join('\n')),
      outputError: (s, write) => write(rewriteCommanderError(s, current)),
    })
    .addHelpText('after', SCAN_HELP)
    .hook('preSubcommand', (_program, sub) => {
      current = `tenderscan ${sub.name()}`;
    })
    .hook('preAction', (_program, action) => {
      // Every command that scans documents has --config.
      if (action.options.some((o) => o.long === '--config')) useProjectConfig(action);
    });
  let exitCode: number = EXIT.OK;

  withScanInputOptions(
    withReportOptions(
      program
        .command('scan')
        .description('scan documents and print a page-referenced report')
        .argument('<paths...>', 'PDF, DOCX, ODT, TXT/MD files, ZIP archives, folders (recursive; text files with --include-text), glob patterns, or - for paths on stdin'),
    ),
  )
    .option('--fail-on <categories>', 'exit 1 when a positive finding of one of these categories (comma-separated) exists; 3 when pages were not read (no usable text, no --ocr)')
    .option('--shard <I/N|auto>', 'analyse only share I of N of the inputs (to split a run over N machines); auto or auto/N: from GNU parallel, Kubernetes or Slurm', parseShardOption)
    .option('--files', 'list the documents that would be scanned, and exit')
    .option('--review-file <file>', `judged findings to apply (default: ${DEFAULT_REVIEW_FILE} in the current folder, if any)`)
    .option('--no-review', 'apply no review file, not even the default one')
    .option('--show-reviewed', 'show the findings judged false positives too (labelled)')
    .option('--new-only', 'show only the findings nobody has judged yet (the baseline)')
    .option('--snapshots', 'HTML and Markdown: an image of the page region around each finding, matched words outlined')
    .addHelpText('after', SCAN_HELP)
    .action(async (paths: string[], options: ScanOptions) => {
      debug = options.debug === true;
      exitCode = await scan(paths, options);
    });

  withScanInputOptions(
    program
      .command('review')
      .description('record findings judged false positives or confirmed in the review file (by id, or one by one at a terminal)')
      .argument('<report-or-paths...>', 'a JSON / JSON Lines report, or documents to scan')
      .addOption(new Option('--mark <status>', 'the judgement to record').choices(['false-positive', 'confirmed']))
      .option('--finding <id>', 'id of the finding judged (repeatable, or comma-separated)', collect, [])
      .option('--comment <text>', 'why (kept in the review file)')
      .option('--review-file <file>', 'the review file to write', DEFAULT_REVIEW_FILE),
  ).action(async (targets: string[], options: ReviewOptions & ScanOptions) => {
    debug = options.debug === true;
    exitCode = await runReview(targets, options, scanner(options), commandIO(true));
  });

  withScanInputOptions(
    withColorOptions(program.command('diff'))
      .description('compare two versions of a dossier: documents and findings added, removed, flipped')
      .argument('<old>', 'a JSON / JSON Lines report, or a file or folder to scan')
      .argument('<new>', 'the same, for the new version')
      .addOption(new Option('-f, --format <name>', 'diff format').choices(FORMAT_NAMES).default('terminal'))
      .option('-o, --output <file>', 'write the diff to FILE (atomically) instead of stdout')
      .addOption(new Option('--report-lang <language>', 'language of terminal, Markdown and HTML diffs').choices(['fr', 'en']))
      .option('--fail-on-new <categories>', 'exit 1 when a new positive finding of one of these categories (comma-separated) appears'),
  )
    .addHelpText('after', '\nExit codes: 0 done; 1 --fail-on-new matched; 2 bad input (nothing written); 3 some documents of a scanned side failed; 130 interrupted')
    .action(async (before: string, after: string, options: DiffOptions & ScanOptions) => {
      debug = options.debug === true;
      const rules = loadCheckedPacks(options.rules);
      // Loaded here: its terminal format brings the report's (chalk, cli-table3, string-width).
      const { runDiff } = await import('./commands/diff.js');
      const context = { scan: scanner(options), formatOptions: formatOptions(rules, options), categories: rules.categories.map((c) => c.id), io: commandIO(false) };
      exitCode = await runDiff(before, after, options, context);
    });

  withReportOptions(
    program
      .command('merge')
      .description('combine JSON Lines reports (from --shard runs) into one report; refuses missing shards and mixed rule packs or versions')
      .argument('<files...>', 'JSON Lines reports written by scan --format jsonl'),
  )
    .option('--allow-incomplete', 'merge even when shards are missing, repeated or unfinished (each named on stderr)')
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async (files: string[], options: ReportOptions) => {
      exitCode = await merge(files, options);
    });

  program
    .command('cache')
    .description('manage the text cache')
    .command('clear')
    .description('empty the text cache (only a folder marked as a tenderscan cache, only what the cache wrote)')
    .option('--cache-dir <dir>', 'folder of the text cache')
    .action((options: { cacheDir?: string }) => {
      const dir = options.cacheDir ?? defaultCacheDir();
      const { removed, kept } = clearCache(dir);
      process.stdout.write(escapeTerminal(`emptied ${dir} (${removed} entr${removed === 1 ? 'y' : 'ies'} removed)`) + '\n');
      if (kept.length) process.stderr.write(escapeTerminal(`${dir}: left ${kept.length} item${kept.length > 1 ? 's' : ''} that tenderscan did not write, e.g. ${kept[0]}`) + '\n');
    });

  program
    .command('rules')
    .description('list the categories and rules in use, or validate a rule pack')
    .addOption(new Option('-f, --format <name>', 'output format').choices(['table', 'json']).default('table'))
    .option('-r, --rules <file>', 'add a user pack to the list (repeatable)', collect, [])
    .option('--check <file>', 'validate a rule pack and exit')
    .action((options: { format: string; rules: string[]; check?: string }) => {
      exitCode = listRules(options);
    });

  program
    .command('completions')
    .description('print a shell completion script (bash: source <(tenderscan completions bash))')
    .addArgument(new Argument('<shell>', 'the shell').choices(SHELLS))
    .action((shell: Shell) => {
      process.stdout.write(completionScript(program, shell));
    });

  return { program, outcome: () => ({ exitCode, debug }) };
}

/** Applies the project config to `scan` (the command line wins; --no-config skips it). */
function useProjectConfig(command: Command): void {
  const given = command.getOptionValue('config') as string | false | undefined;
  if (given === false) return;
  const file = given ?? findConfig();
  if (!file) return;
  applyConfig(command, loadConfig(file));
  command.setOptionValue('configFile', file);
}

/** `--version --verbose` (and nothing else): versions and the rule-pack hash in use here. */
function isVerboseVersion(args: string[]): boolean {
  return args.length === 2 && args.some((a) => a === '--version' || a === '-V') && args.some((a) => a === '--verbose' || a === '-v');
}

export async function main(argv: string[]): Promise<number> {
  // A reader that stops early (`| head`) is not an error, and changes no exit code.
  guardStandardStreams();
  const { program, outcome } = buildProgram(argv);
  try {
    if (isVerboseVersion(argv.slice(2))) {
      const configFile = findConfig();
      const packs = configFile ? (loadConfig(configFile).values.rules as string[] | undefined) ?? [] : [];
      process.stdout.write(versionReport(TOOL_VERSION, loadRuleSet(packs).hash, configFile));
      return EXIT.OK;
    }
    await program.parseAsync(argv);
    return outcome().exitCode;
  } catch (err) {
    const { debug } = outcome();
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    if (err instanceof OptionError) {
      const command = argv[2] && program.commands.some((c) => c.name() === argv[2]) ? `tenderscan ${argv[2]}` : 'tenderscan';
      process.stderr.write(`tenderscan: ${err.message}; see '${command} --help'\n`);
      return EXIT.USAGE;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`tenderscan: ${escapeTerminal(err.message)}\n`);
      return EXIT.USAGE;
    }
    process.stderr.write(`tenderscan: unexpected error: ${escapeTerminal(String((err as Error)?.message ?? err))}\n`);
    if (debug) process.stderr.write(`${(err as Error)?.stack ?? ''}\n`);
    return EXIT.USAGE;
  }
}
