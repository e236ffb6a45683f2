// Rule phrases: words matched on stems (or folded words, or exact-case acronyms) in token runs.
import { foldString } from '../text/fold.js';
import { stem, tokenize, type Token } from '../text/tokens.js';
import type { Language } from '../types.js';

export type PhraseToken =
  | { kind: 'stem'; value: string }
  | { kind: 'word'; value: string }
  | { kind: 'acronym'; value: string }
  | { kind: 'prefix'; value: string }
  | { kind: 'any' };

export interface Phrase {
  source: string;
  tokens: PhraseToken[];
}

/** What a passage offers to rules: its tokens with stems, and their verbatim text. */
export interface MatchContext {
  tokens: Token[];
  stems: string[];
  /** Verbatim text of token i (case kept), for acronyms. */
  raw(i: number): string;
  /** The folded text that token offsets index (for the punctuation between tokens). */
  text: string;
}

export interface PhraseHit {
  phrase: Phrase;
  /** Token indexes, end exclusive. */
  start: number;
  end: number;
}

/** Phrase tokens by language, mode and source: the same phrase recurs across rules and runs. */
const phraseCache = new Map<string, PhraseToken[]>();

/**
 * Phrases compiled elsewhere, in their written form (see packPhrases): by "<language> <mode>",
 * then by source, the tokens as one string. Read when a phrase is first compiled here; the
 * latest table given is the one read (a thread is given the built-in one, once).
 */
export type PackedPhrases = Record<string, Record<string, string>>;
let remembered: PackedPhrases | undefined;

const KIND_MARK = { stem: 's', word: 'w', prefix: 'p' } as const;
const MARK_KIND = { s: 'stem', w: 'word', p: 'prefix' } as const;

/** One phrase's tokens as one string: each token a mark and its value ("*" for any word), space-separated. */
export function packTokens(tokens: PhraseToken[]): string | undefined {
  const parts: string[] = [];
  for (const t of tokens) {
    if (t.kind === 'any') parts.push('*');
    else if (t.kind === 'acronym' || t.value === '' || /\s/.test(t.value)) return undefined;
    else parts.push(KIND_MARK[t.kind] + t.value);
  }
  return parts.join(' ');
}

/** The tokens of packTokens's string; undefined when it is not one. */
export function unpackTokens(packed: string): PhraseToken[] | undefined {
  if (packed === '') return [];
  const tokens: PhraseToken[] = [];
  for (const part of packed.split(' ')) {
    if (part === '*') tokens.push({ kind: 'any' });
    else {
      const kind = MARK_KIND[part[0] as keyof typeof MARK_KIND];
      if (!kind || part.length < 2) return undefined;
      tokens.push({ kind, value: part.slice(1) });
    }
  }
  return tokens;
}

/**
 * The phrases compiled so far in this thread, packed (about a third of their JSON size, and no
 * object per token to parse), to hand to another thread or run (see rememberPhrases).
 */
export function packPhrases(): PackedPhrases {
  const packed: PackedPhrases = {};
  for (const [key, tokens] of phraseCache) {
    const [language, mode, source] = key.split('\0');
    const text = packTokens(tokens);
    if (text === undefined || source === undefined) continue;
    (packed[`${language} ${mode}`] ??= {})[source] = text;
  }
  return packed;
}

/**
 * Phrases compiled earlier by the same code: taken as they are, not tokenised and stemmed
 * again. Nothing is decoded now: a phrase is unpacked when a rule first compiles it.
 */
export function rememberPhrases(table: PackedPhrases): void {
  remembered = table;
  // Phrases this thread compiled already give way to the table's (at start-up there are none).
  if (phraseCache.size === 0) return;
  for (const [group, phrases] of Object.entries(table)) {
    if (!phrases || typeof phrases !== 'object') continue;
    const [language, mode] = group.split(' ');
    for (const source of Object.keys(phrases)) phraseCache.delete(`${language}\0${mode}\0${source}`);
  }
}

function rememberedTokens(language: Language, mode: string, source: string): PhraseToken[] | undefined {
  const group = remembered?.[`${language} ${mode}`];
  // Own properties only: a phrase may be "constructor".
  if (!group || typeof group !== 'object' || !Object.hasOwn(group, source)) return undefined;
  const packed = group[source];
  return typeof packed === 'string' ? unpackTokens(packed) : undefined;
}

export function compilePhrase(source: string, mode: 'stem' | 'word' | 'acronym', language: Language): Phrase {
  if (mode === 'acronym') return { source, tokens: [{ kind: 'acronym', value: source.trim() }] };
  const key = `${language}\0${mode}\0${source}`;
  let tokens = phraseCache.get(key);
  if (!tokens) phraseCache.set(key, (tokens = rememberedTokens(language, mode, source) ?? tokenizePhrase(source, mode, language)));
  return { source, tokens };
}

function tokenizePhrase(source: string, mode: 'stem' | 'word', language: Language): PhraseToken[] {
  const tokens: PhraseToken[] = [];
  for (const part of source.trim().split(/\s+/)) {
    if (part === '*') {
      tokens.push({ kind: 'any' });
      continue;
    }
    // "transm*": any word that starts so (verb forms that the stemmer does not bring together).
    const prefix = part.length > 1 && part.endsWith('*');
    // "=postes": that word form only (folded), where its stem would join unrelated words
    // ("postes" / "poster", "administrés" / "administration").
    const exact = part.length > 1 && part.startsWith('=');
    const words = tokenize(foldString(part.slice(exact ? 1 : 0, prefix ? -1 : undefined)));
    words.forEach((t, k) => {
      if (prefix && k === words.length - 1) tokens.push({ kind: 'prefix', value: t.text });
      else tokens.push(mode === 'stem' && !exact ? { kind: 'stem', value: stem(t.text, language) } : { kind: 'word', value: t.text });
    });
  }
  return tokens;
}

