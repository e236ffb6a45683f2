// Small token patterns for negation and modality cues, over folded words.
//
//   "ne|n ~3 pas|plus"   alternatives with "|", "word*" is a prefix, "~N" skips up to N tokens.
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

/** Every occurrence of every pattern in the tokens (shortest match per start). */
export function findCues(patterns: CuePattern[], tokens: Token[]): CueMatch[] {
  const found: CueMatch[] = [];
  for (let i = 0; i < tokens.length; i++) {
    for (const pattern of patterns) {
      const end = matchFrom(pattern, tokens, i, 0);
      if (end > i) found.push({ pattern, start: i, end });
    }
  }
  return found;
}
