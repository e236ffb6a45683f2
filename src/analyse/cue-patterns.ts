// Small token patterns for negation and modality cues, over folded words.
//
//   "ne|n ~3 pas|plus"   alternatives with "|", "word*" is a prefix, "~N" skips up to N tokens.
import { push } from '../rules/phrases.js';
import type { Token } from './tokens.js';

type Element = { kind: 'word'; alternatives: { text: string; prefix: boolean }[] } | { kind: 'gap'; max: number };

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
      return {
        kind: 'word',
        alternatives: part.split('|').map((alt) => ({ text: alt.replace(/\*$/, ''), prefix: alt.endsWith('*') })),
      };
    });
  if (elements[0]?.kind !== 'word' || elements[elements.length - 1]?.kind !== 'word') {
    throw new Error(`cue "${source}" must start and end with a word`);
  }
  return { source, elements };
}

function wordMatches(element: Extract<Element, { kind: 'word' }>, word: string): boolean {
  return element.alternatives.some((a) => (a.prefix ? word.startsWith(a.text) : word === a.text));
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
  /** Prefix alternatives of first words, by their first two letters (shorter ones: key ""). */
  prefixes: Map<string, { text: string; pattern: number }[]>;
}

const indexes = new WeakMap<CuePattern[], FirstWordIndex>();
function indexOf(patterns: CuePattern[]): FirstWordIndex {
  let index = indexes.get(patterns);
  if (index) return index;
  index = { exact: new Map(), prefixes: new Map() };
  patterns.forEach((pattern, n) => {
    const first = pattern.elements[0] as Extract<Element, { kind: 'word' }>;
    for (const a of first.alternatives) {
      if (!a.prefix) push(index!.exact, a.text, n);
      else push(index!.prefixes, a.text.slice(0, 2).length === 2 ? a.text.slice(0, 2) : '', { text: a.text, pattern: n });
    }
  });
  indexes.set(patterns, index);
  return index;
}

/** Indexes (in pattern order) of the patterns whose first word can be `word`. */
function startingWith(index: FirstWordIndex, word: string): readonly number[] {
  const exact = index.exact.get(word) ?? NONE;
  let out: number[] | undefined;
  for (const key of ['', word.slice(0, 2)]) {
    for (const p of index.prefixes.get(key) ?? NONE_PREFIXES) {
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
