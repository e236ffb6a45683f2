// Rule packs: YAML (or JSON) files validated at load, compiled once.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { BUILTIN_CATEGORIES, type CategoryInfo } from '../categories.js';
import { UsageError } from '../errors.js';
import { RULE_KINDS } from './kinds/index.js';
import { knownPhrases, push, rememberPhrases, twoLetters } from './phrases.js';
import { knownStems, rememberStems, type StemTable } from '../analyse/tokens.js';
import { tooLongMessage, tooLongTerm } from './term-length.js';
import type { CompiledRule, RuleKind } from './kinds/types.js';
import type { Language } from '../types.js';

const require = createRequire(import.meta.url);
export type Zod = typeof z;
// zod and yaml cost a tenth of a second each to load: only the thread that checks packs (the
// main one) loads them, and yaml only when a pack is not in the parsed-pack cache. The review
// file (review/file.ts) reads and validates its YAML through these too.
let zod: Zod | undefined;
export const loadZod = (): Zod => (zod ??= (require('zod') as { z: Zod }).z);
export const loadYaml = () => require('yaml') as typeof import('yaml');

/** Where the built-in packs live (the same folder from src/ and from dist/). */
export const BUILTIN_PACK_DIR = fileURLToPath(new URL('../../src/rules/packs/', import.meta.url));

/** The built-in packs as `npm run build` checked them (scripts/compile-packs.mjs writes it). */
export const COMPILED_PACKS_FILE = fileURLToPath(new URL('../../dist/rules/builtin-packs.json', import.meta.url));
/** Their phrases tokenised and stemmed, for the workers (written beside it). */
export const COMPILED_PHRASES_FILE = fileURLToPath(new URL('../../dist/rules/builtin-phrases.json', import.meta.url));

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

export interface RuleDescription {
  id: string;
  kind: string;
  language: Language;
  category: string | null;
  /** Rules without one category: the categories a product stands for, or an exception cancels. */
  categories?: string[];
  description?: string;
  file: string;
}

/** Rules of one language, indexed by the stems and words that can start them. */
export class RuleIndex {
  private readonly byStem = new Map<string, number[]>();
  private readonly byWord = new Map<string, number[]>();
  /** Rules that a word prefix can start ("transm*"), by the prefix's first two letters. */
  private readonly byPrefix = new Map<number, { prefix: string; rule: number }[]>();
  private readonly always: number[] = [];

  /** Which rules the current passage has met (equal to `pass`), and their start positions. */
  private readonly metIn: Float64Array;
  private readonly startsOf: (number[] | undefined)[];
  private pass = 0;

  constructor(readonly rules: CompiledRule[]) {
    this.metIn = new Float64Array(rules.length);
    this.startsOf = new Array<number[] | undefined>(rules.length);
    rules.forEach((rule, n) => {
      if (rule.startKeys === null) this.always.push(n);
      else
        for (const key of rule.startKeys) {
          if (key.startsWith('p:')) push(this.byPrefix, twoLetters(key.slice(2)), { prefix: key.slice(2), rule: n });
          else push(key.startsWith('s:') ? this.byStem : this.byWord, key.slice(2), n);
        }
    });
  }

  /**
   * The rules that can match in a passage with these stems and words, in pack order, each with
   * the token indexes where one of its start keys occurs (undefined: it can start anywhere).
   * Rules met are marked in arrays kept from passage to passage, by a pass number.
   */
  candidates(stems: string[], words: string[]): Candidate[] {
    const pass = ++this.pass;
    const met: number[] = [];
    for (const n of this.always) {
      this.metIn[n] = pass;
      this.startsOf[n] = undefined;
      met.push(n);
    }
    for (let i = 0; i < stems.length; i++) {
      const byStem = this.byStem.get(stems[i]);
      if (byStem) for (const n of byStem) this.addStart(n, i, met);
      const byWord = this.byWord.get(words[i]);
      if (byWord) for (const n of byWord) this.addStart(n, i, met);
      if (this.byPrefix.size) {
        const byPrefix = this.byPrefix.get(twoLetters(words[i]));
        if (byPrefix) for (const p of byPrefix) if (words[i].startsWith(p.prefix)) this.addStart(p.rule, i, met);
      }
    }
    if (met.length === 0) return [];
    met.sort((a, b) => a - b);
    return met.map((n) => ({ rule: this.rules[n], starts: this.startsOf[n] }));
  }

