// Command-line wiring: the only writer to stdout/stderr; errors become exit codes.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { errorResult, EXIT, UsageError } from './errors.js';
import { buildReport, compareFindings, emptySummary, filterReport, summarise, TOOL_VERSION, type ReportFilters } from './report/build.js';
import { reportLanguageFrom, type ReportLanguage } from './report/i18n.js';
import { jsonlDocument, jsonlSummary } from './report/jsonl.js';
import { mergeShards, readShard } from './report/merge.js';
import { openReportSink, type ReportSink } from './output.js';
import type { DocumentEntry, DocumentResult, Finding, FusionItem } from './types.js';
import { createHash } from 'node:crypto';
import { FORMAT_NAMES, loadFormatter, type FormatOptions } from './report/index.js';
import { pageRanges, unreadPages } from './report/text.js';
import { documentNamer } from './report/names.js';
import { escapeTerminal } from './report/escape.js';
import { checkRulePacks, loadRuleSet, readPackSources, type CheckedPacks } from './rules/load.js';
import { runBatch } from './batch.js';
import { DEFAULT_HEAP_MB } from './pool/pool.js';
import { clearCache, defaultCacheDir, prepareCacheDir, TextCache } from './cache/text-cache.js';
import { wholeNumber } from './option-ranges.js';
import { guardStandardStreams, watchRunStop } from './stop.js';
import { ProgressLine } from './progress.js';
import { expandInputs, type Skipped } from './sources/expand.js';
import type { OcrMode } from './ocr/apply.js';
import type { Language } from './types.js';

interface ScanOptions {
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
  shard?: { index: number; count: number };
  reportLang?: string;
  only?: string;
  hideNegated?: boolean;
  minModality?: string;
  color: boolean;
  quiet?: boolean;
  debug?: boolean;
}

const EXIT_CODES_HELP = `
Exit codes:
  0  every document was analysed
  1  --fail-on was given and a positive (not negated) finding of one of its categories exists
  2  usage error, invalid rule pack, or no document could be analysed
  3  some documents failed (each named on stderr); the others are reported;
     with --fail-on, also when pages were not read (no usable text, no --ocr):
     their findings cannot be ruled out
  130, 143, 129  interrupted by Ctrl-C, SIGTERM or SIGHUP
When several apply, the first of 130/143/129, 2, 1, 3 wins.`;

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

function formatOptions(rules: Pick<CheckedPacks, 'categories'>, options: { color: boolean; explain?: boolean; reportLang?: string; output?: string; format: string }): FormatOptions {
  const language = reportLanguageFrom(process.env, options.reportLang);
  const toTerminal = !options.output && process.stdout.isTTY === true;
  return {
    color: options.color && !process.env.NO_COLOR && toTerminal && options.format === 'terminal',
    explain: options.explain === true,
    language,
    categoryName: categoryNamer(rules, language),
  };
}

async function formatterFor(name: string) {
  const formatter = await loadFormatter(name);
  if (!formatter) throw new UsageError(`unknown --format "${name}"; expected one of ${FORMAT_NAMES.join(', ')}`);
  return formatter;
}

function parseFilters(options: { only?: string; hideNegated?: boolean; minModality?: string }, known: Set<string>): ReportFilters {
  const only = options.only?.split(',').map((s) => s.trim()).filter(Boolean);
  for (const c of only ?? []) if (!known.has(c)) throw new UsageError(`--only: unknown category "${c}"; expected one of ${[...known].join(', ')}`);
  return { only, hideNegated: options.hideNegated, minModality: options.minModality as ReportFilters['minModality'] };
}

