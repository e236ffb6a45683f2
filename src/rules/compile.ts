// Compiling checked rules into matchers, per language and on first use, with the index that
// tells which rules a passage can start.
import type { CategoryInfo } from './categories.js';
import type { CheckedPacks, CheckedRule, PackSources, RuleStart } from './check.js';
import { RULE_KINDS } from './kinds/index.js';
import type { CompiledRule } from './kinds/types.js';
import { push, twoLetters } from './phrases.js';
import { RulePackError } from './read.js';
import { stem, type Token } from '../text/tokens.js';
import type { Language } from '../types.js';

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

/**
 * Token keys ("s:" stem, "w:" folded word, "p:" word prefix) each with the numbers filed under
 * it; a word's numbers are those of its stem, itself and its prefixes, each once.
 */
class KeyTable {
  private readonly byStem = new Map<string, number[]>();
  private readonly byWord = new Map<string, number[]>();
  /** Numbers that a word prefix ("transm*") has, by the prefix's first two letters. */
  private readonly byPrefix = new Map<number, { prefix: string; value: number }[]>();

  add(key: string, value: number): void {
    if (key.startsWith('p:')) push(this.byPrefix, twoLetters(key.slice(2)), { prefix: key.slice(2), value });
    else push(key.startsWith('s:') ? this.byStem : this.byWord, key.slice(2), value);
  }

  lookup(stemmed: string, word: string): readonly number[] {
    let found: number[] = NO_RULES;
    const add = (n: number) => {
      if (found === NO_RULES) found = [n];
      else if (!found.includes(n)) found.push(n);
    };
    this.byStem.get(stemmed)?.forEach(add);
    this.byWord.get(word)?.forEach(add);
    if (this.byPrefix.size) for (const p of this.byPrefix.get(twoLetters(word)) ?? []) if (word.startsWith(p.prefix)) add(p.value);
    return found;
  }
}

/**
 * Rules of one language, indexed by the stems and words that can start them, and by those of
 * the other groups of words they need (CompiledRule.alsoKeys).
 */
export class RuleIndex {
  private readonly starts = new KeyTable();
  /** Under each key of a rule's further groups: rule × 8 + the group's number (1 to 7). */
  private readonly further = new KeyTable();
  private readonly always: number[] = [];
  /** Per rule, one bit per further group (bit g for group g): all must be met (0: none needed). */
  private readonly needs: Uint8Array;

  /** Which rules the current passage has met (equal to `pass`), and their start positions. */
  private readonly metIn: Float64Array;
  private readonly startsOf: (number[] | undefined)[];
  /** The further groups the current passage has met, per rule (valid when groupsIn is `pass`). */
  private readonly groupsIn: Float64Array;
  private readonly groupsMet: Uint8Array;
  private pass = 0;
  /** Whether a rule may match across two sentences (`span: 2`): else no pair is worth building. */
  readonly spansTwoSentences: boolean;
  /**
   * Each word met so far: its stem, the rules it can start and the further groups it is a word
   * of (by stem, word or prefix), so that a token costs one lookup instead of several.
   */
  private readonly known = new Map<string, WordStarts>();

  constructor(readonly rules: CompiledRule[]) {
    this.spansTwoSentences = rules.some((rule) => rule.span === 2);
    this.metIn = new Float64Array(rules.length);
    this.startsOf = new Array<number[] | undefined>(rules.length);
    this.groupsIn = new Float64Array(rules.length);
    this.groupsMet = new Uint8Array(rules.length);
    this.needs = new Uint8Array(rules.length);
    rules.forEach((rule, n) => {
      if (rule.startKeys === null) this.always.push(n);
      else for (const key of rule.startKeys) this.starts.add(key, n);
      // At most seven further groups (a frame has at most eight): more are not asked for.
      (rule.alsoKeys ?? []).slice(0, 7).forEach((keys, k) => {
        this.needs[n] |= 1 << (k + 1);
        for (const key of keys) this.further.add(key, n * 8 + k + 1);
      });
    });
  }

  /** Whether a rule of the index can start anywhere (it has no start key). */
  get startsAnywhere(): boolean {
    return this.always.length > 0;
  }

