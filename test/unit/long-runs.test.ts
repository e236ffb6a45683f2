// A symbol followed by millions of digits (or letters) is a normal text: V8 runs a regular
// expression quantifier over a Unicode property class (`[\p{L}]+`) on its stack, and a run of
// five million characters ended INTERNAL "Maximum call stack size exceeded" (in a string of
// two-byte characters: the "€" makes it one). Each stage that
// looks for words with such a class is given that run here (the whole pipeline, on a text and
// an RTF file, is in test/slow/long-runs.test.ts).
import { describe, expect, it } from 'vitest';
import { splitPassages } from '../../src/analyse/passages.js';
import { findCitations, findIssuerSpans } from '../../src/analyse/structure.js';
import { buildAnalysisText } from '../../src/text/clean.js';
import { DocumentVocabulary } from '../../src/text/hyphenation.js';
import { diffReports } from '../../src/report/model/compare.js';
import type { Finding, Report } from '../../src/types.js';

const RUN = 5_000_000;
const runs = { digits: '€' + '1'.repeat(RUN), letters: '€' + 'a'.repeat(RUN), symbols: 'a' + '€'.repeat(RUN) + 'b' };

describe('a run of five million characters', () => {
  for (const [name, run] of Object.entries(runs)) {
    it(`of ${name} is split into passages`, () => {
      const text = `Les caméras. ${run} Fin.`;
      const spans = splitPassages(text, (i) => text[i]);
      expect(spans[0]).toEqual({ start: 0, end: 12 });
      expect(spans.at(-1)!.end).toBe(text.length);
    });
  }

  it('of letters is searched for citations and the issuer', () => {
    const text = `€ ta ${'a'.repeat(RUN)} et caa ${'b'.repeat(RUN)} (ice)`;
    const passage = { start: 0, end: text.length };
    expect(findCitations(text, passage, (i) => text[i])).toEqual([]);
    expect(findIssuerSpans(text, passage, { names: ['ice'], heads: [] })).toEqual([{ start: text.length - 4, end: text.length - 1 }]);
  });

  it('of letters cut at a line end is joined or kept as the document writes it', () => {
    const word = 'a'.repeat(RUN);
    const text = `${word}-\nment de la ville €`;
    const lines = [
      { number: 1, text: `${word}-`, start: 0, end: word.length + 1 },
      { number: 2, text: 'ment de la ville €', start: word.length + 2, end: text.length },
    ];
    const vocabulary = new DocumentVocabulary();
    vocabulary.add(text);
    expect(vocabulary.has('ville')).toBe(true);
    const folded = buildAnalysisText(text, lines, new Set(), vocabulary);
    expect(folded.text.endsWith('ment de la ville €')).toBe(true);
  });

  it('of symbols in an excerpt is compared by diff', () => {
    const finding = { excerpt: `Les caméras ${'€'.repeat(RUN)} de la ville ${'é'.repeat(RUN)}` } as Finding;
    const report = (findings: Finding[]) => ({ documents: [], findings, summary: {} }) as unknown as Report;
    expect(() => diffReports(report([finding]), report([finding]), { old: 'a', new: 'b' })).not.toThrow();
  });
});