  private addStart(rule: number, at: number, met: number[]): void {
    if (this.metIn[rule] !== this.pass) {
      this.metIn[rule] = this.pass;
      this.startsOf[rule] = [at];
      met.push(rule);
      return;
    }
    const list = this.startsOf[rule];
    // A token can start a rule by its stem and by its word: once is enough.
    if (list && list[list.length - 1] !== at) list.push(at);
  }
}

export interface Candidate {
  rule: CompiledRule;
  starts: number[] | undefined;
}

export interface RuleSet {
  byLanguage: Record<Language, CompiledRule[]>;
  index: Record<Language, RuleIndex>;
  rules: RuleDescription[];
  categories: CategoryInfo[];
  /** sha256 (16 hex digits) of the packs' bytes, for the evidence block. */
  hash: string;
  files: string[];
  /** The `sources:` of each pack that has them, in load order. */
  sources: PackSources[];
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

/** Parsed and checked packs can be kept in the cache folder: YAML and zod were most of a scan's start-up. */
export interface PackCache {
  get<T>(key: string): T | undefined;
  set<T>(key: string, value: T): void;
}
let yamlVersion: string | undefined;
const YAML_VERSION = () => (yamlVersion ??= (require('yaml/package.json') as { version: string }).version);

const packDigest = (file: string, bytes: Buffer) => createHash('sha256').update(basename(file)).update('\0').update(bytes).digest('hex');

function readPackSource(file: string, name: string, builtin: boolean, cache?: PackCache): PackSource {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new RulePackError(name, {}, `cannot read the file (${(err as NodeJS.ErrnoException).code ?? err})`);
  }
  const json = file.endsWith('.json');
  const digest = packDigest(file, bytes);
  const cacheKey = () => `pack|${digest}|yaml-${YAML_VERSION()}`;
  let doc: unknown = json ? undefined : cache?.get<{ doc: unknown }>(cacheKey())?.doc;
  if (doc === undefined) {
    try {
      doc = json ? JSON.parse(bytes.toString('utf8')) : loadYaml().parse(bytes.toString('utf8'));
    } catch (err) {
      const where = (err as Error).name === 'YAMLParseError' && (err as YAMLParseError).linePos ? ` at line ${(err as YAMLParseError).linePos![0].line}` : '';
      throw new RulePackError(name, {}, `not valid ${json ? 'JSON' : 'YAML'}${where}: ${(err as Error).message.split('\n')[0]}`);
    }
    if (!json) cache?.set(cacheKey(), { doc });
  }
  return { name, builtin, digest, doc };
}

