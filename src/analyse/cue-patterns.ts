// Small token patterns for negation and modality cues, over folded words.
//
//   "ne|n ~3 pas|plus"   alternatives with "|", "word*" is a prefix, "~N" skips up to N tokens.
import { push, twoLetters } from '../rules/phrases.js';
import type { Token } from './tokens.js';

type Word = { kind: 'word'; alternatives: { text: string; prefix: boolean }[]; exact: ReadonlySet<string>; prefixes: readonly string[] };
type Element = Word | { kind: 'gap'; max: number };

export interface CuePattern {
  source: string;
  elements: Element[];
}

export interface CueMatch {
  pattern: CuePattern;
  /** Token indexes, end exclusive. */
  start: number;
  end: number;
}

export function compileCue(source: string): CuePattern {
  const elements: Element[] = source
    .trim()
    .split(/\s+/)
    .map((part): Element => {
      const gap = /^~(\d+)$/.exec(part);
      if (gap) return { kind: 'gap', max: Number(gap[1]) };
      const alternatives = part.split('|').map((alt) => ({ text: alt.replace(/\*$/, ''), prefix: alt.endsWith('*') }));
      return {
        kind: 'word',
        alternatives,
        exact: new Set(alternatives.filter((a) => !a.prefix).map((a) => a.text)),
        prefixes: alternatives.filter((a) => a.prefix).map((a) => a.text),
      };
    });
  if (elements[0]?.kind !== 'word' || elements[elements.length - 1]?.kind !== 'word') {
    throw new Error(`cue "${source}" must start and end with a word`);
  }
  return { source, elements };
}

function wordMatches(element: Word, word: string): boolean {
  if (element.exact.has(word)) return true;
  for (const prefix of element.prefixes) if (word.startsWith(prefix)) return true;
  return false;
}

function matchFrom(pattern: CuePattern, tokens: Token[], at: number, e: number): number {
  if (e === pattern.elements.length) return at;
  const element = pattern.elements[e];
  if (element.kind === 'gap') {
    for (let skip = 0; skip <= element.max; skip++) {
      const end = matchFrom(pattern, tokens, at + skip, e + 1);
      if (end >= 0) return end;
    }
    return -1;
  }
  if (at >= tokens.length || !wordMatches(element, tokens[at].text)) return -1;
  return matchFrom(pattern, tokens, at + 1, e + 1);
}

/** Patterns grouped by what their first word can be, to try only those that can start at a token. */
interface FirstWordIndex {
  exact: Map<string, number[]>;
  /** Prefix alternatives of first words, by their first two letters (see twoLetters); shorter ones under -1. */
  prefixes: Map<number, { text: string; pattern: number }[]>;
}


const indexes = new WeakMap<CuePattern[], FirstWordIndex>();
function indexOf(patterns: CuePattern[]): FirstWordIndex {
  let index = indexes.get(patterns);
  if (index) return index;
  const built: FirstWordIndex = { exact: new Map(), prefixes: new Map() };
  patterns.forEach((pattern, n) => {
    for (const a of (pattern.elements[0] as Word).alternatives) {
      if (!a.prefix) push(built.exact, a.text, n);
      else push(built.prefixes, twoLetters(a.text), { text: a.text, pattern: n });
    }
  });
  indexes.set(patterns, built);
  return built;
}

/** Indexes (in pattern order) of the patterns whose first word can be `word`. */
function startingWith(index: FirstWordIndex, word: string): readonly number[] {
  const exact = index.exact.get(word) ?? NONE;
  const short = index.prefixes.get(-1);
  const long = word.length >= 2 ? index.prefixes.get(twoLetters(word)) : undefined;
  if (!short && !long) return exact;
  let out: number[] | undefined;
  for (const candidates of [short, long]) {
    for (const p of candidates ?? NONE_PREFIXES) {
      if (!word.startsWith(p.text)) continue;
      out ??= [...exact];
      if (!out.includes(p.pattern)) out.push(p.pattern);
    }
  }
  if (!out) return exact;
  return out.length > 1 ? out.sort((a, b) => a - b) : out;
}

const NONE: readonly number[] = [];
const NONE_PREFIXES: readonly { text: string; pattern: number }[] = [];

/** Every occurrence of every pattern in the tokens (shortest match per start). */
export function findCues(patterns: CuePattern[], tokens: Token[]): CueMatch[] {
  const index = indexOf(patterns);
  const found: CueMatch[] = [];
  for (let i = 0; i < tokens.length; i++) {
    for (const n of startingWith(index, tokens[i].text)) {
      const end = matchFrom(patterns[n], tokens, i, 0);
      if (end > i) found.push({ pattern: patterns[n], start: i, end });
    }
  }
  return found;
}
