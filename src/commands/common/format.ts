// What the commands that print a report or a diff share: the format checked against the
// registry, the options every formatter takes, the report filters and the default title.
import { statSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { OptionError, UsageError } from '../../errors.js';
import { reportLanguageFrom, WORDS, type ReportLanguage } from '../../report/i18n.js';
import { pageLinker, parseLinkBase } from '../../report/links.js';
import { documentNamer } from '../../report/names.js';
import type { ReportFilters } from '../../report/model/filter.js';
import { FORMAT_NAMES, formatMeta, loadFormatter, type FormatOptions, type Formatter } from '../../report/formats/index.js';
import type { Report } from '../../types.js';
import type { CheckedPacks } from '../../rules/load.js';
import { didYouMean } from '../../text/suggest.js';

/** --color <when>; false with --no-color. */
export type ColorWhen = 'auto' | 'always' | 'never';

/**
 * Colour or not: --color always/never (and --no-color) decide; with auto, NO_COLOR (any
 * non-empty value) turns it off, FORCE_COLOR turns it on (0 or false off), else a terminal.
 */
export function colorWanted(when: ColorWhen | boolean | undefined, env: Record<string, string | undefined>, toTerminal: boolean): boolean {
  if (when === false || when === 'never') return false;
  if (when === 'always' || when === true) return true;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return !['0', 'false'].includes(env.FORCE_COLOR.trim().toLowerCase());
  return toTerminal;
}

/** The options of a command that prints a report or a diff. */
export interface ShowOptions {
  format: string;
  color: ColorWhen | false;
  explain?: boolean;
  reportLang?: string;
  excel?: boolean;
  output?: string;
  title?: string;
  linkBase?: string;
  /** --evidence short|full (terminal). */
  evidence?: string;
  /** --summary (terminal). */
  summary?: boolean;
}

function categoryNamer(rules: Pick<CheckedPacks, 'categories'>, language: ReportLanguage): FormatOptions['categoryName'] {
  const names = new Map(rules.categories.map((c) => [c.id, c]));
  return (id, lang = language) => names.get(id)?.[lang] ?? id;
}

export function formatOptions(rules: Pick<CheckedPacks, 'categories'>, options: ShowOptions, inputs: { roots: string[]; defaultTitle?: string } = { roots: [] }): FormatOptions {
  const language = reportLanguageFrom(process.env, options.reportLang);
  if (options.summary && options.format !== 'terminal') throw new UsageError(`--summary applies to --format terminal, not ${options.format}`);
  const toTerminal = !options.output && process.stdout.isTTY === true;
  let linkBase: URL | undefined;
  if (options.linkBase !== undefined) {
    const parsed = parseLinkBase(options.linkBase);
    if (typeof parsed === 'string') throw new UsageError(parsed);
    linkBase = parsed;
  }
  const defaultTitle = inputs.defaultTitle && `${inputs.defaultTitle} — ${WORDS[language].title}`;
  return {
    color: formatMeta(options.format)?.colour === true && colorWanted(options.color, process.env, toTerminal),
    explain: options.explain === true,
    language,
    categoryName: categoryNamer(rules, language),
    title: options.title?.trim() || defaultTitle,
    // Links are relative to where the report is written: the -o file's folder, else the current folder.
    pageLink: pageLinker({ cwd: process.cwd(), reportDir: options.output ? dirname(resolve(options.output)) : undefined, linkBase, roots: inputs.roots }),
    // The terminal's width when the report goes to one; else formatTerminal's 80 columns.
    width: toTerminal && process.stdout.columns ? process.stdout.columns : undefined,
    excel: options.excel === true,
    evidence: options.evidence === 'full' ? 'full' : 'short',
    summaryOnly: options.summary === true,
  };
}

export const isFolder = (path: string) => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/** The default title: the folder or archive given as the only input, else the only document's name. */
export function defaultTitle(paths: string[], documents: string[]): string | undefined {
  if (paths.length === 1 && (isFolder(paths[0]) || /\.zip$/i.test(paths[0]))) return basename(resolve(paths[0]));
  return documents.length === 1 ? documentNamer(documents)(documents[0]) : undefined;
}

export function checkFormat(name: string, options: { excel?: boolean } = {}): void {
  const meta = formatMeta(name);
  if (options.excel && !meta?.excel) throw new UsageError(`--excel applies to --format ${FORMAT_NAMES.filter((n) => formatMeta(n)!.excel).join(', ')}, not ${name}`);
  if (!meta) throw new UsageError(`unknown --format "${name}"; expected one of ${FORMAT_NAMES.join(', ')}`);
}

/**
 * The format of a report written with `-o FILE`: its extension's (`-o report.json` is JSON),
 * unless -f says it. Exit 2 when -f contradicts the extension (a `.json` file of terminal text
 * would fool `review`), or when there is neither -f nor a known extension.
 */
export function formatForOutput(output: string | undefined, format: string, given: boolean): string {
  // A folder given as -o is refused by the output itself, with its own reason.
  if (output === undefined || isFolder(output)) return format;
  const extension = extname(output).toLowerCase();
  const known = FORMAT_NAMES.flatMap((n) => formatMeta(n)!.extensions);
  const implied = FORMAT_NAMES.find((n) => formatMeta(n)!.extensions.includes(extension));
  if (given) {
    if (implied && implied !== format) throw new UsageError(`-o ${output}: a ${extension} file holds --format ${implied}, not ${format}; change the file's extension or -f`);
    return format;
  }
  if (!implied) throw new UsageError(`-o ${output}: cannot tell the format from ${extension ? `the extension "${extension}"` : 'a name without extension'}; name it ${known.join(', ')} or give -f`);
  return implied;
}

export async function formatterFor(name: string, options: { excel?: boolean } = {}): Promise<Formatter> {
  checkFormat(name, options);
  return (await loadFormatter(name))!;
}

export function parseFilters(options: { only?: string; hideNegated?: boolean; minModality?: string }, known: Set<string>): ReportFilters {
  const only = options.only === undefined ? undefined : categoryList('--only', options.only, known);
  return { only, hideNegated: options.hideNegated, minModality: options.minModality as ReportFilters['minModality'] };
}

/** The items of comma-separated option values (`a,b` or `a, b`, given once or several times), empty ones left out. */
export function commaList(values: string | string[] | undefined): string[] {
  return (Array.isArray(values) ? values : values === undefined ? [] : [values]).flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);
}

/** A comma-separated list of category ids given to `option`, each checked against the known ones (and `extra`, words the option also takes). */
export function categoryList(option: string, value: string | undefined, known: Set<string>, extra: string[] = []): string[] {
  const ids = commaList(value);
  for (const c of ids) if (!known.has(c) && !extra.includes(c)) throw unknownCategory(option, c, known);
  return ids;
}

export function unknownCategory(option: string, id: string, known: Set<string>): OptionError {
  return new OptionError(option, `unknown category "${id}"${didYouMean(id, [...known])}; expected one of ${[...known].join(', ')}`);
}

/**
 * The report written with `write`: piece by piece when the format streams its text (JSON, CSV),
 * else as the bytes or the text the formatter builds. The output is the same bytes either way.
 */
export function writeReport(write: (chunk: string | Uint8Array) => void, formatter: Formatter, report: Report, options: FormatOptions): void {
  if (formatter.pieces) for (const piece of formatter.pieces(report, options)) write(piece);
  else write(formatter.bytes ? formatter.bytes(report, options) : formatter(report, options));
}
