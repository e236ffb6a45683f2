// Rule packs: loading, validation errors that point at the problem, user overrides, the rules command.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseDocument } from '../../src/analyse/document.js';
import { BUILTIN_CATEGORY_IDS } from '../../src/rules/categories.js';
import { checkRulePacks, compileBuiltinPacks, loadCheckedPacks, loadRuleSet, readPackSources, RulePackError } from '../../src/rules/load.js';
import { stem } from '../../src/text/tokens.js';
import { TextCache } from '../../src/cache/text-cache.js';
import { tenderscan } from '../helpers/cli.js';
import { makePdf } from '../helpers/pdf.js';
import { pageFromText } from '../helpers/text.js';
import { packFolder } from '../helpers/packs.js';

const packs = packFolder('tenderscan-rules-');
const pack = packs.pack;

describe('built-in packs', () => {
  const set = loadRuleSet();

  it('cover all 14 categories in French and English', () => {
    for (const language of ['fr', 'en'] as const) {
      const covered = new Set(set.byLanguage[language].map((r) => r.category).filter(Boolean));
      for (const id of BUILTIN_CATEGORY_IDS) expect(covered, `${language} ${id}`).toContain(id);
    }
  });

  it('have a stable hash of their bytes', () => {
    expect(set.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(loadRuleSet().hash).toBe(set.hash);
  });
});

describe('the parsed-pack cache', () => {
  it('answers a pack by its bytes: an edited pack is parsed again, a cached one reads as parsed', () => {
    const cache = new TextCache(join(packs.dir, 'pack-cache'));
    const file = pack('cached.yaml', 'language: fr\ncategory: drones\nrules:\n  - id: my.cached\n    kind: terms\n    terms: [aéronef]\n');
    const fresh = readPackSources([file], { builtin: false });
    expect(readPackSources([file], { builtin: false, cache })).toEqual(fresh);
    expect(readPackSources([file], { builtin: false, cache })).toEqual(fresh);
    pack('cached.yaml', 'language: fr\ncategory: drones\nrules:\n  - id: my.cached\n    kind: terms\n    terms: [multicoptère]\n');
    const edited = readPackSources([file], { builtin: false, cache });
    expect((edited[0].doc as { rules: { terms: string[] }[] }).rules[0].terms).toEqual(['multicoptère']);
    expect(edited[0].digest).not.toBe(fresh[0].digest);
  });

  it('keeps a check only for the same packs: an edited pack is checked again', () => {
    const cache = new TextCache(join(packs.dir, 'pack-cache'));
    const file = pack('checked.yaml', 'language: fr\ncategory: drones\nrules:\n  - id: my.checked\n    kind: terms\n    terms: [aéronef]\n');
    const fresh = checkRulePacks(readPackSources([file]));
    const checked = checkRulePacks(readPackSources([file], { cache }), cache);
    // With a cache, the check also carries the stems of the rules' words, for the workers.
    expect(checked).toEqual({ ...fresh, phraseStems: { fr: expect.any(Array), en: expect.any(Array) } });
    expect(new Map(checked.phraseStems!.fr).get('aeronef')).toBe(stem('aeronef', 'fr'));
    expect(checkRulePacks(readPackSources([file], { cache }), cache)).toEqual(checked);
    pack('checked.yaml', 'language: fr\ncategory: drones\nrules:\n  - id: my.checked\n    kind: terms\n    terms: [aéronef]\n    colour: red\n');
    expect(() => checkRulePacks(readPackSources([file], { cache }), cache)).toThrow(/rule my\.checked: field colour: unknown field/);
  });

  it('keeps the built-in words\' stems and the user\'s with a check over the built-in packs', () => {
    const cache = new TextCache(join(packs.dir, 'pack-cache-builtin'));
    const file = pack('over-builtin.yaml', 'language: fr\ncategory: drones\nrules:\n  - id: my.over\n    kind: terms\n    terms: [aérostats captifs]\n');
    // The built-in packs compiled as the build does, into the test's folder.
    const base = compileBuiltinPacks();
    const compiledFile = join(packs.dir, 'builtin-packs.json');
    writeFileSync(compiledFile, JSON.stringify(base));
    const checked = loadCheckedPacks([file], { cache, compiledFile });
    const stems = new Map(checked.phraseStems!.fr);
    // The user's words, stemmed on the main thread for the workers of later runs…
    expect(stems.get('aerostats')).toBe(stem('aerostats', 'fr'));
    expect(stems.get('captifs')).toBe(stem('captifs', 'fr'));
    // …beside every stem of the built-in words, which were not compiled again.
    for (const [word, stemmed] of base.checked.phraseStems!.fr) expect(stems.get(word)).toBe(stemmed);
    expect(loadCheckedPacks([file], { cache, compiledFile })).toEqual(checked);
  });

  it('still reports a broken pack that was never cached', () => {
    const cache = new TextCache(join(packs.dir, 'pack-cache'));
    const file = pack('broken-cached.yaml', 'language: fr\nrules: [\n');
    expect(() => readPackSources([file], { builtin: false, cache })).toThrow(/not valid YAML/);
  });
});

describe('validation errors name the file, the rule, the field and what was expected', () => {
  const cases: [string, string, RegExp][] = [
    ['unknown field', 'language: fr\ncategory: drones\nrules:\n  - id: my.x\n    kind: terms\n    terms: [drone]\n    colour: red\n', /bad\.yaml: rule my\.x: field colour: unknown field/],
    ['unknown kind', 'language: fr\ncategory: drones\nrules:\n  - id: my.x\n    kind: regex\n    terms: [drone]\n', /rule my\.x: field kind: expected one of terms, proximity, exception/],
    ['a kind named like an Object property (issue 23)', 'language: fr\ncategory: drones\nrules:\n  - id: my.x\n    kind: constructor\n    terms: [drone]\n', /rule my\.x: field kind: expected one of terms, .* got "constructor"/],
    ['unknown category', 'language: fr\ncategory: dronez\nrules:\n  - id: my.x\n    kind: terms\n    terms: [drone]\n', /rule my\.x: field category: unknown category "dronez"/],
    ['wrong type', 'language: fr\ncategory: drones\nrules:\n  - id: my.x\n    kind: proximity\n    terms: [drone]\n    near: [vol]\n    window: many\n', /rule my\.x: field window: .*number/],
    ['no words', 'language: fr\ncategory: drones\nrules:\n  - id: my.x\n    kind: terms\n', /rule my\.x: field terms: expected at least one of terms, exact, acronyms or names/],
    ['bad language', 'language: de\nrules:\n  - id: my.x\n    kind: terms\n    terms: [drone]\n', /bad\.yaml: field language: /],
    ['not YAML', 'language: fr\nrules: [\n', /bad\.yaml: not valid YAML/],
    ['duplicate id', 'language: fr\ncategory: drones\nrules:\n  - id: my.x\n    kind: terms\n    terms: [a]\n  - id: my.x\n    kind: terms\n    terms: [b]\n', /rule my\.x: field id: this id is used twice/],
  ];
  it.each(cases)('%s', (_name, body, message) => {
    const file = pack('bad.yaml', body);
    expect(() => loadRuleSet([file])).toThrow(RulePackError);
    expect(() => loadRuleSet([file])).toThrow(message);
  });

  it('exits 2 before reading any document', async () => {
    const file = pack('bad-cli.yaml', 'language: fr\ncategory: drones\nrules:\n  - id: my.x\n    kind: terms\n    terms: [drone]\n    colour: red\n');
    const r = tenderscan(['scan', join(packs.dir, 'does-not-exist.pdf'), '--rules', file]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([`tenderscan: ${file}: rule my.x: field colour: unknown field; the fields of a terms rule are kind, id, description, category, enabled, terms, exact, acronyms, names, unless, yields, excluded`]);
  });
});

describe('user packs', () => {
  const text = 'La ville déploie des lampadaires intelligents avec détection de présence. Le drone survole le parc.';

  it('add rules, categories of their own, and override or disable built-in rules by id', () => {
    const file = pack(
      'mine.yaml',
      [
        'language: fr',
        'categories:',
        '  - { id: smart-lighting, fr: Éclairage intelligent, en: Smart lighting }',
        'rules:',
        '  - id: my.lighting',
        '    kind: proximity',
        '    category: smart-lighting',
        '    terms: [lampadaire]',
        '    near: [détection de présence]',
        '    window: 6',
        '  - id: fr.drones.drones',
        '    kind: terms',
        '    category: drones',
        '    terms: [drone]',
        '    enabled: false',
      ].join('\n'),
    );
    const before = analyseDocument('t.pdf', [pageFromText(text)], loadRuleSet()).findings.map((f) => f.category);
    expect(before).toContain('drones');
    const set = loadRuleSet([file]);
    const after = analyseDocument('t.pdf', [pageFromText(text)], set).findings.map((f) => f.category);
    expect(after).toContain('smart-lighting');
    expect(set.rules.find((r) => r.id === 'fr.drones.drones')).toBeUndefined();
    expect(set.files).toContain(file);
  });

  it('are listed and checked by the rules command', async () => {
    const file = pack('ok.yaml', 'language: en\ncategory: drones\nrules:\n  - id: my.uav\n    kind: terms\n    terms: [quadcopter]\n');
    const check = tenderscan(['rules', '--check', file]);
    expect(check.code).toBe(0);
    expect(check.stdout).toBe(`${file}: 1 rule, valid\n`);
    const listed = JSON.parse(tenderscan(['rules', '--rules', file, '--format', 'json']).stdout);
    expect(listed.rules.find((r: any) => r.id === 'my.uav')).toMatchObject({ kind: 'terms', language: 'en', category: 'drones', file });
    expect(listed.categories.map((c: any) => c.id)).toEqual(expect.arrayContaining(BUILTIN_CATEGORY_IDS as string[]));
    const table = tenderscan(['rules']);
    expect(table.stdout).toMatch(/^video-surveillance — Video surveillance \/ Vidéosurveillance/m);
    expect(tenderscan(['rules', '--check', join(packs.dir, 'bad.yaml')]).code).toBe(2);
  });

  it('change what a scan finds, with --explain showing the rule in JSON', async () => {
    const pdf = join(packs.dir, 'ornithopter.pdf');
    writeFileSync(pdf, await makePdf([{ lines: ['The contractor shall operate two ornithopters over the parade route.'] }]));
    const file = pack('ornithopter.yaml', 'language: en\ncategory: drones\nrules:\n  - id: my.uav\n    kind: terms\n    terms: [ornithopter]\n');
    const plain = JSON.parse(tenderscan(['scan', pdf, '-f', 'json']).stdout);
    expect(plain.findings).toEqual([]);
    const withPack = JSON.parse(tenderscan(['scan', pdf, '-f', 'json', '--rules', file, '--explain']).stdout);
    expect(withPack.findings).toHaveLength(1);
    expect(withPack.findings[0]).toMatchObject({ category: 'drones', rule: 'my.uav', matched: 'ornithopters', explain: { rule: 'my.uav', kind: 'terms', words: ['ornithopter'] } });
    expect(withPack.rulePacks.hash).not.toBe(plain.rulePacks.hash);
  });
});
