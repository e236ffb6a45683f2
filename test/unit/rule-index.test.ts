// RuleIndex.candidatesOf, the analysis's way in (one lookup per word, kept for the rule set),
// gives the stems and candidates that stemming each token and RuleIndex.candidates give; and
// the rules compiled for one set serve another that has them (the built-in ones and a user's).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { BUILTIN_PACK_DIR, loadRuleSet, type CompiledPacks } from '../../src/rules/load.js';
import { foldString } from '../../src/text/fold.js';
import { stem, tokenize } from '../../src/text/tokens.js';
import type { Language } from '../../src/types.js';
import { listPacks, readCaseFiles } from '../helpers/case-files.js';

const PASSAGES: [Language, string][] = [
  ['fr', 'Le titulaire transmet les images des caméras de vidéoprotection au centre de supervision urbain.'],
  ['fr', "Aucune donnée biométrique ne sera collectée ; la reconnaissance faciale et la lecture automatisée des plaques d'immatriculation sont exclues."],
  ['fr', 'Les drones transmettent, transmettront et transmis : caméras caméras caméra, géolocalisation des véhicules.'],
  ['fr', 'Rien ici.'],
  ['en', 'The vendor shall provide automated license plate readers and facial recognition software to the police department.'],
  ['en', 'Cameras, cameras and a drone; data shared with Flock Safety and ICE under the agreement.'],
];

describe('RuleIndex.candidatesOf', () => {
  const rules = loadRuleSet();

  it('gives the stems of the tokens and the candidates of RuleIndex.candidates', () => {
    let found = 0;
    // Twice: the second time every word is known.
    for (const round of [1, 2]) {
      for (const [language, text] of PASSAGES) {
        const tokens = tokenize(foldString(text));
        const stems = tokens.map((t) => stem(t.text, language));
        const expected = rules.index[language].candidates(stems, tokens.map((t) => t.text)).map(({ rule, starts }) => ({ id: rule.id, starts }));
        const got = rules.index[language].candidatesOf(tokens, language);
        expect(got.stems, `${round}: ${text}`).toEqual(stems);
        expect(got.candidates.map(({ rule, starts }) => ({ id: rule.id, starts })), `${round}: ${text}`).toEqual(expected);
        found += expected.length;
      }
    }
    expect(found).toBeGreaterThan(10);
  });

  it('takes the words of two sentences joined as it finds those of the pair', () => {
    const [first, second] = PASSAGES.slice(0, 2).map(([, text]) => tokenize(foldString(text)));
    const index = rules.index.fr;
    const joined = index.candidatesOf([...first, ...second], 'fr', [...index.wordsOf(first, 'fr'), ...index.wordsOf(second, 'fr')]);
    const whole = index.candidatesOf([...first, ...second], 'fr');
    expect(joined.stems).toEqual(whole.stems);
    expect(joined.candidates.map(({ rule, starts }) => [rule.id, starts])).toEqual(whole.candidates.map(({ rule, starts }) => [rule.id, starts]));
  });
});

describe('candidates need a word of each group a rule needs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tenderscan-rule-groups-'));
  const pack = join(dir, 'pack.yaml');
  writeFileSync(
    pack,
    [
      'language: fr',
      'category: drones',
      'rules:',
      '  - id: x.frame',
      '    kind: frame',
      '    groups: { engin: [aérostat], action: [survoler], lieu: [place, marché] }',
      '  - id: x.near',
      '    kind: proximity',
      '    terms: [ballon]',
      '    near: [captif]',
      '    window: 3',
      '  - id: x.across',
      '    kind: frame',
      '    span: 2',
      '    groups: { qui: [gendarmerie], quoi: [ballon] }',
    ].join('\n'),
  );
  const rules = loadRuleSet([pack], { builtin: false });
  const ids = (text: string) => rules.index.fr.candidatesOf(tokenize(foldString(text)), 'fr').candidates.map((c) => c.rule.id);

  it.each([
    ['Un aérostat survole la place.', ['x.frame']],
    ['Un aérostat survole le marché.', ['x.frame']],
    ['Un aérostat survole la ville.', []],
    ['Un aérostat sur la place.', []],
    ['Un ballon captif.', ['x.near']],
    ['Un ballon rouge.', []],
  ])('%s', (text, expected) => {
    expect(ids(text)).toEqual(expected);
  });

  it('a pair of sentences has only the rules that may span two, and those that cancel', () => {
    const index = rules.index.fr;
    const pair = tokenize(foldString('Un aérostat survole la place. Un ballon captif.'));
    expect(index.candidatesOf(pair, 'fr', undefined, true).candidates).toEqual([]);
    expect(index.candidatesOf(pair, 'fr').candidates.map((c) => c.rule.id)).toEqual(['x.frame', 'x.near']);
    const across = tokenize(foldString('La gendarmerie survole la place. Un ballon captif.'));
    expect(index.candidatesOf(across, 'fr', undefined, true).candidates.map((c) => c.rule.id)).toEqual(['x.across']);
    // Words that start no rule spanning two sentences: no pair of them is worth building.
    expect(index.startsSpanningRule(index.wordsOf(pair, 'fr'))).toBe(false);
    expect(index.startsSpanningRule(index.wordsOf(tokenize(foldString('La gendarmerie.')), 'fr'))).toBe(true);
  });
});

