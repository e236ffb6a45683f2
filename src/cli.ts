// Command-line wiring: the only writer to stdout/stderr; errors become exit codes.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Argument, Command, CommanderError, Option } from 'commander';
import { errorResult, EXIT, OptionError, UsageError } from './errors.js';
import { buildReport, compareFindings, emptySummary, filterReport, summarise, TOOL_VERSION, type ReportFilters } from './report/build.js';
import { reportLanguageFrom, type ReportLanguage } from './report/i18n.js';
import { jsonlDocument, jsonlSummary } from './report/jsonl.js';
import { mergeShards, readShard } from './report/merge.js';
import { openReportSink, type ReportSink } from './output.js';
import type { DocumentEntry, DocumentResult, Finding, FusionItem } from './types.js';
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
import { excludeMatcher } from './sources/exclude.js';
import { checkShardSet, inShard, parseShardOption, resolveShard, shardHeader, takeShard, type Shard, type ShardHeader, type ShardRequest } from './shard.js';
import { applyConfig, CONFIG_NAME, findConfig, loadConfig } from './config.js';
import { colorWanted, EXIT_CODES_HELP, parseColor, rewriteCommanderError, SCAN_HELP, versionReport, type ColorWhen } from './cli-help.js';
import { didYouMean } from './suggest.js';
import { completionScript, SHELLS, type Shell } from './cli-docs.js';
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

function formatOptions(rules: Pick<CheckedPacks, 'categories'>, options: { color: ColorWhen | false; explain?: boolean; reportLang?: string; output?: string; format: string }): FormatOptions {
  const language = reportLanguageFrom(process.env, options.reportLang);
  const toTerminal = !options.output && process.stdout.isTTY === true;
  return {
    color: options.format === 'terminal' && colorWanted(options.color, process.env, toTerminal),
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
  for (const c of only ?? []) if (!known.has(c)) throw unknownCategory('--only', c, known);
  return { only, hideNegated: options.hideNegated, minModality: options.minModality as ReportFilters['minModality'] };
}

function unknownCategory(option: string, id: string, known: Set<string>): OptionError {
  return new OptionError(option, `unknown category "${id}"${didYouMean(id, [...known])}; expected one of ${[...known].join(', ')}`);
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
  const shard = resolveShard(options.shard);
  if (options.files) return listFiles(paths, options, shard);
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
  for (const c of failOn) if (!known.has(c)) throw unknownCategory('--fail-on', c, known);

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
    sink = openReportSink(options.output, [...paths, ...options.rules, ...own], { folders: paths });
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
    if (streaming) sink.write(jsonlSummary(report, shard));
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

type ReportOptions = { format: string; output?: string; explain?: boolean; color: ColorWhen | false; allowIncomplete?: boolean; reportLang?: string; only?: string; hideNegated?: boolean; minModality?: string };

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
  checkWholeRun(shards.map(({ file, shard }) => shardHeader(file, shard)), options.allowIncomplete === true);
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
    .addOption(new Option('--color <when>', 'colour: auto (a terminal, unless NO_COLOR; FORCE_COLOR forces it), always or never').choices(['auto', 'always', 'never']).argParser(parseColor).default('auto'))
    .option('--no-color', 'the same as --color never');
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
    .option('--shard <I/N|auto>', 'analyse only share I of N of the inputs (to split a run over N machines); auto or auto/N: from GNU parallel, Kubernetes or Slurm', parseShardOption)
    .option('--exclude <glob>', 'leave out inputs matching GLOB (file name, or path with a /); repeatable', collect, [])
    .option('-0, --null', 'paths on stdin (-) are separated by NUL bytes (find -print0); --files ends each with NUL')
    .option('--files', 'list the documents that would be scanned, and exit')
    .option('--config <file>', `project config file (default: the nearest ${CONFIG_NAME} from the current folder up to the git root)`)
    .option('--no-config', 'ignore any project config file')
    .option('--debug', 'print stack traces of unexpected errors')
    .addHelpText('after', SCAN_HELP)
    .action(async (paths: string[], options: ScanOptions) => {
      debug = options.debug === true;
      exitCode = await scan(paths, options);
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
