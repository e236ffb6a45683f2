// Rule case files: test/cases/<lang>/<pack>.yaml, one per built-in pack, each a YAML list of
// detection cases ({ text, expect, also?, note? }, see detection.ts). Reading them checks their
// shape, so that a typo in a category or a mark fails loudly instead of asserting nothing.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Case, Mark } from './detection.js';

export interface FileCase extends Case {
  note?: string;
}

export interface CaseFile {
  /** "fr/telecom": the pack it belongs to. */
  pack: string;
  language: 'fr' | 'en';
  cases: FileCase[];
}

const MARKS: readonly Mark[] = ['+', '?', '-'];
const FIELDS = new Set(['text', 'expect', 'also', 'note']);

/** Packs as "<lang>/<name>" for every `<lang>/<name>.yaml` (or .yml) under `dir`. */
export function listPacks(dir: string): string[] {
  const out: string[] = [];
  for (const lang of readdirSync(dir).sort()) {
    for (const name of readdirSync(join(dir, lang)).sort()) {
      const m = /^(.+)\.ya?ml$/.exec(name);
      if (m) out.push(`${lang}/${m[1]}`);
    }
  }
  return out;
}

/**
 * Parses and checks one case file's text. `pack` is "<lang>/<name>"; it must be one of `packs`.
 * Throws an Error naming the file, the case (by number) and what was expected.
 */
export function parseCaseFile(pack: string, source: string, known: { categories: ReadonlySet<string>; packs: ReadonlySet<string> }): CaseFile {
  const where = `test/cases/${pack}.yaml`;
  const fail = (what: string): never => {
    throw new Error(`${where}: ${what}`);
  };
  if (!known.packs.has(pack)) fail(`no built-in pack src/rules/packs/${pack}.yaml: a case file is named after the pack it tests`);
  const language = pack.split('/')[0];
  if (language !== 'fr' && language !== 'en') fail(`expected the folder fr or en, got "${language}"`);
  let doc: unknown;
  try {
    doc = parse(source);
  } catch (err) {
    fail(`not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  if (!Array.isArray(doc) || doc.length === 0) fail('expected a non-empty YAML list of cases');
  const cases = (doc as unknown[]).map((item, n): FileCase => {
    const at = (what: string): never => fail(`case ${n + 1}: ${what}`);
    if (!item || typeof item !== 'object' || Array.isArray(item)) at('expected a mapping with text and expect');
    const c = item as Record<string, unknown>;
    for (const key of Object.keys(c)) if (!FIELDS.has(key)) at(`unknown field "${key}"; expected text, expect, also, note`);
    if (typeof c.text !== 'string' || c.text.trim() === '') at('expected a non-empty text');
    if (!c.expect || typeof c.expect !== 'object' || Array.isArray(c.expect)) at('expected expect: a mapping of category to "+", "?" or "-" ({} for none)');
    for (const [category, mark] of Object.entries(c.expect as object)) {
      if (!known.categories.has(category)) at(`unknown category "${category}" in expect`);
      if (!MARKS.includes(mark as Mark)) at(`expected "+", "?" or "-" for ${category}, got ${JSON.stringify(mark)}`);
    }
    if (c.also !== undefined) {
      if (!Array.isArray(c.also)) at('expected also: a list of categories');
      for (const category of c.also as unknown[]) if (typeof category !== 'string' || !known.categories.has(category)) at(`unknown category ${JSON.stringify(category)} in also`);
    }
    if (c.note !== undefined && typeof c.note !== 'string') at('expected note: a string');
    return c as unknown as FileCase;
  });
  return { pack, language: language as 'fr' | 'en', cases };
}

/** Reads every case file under `dir` (test/cases). */
export function readCaseFiles(dir: string, known: { categories: ReadonlySet<string>; packs: ReadonlySet<string> }): CaseFile[] {
  return listPacks(dir).map((pack) => {
    const file = readdirSync(join(dir, pack.split('/')[0])).find((f) => f.replace(/\.ya?ml$/, '') === pack.split('/')[1])!;
    return parseCaseFile(pack, readFileSync(join(dir, pack.split('/')[0], file), 'utf8'), known);
  });
}

const positive = (m: Mark | undefined) => m === '+' || m === '?';

/**
 * What a pack's case file lacks: a case that must match and one that must not. For a pack named
 * after a category, "match" is that category positive and "not" is that category absent or
 * negated; for the other packs (context, boilerplate, products), "match" is any positive
 * category and "not" a case with none (the trap not reported).
 */
export function missingCoverage(pack: string, file: CaseFile | undefined, categories: ReadonlySet<string>): string[] {
  if (!file) return [`${pack}: no case file test/cases/${pack}.yaml`];
  const name = pack.split('/')[1];
  const own = categories.has(name);
  const matches = file.cases.some((c) => (own ? positive(c.expect[name]) : Object.values(c.expect).some(positive)));
  const not = file.cases.some((c) => (own ? !positive(c.expect[name]) : !Object.values(c.expect).some(positive)));
  const problems: string[] = [];
  if (!matches) problems.push(`${pack}: no case that must match (${own ? `${name}: "+" or "?"` : 'a positive category'})`);
  if (!not) problems.push(`${pack}: no case that must not match (${own ? `${name} absent or "-"` : 'no positive category'})`);
  return problems;
}
