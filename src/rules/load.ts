// Rule packs: YAML (or JSON) files validated at load, compiled once.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { BUILTIN_CATEGORIES, type CategoryInfo } from '../categories.js';
import { UsageError } from '../errors.js';
import { RULE_KINDS } from './kinds/index.js';
import type { CompiledRule } from './kinds/types.js';
import type { Language } from '../types.js';

/** Where the built-in packs live (the same folder from src/ and from dist/). */
export const BUILTIN_PACK_DIR = fileURLToPath(new URL('../../src/rules/packs/', import.meta.url));

const categoryIdSchema = z.string().regex(/^[a-z][a-z0-9-]*$/, 'a lower-case id like "my-category"');
const packSchema = z
  .object({
    language: z.enum(['fr', 'en']),
    category: z.string().optional(),
    categories: z
      .array(z.object({ id: categoryIdSchema, en: z.string().optional(), fr: z.string().optional() }).strict())
      .optional(),
    rules: z.array(z.record(z.string(), z.unknown())).min(1),
  })
  .strict();

/** A pack problem, located: file, rule id, field and what was expected. */
export class RulePackError extends UsageError {
  constructor(file: string, where: { rule?: string; field?: string }, expected: string) {
    const parts = [file];
    if (where.rule) parts.push(`rule ${where.rule}`);
    if (where.field) parts.push(`field ${where.field}`);
    super(`${parts.join(': ')}: ${expected}`);
    this.name = 'RulePackError';
  }
}

export interface RuleDescription {
  id: string;
  kind: string;
  language: Language;
  category: string | null;
  description?: string;
  file: string;
}

/** Rules of one language, indexed by the token keys that can start them. */
export class RuleIndex {
  private readonly byKey = new Map<string, CompiledRule[]>();
  private readonly always: CompiledRule[] = [];

  constructor(readonly rules: CompiledRule[]) {
    for (const rule of rules) {
      if (rule.startKeys === null) this.always.push(rule);
      else for (const key of rule.startKeys) this.byKey.set(key, [...(this.byKey.get(key) ?? []), rule]);
    }
  }

  /** The rules that can match in a passage with these stems and words, in pack order. */
  candidates(stems: string[], words: string[]): CompiledRule[] {
    const found = new Set<CompiledRule>(this.always);
    for (const s of stems) for (const r of this.byKey.get(`s:${s}`) ?? []) found.add(r);
    for (const w of words) for (const r of this.byKey.get(`w:${w}`) ?? []) found.add(r);
    if (found.size === 0) return [];
    return this.rules.filter((r) => found.has(r));
  }
}

export interface RuleSet {
  byLanguage: Record<Language, CompiledRule[]>;
  index: Record<Language, RuleIndex>;
  rules: RuleDescription[];
  categories: CategoryInfo[];
  /** sha256 (16 hex digits) of the packs' bytes, for the evidence block. */
  hash: string;
  files: string[];
}

interface RawRule {
  file: string;
  language: Language;
  category: string | null;
  body: Record<string, unknown>;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  return issue.message;
}

/** A pack file read and parsed (plain data: worker threads receive these, not the files). */
export interface PackSource {
  name: string;
  builtin: boolean;
  /** sha256 of the file name and bytes, for the rule-set hash. */
  digest: string;
  doc: unknown;
}

function readPackSource(file: string, name: string, builtin: boolean): PackSource {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new RulePackError(name, {}, `cannot read the file (${(err as NodeJS.ErrnoException).code ?? err})`);
  }
  let doc: unknown;
  try {
    doc = file.endsWith('.json') ? JSON.parse(bytes.toString('utf8')) : parseYaml(bytes.toString('utf8'));
  } catch (err) {
    const where = err instanceof YAMLParseError && err.linePos ? ` at line ${err.linePos[0].line}` : '';
    throw new RulePackError(name, {}, `not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}${where}: ${(err as Error).message.split('\n')[0]}`);
  }
  const digest = createHash('sha256').update(basename(file)).update('\0').update(bytes).digest('hex');
  return { name, builtin, digest, doc };
}

/** Reads and parses the built-in packs and the user's packs (in order). */
export function readPackSources(userFiles: string[] = [], options: { builtin?: boolean } = {}): PackSource[] {
  return [
    ...(options.builtin === false ? [] : listBuiltinPacks().map((f) => readPackSource(f, `builtin:${relative(BUILTIN_PACK_DIR, f)}`, true))),
    ...userFiles.map((f) => readPackSource(f, f, false)),
  ];
}

