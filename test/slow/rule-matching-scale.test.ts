// Rule matching is linear in the passage's length: one paragraph of a megabyte (a short DOCX
// inflates to that) is matched by every built-in rule in seconds, where matchers that compared
// every hit with every other took minutes. The shapes below are each a worst case of one
// matcher: nested hits kept (terms), anchors far from every word of the other groups (frame
// with a window), anchors and neighbours out of reach (proximity, product), one clause per
// word pair (frame `within: clause`).
import { describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../src/rules/load.js';
import { analyseDocument } from '../../src/analyse/document.js';
import { foldString } from '../../src/text/fold.js';
import { stem, tokenize } from '../../src/text/tokens.js';
import type { MatchContext } from '../../src/rules/phrases.js';
import type { Language, Page } from '../../src/types.js';

const MEGABYTE = 1_000_000;
/** Generous: linear matching takes well under a second per shape here; the quadratic one took minutes. */
const BOUND_MS = 8_000;

const shapes: { name: string; language: Language; unit: string }[] = [
  { name: 'one word repeated (nested hits of term rules)', language: 'fr', unit: 'caméra ' },
  { name: 'frame groups never within the window', language: 'fr', unit: 'hélicoptère a b c d e f g h i j k l m n caméra a b c d e f g h i j k l m n ' },
  { name: 'a clause per pair (within: clause)', language: 'fr', unit: 'localisation en temps réel ; personne ; ' },
  { name: 'proximity anchors without a neighbour in reach', language: 'fr', unit: 'micro a b c d e f g h i j k l m n o p q r s t u v w x y drone a b c d e f g h i j k l m n o p q r s t u v w x y ' },
  { name: 'English frame groups never within the window', language: 'en', unit: 'helicopter a b c d e f g h i j k l m n camera a b c d e f g h i j k l m n ' },
];

function paragraph(unit: string): string {
  return unit.repeat(Math.ceil(MEGABYTE / unit.length));
}

function context(text: string, language: Language): MatchContext {
  const folded = foldString(text);
  const tokens = tokenize(folded);
  return { tokens, stems: tokens.map((t) => stem(t.text, language)), raw: (i) => text.slice(tokens[i].start, tokens[i].end), text: folded };
}

describe('rule matching on one paragraph of a megabyte', () => {
  const rules = loadRuleSet();

  for (const shape of shapes) {
    it(`is linear: ${shape.name}`, () => {
      const ctx = context(paragraph(shape.unit), shape.language);
      const candidates = rules.index[shape.language].candidates(ctx.stems, ctx.tokens.map((t) => t.text));
      expect(candidates.length).toBeGreaterThan(0);
      const began = performance.now();
      let matches = 0;
      for (const { rule, starts } of candidates) matches += rule.category === null ? rule.cancels(ctx, starts).length : rule.match(ctx, starts).length;
      expect(performance.now() - began).toBeLessThan(BOUND_MS);
      expect(matches).toBeGreaterThan(0);
    });
  }

  it('gives its finding through the whole analysis, without overflowing the stack', () => {
    // 140,000 matches of one rule in one passage: more than `push(...matches)` takes arguments.
    const text = paragraph('caméra ');
    const page: Page = { number: 1, text, lines: [{ text, start: 0, end: text.length }] } as Page;
    const analysis = analyseDocument('long.txt', [page], rules);
    expect(analysis.findings.map((f) => f.category)).toEqual(['video-surveillance']);
  }, 60_000);
});
