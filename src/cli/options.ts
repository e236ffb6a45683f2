// The options shared by several commands, defined once: --help, the man page and the shell
// completions are all generated from these definitions.
import { availableParallelism } from 'node:os';
import { Command, Option } from 'commander';
import { DEFAULT_HEAP_MB, DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT_S } from '../engine/pool/limits.js';
import { FORMAT_NAMES } from '../report/formats/index.js';
import { CONFIG_NAME } from './config.js';
import { parseColor } from './help.js';
import { wholeNumber } from './option-ranges.js';

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The options that shape a report, shared by scan and merge. */
export function withReportOptions(command: Command): Command {
  return withColorOptions(
    command
    .addOption(new Option('-f, --format <name>', 'report format').choices(FORMAT_NAMES).default('terminal'))
    .option('-o, --output <file>', 'write the report to FILE (atomically) instead of stdout')
    .option('--explain', 'show which rule, words and negation/modality cue made each finding')
    .option('--summary', 'terminal: print only the dossier summary (counts, failures, pages not read, the table by category)')
    .addOption(new Option('--evidence <detail>', 'terminal: the evidence block, one line per document (short) or with the whole SHA-256 and metadata (full)').choices(['short', 'full']).default('short'))
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
export function withColorOptions(command: Command): Command {
  return command
    .addOption(new Option('--color <when>', 'colour: auto (a terminal, unless NO_COLOR; FORCE_COLOR forces it), always or never').choices(['auto', 'always', 'never']).argParser(parseColor).default('auto'))
    .option('--no-color', 'the same as --color never');
}

/** The options that pick and read the documents: scan's, and review's and diff's when they scan. */
export function withScanInputOptions(command: Command): Command {
  return withDocumentOptions(command.option('-r, --rules <file>', 'add or override rules from a YAML/JSON pack (repeatable)', collect, []));
}

/** The options that pick and read the documents, without rules: scan's and find's. */
export function withDocumentOptions(command: Command): Command {
  return command
    .option('--password <password>', 'password for encrypted PDFs (tried only on documents that need one)')
    .option('--password-file <file>', 'read the password from the first line of FILE')
    .option('-j, --jobs <n>', 'worker threads (documents analysed in parallel, pages of long PDFs shared out) and OCR processes at once', wholeNumber('--jobs'), availableParallelism())
    .option('--timeout <seconds>', 'a document taking longer ends as TIMEOUT', wholeNumber('--timeout'), DEFAULT_TIMEOUT_S)
    .option('--max-file-size <MB>', 'larger files end as TOO_LARGE without being read', wholeNumber('--max-file-size'), 200)
    .option('--max-heap <MB>', 'JavaScript heap allowed to one document; above it: RESOURCE_LIMIT', wholeNumber('--max-heap'), DEFAULT_HEAP_MB)
    .option('--max-memory <MB>', 'resident memory of the whole run; above it the longest-running document ends as RESOURCE_LIMIT', wholeNumber('--max-memory'), DEFAULT_MAX_MEMORY_MB)
    .option('--no-cache', 'do not read or write the text and result cache')
    .option('--cache-dir <dir>', 'folder of the text cache (default: $XDG_CACHE_HOME/tenderscan or ~/.cache/tenderscan)')
    .option('--max-pages <n>', 'documents with more pages end as TOO_LARGE', wholeNumber('--max-pages'), 5000)
    .addOption(new Option('--ocr <mode>', 'OCR pages without usable text (auto), every page (always) or none').choices(['never', 'auto', 'always']).default('never'))
    .addOption(new Option('--lang <language>', 'language of the documents (OCR and detection fallback)').choices(['fr', 'en']))
    .option('-q, --quiet', 'no notices on stderr')
    .option('-v, --verbose', 'list the files skipped in folders and archives, and why')
    .option('--include-text', 'also read the .txt and .md files found in folders and archives (named ones are always read)')
    .option('--hidden', 'folders: also walk hidden files and folders (names starting with "."), which are left out by default')
    .option('--no-ignore', 'folders: also walk what .gitignore and .ignore files leave out')
    .option('--exclude <glob>', 'leave out inputs matching GLOB (file name, or path with a /); repeatable', collect, [])
    .option('-0, --null', 'paths on stdin (-) are separated by NUL bytes (find -print0); --files ends each with NUL')
    .option('--config <file>', `project config file (default: the nearest ${CONFIG_NAME} from the current folder up to the git root)`)
    .option('--no-config', 'ignore any project config file')
    .option('--debug', 'print stack traces of unexpected errors');
}