function tokenMatches(p: PhraseToken, ctx: MatchContext, i: number): boolean {
  switch (p.kind) {
    case 'stem':
      return ctx.stems[i] === p.value;
    case 'word':
      return ctx.tokens[i].text === p.value;
    case 'acronym':
      return ctx.raw(i) === p.value;
    case 'prefix':
      return ctx.tokens[i].text.startsWith(p.value);
    case 'any':
      return true;
  }
}

/** The first two UTF-16 units of a word as one number (no substring to allocate), -1 if shorter. */
export function twoLetters(word: string): number {
  return word.length < 2 ? -1 : word.charCodeAt(0) * 0x10000 + word.charCodeAt(1);
}

/** A set of phrases indexed by their first token, for one pass over a passage. */
export class PhraseSet {
  private readonly byStem = new Map<string, Phrase[]>();
  private readonly byWord = new Map<string, Phrase[]>();
  /** Phrases that start with a prefix ("transm*"), by the prefix's first two letters. */
  private readonly byPrefix = new Map<number, Phrase[]>();
  private readonly prefixes = new Set<string>();
  private readonly others: Phrase[] = [];

  constructor(readonly phrases: Phrase[]) {
    for (const phrase of phrases) {
      const first = phrase.tokens[0];
      if (!first) continue;
      if (first.kind === 'stem') push(this.byStem, first.value, phrase);
      else if (first.kind === 'word') push(this.byWord, first.value, phrase);
      else if (first.kind === 'acronym') push(this.byWord, foldString(first.value), phrase);
      else if (first.kind === 'prefix' && first.value.length >= 2) {
        push(this.byPrefix, twoLetters(first.value), phrase);
        this.prefixes.add(first.value);
      } else this.others.push(phrase);
    }
  }

  /**
   * The token keys ("s:" + stem, "w:" + folded word, "p:" + prefix of a folded word) that can
   * start one of these phrases, or null when a phrase starts with a wildcard: then it can
   * start anywhere.
   */
  startKeys(): string[] | null {
    if (this.others.length > 0) return null;
    return [
      ...[...this.byStem.keys()].map((k) => `s:${k}`),
      ...[...this.byWord.keys()].map((k) => `w:${k}`),
      ...[...this.prefixes].map((k) => `p:${k}`),
    ];
  }

  /**
   * All occurrences in the passage, longest first at each position. `starts`, when given, are
   * the only token indexes where one of these phrases can start (see RuleIndex.candidates).
   */
  find(ctx: MatchContext, starts?: readonly number[]): PhraseHit[] {
    const hits: PhraseHit[] = [];
    const { tokens, stems } = ctx;
    const n = starts ? starts.length : tokens.length;
    for (let k = 0; k < n; k++) {
      const i = starts ? starts[k] : k;
      const byStem = this.byStem.get(stems[i]);
      if (byStem) this.matchAt(byStem, ctx, i, hits);
      const byWord = this.byWord.get(tokens[i].text);
      if (byWord) this.matchAt(byWord, ctx, i, hits);
      if (this.byPrefix.size) {
        const byPrefix = this.byPrefix.get(twoLetters(tokens[i].text));
        if (byPrefix) this.matchAt(byPrefix, ctx, i, hits);
      }
      if (this.others.length) this.matchAt(this.others, ctx, i, hits);
    }
    return hits.length > 1 ? hits.sort((a, b) => a.start - b.start || b.end - a.end) : hits;
  }

  private matchAt(phrases: Phrase[], ctx: MatchContext, i: number, hits: PhraseHit[]): void {
    for (const phrase of phrases) {
      const n = phrase.tokens.length;
      if (i + n > ctx.tokens.length) continue;
      let ok = true;
      for (let k = 0; k < n && ok; k++) ok = tokenMatches(phrase.tokens[k], ctx, i + k);
      if (ok) hits.push({ phrase, start: i, end: i + n });
    }
  }
}

/** Appends to the list under `key`, creating it. */
export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * Spans asked "does any of you overlap this one?" many times: sorted by start with the
 * running maximum of their ends, each question is a binary search, so a long passage with
 * many hits costs n log n, never hits × spans.
 */
export class SpanIndex {
  private readonly starts: number[];
  private readonly maxEnds: number[];

  constructor(spans: readonly { start: number; end: number }[]) {
    const sorted = [...spans].sort((a, b) => a.start - b.start);
    this.starts = sorted.map((s) => s.start);
    this.maxEnds = [];
    let max = -Infinity;
    for (const s of sorted) this.maxEnds.push((max = Math.max(max, s.end)));
  }

  get size(): number {
    return this.starts.length;
  }

  /** Whether one of the spans overlaps `span`, as `overlaps` says. */
  overlapsAny(span: { start: number; end: number }): boolean {
    // The spans that start before `span` ends overlap it when the furthest end passes its start.
    return this.reachFrom(span.end) > span.start;
  }

  /** The furthest end of the spans that start before `limit` (-Infinity when none does). */
  protected reachFrom(limit: number): number {
    const k = firstAtOrAfter(this.starts, limit) - 1;
    return k >= 0 ? this.maxEnds[k] : -Infinity;
  }
}

/** Spans asked "does one of you contain this one?": the same index, for containment. */
export class CoverIndex extends SpanIndex {
  /** Whether one of the spans holds all of `span`. */
  coversAny(span: { start: number; end: number }): boolean {
    return this.reachFrom(span.start + 1) >= span.end;
  }
}

/** The first index of an ascending array whose value is ≥ `value` (its length when none is). */
export function firstAtOrAfter(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
