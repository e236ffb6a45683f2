// The program: commander wiring of every command, its options and help. Each action hands its
// options to the command's module (src/commands/) and keeps the exit code it returns.
import { relative } from 'node:path';
import { Argument, Command, Option } from 'commander';
import { EXIT } from '../errors.js';
import { SHELLS, type Shell } from '../commands/completions.js';
import { formatForOutput } from '../commands/common/format.js';
import type { DiffOptions } from '../commands/diff.js';
import type { MergeOptions } from '../commands/merge.js';
import type { CommandIO } from '../commands/report-input.js';
import type { ReviewOptions } from '../commands/review.js';
import type { RequestOptions } from '../commands/request.js';
import type { FindOptions } from '../commands/find.js';
import type { ScanOptions } from '../commands/scan.js';
import { parseShardOption } from '../engine/shard.js';
import { BUYER_KINDS } from '../legal/check.js';
import { escapeTerminal } from '../report/escape.js';
import { FORMAT_NAMES } from '../report/formats/index.js';
import { TOOL_VERSION } from '../report/model/build.js';
import { DEFAULT_REVIEW_FILE } from '../review/file.js';
import { applyConfig, findConfig, loadConfig } from './config.js';
import { EXIT_CODES_HELP, FIND_HELP, rewriteCommanderError, SCAN_HELP } from './help.js';
import { wholeNumber } from './option-ranges.js';
import { collect, withColorOptions, withDocumentOptions, withReportOptions, withScanInputOptions } from './options.js';

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