function readPack(source: PackSource): { raw: RawRule[]; categories: CategoryInfo[] } {
  const displayName = source.name;
  const pack = packSchema.safeParse(source.doc);
  if (!pack.success) {
    const issue = pack.error.issues[0];
    const field = issue.path.join('.') || undefined;
    throw new RulePackError(displayName, { field }, describeIssue(issue));
  }
  const categories = (pack.data.categories ?? []).map((c) => ({ id: c.id, en: c.en ?? c.id, fr: c.fr ?? c.en ?? c.id }));
  const raw = pack.data.rules.map((body) => ({
    file: displayName,
    language: pack.data.language,
    category: (body.category as string | undefined) ?? pack.data.category ?? null,
    body,
  }));
  return { raw, categories };
}

function listBuiltinPacks(): string[] {
  const files: string[] = [];
  for (const lang of readdirSync(BUILTIN_PACK_DIR).sort()) {
    for (const name of readdirSync(join(BUILTIN_PACK_DIR, lang)).sort()) {
      if (/\.(ya?ml|json)$/.test(name)) files.push(join(BUILTIN_PACK_DIR, lang, name));
    }
  }
  return files;
}

/**
 * Loads the built-in packs and the user's packs (in order): a user rule with the id of an
 * earlier rule replaces it, `enabled: false` switches it off. Every problem is a RulePackError.
 */
export function loadRuleSet(userFiles: string[] = [], options: { builtin?: boolean } = {}): RuleSet {
  return compileRuleSet(readPackSources(userFiles, options));
}

/** Validates and compiles parsed packs: a user rule with the id of an earlier rule replaces it. */
export function compileRuleSet(packFiles: PackSource[]): RuleSet {
  const hash = createHash('sha256');
  const categories = new Map<string, CategoryInfo>(BUILTIN_CATEGORIES.map((c) => [c.id, c]));
  const ordered = new Map<string, RawRule>();
  for (const file of packFiles) {
    const { raw, categories: declared } = readPack(file);
    hash.update(file.digest);
    for (const c of declared) categories.set(c.id, c);
    const seenHere = new Set<string>();
    raw.forEach((r, index) => {
      const id = typeof r.body.id === 'string' ? r.body.id : `#${index + 1}`;
      if (seenHere.has(id)) throw new RulePackError(r.file, { rule: id, field: 'id' }, 'this id is used twice in the file');
      seenHere.add(id);
      if (file.builtin && ordered.has(id)) throw new RulePackError(r.file, { rule: id, field: 'id' }, `already defined in ${ordered.get(id)!.file}`);
      ordered.delete(id); // an override takes the place of the rule it replaces, at the end
      ordered.set(id, r);
    });
  }

  const byLanguage: RuleSet['byLanguage'] = { fr: [], en: [] };
  const rules: RuleDescription[] = [];
  for (const [id, r] of ordered) {
    const kindName = r.body.kind;
    const kind = typeof kindName === 'string' ? RULE_KINDS[kindName] : undefined;
    if (!kind) {
      throw new RulePackError(r.file, { rule: id, field: 'kind' }, `expected one of ${Object.keys(RULE_KINDS).join(', ')}, got ${JSON.stringify(kindName)}`);
    }
    const parsed = kind.schema.safeParse(r.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field =
        issue.code === 'unrecognized_keys' ? (issue as { keys: string[] }).keys.join(', ') : issue.path.join('.') || undefined;
      const expected = issue.code === 'unrecognized_keys' ? `unknown field; the fields of a ${kindName} rule are ${Object.keys((kind.schema as any)._zod?.def?.in?._zod?.def?.shape ?? (kind.schema as any).shape ?? {}).join(', ')}` : describeIssue(issue);
      throw new RulePackError(r.file, { rule: id, field }, expected);
    }
    const rule = parsed.data as { id: string; enabled?: boolean; description?: string; categories?: string[] };
    if (kind.needsCategory) {
      if (!r.category) throw new RulePackError(r.file, { rule: id, field: 'category' }, 'expected a category (on the rule or the file)');
      if (!categories.has(r.category)) {
        throw new RulePackError(r.file, { rule: id, field: 'category' }, `unknown category "${r.category}"; expected one of ${[...categories.keys()].join(', ')} or one declared under "categories:"`);
      }
    }
    for (const c of rule.categories ?? []) {
      if (!categories.has(c)) throw new RulePackError(r.file, { rule: id, field: 'categories' }, `unknown category "${c}"`);
    }
    if (rule.enabled === false) continue;
    const category = kind.needsCategory ? r.category : null;
    let compiled: CompiledRule;
    try {
      compiled = kind.compile(rule, { language: r.language, category });
    } catch (err) {
      throw new RulePackError(r.file, { rule: id }, (err as Error).message);
    }
    byLanguage[r.language].push(compiled);
    rules.push({ id, kind: compiled.kind, language: r.language, category, description: rule.description, file: r.file });
  }
  return {
    byLanguage,
    index: { fr: new RuleIndex(byLanguage.fr), en: new RuleIndex(byLanguage.en) },
    rules,
    categories: [...categories.values()],
    hash: hash.digest('hex').slice(0, 16),
    files: packFiles.map((f) => f.name),
  };
}