function announce(result: DocumentResult, warn: (line: string) => void): void {
  const { entry } = result;
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

async function scan(paths: string[], options: ScanOptions): Promise<number> {
  const formatter = await formatterFor(options.format);
  const warn = (line: string) => {
    // Paths and messages come from documents and file names: never raw on the terminal.
    if (!options.quiet) process.stderr.write(escapeTerminal(line) + '\n');
  };
  const cacheDir = options.cache ? usableCacheDir(options.cacheDir ?? defaultCacheDir(), warn) : undefined;
  const packCache = cacheDir ? new TextCache(join(cacheDir, 'packs')) : undefined;
  const packs = readPackSources(options.rules, { cache: packCache });
  // The main thread only checks the packs; each worker compiles the checked rules.
  const rules = checkRulePacks(packs, packCache);
  const failOn = options.failOn ? options.failOn.split(',').map((s) => s.trim()).filter(Boolean) : [];
  const known = new Set(rules.categories.map((c) => c.id));
  const filters = parseFilters(options, known);
  if (options.format === 'jsonl' && (filters.only || filters.hideNegated || filters.minModality)) {
    throw new UsageError('--only, --hide-negated and --min-modality apply to whole reports, not to --format jsonl (filter at merge)');
  }
  for (const c of failOn) if (!known.has(c)) throw new UsageError(`--fail-on: unknown category "${c}"; expected one of ${[...known].join(', ')}`);

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
    sink = openReportSink(options.output, [...paths, ...options.rules, ...(options.passwordFile ? [options.passwordFile] : [])], { folders: paths });
    expansion = expandInputs(paths, undefined, { includeText: options.includeText, maxFileSize: options.maxFileSize * 1024 * 1024 });
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
  const problems = options.shard ? takeShard(expansion.problems, options.shard) : expansion.problems;
  const skipped = options.shard ? expansion.skipped.filter((s) => inShard(s.path, options.shard!)) : expansion.skipped;
  announceSkipped(skipped, options.verbose === true, warn);
  const selected = options.shard ? takeShard(inputs, options.shard) : inputs;
  const explain = options.explain === true;
  // Every document of the report is known before the first is read: the names that tell them
  // apart are fixed now, so that JSON can render each document's citations as it arrives.
  const reportOptions = { ...formatOptions(rules, options), documentName: documentNamer([...problems.map((p) => p.path), ...selected.map((i) => i.path)]) };
  // JSON Lines are written as documents finish, in input order; the other formats need the
  // whole report. Either way only document entries and the summary stay in memory for jsonl.
  const streaming = options.format === 'jsonl';
  const entries: DocumentEntry[] = [];
  const findings: Finding[] = [];
  const fusion: FusionItem[] = [];
  const summary = emptySummary();
  let failOnHit = false;
  const timings = { extractMs: 0, analyseMs: 0 };
  // `ahead`: documents are still being analysed, and the formatter may use the wait to do its
  // part of the work on this one (JSON renders its findings). The last document is left to the
  // end, once the workers and their memory are gone.
  const take = (result: DocumentResult, ahead = false) => {
    timings.extractMs += result.timings?.extractMs ?? 0;
    timings.analyseMs += result.timings?.analyseMs ?? 0;
    const sorted = [...result.findings].sort(compareFindings);
    entries.push(result.entry);
    fusion.push(...(result.fusion ?? []));
    summarise(sorted, summary);
    if (sorted.some((f) => !f.negated && failOn.includes(f.category))) failOnHit = true;
    if (streaming) sink.write(jsonlDocument(result.entry, sorted, explain, result.fusion ?? []));
    else {
      findings.push(...sorted);
      if (ahead) formatter.prepare?.(sorted, reportOptions);
    }
    announce(result, warn);
  };
  const progress = new ProgressLine(process.stderr, options.quiet !== true);
  try {
    problems.map((p) => errorResult(p.path, p.code, p.message)).forEach((result) => take(result));
    await runBatch(
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
    const report = buildReport(entries, findings, { hash: rules.hash, files: rules.files }, new Date(), summary, fusion);
    if (streaming) sink.write(jsonlSummary(report));
    else {
      const shown = filterReport(report, filters);
      sink.write(formatter.bytes ? formatter.bytes(shown, reportOptions) : formatter(shown, reportOptions));
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

/** The cache folder when it can be used; else one notice, and the run goes on without it. */
function usableCacheDir(dir: string, warn: (line: string) => void): string | undefined {
  const problem = prepareCacheDir(dir);
  if (problem) warn(`${dir}: ${problem}; running without the text cache`);
  return problem ? undefined : dir;
}

/** Parses "I/N" (1-based). */
function parseShard(value: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) throw new UsageError(`--shard: expected I/N with 1 <= I <= N, got "${value}"`);
  return { index, count };
}

/**
 * A deterministic share of the inputs: each document goes to the shard given by a hash of its
 * name, so N machines given the same arguments split the work without talking to each other.
 */
function inShard(path: string, shard: { index: number; count: number }): boolean {
  return createHash('sha256').update(path).digest().readUInt32BE(0) % shard.count === shard.index - 1;
}

function takeShard<T extends { path: string }>(inputs: T[], shard: { index: number; count: number }): T[] {
  return inputs.filter((i) => inShard(i.path, shard));
}

type ReportOptions = { format: string; output?: string; explain?: boolean; color: boolean; reportLang?: string; only?: string; hideNegated?: boolean; minModality?: string };

async function merge(files: string[], options: ReportOptions): Promise<number> {
  const formatter = await formatterFor(options.format);
  const shards = files.map((file) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new UsageError(`${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? err})`);
    }
    return { file, shard: readShard(text, file) };
  });
  const { entries, findings, fusion, rulePacks, notices } = mergeShards(shards);
  for (const notice of notices) process.stderr.write(escapeTerminal(notice) + '\n');
  const rules = loadRuleSet();
  const report = buildReport(entries, findings, rulePacks ?? { hash: 'unknown', files: [] }, new Date(), undefined, fusion);
  const sink = openReportSink(options.output, files);
  const filters = parseFilters(options, new Set([...rules.categories.map((c) => c.id), ...findings.map((f) => f.category)]));
  sink.write(formatter(filterReport(report, filters), formatOptions(rules, options)));
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
    process.stdout.write(JSON.stringify({ hash: set.hash, files: set.files, categories: set.categories, rules: set.rules }, null, 2) + '\n');
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
  process.stdout.write(lines.map(escapeTerminal).join('\n') + '\n');
  return EXIT.OK;
}

/** The options that shape a report, shared by scan and merge. */
function withReportOptions(command: Command): Command {
  return command
    .addOption(new Option('-f, --format <name>', 'report format').choices(FORMAT_NAMES).default('terminal'))
    .option('-o, --output <file>', 'write the report to FILE (atomically) instead of stdout')
    .option('--explain', 'show which rule, words and negation/modality cue made each finding')
    .addOption(new Option('--report-lang <language>', 'language of terminal, Markdown and HTML reports (default: from LC_ALL/LANG, else English)').choices(['fr', 'en']))
    .option('--only <categories>', 'report only these categories (comma-separated)')
    .option('--hide-negated', 'leave negated findings out of the report')
    .addOption(new Option('--min-modality <modality>', 'asserted: leave optional findings out').choices(['asserted', 'optional']))
    .option('--no-color', 'no colour (also off with NO_COLOR or when stdout is not a terminal)');
}

export async function main(argv: string[]): Promise<number> {
  // A reader that stops early (`| head`) is not an error, and changes no exit code.
  guardStandardStreams();
  let debug = argv.includes('--debug');
  const program = new Command('tenderscan')
    .description('Finds the data sources and surveillance techniques that public tender documents plan, with page citations.')
    .version(TOOL_VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s.split('\n').map(escapeTerminal).join('\n')) })
    .addHelpText('after', EXIT_CODES_HELP);
  let exitCode: number = EXIT.OK;

  withReportOptions(
    program
      .command('scan')
      .description('scan documents and print a page-referenced report')
      .argument('<paths...>', 'PDF, DOCX, ODT, TXT/MD files, ZIP archives, folders (recursive; text files with --include-text), glob patterns, or - for paths on stdin'),
  )
    .option('-r, --rules <file>', 'add or override rules from a YAML/JSON pack (repeatable)', collect, [])
    .option('--fail-on <categories>', 'exit 1 when a positive finding of one of these categories (comma-separated) exists; 3 when pages were not read (no usable text, no --ocr)')
    .option('--password <password>', 'password for encrypted PDFs (tried only on documents that need one)')
    .option('--password-file <file>', 'read the password from the first line of FILE')
    .option('-j, --jobs <n>', 'documents analysed in parallel (worker threads)', wholeNumber('--jobs'), availableParallelism())
    .option('--timeout <seconds>', 'a document taking longer ends as TIMEOUT', wholeNumber('--timeout'), 120)
    .option('--max-file-size <MB>', 'larger files end as TOO_LARGE without being read', wholeNumber('--max-file-size'), 200)
    .option('--max-heap <MB>', 'JavaScript heap allowed to one document; above it: RESOURCE_LIMIT', wholeNumber('--max-heap'), DEFAULT_HEAP_MB)
    .option('--max-memory <MB>', 'resident memory of the whole run; above it the longest-running document ends as RESOURCE_LIMIT', wholeNumber('--max-memory'), 3072)
    .option('--no-cache', 'do not read or write the text cache')
    .option('--cache-dir <dir>', 'folder of the text cache (default: $XDG_CACHE_HOME/tenderscan or ~/.cache/tenderscan)')
    .option('--max-pages <n>', 'documents with more pages end as TOO_LARGE', wholeNumber('--max-pages'), 5000)
    .addOption(new Option('--ocr <mode>', 'OCR pages without usable text (auto), every page (always) or none').choices(['never', 'auto', 'always']).default('never'))
    .addOption(new Option('--lang <language>', 'language of the documents (OCR and detection fallback)').choices(['fr', 'en']))
    .option('-q, --quiet', 'no notices on stderr')
    .option('-v, --verbose', 'list the files skipped in folders and archives, and why')
    .option('--include-text', 'also read the .txt and .md files found in folders and archives (named ones are always read)')
    .option('--shard <I/N>', 'analyse only a deterministic share I of N of the inputs (to split a run over N machines)', parseShard)
    .option('--debug', 'print stack traces of unexpected errors')
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async (paths: string[], options: ScanOptions) => {
      debug = options.debug === true;
      exitCode = await scan(paths, options);
    });

  withReportOptions(
    program
      .command('merge')
      .description('combine JSON Lines reports (from --shard runs) into one report')
      .argument('<files...>', 'JSON Lines reports written by scan --format jsonl'),
  ).action(async (files: string[], options: ReportOptions) => {
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

  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
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
