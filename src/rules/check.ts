// Checking rule packs: each pack's shape, each rule against its kind's schema, categories and
// ids, overrides in order; the result is plain data (CheckedPacks), sent as is to the workers.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { BUILTIN_CATEGORIES, type CategoryInfo } from './categories.js';
import { RULE_KINDS } from './kinds/index.js';
import type { RuleKind } from './kinds/types.js';
import { loadZod, type Zod } from './lazy.js';
import { RulePackError, type PackSource } from './read.js';
import { tooLongMessage, tooLongTerm } from './term-length.js';
import type { StemTable } from '../text/tokens.js';
import type { Language } from '../types.js';

const require = createRequire(import.meta.url);

function packSchema(z: Zod) {
  const categoryId = z.string().regex(/^[a-z][a-z0-9-]*$/, 'a lower-case id like "my-category"');
  return z
    .object({
      language: z.enum(['fr', 'en']),
      category: z.string().optional(),
      categories: z.array(z.object({ id: categoryId, en: z.string().optional(), fr: z.string().optional() }).strict()).optional(),
      // The public glossaries, guidance and statutes the pack's vocabulary comes from.
      sources: z
        .array(
          z
            .object({
              title: z.string().min(1),
              url: z.string().regex(/^https?:\/\/\S+$/, 'a public URL (http:// or https://)'),
              note: z.string().min(1).optional(),
            })
            .strict(),
        )
        .min(1)
        .optional(),
      rules: z.array(z.record(z.string(), z.unknown())).min(1),
    })
    .strict();
}

/** A public text a pack's vocabulary comes from (`sources:` of a pack). */
export interface VocabularySource {
  title: string;
  url: string;
  note?: string;
}

