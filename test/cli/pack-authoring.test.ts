// What pack writers are held to (docs/rule-packs-authoring.md): terms of at most five words
// unless they are names, exact word forms where stems collide, and the public sources of a
// pack's vocabulary.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileBuiltinPacks, loadRuleSet, readPackSources } from '../../src/rules/load.js';
import { countTermWords, tooLongTerm } from '../../src/rules/term-length.js';
import { tenderscan } from '../helpers/cli.js';
import { checkCase } from '../helpers/detection.js';
import { packFolder } from '../helpers/packs.js';

const packs = packFolder('tenderscan-authoring-');
const pack = packs.pack;

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

describe('the sources of a pack', () => {
  const rule = 'rules:\n  - id: my.uav\n    kind: terms\n    terms: [quadcopter]\n';
  const sources = 'sources:\n  - title: A public glossary\n    url: https://example.org/glossary\n    note: the drone entry\n';

  it('are required for a built-in pack', () => {
    const packDir = join(packs.dir, 'builtin');
    mkdirSync(join(packDir, 'en'), { recursive: true });
    writeFileSync(join(packDir, 'en', 'drones.yaml'), `language: en\ncategory: drones\n${rule}`);
    expect(() => compileBuiltinPacks(packDir)).toThrow(/builtin:en\/drones\.yaml: field sources: expected the public sources of the vocabulary/);
    writeFileSync(join(packDir, 'en', 'drones.yaml'), `language: en\ncategory: drones\n${sources}${rule}`);
    expect(compileBuiltinPacks(packDir).checked.sources).toEqual([
      { file: 'builtin:en/drones.yaml', sources: [{ title: 'A public glossary', url: 'https://example.org/glossary', note: 'the drone entry' }] },
    ]);
  });

  it('are optional for a user pack, and checked when given', () => {
    expect(() => loadRuleSet([pack('no-sources.yaml', `language: en\ncategory: drones\n${rule}`)])).not.toThrow();
    const bad = pack('bad-source.yaml', `language: en\ncategory: drones\nsources:\n  - title: A glossary\n    url: example.org\n${rule}`);
    expect(() => loadRuleSet([bad])).toThrow(/bad-source\.yaml: field sources\.0\.url: a public URL/);
    const extra = pack('extra-source.yaml', `language: en\ncategory: drones\nsources:\n  - title: A glossary\n    url: https://example.org\n    author: me\n${rule}`);
    expect(() => loadRuleSet([extra])).toThrow(/extra-source\.yaml: field sources\.0/);
  });

  it('are listed by the rules command', () => {
    const file = pack('cited.yaml', `language: en\ncategory: drones\n${sources}${rule}`);
    const listed = JSON.parse(tenderscan(['rules', '--rules', file, '--format', 'json']).stdout);
    expect(listed.sources).toContainEqual({ file, sources: [{ title: 'A public glossary', url: 'https://example.org/glossary', note: 'the drone entry' }] });
    expect(listed.sources.find((s: any) => s.file === 'builtin:fr/drones.yaml').sources.length).toBeGreaterThan(0);
    const table = tenderscan(['rules', '--rules', file]).stdout;
    expect(table).toMatch(/^sources of the vocabulary \(\d+ packs\)$/m);
    expect(table).toContain(`${file}`);
    expect(table).toContain('A public glossary <https://example.org/glossary>');
  });

  it('are given by every built-in pack, as https URLs', () => {
    const cited = loadRuleSet().sources;
    const packs = readPackSources().map((s) => s.name);
    expect(cited.map((c) => c.file)).toEqual(packs);
    for (const c of cited) for (const s of c.sources) expect(s.url, c.file).toMatch(/^https:\/\//);
  });
});

describe('exact word forms', () => {
  // A stem joins words of unrelated meanings: "=word" is that folded word only, in any list.
  it('match the word as written (accents and case folded), not the other words of its stem', () => {
    const file = pack(
      'exact.yaml',
      [
        'language: fr',
        'category: drones',
        'rules:',
        '  - id: my.exact.terms',
        '    kind: terms',
        '    terms: [=postes]',
        '  - id: my.exact.frame',
        '    kind: frame',
        '    groups:',
        '      who: [=administrés]',
        '      what: [=déplacements]',
      ].join('\n') + '\n',
    );
    const rules = loadRuleSet([file]);
    const drones = (text: string, mark?: '+') => checkCase({ text, expect: mark ? { drones: mark } : {}, also: ['crowdsourcing', 'geolocation'] }, rules);
    drones('Les POSTES de travail sont fournis par le titulaire.', '+');
    drones('Les habitants peuvent poster des messages sur le forum.');
    drones('Les déplacements des administrés sont comptés aux entrées de la ville.', '+');
    drones("L'administration compte les véhicules se déplaçant en centre-ville.");
  });

  it('start a rule by the word itself in the passage index', () => {
    const file = pack('exact-en.yaml', 'language: en\ncategory: drones\nrules:\n  - id: my.exact.en\n    kind: proximity\n    terms: [=detect]\n    near: [=units]\n    window: 4\n');
    const rules = loadRuleSet([file]);
    expect(rules.byLanguage.en.find((r) => r.id === 'my.exact.en')!.startKeys).toEqual(['w:detect']);
    checkCase({ text: 'The units detect gunfire in the district.', expect: { drones: '+' }, also: ['audio-sensors'] }, rules);
    checkCase({ text: 'The detectives of the united task force met the chief.', expect: {}, also: ['police-records'] }, rules);
  });
});
