// The rule case files (test/cases/<lang>/<pack>.yaml): every case of every file, with the
// built-in rules, one test each; every built-in pack has its file, with a case that must
// match and one that must not. The cases are sentences written for these files.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyseDocument } from '../../src/analyse/document.js';
import { BUILTIN_PACK_DIR, loadRuleSet } from '../../src/rules/load.js';
import { listPacks, missingCoverage, parseCaseFile, readCaseFiles } from '../helpers/case-files.js';
import { checkCase } from '../helpers/detection.js';
import { pageFromText } from '../helpers/text.js';

const CASES_DIR = fileURLToPath(new URL('../cases/', import.meta.url));
const rules = loadRuleSet();
const categories = new Set(rules.categories.map((c) => c.id));
const packs = listPacks(BUILTIN_PACK_DIR);
const known = { categories, packs: new Set(packs) };
const files = readCaseFiles(CASES_DIR, known);

describe('rule case files', () => {
  it('cover every built-in pack with a case that must match and one that must not', () => {
    const problems = packs.flatMap((pack) => missingCoverage(pack, files.find((f) => f.pack === pack), categories));
    expect(problems).toEqual([]);
  });

  for (const file of files) {
    describe(file.pack, () => {
      for (const c of file.cases) {
        it(c.text.length > 90 ? `${c.text.slice(0, 90)}…` : c.text, () => {
          // A case in fr/ tests the French rules: the page must be read as French.
          expect(analyseDocument('t.pdf', [pageFromText(c.text)], rules).language).toBe(file.language);
          checkCase(c, rules);
        });
      }
    });
  }
});

describe('reading a case file', () => {
  const read = (pack: string, source: string) => () => parseCaseFile(pack, source, known);
  it.each([
    ['unknown pack', 'fr/no-such-pack', '- text: Des drones survolent la zone.\n  expect: {drones: "+"}\n', /fr\/no-such-pack\.yaml: no built-in pack/],
    ['unknown category', 'fr/drones', '- text: Des drones survolent la zone.\n  expect: {dronez: "+"}\n', /case 1: unknown category "dronez"/],
    ['bad mark', 'fr/drones', '- text: Des drones survolent la zone.\n  expect: {drones: yes}\n', /case 1: expected "\+", "\?" or "-" for drones/],
    ['unknown field', 'fr/drones', '- text: Des drones survolent la zone.\n  expect: {drones: "+"}\n  expected: {}\n', /case 1: unknown field "expected"/],
    ['no text', 'fr/drones', '- expect: {drones: "+"}\n', /case 1: expected a non-empty text/],
    ['no expect', 'fr/drones', '- text: Des drones survolent la zone.\n', /case 1: expected expect/],
    ['unknown also', 'fr/drones', '- text: Des drones survolent la zone.\n  expect: {drones: "+"}\n  also: [sky]\n', /case 1: unknown category "sky" in also/],
    ['not a list', 'fr/drones', 'text: Des drones survolent la zone.\n', /expected a non-empty YAML list/],
    ['not YAML', 'fr/drones', '- text: [\n', /not valid YAML/],
  ])('rejects a file with %s', (_, pack, source, message) => {
    expect(read(pack, source)).toThrow(message);
  });

  it('asks each pack for a case that must match and one that must not', () => {
    const only = (expectMark: Record<string, '+' | '?' | '-'>) => ({ pack: 'fr/drones', language: 'fr' as const, cases: [{ text: 'x', expect: expectMark }] });
    expect(missingCoverage('fr/drones', undefined, categories)).toEqual(['fr/drones: no case file test/cases/fr/drones.yaml']);
    expect(missingCoverage('fr/drones', only({ drones: '+' }), categories)).toEqual([expect.stringMatching(/no case that must not match/)]);
    expect(missingCoverage('fr/drones', only({ drones: '-' }), categories)).toEqual([expect.stringMatching(/no case that must match/)]);
    expect(missingCoverage('fr/context', only({}), categories)).toEqual([expect.stringMatching(/no case that must match/)]);
  });
});