/** The sources of one pack file. */
export interface PackSources {
  file: string;
  sources: VocabularySource[];
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

function readPack(source: PackSource): { raw: RawRule[]; categories: CategoryInfo[]; sources: VocabularySource[] } {
  const displayName = source.name;
  const pack = packSchema(loadZod()).safeParse(source.doc);
  if (!pack.success) {
    const issue = pack.error.issues[0];
    const field = issue.path.join('.') || undefined;
    throw new RulePackError(displayName, { field }, describeIssue(issue));
  }
  // A built-in pack says where its words come from; a user pack may.
  if (source.builtin && !pack.data.sources) throw new RulePackError(displayName, { field: 'sources' }, 'expected the public sources of the vocabulary (a list of title, url and optional note): required for a built-in pack');
  const categories = (pack.data.categories ?? []).map((c) => ({ id: c.id, en: c.en ?? c.id, fr: c.fr ?? c.en ?? c.id }));
  const raw = pack.data.rules.map((body) => ({
    file: displayName,
    language: pack.data.language,
    category: (body.category as string | undefined) ?? pack.data.category ?? null,
    body,
  }));
  return { raw, categories, sources: pack.data.sources ?? [] };
}

/** A rule that passed its kind's schema: plain data, sent as is to worker threads. */
export interface CheckedRule {
  id: string;
  kind: string;
  language: Language;
  category: string | null;
  file: string;
  body: { id: string; description?: string };
  /**
   * What compiling the rule gives for its index (CompiledRule.startKeys and span), known without
   * compiling it: set at build time on the built-in rules (rules/builtin.ts), so that a thread
   * that reads one small document compiles only the rules its words can start (compileRules'
   * `lazy`). Absent on a user's rules.
   */
  start?: RuleStart;
}

/** A rule's start keys, span and category, as its compiled form has them (a product's category is its first). */
export interface RuleStart {
  keys: string[] | null;
  also?: string[][];
  span?: 2;
  category: string | null;
}

/** Packs checked in full (schemas, categories, ids), before any rule is compiled. */
export interface CheckedPacks {
  rules: CheckedRule[];
  categories: CategoryInfo[];
  /** sha256 (16 hex digits) of the packs' bytes, for the evidence block. */
  hash: string;
  files: string[];
  /** The `sources:` of each pack that has them (absent in checks cached by older code). */
  sources?: PackSources[];
  /** Stems of the rules' words, kept with a cached check: workers compile without stemming. */
  phraseStems?: StemTable;
}

/** The built-in packs checked at build time, with what they were checked from. */
export interface CompiledPacks {
  /** The checking code (checkerFingerprint) that checked them. */
  checker: string;
  /** Each built-in pack's name and digest, in load order, and its file's stat when compiled (see rules/builtin.ts). */
  sources: { name: string; digest: string; stat?: string }[];
  /** The check, with the stems of the rules' words (workers compile without stemming). */
  checked: CheckedPacks;
}

/**
 * The code that reads, checks and compiles packs (the modules of rules/, the kinds) and stems their words
 * (tokens, natural's stemmers), hashed: a cached check is only reused by the same code.
 */
declare const __TENDERSCAN_CHECKER__: string | undefined;
let fingerprint: string | undefined;
export function checkerFingerprint(): string {
  if (fingerprint) return fingerprint;
  // The bundle (scripts/bundle.mjs) carries the fingerprint of the files it was made of.
  if (typeof __TENDERSCAN_CHECKER__ === 'string') return (fingerprint = __TENDERSCAN_CHECKER__);
  const self = fileURLToPath(import.meta.url);
  const ext = extname(self);
  const kinds = join(dirname(self), 'kinds');
  const files = [
    self,
    ...['read', 'compile', 'load', 'categories', 'term-length'].map((name) => join(dirname(self), `${name}${ext}`)),
    join(dirname(self), '..', 'text', `tokens${ext}`),
    join(dirname(self), `phrases${ext}`), // phrases compiled at build time (with folding)
    join(dirname(self), '..', 'text', `fold${ext}`),
    require.resolve('natural/lib/natural/stemmers/porter_stemmer_fr.js'),
    require.resolve('natural/lib/natural/stemmers/porter_stemmer.js'),
    require.resolve('natural/package.json'), // its version, for the modules the stemmers use
    ...readdirSync(kinds).filter((f) => f.endsWith(ext)).sort().map((f) => join(kinds, f)),
  ];
  const hash = createHash('sha256');
  for (const file of files) hash.update(readFileSync(file)).update('\0');
  return (fingerprint = hash.digest('hex').slice(0, 16));
}

export function checkPacks(packFiles: PackSource[], base?: CompiledPacks): CheckedPacks {
  const z = loadZod();
  const hash = createHash('sha256');
  const categories = new Map<string, CategoryInfo>(BUILTIN_CATEGORIES.map((c) => [c.id, c]));
  // Rules of `base` were checked when it was compiled: they take their place in the order, as
  // they are, and only the packs read now are checked.
  const ordered = new Map<string, RawRule | { checked: CheckedRule }>();
  if (base) {
    for (const source of base.sources) hash.update(source.digest);
    for (const c of base.checked.categories) categories.set(c.id, c);
    for (const rule of base.checked.rules) ordered.set(rule.id, { checked: rule });
  }
  const sources: PackSources[] = [...(base?.checked.sources ?? [])];
  for (const file of packFiles) {
    const { raw, categories: declared, sources: cited } = readPack(file);
    if (cited.length) sources.push({ file: file.name, sources: cited });
    hash.update(file.digest);
    for (const c of declared) categories.set(c.id, c);
    const seenHere = new Set<string>();
    raw.forEach((r, index) => {
      const id = typeof r.body.id === 'string' ? r.body.id : `#${index + 1}`;
      if (seenHere.has(id)) throw new RulePackError(r.file, { rule: id, field: 'id' }, 'this id is used twice in the file');
      seenHere.add(id);
      const earlier = ordered.get(id);
      if (file.builtin && earlier) throw new RulePackError(r.file, { rule: id, field: 'id' }, `already defined in ${'checked' in earlier ? earlier.checked.file : earlier.file}`);
      ordered.delete(id); // an override takes the place of the rule it replaces, at the end
      ordered.set(id, r);
    });
  }

  const rules: CheckedRule[] = [];
  const schemas = new Map<string, ReturnType<RuleKind<any>['schema']>>();
  for (const [id, r] of ordered) {
    if ('checked' in r) {
      rules.push(r.checked);
      continue;
    }
    const kindName = r.body.kind;
    const kind = typeof kindName === 'string' ? RULE_KINDS[kindName] : undefined;
    if (!kind) {
      throw new RulePackError(r.file, { rule: id, field: 'kind' }, `expected one of ${Object.keys(RULE_KINDS).join(', ')}, got ${JSON.stringify(kindName)}`);
    }
    const schema = schemas.get(kindName as string) ?? kind.schema(z);
    schemas.set(kindName as string, schema);
    const parsed = schema.safeParse(r.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field =
        issue.code === 'unrecognized_keys' ? (issue as { keys: string[] }).keys.join(', ') : issue.path.join('.') || undefined;
      const expected = issue.code === 'unrecognized_keys' ? `unknown field; the fields of a ${kindName} rule are ${Object.keys((schema as any)._zod?.def?.in?._zod?.def?.shape ?? (schema as any).shape ?? {}).join(', ')}` : describeIssue(issue);
      throw new RulePackError(r.file, { rule: id, field }, expected);
    }
    const rule = parsed.data as CheckedRule['body'] & { enabled?: boolean; categories?: string[]; yields?: string[] };
    const long = tooLongTerm(rule);
    if (long) throw new RulePackError(r.file, { rule: id, field: long.field }, tooLongMessage(long));
    if (kind.needsCategory) {
      if (!r.category) throw new RulePackError(r.file, { rule: id, field: 'category' }, 'expected a category (on the rule or the file)');
      if (!categories.has(r.category)) {
        throw new RulePackError(r.file, { rule: id, field: 'category' }, `unknown category "${r.category}"; expected one of ${[...categories.keys()].join(', ')} or one declared under "categories:"`);
      }
    }
    for (const field of ['categories', 'yields'] as const) {
      for (const c of rule[field] ?? []) {
        if (!categories.has(c)) throw new RulePackError(r.file, { rule: id, field }, `unknown category "${c}"`);
      }
    }
    if (rule.enabled === false) continue;
    rules.push({ id, kind: kindName as string, language: r.language, category: kind.needsCategory ? r.category : null, file: r.file, body: rule });
  }
  const files = [...(base?.checked.files ?? []), ...packFiles.map((f) => f.name)];
  return { rules, categories: [...categories.values()], hash: hash.digest('hex').slice(0, 16), files, sources, ...(base?.checked.phraseStems ? { phraseStems: base.checked.phraseStems } : {}) };
}