describe('no rule that matches a sentence is left out of its candidates', () => {
  // Every sentence of the rule case files, alone and with the next one of its file: each
  // built-in rule is run on it whatever the index says, and what matches must be a candidate.
  const rules = loadRuleSet();
  const known = { categories: new Set(rules.categories.map((c) => c.id)), packs: new Set(listPacks(BUILTIN_PACK_DIR)) };
  const files = readCaseFiles(fileURLToPath(new URL('../cases/', import.meta.url)), known);

  it('in the rule case files', () => {
    let matched = 0;
    for (const file of files) {
      const language = file.language;
      file.cases.forEach((c, k) => {
        const texts = [c.text, ...(k + 1 < file.cases.length ? [`${c.text} ${file.cases[k + 1].text}`] : [])];
        for (const text of texts) {
          const folded = foldString(text);
          const tokens = tokenize(folded);
          const ctx = { tokens, stems: tokens.map((t) => stem(t.text, language)), raw: (i: number) => text.slice(tokens[i].start, tokens[i].end), text: folded };
          const candidates = new Set(rules.index[language].candidatesOf(tokens, language).candidates.map((x) => x.rule.id));
          for (const rule of rules.byLanguage[language]) {
            const found = rule.category === null ? rule.cancels(ctx) : rule.match(ctx);
            if (found.length === 0) continue;
            matched++;
            expect(candidates.has(rule.id), `${rule.id}: ${text}`).toBe(true);
          }
        }
      });
    }
    expect(matched).toBeGreaterThan(1000);
  });
});

describe('compiled rules shared between rule sets', () => {
  it('a set with a user pack reuses the built-in rules compiled for another set', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tenderscan-rule-index-'));
    const pack = join(dir, 'pack.yaml');
    writeFileSync(pack, 'language: fr\ncategory: drones\nrules:\n  - id: x.r1\n    kind: terms\n    terms: [aérostat captif]\n');
    const builtin = loadRuleSet();
    const withPack = loadRuleSet([pack]);
    const byId = new Map(builtin.byLanguage.fr.map((r) => [r.id, r]));
    const reused = withPack.byLanguage.fr.filter((r) => byId.get(r.id) === r);
    expect(reused.length).toBe(builtin.byLanguage.fr.length);
    expect(withPack.byLanguage.fr.map((r) => r.id)).toEqual([...builtin.byLanguage.fr.map((r) => r.id), 'x.r1']);
    // Each set keeps its own index: the user's rule starts only in the set that has it.
    const tokens = tokenize(foldString('Un aérostat captif survole la place.'));
    expect(withPack.index.fr.candidatesOf(tokens, 'fr').candidates.map((c) => c.rule.id)).toContain('x.r1');
    expect(builtin.index.fr.candidatesOf(tokens, 'fr').candidates.map((c) => c.rule.id)).not.toContain('x.r1');
  });
});

describe('rules compiled on first use (a thread reading one small document)', () => {
  it('compile a built-in rule only when a passage holds one of its start keys, and match as compiled rules do', async () => {
    // Modules of their own: no rule of this file's sets is compiled in them yet.
    vi.resetModules();
    const { compileRules, COMPILED_PACKS_FILE } = await import('../../src/rules/load.js');
    const { RULE_KINDS } = await import('../../src/rules/kinds/index.js');
    const compiled: string[] = [];
    for (const kind of Object.values(RULE_KINDS)) {
      const compile = kind.compile.bind(kind);
      vi.spyOn(kind, 'compile').mockImplementation((rule, context) => (compiled.push(rule.id), compile(rule as never, context)));
    }
    // The packs as the build checked them, with each rule's start keys.
    const checked = (JSON.parse(readFileSync(COMPILED_PACKS_FILE, 'utf8')) as CompiledPacks).checked;
    expect(checked.rules.every((r) => r.start !== undefined)).toBe(true);
    const lazy = compileRules(checked, { lazy: true });
    const text = foldString(PASSAGES[0][1]);
    const tokens = tokenize(text);
    const candidates = lazy.index.fr.candidatesOf(tokens, 'fr').candidates;
    expect(compiled).toEqual([]);
    const ctx = { tokens, stems: tokens.map((t) => stem(t.text, 'fr')), raw: (i: number) => text.slice(tokens[i].start, tokens[i].end), text };
    const matches = candidates.flatMap(({ rule, starts }) => rule.match(ctx, starts));
    // Only the candidates were compiled, each once, and far from all French rules.
    expect(new Set(compiled)).toEqual(new Set(candidates.map((c) => c.rule.id)));
    expect(compiled.length).toBe(new Set(compiled).size);
    expect(compiled.length).toBeLessThan(lazy.byLanguage.fr.length / 3);
    expect(matches.map((m) => m.category)).toContain('video-surveillance');
    // The same matches as the rules compiled all at once.
    const eager = compileRules(checked);
    const again = eager.index.fr.candidatesOf(tokens, 'fr').candidates.flatMap(({ rule, starts }) => rule.match(ctx, starts));
    expect(again).toEqual(matches);
    vi.restoreAllMocks();
  });
});