  /**
   * Whether one of these words can start a rule that may span two sentences: else a pair of
   * sentences made of them finds nothing the sentences do not find alone.
   */
  startsSpanningRule(words: readonly WordStarts[]): boolean {
    if (!this.spansTwoSentences) return false;
    for (const word of words) for (const n of word.rules) if (this.rules[n].span === 2) return true;
    return false;
  }

  /** Whether a rule of the index can start on this word (a token's text) of `language`. */
  startsOn(word: string, language: Language): boolean {
    return (this.known.get(word) ?? this.learn(word, language)).rules.length > 0;
  }

  /**
   * The rules that can match in a passage with these stems and words, in pack order, each with
   * the token indexes where one of its start keys occurs (undefined: it can start anywhere).
   */
  candidates(stems: string[], words: string[]): Candidate[] {
    return this.candidatesFrom(stems.map((stem, i) => this.lookUp(stem, words[i]))).candidates;
  }

  /** Each token's stem and the rules its word can start, each distinct word looked up once per rule set. */
  wordsOf(tokens: readonly Token[], language: Language): WordStarts[] {
    const words = new Array<WordStarts>(tokens.length);
    for (let i = 0; i < tokens.length; i++) words[i] = this.known.get(tokens[i].text) ?? this.learn(tokens[i].text, language);
    return words;
  }

  /**
   * `candidates` for the tokens of a passage in `language` (the index's), with the tokens'
   * stems, from the tokens' words (wordsOf; a pair of sentences joins those of each).
   */
  candidatesOf(tokens: readonly Token[], language: Language, words: readonly WordStarts[] = this.wordsOf(tokens, language), pair = false): { stems: string[]; candidates: Candidate[] } {
    return this.candidatesFrom(words, pair);
  }

  /**
   * The candidates of a passage whose words' start rules are known: the rules one of its words
   * starts and, for a rule that needs further groups of words, a word of each; of a `pair` of
   * sentences, only those that may span two and those that cancel (the sentences alone found
   * the rest). Rules met are marked in arrays kept from passage to passage, by a pass number;
   * the rules that need no starting word are met from the outset.
   */
  private candidatesFrom(words: readonly WordStarts[], pair = false): { stems: string[]; candidates: Candidate[] } {
    const pass = ++this.pass;
    const met: number[] = [];
    for (const n of this.always) {
      this.metIn[n] = pass;
      this.startsOf[n] = undefined;
      met.push(n);
    }
    const stems = new Array<string>(words.length);
    for (let i = 0; i < words.length; i++) {
      const word = words[i];
      stems[i] = word.stem;
      for (const n of word.rules) this.addStart(n, i, met);
      for (const code of word.groups) {
        const n = code >> 3;
        if (this.groupsIn[n] !== pass) {
          this.groupsIn[n] = pass;
          this.groupsMet[n] = 0;
        }
        this.groupsMet[n] |= 1 << (code & 7);
      }
    }
    let kept = 0;
    for (const n of met) if (this.hasGroups(n) && (!pair || this.rules[n].span === 2 || this.rules[n].category === null)) met[kept++] = n;
    met.length = kept;
    if (kept === 0) return { stems, candidates: [] };
    // In pack order. An insertion sort: a passage meets a few dozen rules (never more than the
    // index has), where a sort with a comparator cost more than the rest of this loop.
    for (let i = 1; i < kept; i++) {
      const n = met[i];
      let j = i - 1;
      for (; j >= 0 && met[j] > n; j--) met[j + 1] = met[j];
      met[j + 1] = n;
    }
    const candidates = new Array<Candidate>(kept);
    for (let i = 0; i < kept; i++) candidates[i] = { rule: this.rules[met[i]], starts: this.startsOf[met[i]] };
    return { stems, candidates };
  }

  /** Whether the current passage holds a word of each further group rule `n` needs. */
  private hasGroups(n: number): boolean {
    const needs = this.needs[n];
    return needs === 0 || (this.groupsIn[n] === this.pass && (this.groupsMet[n] & needs) === needs);
  }

  /** A word's stem, the rules it starts and the further groups it is a word of, kept. */
  private learn(word: string, language: Language): WordStarts {
    const starts = this.lookUp(stem(word, language), word);
    this.known.set(word, starts);
    return starts;
  }

