// Table-driven detection cases: a sentence with the categories it must give, and how.
// "+" positive and asserted, "?" positive but optional, "-" negated. Any other positive
// category is an error; `also` lists categories that may appear without being required.
import { expect } from 'vitest';
import { analyseDocument } from '../../src/analyse/document.js';
import type { RuleSet } from '../../src/rules/load.js';
import { pageFromText } from './text.js';

export type Mark = '+' | '?' | '-';
export interface Case {
  text: string;
  expect: Record<string, Mark>;
  also?: string[];
}

/** The findings of a one-page document holding `text`. */
export function findingsOf(text: string, rules: RuleSet) {
  return analyseDocument('t.pdf', [pageFromText(text)], rules).findings;
}

export function checkCase(c: Case, rules: RuleSet): void {
  const got: Record<string, Mark> = {};
  for (const f of findingsOf(c.text, rules)) {
    const mark: Mark = f.negated ? '-' : f.modality === 'optional' ? '?' : '+';
    // A positive mention wins over a negated one of the same category in the same text.
    if (!(f.category in got) || got[f.category] === '-') got[f.category] = mark;
  }
  for (const extra of c.also ?? []) if (!(extra in c.expect)) delete got[extra];
  expect(got).toEqual(c.expect);
}
