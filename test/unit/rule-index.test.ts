// RuleIndex.candidatesOf, the analysis's way in (one lookup per word, kept for the rule set),
// gives the stems and candidates that stemming each token and RuleIndex.candidates give; and
// the rules compiled for one set serve another that has them (the built-in ones and a user's).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadRuleSet, type CompiledPacks } from '../../src/rules/load.js';
import { foldString } from '../../src/text/fold.js';
import { stem, tokenize } from '../../src/text/tokens.js';
import type { Language } from '../../src/types.js';

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