  private lookUp(stemmed: string, word: string): WordStarts {
    return { stem: stemmed, rules: this.starts.lookup(stemmed, word), groups: this.further.lookup(stemmed, word) };
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

/** A word's stem and the rules (indices) it can start. */
export interface WordStarts {
  stem: string;
  rules: readonly number[];
  /** The further groups of rules it is a word of: rule × 8 + group (see RuleIndex). */
  groups: readonly number[];
}

const NO_RULES: number[] = [];

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

export function compileBothLanguages(checked: CheckedPacks): RuleSet {
  const set = compileRules(checked);
  void set.index.fr;
  void set.index.en;
  return set;
}

/**
 * Compiles checked rules into matchers indexed per language (no validation: see
 * checkRulePacks). Each language is compiled when first used: a French dossier never
 * compiles the English rules (half of a worker's start-up). `lazy`: a rule whose start keys
 * the build recorded (CheckedRule.start) is compiled when a passage first holds one of them,
 * for a thread that reads one small document, where most rules never meet their words (a
 * worker, which reads many, compiles all of them while it waits for its first document).
 */
export function compileRules(checked: CheckedPacks, options: { lazy?: boolean } = {}): RuleSet {
  const compiled: Partial<Record<Language, { rules: CompiledRule[]; index: RuleIndex }>> = {};
  const forLanguage = (language: Language) => (compiled[language] ??= compileLanguage(checked, language, options.lazy === true));
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

/**
 * Rules compiled in this thread, by what they were compiled from (kind, language, category and
 * body): a rule met under the built-in packs alone is not compiled again under the built-in
 * packs and a user's (a pool worker prepares the former while it waits for its setup).
 * A compiled rule keeps no state from one passage to the next: one object serves every set.
 */
const compiledRules = new Map<string, CompiledRule>();

function compileLanguage(checked: CheckedPacks, language: Language, lazy: boolean): { rules: CompiledRule[]; index: RuleIndex } {
  const rules: CompiledRule[] = [];
  for (const r of checked.rules) {
    if (r.language !== language) continue;
    rules.push(lazy && r.start ? lazyRule(r, r.start) : compileChecked(r));
  }
  return { rules, index: new RuleIndex(rules) };
}

/** How many rules this thread has compiled (for the benchmark's timings, and the tests). */
export function compiledRuleCount(): number {
  return compiledRules.size;
}

/** A checked rule compiled, or the same rule compiled earlier in this thread. */
function compileChecked(r: CheckedRule): CompiledRule {
  const key = `${r.kind}\0${r.language}\0${r.category}\0${JSON.stringify(r.body)}`;
  let rule = compiledRules.get(key);
  if (!rule) {
    try {
      rule = RULE_KINDS[r.kind].compile(r.body, { language: r.language, category: r.category });
    } catch (err) {
      throw new RulePackError(r.file, { rule: r.id }, (err as Error).message);
    }
    compiledRules.set(key, rule);
  }
  return rule;
}

/** A rule that compiles itself when first asked to match or cancel (its index entries known beforehand). */
function lazyRule(r: CheckedRule, start: RuleStart): CompiledRule {
  let compiled: CompiledRule | undefined;
  const rule = () => (compiled ??= compileChecked(r));
  return {
    id: r.id,
    kind: r.kind,
    language: r.language,
    category: start.category,
    startKeys: start.keys,
    ...(start.also ? { alsoKeys: start.also } : {}),
    ...(start.span === 2 ? { span: 2 as const } : {}),
    match: (ctx, starts, across) => rule().match(ctx, starts, across),
    cancels: (ctx, starts) => rule().cancels(ctx, starts),
  };
}

/**
 * Records on each rule of `checked` what its compiled form says of where it can start
 * (CheckedRule.start), from the rule set `set` compiled from it (both languages).
 */
export function recordStarts(checked: CheckedPacks, set: RuleSet): void {
  for (const language of ['fr', 'en'] as const) {
    const compiled = set.byLanguage[language];
    const own = checked.rules.filter((r) => r.language === language);
    own.forEach((r, n) => {
      const rule = compiled[n];
      if (rule.id !== r.id || rule.kind !== r.kind) throw new Error(`rule ${r.id}: compiled out of order`);
      r.start = { keys: rule.startKeys, ...(rule.alsoKeys ? { also: rule.alsoKeys } : {}), category: rule.category, ...(rule.span === 2 ? { span: 2 as const } : {}) };
    });
  }
}
