// The project config file, `.tenderscan.yaml`: found from the current folder upward (up to the
// root of the git repository holding it, else the file system root), or named by --config.
// It gives defaults to `scan`; options given on the command line win.
import { existsSync } from 'node:fs';
import { readSideText, SideFileError, SIDE_FILE_LIMITS } from '../sources/text-file.js';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { FORMAT_NAMES } from '../report/formats/index.js';
import { loadYaml, loadZod } from '../rules/load.js';
import { nearest } from '../text/suggest.js';

export const CONFIG_NAME = '.tenderscan.yaml';

/** A config problem, located: file, line when known, key and what was expected. */
export class ConfigError extends UsageError {
  constructor(file: string, where: { line?: number; key?: string }, expected: string) {
    const parts = [where.line ? `${file}:${where.line}` : file];
    if (where.key) parts.push(`key ${where.key}`);
    super(`${parts.join(': ')}: ${expected}`);
    this.name = 'ConfigError';
  }
}

/** The config's keys, each named like the `scan` option it sets, and that option's attribute. */
export const CONFIG_KEYS = {
  rules: 'rules',
  ocr: 'ocr',
  lang: 'lang',
  'report-lang': 'reportLang',
  'fail-on': 'failOn',
  exclude: 'exclude',
  format: 'format',
  'review-file': 'reviewFile',
} as const;

export type ConfigKey = keyof typeof CONFIG_KEYS;

export interface ProjectConfig {
  file: string;
  /** Option attribute → value, paths resolved against the config file's folder. */
  values: Partial<Record<(typeof CONFIG_KEYS)[ConfigKey], string | string[]>>;
}

/** Options whose values add up: the config's come first, the command line's after them. */
const ADDITIVE = new Set<string>(['rules', 'exclude']);

function configSchema() {
  const z = loadZod();
  // One value or a list of them; an error then points at the item (rules.1).
  const list = z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(z.string().min(1)));
  const languages = z.enum(['fr', 'en']);
  return z
    .object({
      rules: list.optional(),
      ocr: z.enum(['never', 'auto', 'always']).optional(),
      lang: languages.optional(),
      'report-lang': languages.optional(),
      'fail-on': list.optional(),
      exclude: list.optional(),
      format: z.enum(FORMAT_NAMES as [string, ...string[]]).optional(),
      'review-file': z.string().min(1).optional(),
    })
    .strict();
}

/**
 * The config file for a run from `cwd`: the nearest `.tenderscan.yaml` in it or a folder above,
 * not above the git root (a folder holding `.git`), so that a repository's runs never pick up
 * a file from outside it.
 */
export function findConfig(cwd: string = process.cwd()): string | undefined {
  let folder = resolve(cwd);
  for (;;) {
    const candidate = join(folder, CONFIG_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(folder);
    if (parent === folder || existsSync(join(folder, '.git'))) return undefined;
    folder = parent;
  }
}

const MAX_CONFIG_BYTES = SIDE_FILE_LIMITS.config;

/** Reads and checks a config file; every problem is a ConfigError naming the file, line and key. */
export function loadConfig(file: string): ProjectConfig {
  let text: string;
  try {
    text = readSideText(file, MAX_CONFIG_BYTES);
  } catch (err) {
    if (err instanceof SideFileError) throw new ConfigError(file, {}, err.message);
    throw new ConfigError(file, {}, `cannot read it (${(err as NodeJS.ErrnoException).code ?? err})`);
  }
  const yaml = loadYaml();
  const doc = yaml.parseDocument(text, { uniqueKeys: true });
  const lineOf = (offset: number | undefined) => (offset === undefined ? undefined : text.slice(0, offset).split('\n').length);
  if (doc.errors.length) {
    const first = doc.errors[0];
    throw new ConfigError(file, { line: first.linePos?.[0].line }, `not valid YAML: ${first.message.split('\n')[0]}`);
  }
  let raw: unknown;
  try {
    raw = doc.toJS() ?? {};
  } catch (err) {
    // yaml refuses aliases that expand past its limit (a "billion laughs" file): located like a syntax error.
    let line: number | undefined;
    yaml.visit(doc, { Alias: (_key, node) => ((line = lineOf(node.range?.[0])), yaml.visit.BREAK) });
    throw new ConfigError(file, { line }, `not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(file, {}, `expected a mapping of keys (${Object.keys(CONFIG_KEYS).join(', ')})`);
  const parsed = configSchema().safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue.code === 'unrecognized_keys') {
      const key = (issue as { keys: string[] }).keys[0];
      const node = doc.contents && yaml.isMap(doc.contents) ? doc.contents.items.find((p) => yaml.isScalar(p.key) && p.key.value === key) : undefined;
      const near = nearest(key, Object.keys(CONFIG_KEYS));
      throw new ConfigError(
        file,
        { line: lineOf((node?.key as { range?: [number] } | undefined)?.range?.[0]), key },
        `unknown key${near ? ` (did you mean ${near}?)` : ''}; the keys are ${Object.keys(CONFIG_KEYS).join(', ')}`,
      );
    }
    const path = issue.path.map(String);
    const node = doc.getIn(issue.path as (string | number)[], true) as { range?: [number] } | undefined;
    throw new ConfigError(file, { line: lineOf(node?.range?.[0]), key: path.join('.') }, issue.message);
  }
  const base = dirname(resolve(file));
  const values: ProjectConfig['values'] = {};
  for (const [key, value] of Object.entries(parsed.data) as [ConfigKey, string | string[] | undefined][]) {
    if (value === undefined) continue;
    const attribute = CONFIG_KEYS[key];
    // Paths in the file are relative to it, wherever the run starts.
    if (key === 'rules') values.rules = (value as string[]).map((p) => resolve(base, p));
    else if (key === 'review-file') values.reviewFile = resolve(base, value as string);
    else if (key === 'fail-on') values.failOn = (value as string[]).join(',');
    else values[attribute] = value;
  }
  return { file, values };
}

/**
 * Gives the command the config's values for the options the command line left at their
 * default (commander's value sources); lists (--rules, --exclude) take the config's first.
 * Keys for options this command does not have are left out.
 */
export function applyConfig(command: Command, config: ProjectConfig): void {
  const attributes = new Set(command.options.map((o) => o.attributeName()));
  for (const [attribute, value] of Object.entries(config.values)) {
    if (!attributes.has(attribute) || value === undefined) continue;
    const source = command.getOptionValueSource(attribute);
    if (ADDITIVE.has(attribute)) {
      const fromCli = source === 'cli' ? (command.getOptionValue(attribute) as string[]) : [];
      command.setOptionValueWithSource(attribute, [...(value as string[]), ...fromCli], 'config');
    } else if (source !== 'cli' && source !== 'env') command.setOptionValueWithSource(attribute, value, 'config');
  }
}