// Each command's module is loaded when that command runs: a one-page scan does not load review,
// request, merge or find (their modules and what they import cost a start-up tens of ms).
const commands = {
  scan: () => import('../commands/scan.js'),
  find: () => import('../commands/find.js'),
  review: () => import('../commands/review.js'),
  diff: () => import('../commands/diff.js'),
  request: () => import('../commands/request.js'),
  merge: () => import('../commands/merge.js'),
  cache: () => import('../commands/cache.js'),
  rules: () => import('../commands/rules.js'),
  completions: () => import('../commands/completions.js'),
};

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
      if (action.options.some((o) => o.long === '--output') && action.options.some((o) => o.long === '--format')) formatFromOutput(action);
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
    .option('--fail-on <categories>', 'exit 1 when a positive finding of one of these categories (comma-separated) exists, or with "conflict" when a conflict legal note applies; 3 when pages were not read (no usable text, no --ocr)')
    .addOption(new Option('--buyer-kind <kind>', 'the buyer, for the legal notes (default: read from the first pages)').choices([...BUYER_KINDS]))
    .option('--date <YYYY-MM-DD>', 'the dossier date, for the legal notes (default: the latest notice, deadline or signature date of the first pages)')
    .option('--shard <I/N|auto>', 'analyse only share I of N of the inputs (to split a run over N machines); auto or auto/N: from GNU parallel, Kubernetes or Slurm', parseShardOption)
    .option('--files', 'list the documents that would be scanned, and exit')
    .option('--review-file <file>', `judged findings to apply (default: ${DEFAULT_REVIEW_FILE} in the current folder, if any)`)
    .option('--no-review', 'apply no review file, not even the default one')
    .option('--show-reviewed', 'show the findings judged false positives too (labelled)')
    .option('--new-only', 'show only the findings nobody has judged yet (the baseline)')
    .option('--snapshots', 'HTML and Markdown: an image of the page region around each finding, matched words outlined')
    .option('--exhibits <file>', 'also write the list of exhibits (bordereau de pièces) to FILE, as Markdown: each document with its SHA-256, pages, date and title, in the order the report cites them, and the findings it supports')
    .option('--max-snapshots <n>', 'with --snapshots: the images of a report at most (default 200), shared among documents and categories', wholeNumber('--max-snapshots'))
    .addHelpText('after', SCAN_HELP)
    .action(async (paths: string[], options: ScanOptions) => {
      debug = options.debug === true;
      exitCode = await (await commands.scan()).scan(paths, options);
    });

  withDocumentOptions(
    withColorOptions(
      program
        .command('find')
        .description('print the lines of a dossier holding a word or phrase, with document, page and line (grep for tenders)')
        .argument('<pattern>', 'the text to find: a literal, or with -e a regular expression (RE2 syntax)')
        .argument('<paths...>', 'what scan reads: PDF, DOCX, ODT, XLSX, ODS, .doc, RTF, text files, ZIP archives, folders, glob patterns, or - for paths on stdin')
        .option('-e, --regexp', 'PATTERN is a regular expression (RE2 syntax: linear time; no backreferences or lookaround)')
        .option('-i, --ignore-case', 'ignore case')
        .option('-w, --word-regexp', 'match whole words only')
        .option('--strict-accents', 'accents, ligatures and typographic apostrophes count (by default "camera" finds "caméra")')
        .option('-c, --count', 'print each document with its number of matches')
        .option('-l, --files-with-matches', 'print only the documents that match (before -c)')
        .option('-C, --context <lines>', 'print N lines of the page before and after each matching line', wholeNumber('--context'))
        .option('--json', 'one JSON object per match and per line (JSON Lines): document, sha256, page, pageLabel, line, column, match, text')
        .option('--shard <I/N|auto>', 'search only share I of N of the inputs (the same share scan --shard takes); auto or auto/N: from GNU parallel, Kubernetes or Slurm', parseShardOption)
        .addOption(new Option('--report-lang <language>', 'language of page citations (default: from LC_ALL/LANG, else English)').choices(['fr', 'en'])),
    ),
  )
    .addHelpText('after', FIND_HELP)
    .action(async (pattern: string, paths: string[], options: FindOptions) => {
      debug = options.debug === true;
      exitCode = await (await commands.find()).find(pattern, paths, options);
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
    const { scanToReport } = await commands.scan();
    exitCode = await (await commands.review()).runReview(targets, options, scanToReport(options), commandIO(true));
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
      exitCode = await (await commands.diff()).diff(before, after, options, commandIO(false));
    });

  withScanInputOptions(
    program
      .command('request')
      .description('write the access request (CRPA in French, public records in English) for the documents the dossier refers to and lacks, and its withheld content')
      .argument('<report-or-paths...>', 'a JSON / JSON Lines report, or documents to scan')
      .option('--to <authority>', 'the authority the request is sent to ("Ville de X")')
      .option('-o, --output <file>', 'write the request (Markdown) to FILE (atomically) instead of stdout')
      .option('--calendar <file>', 'also write its dates (answer due, last day to refer to the CADA) as iCalendar events to FILE')
      .option('--date <YYYY-MM-DD>', 'the day the request is sent, from which its deadlines run (default: today)'),
  )
    .addHelpText('after', '\nThe letter is in --lang (default: the language of most documents). Exit codes: 0 written (or nothing missing); 2 bad input (nothing written); 3 some documents failed; 130 interrupted')
    .action(async (targets: string[], options: RequestOptions & ScanOptions) => {
      debug = options.debug === true;
      const { scanToReport } = await commands.scan();
      exitCode = await (await commands.request()).runRequest(targets, options, scanToReport(options), commandIO(false));
    });

  withReportOptions(
    program
      .command('merge')
      .description('combine JSON Lines reports (from --shard runs) into one report; refuses missing shards and mixed rule packs or versions')
      .argument('<files...>', 'JSON Lines reports written by scan --format jsonl'),
  )
    .option('--allow-incomplete', 'merge even when shards are missing, repeated or unfinished (each named on stderr)')
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async (files: string[], options: MergeOptions) => {
      exitCode = await (await commands.merge()).merge(files, options);
    });

  program
    .command('cache')
    .description('manage the text cache')
    .command('clear')
    .description('empty the text cache (only a folder marked as a tenderscan cache, only what the cache wrote)')
    .option('--cache-dir <dir>', 'folder of the text cache')
    .action(async (options: { cacheDir?: string }) => {
      exitCode = (await commands.cache()).clearTextCache(options);
    });

  program
    .command('rules')
    .description('list the categories and rules in use, or validate a rule pack')
    .addOption(new Option('-f, --format <name>', 'output format').choices(['table', 'json']).default('table'))
    .option('-r, --rules <file>', 'add a user pack to the list (repeatable)', collect, [])
    .option('--check <file>', 'validate a rule pack and exit')
    .action(async (options: { format: string; rules: string[]; check?: string }) => {
      exitCode = (await commands.rules()).listRules(options);
    });

  program
    .command('completions')
    .description('print a shell completion script (bash: source <(tenderscan completions bash))')
    .addArgument(new Argument('<shell>', 'the shell').choices(SHELLS))
    .action(async (shell: Shell) => {
      exitCode = (await commands.completions()).printCompletions(program, shell);
    });

  return { program, outcome: () => ({ exitCode, debug }) };
}

/** `-o report.json` without -f writes JSON: the format follows the extension unless the command line names one. */
function formatFromOutput(command: Command): void {
  const source = command.getOptionValueSource('format');
  const given = source === 'cli' || source === 'env';
  const format = formatForOutput(command.getOptionValue('output') as string | undefined, command.getOptionValue('format') as string, given);
  command.setOptionValueWithSource('format', format, source ?? 'default');
}

/** Applies the project config to `scan` (the command line wins; --no-config skips it). */
function useProjectConfig(command: Command): void {
  const given = command.getOptionValue('config') as string | false | undefined;
  if (given === false) return;
  const found = given ?? findConfig();
  if (!found) return;
  applyConfig(command, loadConfig(found));
  // Named as given, or relative to the current folder when found: a parent folder's config
  // changes results, so the run says which one it applied (stderr, and the report's evidence).
  const file = given ?? (relative(process.cwd(), found) || found);
  command.setOptionValue('configFile', file);
  if (command.getOptionValue('quiet') !== true) process.stderr.write(`tenderscan: config: ${escapeTerminal(file)} (--no-config ignores it)\n`);
}