/** Reads and parses the built-in packs (from `packDir`) and the user's packs (in order). */
export function readPackSources(userFiles: string[] = [], options: { builtin?: boolean; cache?: PackCache; packDir?: string } = {}): PackSource[] {
  const packDir = options.packDir ?? BUILTIN_PACK_DIR;
  return [
    ...(options.builtin === false ? [] : listBuiltinPacks(packDir).map((f) => readPackSource(f, `builtin:${relative(packDir, f)}`, true, options.cache))),
    ...userFiles.map((f) => readPackSource(f, f, false, options.cache)),
  ];
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

function listBuiltinPacks(packDir: string): string[] {
  const files: string[] = [];
  for (const lang of readdirSync(packDir).sort()) {
    for (const name of readdirSync(join(packDir, lang)).sort()) {
      if (/\.(ya?ml|json)$/.test(name)) files.push(join(packDir, lang, name));
    }
  }
  return files;
}

/**
 * Loads the built-in packs and the user's packs (in order): a user rule with the id of an
 * earlier rule replaces it, `enabled: false` switches it off. Every problem is a RulePackError.
 */
export function loadRuleSet(userFiles: string[] = [], options: { builtin?: boolean } = {}): RuleSet {
  return compileBothLanguages(loadCheckedPacks(userFiles, options));
}

/** The built-in packs checked at build time, with what they were checked from. */
export interface CompiledPacks {
  /** The checking code (checkerFingerprint) that checked them. */
  checker: string;
  /** Each built-in pack's name and digest, in load order. */
  sources: { name: string; digest: string }[];
  /** The check, with the stems of the rules' words (workers compile without stemming). */
  checked: CheckedPacks;
}

type BuiltinLocation = { packDir?: string; compiledFile?: string };

/** Checks the built-in packs of `packDir` as `npm run build` does, for COMPILED_PACKS_FILE. */
export function compileBuiltinPacks(packDir = BUILTIN_PACK_DIR): CompiledPacks {
  const sources = readPackSources([], { packDir });
  const checked = checkPacks(sources);
  compileBothLanguages(checked);
  checked.phraseStems = knownStems();
  return { checker: checkerFingerprint(), sources: sources.map((s) => ({ name: s.name, digest: s.digest })), checked };
}

/** The phrases of compiled packs, by the code that compiled them (see rememberPhrases). */
export interface CompiledPhrases {
  checker: string;
  /** The packs' hash. */
  hash: string;
  phrases: ReturnType<typeof knownPhrases>;
}

/** The phrases compiled in this thread, after compileBuiltinPacks (which compiles both languages). */
export function compiledPhrases(packs: CompiledPacks): CompiledPhrases {
  return { checker: packs.checker, hash: packs.checked.hash, phrases: knownPhrases() };
}

/**
 * Takes the built-in rules' phrases as the build compiled them, when they are those of these
 * packs and of this code: compiling the rules then neither tokenises nor stems them (half of
 * a worker's compile).
 */
export function rememberBuiltinPhrases(checked: CheckedPacks, file = COMPILED_PHRASES_FILE): void {
  let compiled: CompiledPhrases;
  try {
    compiled = JSON.parse(readFileSync(file, 'utf8')) as CompiledPhrases;
  } catch {
    return;
  }
  if (compiled.checker === checkerFingerprint() && compiled.hash === checked.hash) rememberPhrases(compiled.phrases);
}

/**
 * The compiled built-in packs, when they are those of `packDir` today: the same files with the
 * same bytes, checked by the same code. Otherwise (a pack edited or added without a rebuild,
 * the file missing) undefined, and the packs are read and checked from their YAML instead:
 * the rules in use are always those of the sources.
 */
export function compiledBuiltinPacks(where: BuiltinLocation = {}): CompiledPacks | undefined {
  let compiled: CompiledPacks;
  try {
    compiled = JSON.parse(readFileSync(where.compiledFile ?? COMPILED_PACKS_FILE, 'utf8')) as CompiledPacks;
  } catch {
    return undefined;
  }
  const packDir = where.packDir ?? BUILTIN_PACK_DIR;
  const files = listBuiltinPacks(packDir);
  if (compiled.checker !== checkerFingerprint() || files.length !== compiled.sources?.length) return undefined;
  const same = files.every((file, n) => {
    const { name, digest } = compiled.sources[n];
    return name === `builtin:${relative(packDir, file)}` && digest === packDigest(file, readFileSync(file));
  });
  return same ? compiled : undefined;
}

/**
 * The packs a run uses, checked: the built-in ones (compiled at build time when they are up to
 * date, so that neither YAML nor zod is loaded), then the user's, read and checked after them.
 */
export function loadCheckedPacks(userFiles: string[] = [], options: { builtin?: boolean; cache?: PackCache } & BuiltinLocation = {}): CheckedPacks {
  const base = options.builtin === false ? undefined : compiledBuiltinPacks(options);
  if (options.builtin !== false && !base) return checkRulePacks(readPackSources(userFiles, options), options.cache);
  if (base && userFiles.length === 0) return base.checked;
  return checkRulePacks(readPackSources(userFiles, { builtin: false, cache: options.cache }), options.cache, base);
}

/** Checks and compiles parsed packs, both languages at once (so that any problem shows now). */
export function compileRuleSet(packFiles: PackSource[]): RuleSet {
  return compileBothLanguages(checkRulePacks(packFiles));
}

function compileBothLanguages(checked: CheckedPacks): RuleSet {
  const set = compileRules(checked);
  void set.index.fr;
  void set.index.en;
  return set;
}

/** A rule that passed its kind's schema: plain data, sent as is to worker threads. */
export interface CheckedRule {
  id: string;
  kind: string;
  language: Language;
  category: string | null;
  file: string;
  body: { id: string; description?: string };
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

/**
 * The code that checks packs (this module, the kinds, the categories) and stems their words
 * (tokens, natural's stemmers), hashed: a cached check is only reused by the same code.
 */
let fingerprint: string | undefined;
function checkerFingerprint(): string {
  if (fingerprint) return fingerprint;
  const self = fileURLToPath(import.meta.url);
  const ext = extname(self);
  const kinds = join(dirname(self), 'kinds');
  const files = [
    self,
    join(dirname(self), '..', `categories${ext}`),
    join(dirname(self), '..', 'analyse', `tokens${ext}`),
    join(dirname(self), `phrases${ext}`), // phrases compiled at build time (with folding)
    join(dirname(self), `term-length${ext}`),
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

/**
 * Validates parsed packs, after the already checked `base` ones when given: a user rule with
 * the id of an earlier rule replaces it. With a cache, packs already checked by the same code
 * (same names, same bytes) are not checked again, and zod is not even loaded.
 */
export function checkRulePacks(packFiles: PackSource[], cache?: PackCache, base?: CompiledPacks): CheckedPacks {
  if (!cache) return checkPacks(packFiles, base);
  const key = createHash('sha256').update(checkerFingerprint());
  const sources = [...(base?.sources.map((s) => ({ ...s, builtin: true })) ?? []), ...packFiles];
  for (const f of sources) key.update('\0').update(f.name).update('\0').update(String(f.builtin)).update('\0').update(f.digest);
  const cacheKey = `checked|${key.digest('hex')}`;
  const cached = cache.get<CheckedPacks>(cacheKey);
  if (cached) return cached;
  const checked = checkPacks(packFiles, base);
  // Compiling here once runs the stemmer on every word of the rules; the stems are kept with
  // the check, and each worker of later runs takes them instead of stemming (~25 ms each).
  if (base?.checked.phraseStems) rememberStems(base.checked.phraseStems);
  compileBothLanguages(checked);
  checked.phraseStems = knownStems();
  cache.set(cacheKey, checked);
  return checked;
}

function checkPacks(packFiles: PackSource[], base?: CompiledPacks): CheckedPacks {
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

/**
 * Compiles checked rules into matchers indexed per language (no validation: see
 * checkRulePacks). Each language is compiled when first used: a French dossier never
 * compiles the English rules (half of a worker's start-up).
 */
export function compileRules(checked: CheckedPacks): RuleSet {
  const compiled: Partial<Record<Language, { rules: CompiledRule[]; index: RuleIndex }>> = {};
  const forLanguage = (language: Language) => (compiled[language] ??= compileLanguage(checked, language));
  return {
    byLanguage: {
      get fr() { return forLanguage('fr').rules; },
      get en() { return forLanguage('en').rules; },
    },
    index: {
      get fr() { return forLanguage('fr').index; },
      get en() { return forLanguage('en').index; },
    },
    rules: checked.rules.map((r) => {
      const categories = (r.body as { categories?: string[] }).categories;
      return { id: r.id, kind: r.kind, language: r.language, category: r.category, ...(categories ? { categories } : {}), description: r.body.description, file: r.file };
    }),
    categories: checked.categories,
    hash: checked.hash,
    files: checked.files,
    sources: checked.sources ?? [],
  };
}

function compileLanguage(checked: CheckedPacks, language: Language): { rules: CompiledRule[]; index: RuleIndex } {
  const rules: CompiledRule[] = [];
  for (const r of checked.rules) {
    if (r.language !== language) continue;
    try {
      rules.push(RULE_KINDS[r.kind].compile(r.body, { language: r.language, category: r.category }));
    } catch (err) {
      throw new RulePackError(r.file, { rule: r.id }, (err as Error).message);
    }
  }
  return { rules, index: new RuleIndex(rules) };
}
