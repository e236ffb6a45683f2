// What the CLI says beside its reports: help texts, colour choice, option errors with a
// suggestion, `--version --verbose`. Plain functions over plain values; the shell writes them.
import { createRequire } from 'node:module';
import { BUILTIN_CATEGORY_IDS } from '../rules/categories.js';
import { OptionError } from '../errors.js';
import { didYouMean } from '../text/suggest.js';
import type { ColorWhen } from '../commands/common/format.js';

/** Every exit code, for --help, the man page and README (which says the same in a table). */
export const EXIT_CODES: readonly [string, string][] = [
  ['0', 'every document was analysed'],
  ['1', '--fail-on was given and a positive (not negated) finding of one of its categories exists'],
  ['2', 'usage error, invalid rule pack or config file, incomplete or mixed shards (merge), or no document could be analysed'],
  ['3', 'some documents failed (each named on stderr); the others are reported; with --fail-on, also when pages were not read (no usable text, no --ocr): their findings cannot be ruled out'],
  ['130', 'interrupted by Ctrl-C (SIGINT); the report holds what was finished'],
  ['143', 'the same for SIGTERM (128 + the signal number)'],
  ['129', 'the same for SIGHUP'],
];

export const ENVIRONMENT: readonly [string, string][] = [
  ['NO_COLOR', 'any non-empty value: no colour (unless --color always)'],
  ['FORCE_COLOR', 'colour even when stdout is not a terminal (0 or false: no colour)'],
  ['XDG_CACHE_HOME', 'the text cache is $XDG_CACHE_HOME/tenderscan (else ~/.cache/tenderscan)'],
  ['LC_ALL, LANG', 'a French locale (fr_FR.UTF-8…) gives French reports by default (--report-lang)'],
  ['TENDERSCAN_SHARDS', 'the shard count for --shard auto under GNU parallel or Kubernetes'],
  ['PARALLEL_SEQ, PARALLEL_JOBSLOT', 'GNU parallel job number, read by --shard auto'],
  ['JOB_COMPLETION_INDEX', 'Kubernetes Indexed Job index (from 0), read by --shard auto'],
  ['SLURM_ARRAY_TASK_ID, _MIN, _STEP, _COUNT', 'Slurm job array task, read by --shard auto'],
];

export const EXAMPLES: readonly [string, string][] = [
  ['tenderscan scan CCTP.pdf', 'terminal report'],
  ['tenderscan scan dossier/ -f json -o report.json', 'JSON report of a folder'],
  ['tenderscan scan dossier.zip --fail-on biometrics,drones', 'exit 1 when one of them is planned'],
  ['tenderscan scan dossier/ --files --exclude brouillons', 'what would be scanned'],
  ["find archives/ -name '*.pdf' -print0 | tenderscan scan -0 -", 'paths from find'],
  ["parallel tenderscan scan dossier/ --shard auto/4 -f jsonl -o part-{}.jsonl ::: 1 2 3 4", 'four shards'],
  ['tenderscan merge part-*.jsonl -f html -o report.html', 'one report from the shards'],
];

const table = (title: string, rows: readonly [string, string][], width: number) =>
  `\n${title}:\n` + rows.map(([a, b]) => (a.length < width ? `  ${a.padEnd(width)} ${b}` : `  ${a}\n  ${''.padEnd(width)} ${b}`)).join('\n');

export const EXIT_CODES_PRECEDENCE = 'When several apply, the first of 130/143/129, 2, 1, 3 wins.';
export const EXIT_CODES_HELP = table('Exit codes', EXIT_CODES, 4) + '\n' + EXIT_CODES_PRECEDENCE;
export const ENVIRONMENT_HELP = table('Environment', ENVIRONMENT, 20);
export const SCAN_EXAMPLES = '\nExamples:\n' + EXAMPLES.map(([command, what]) => `  ${command}\n      ${what}`).join('\n');

