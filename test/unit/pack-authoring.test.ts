// What pack writers are held to (docs/rule-packs-authoring.md): terms of at most five words
// unless they are names.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRuleSet, readPackSources } from '../../src/rules/load.js';
import { countTermWords, tooLongTerm } from '../../src/rules/term-length.js';
import { tenderscan } from '../helpers/cli.js';
import { checkCase } from '../helpers/detection.js';

let dir: string;
const pack = (name: string, body: string) => {
  const path = join(dir, name);
  writeFileSync(path, body);
  return path;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tenderscan-authoring-'));
});

describe('the five-word limit on terms', () => {
  it.each([
    ['données de connexion', 3],
    ['données de l état', 3], // "l" is an elision
    ['lorsqu il s agit', 3], // "s" too, "lorsqu" is a word
    ['cell-site simulator', 3], // a hyphen splits words, as the matcher does
    ['garde corps * * main courante', 6], // each "*" stands for a word
    ['transm* des images', 3],
    ['=postes de police', 3],
  ])('counts "%s" as %i words', (term, words) => {
    expect(countTermWords(term)).toBe(words);
  });

  it('finds a long phrase in any list of a rule, frame groups included', () => {
    expect(tooLongTerm({ terms: ['drone'], unless: ['drone de la fête de la ville'] })).toMatchObject({ field: 'unless', words: 7 });
    expect(tooLongTerm({ groups: { who: ['les agents de la police municipale de la ville'], what: ['images'] } })).toMatchObject({ field: 'groups.who' });
    expect(tooLongTerm({ phrases: ['procès verbal de la commission d appel d offres'] })).toMatchObject({ field: 'phrases' });
    expect(tooLongTerm({ terms: ['drone'], names: ['fichier national automatisé des empreintes génétiques'] })).toBeUndefined();
  });

  it('rejects a pack with a sentence-shaped term, naming the file, rule, field and term', () => {
    const file = pack('long.yaml', 'language: fr\ncategory: drones\nrules:\n  - id: my.long\n    kind: terms\n    terms: [drone, survol de la zone par un aéronef léger]\n');
    expect(() => loadRuleSet([file])).toThrow(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: rule my\\.long: field terms: term "survol de la zone par un aéronef léger" has 8 words; expected at most 5`),
    );
  });

  it('accepts a long proper name under names:, matched like a term', () => {
    const file = pack(
      'names.yaml',
      'language: fr\ncategory: police-records\nrules:\n  - id: my.file-name\n    kind: terms\n    names: [fichier des objets et des véhicules signalés]\n',
    );
    const rules = loadRuleSet([file]);
    checkCase({ text: 'Les agents consultent le fichier des objets et des véhicules signalés avant le contrôle.', expect: { 'police-records': '+' } }, rules);
  });

  it('is enforced by rules --check', () => {
    const file = pack('long-check.yaml', 'language: en\ncategory: drones\nrules:\n  - id: my.long\n    kind: terms\n    terms: [the drone shall fly over the park]\n');
    const r = tenderscan(['rules', '--check', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}: rule my.long: field terms: term "the drone shall fly over the park" has 7 words; expected at most 5`);
  });

  it('holds for every built-in pack', () => {
    const long = readPackSources().flatMap((source) =>
      ((source.doc as { rules: Record<string, unknown>[] }).rules ?? []).flatMap((rule) => {
        const t = tooLongTerm(rule);
        return t ? [`${source.name}: ${String(rule.id)}: ${t.field}: ${t.term}`] : [];
      }),
    );
    expect(long).toEqual([]);
  });
});