export function categoriesHelp(ids: readonly string[] = BUILTIN_CATEGORY_IDS): string {
  const lines = ['Categories (for --only, --fail-on):'];
  let line = ' ';
  for (const id of ids) {
    if (line.length + id.length + 1 > 78) [lines[lines.length], line] = [line, ' '];
    line += ` ${id}`;
  }
  return [...lines, line].join('\n');
}

/** The help of the program and of `scan`: examples, categories, environment, exit codes. */
const CONFIG_HELP = `
Project config:
  .tenderscan.yaml, the nearest from the current folder up to the git root, gives scan its
  defaults (rules, ocr, lang, report-lang, fail-on, exclude, format, review-file); the
  command line wins. --config FILE names another, --no-config ignores it.`;

export const SCAN_HELP = [SCAN_EXAMPLES, '\n' + categoriesHelp(), CONFIG_HELP, ENVIRONMENT_HELP, EXIT_CODES_HELP].join('\n');

/** The help of `find`: examples and its exit codes (grep's, plus 3). */
export const FIND_HELP = `
Examples:
  tenderscan find Briefcam dossier/
      every line naming Briefcam, with document, page and line
  tenderscan find -i -w lapi dossier.zip -C 1
      the word LAPI in any case, one line of context
  tenderscan find -e 'reconnaissance (faciale|biom[ée]trique)' dossier/ --json
      a regular expression, one JSON object per match
  tenderscan find -l Atos dossier/
      the documents that name Atos

Exit codes:
  0    found
  1    not found
  2    usage error (bad pattern, bad option)
  3    a document could not be read (the others were searched), or nothing was found and
       pages were not read (no usable text, no --ocr)
  130  interrupted (143 SIGTERM, 129 SIGHUP)`;

/** `--color <when>` (a value is required: an optional one would take the next path). */
export function parseColor(value: string): ColorWhen {
  if (value === 'auto' || value === 'always' || value === 'never') return value;
  throw new OptionError('--color', `expected auto, always or never, got "${value}"${didYouMean(String(value), ['auto', 'always', 'never'])}`);
}

/**
 * Commander's own error lines, in the tool's voice: one `tenderscan:` prefix, its suggestion
 * on the same line, a "did you mean" for choices, and where to read more.
 */
export function rewriteCommanderError(text: string, command: string): string {
  const lines = text.trim().split('\n').filter(Boolean);
  let message = lines[0].replace(/^error: /, '');
  const suggestion = lines.slice(1).join(' ').match(/^\(Did you mean (.+)\?\)$/);
  if (suggestion) message += ` (did you mean ${suggestion[1]}?)`;
  else if (lines.length > 1) message += ' ' + lines.slice(1).join(' ');
  const missing = message.match(/^option '(-[^ ,']*)(?:, (--[^ ']+))?[^']*' argument missing$/);
  if (missing) message = `${missing[2] ?? missing[1]}: expected a value`;
  const choices = message.match(/^option '(-[^ ,']*)(?:, (--[^ ']+))?[^']*' argument '(.*)' is invalid\. Allowed choices are (.*)\.$/);
  if (choices) {
    const [, first, long, value, allowed] = choices;
    message = `${long ?? first}: expected one of ${allowed}, got "${value}"${didYouMean(value, allowed.split(', '))}`;
  }
  return `tenderscan: ${message}; see '${command} --help'\n`;
}

const require = createRequire(import.meta.url);

/** `tenderscan --version --verbose`: what a bug report or an evidence file needs. */
export function versionReport(version: string, rulePackHash: string, configFile: string | undefined): string {
  const pdfjs = (require('pdfjs-dist/package.json') as { version: string }).version;
  return [
    `tenderscan ${version}`,
    `pdf.js ${pdfjs}`,
    `Node.js ${process.version} (${process.platform} ${process.arch})`,
    `rule packs ${rulePackHash}${configFile ? ` (with the packs of ${configFile})` : ' (built-in)'}`,
    `config ${configFile ?? 'none'}`,
  ].join('\n') + '\n';
}
