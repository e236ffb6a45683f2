// The clause-frame rule kinds: `frame` (one word of each group in one sentence or clause, any
// order) and `context` (a frame that cancels the matches of its clause), with their validation.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseDocument } from '../../src/analyse/document.js';
import { loadRuleSet, RulePackError, type RuleSet } from '../../src/rules/load.js';
import { pageFromText } from '../helpers/text.js';

let dir: string;
const pack = (name: string, body: string) => {
  const path = join(dir, name);
  writeFileSync(path, body);
  return path;
};

const FRAME_PACK = `language: fr
categories:
  - { id: lighting-report, fr: Signalement d'éclairage, en: Lighting report }
rules:
  - id: my.report
    kind: frame
    category: lighting-report
    groups:
      who: [riverain, habitant]
      action: [signal*, transm*]
      object: [lampadaire, candélabre]
    unless: [signalisation lumineuse]
    without: [facture]
  - id: my.report-clause
    kind: frame
    category: lighting-report
    within: clause
    window: 8
    groups:
      who: [voisin]
      object: [réverbère]
  - id: my.drill
    kind: context
    categories: [lighting-report]
    groups:
      if: [exercice, simulation]
      kind: [fictif, fictifs, fictive]
`;

let rules: RuleSet;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tenderscan-frame-'));
  rules = loadRuleSet([pack('frame.yaml', FRAME_PACK)], { builtin: false });
});

const findings = (text: string) => analyseDocument('t.pdf', [pageFromText(text)], rules).findings;

describe('kind: frame', () => {
  const cases: [string, string, { negated: boolean } | null][] = [
    ['all groups, in order', 'Les riverains signalent les lampadaires en panne.', { negated: false }],
    ['any order, far apart', 'Depuis chaque lampadaire équipé d’un QR code, et à tout moment de la journée, un habitant pourra transmettre une photo.', { negated: false }],
    ['a prefix matches every verb form', 'Les riverains transmettront la position des candélabres.', { negated: false }],
    ['a group missing', 'Les riverains signalent les trous dans la chaussée.', null],
    ['across two sentences', 'Les riverains signalent les pannes. Le lampadaire est remplacé.', null],
    ['unless cancels the word it overlaps', 'Les riverains voient la signalisation lumineuse du lampadaire.', null],
    ['without: the sentence is out', 'Le riverain transmet la facture du lampadaire.', null],
    ['a negated word negates the frame', 'Aucun riverain ne pourra signaler les lampadaires.', { negated: true }],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    const found = findings(text).filter((f) => f.rule === 'my.report');
    if (!expected) expect(found).toEqual([]);
    else expect(found.map((f) => ({ negated: f.negated }))).toEqual([expected]);
  });

  it('explains which word of the passage matched each group, and quotes from the first to the last', () => {
    const [f] = findings('Les riverains transmettront la position des candélabres.');
    expect(f.explain).toEqual({ rule: 'my.report', kind: 'frame', words: ['who: riverains', 'action: transmettront', 'object: candélabres'] });
    expect(f.matched).toBe('riverains transmettront la position des candélabres');
  });

  it('within: clause stops at ";" and ":", window bounds the span', () => {
    const rule = (text: string) => findings(text).filter((f) => f.rule === 'my.report-clause').length;
    expect(rule('Le voisin éteint le réverbère.')).toBe(1);
    expect(rule('Le voisin appelle ; le réverbère est éteint.')).toBe(0);
    expect(rule('Le voisin, qui habite depuis longtemps au bout de la rue, éteint le réverbère.')).toBe(0);
  });
});

describe('kind: context', () => {
  it('cancels the matches of its categories inside its clause, not elsewhere', () => {
    expect(findings('Lors d’un exercice fictif, les riverains signalent les lampadaires.')).toEqual([]);
    expect(findings('Lors d’un exercice, les riverains signalent les lampadaires.')).toHaveLength(1);
    expect(findings('Un exercice fictif est prévu. Les riverains signalent les lampadaires.')).toHaveLength(1);
  });
});

describe('word prefixes', () => {
  it('start a rule through the passage index, and match no word that only shares a stem', () => {
    const file = pack('prefix.yaml', 'language: fr\ncategory: drones\nrules:\n  - id: my.ornitho\n    kind: terms\n    terms: [ornithopt*]\n');
    const set = loadRuleSet([file], { builtin: false });
    const rule = set.byLanguage.fr.find((r) => r.id === 'my.ornitho')!;
    expect(rule.startKeys).toEqual(['p:ornithopt']);
    const found = (text: string) => analyseDocument('t.pdf', [pageFromText(text)], set).findings.map((f) => f.matched);
    expect(found('Deux ornithoptères survolent le parc.')).toEqual(['ornithoptères']);
    expect(found('Un ornithologue compte les oiseaux du parc.')).toEqual([]);
  });
});

describe('validation', () => {
  const cases: [string, string, RegExp][] = [
    ['one group', 'language: fr\ncategory: drones\nrules:\n  - id: my.x\n    kind: frame\n    groups:\n      who: [drone]\n', /rule my\.x: field groups: expected 2 to 8 groups of words/],
    ['empty group', 'language: fr\ncategory: drones\nrules:\n  - id: my.x\n    kind: frame\n    groups:\n      who: [drone]\n      what: []\n', /rule my\.x: field groups\.what: /],
    ['bad within', 'language: fr\ncategory: drones\nrules:\n  - id: my.x\n    kind: frame\n    within: page\n    groups:\n      who: [a]\n      what: [b]\n', /rule my\.x: field within: /],
    ['unknown field', 'language: fr\ncategory: drones\nrules:\n  - id: my.x\n    kind: frame\n    near: [a]\n    groups:\n      who: [a]\n      what: [b]\n', /rule my\.x: field near: unknown field; the fields of a frame rule are kind, category, id, description, enabled, groups, within, span, inbound, window, unless, without/],
    ['no category', 'language: fr\nrules:\n  - id: my.x\n    kind: frame\n    groups:\n      who: [a]\n      what: [b]\n', /rule my\.x: field category: expected a category/],
    ['yields to an unknown category', 'language: fr\ncategory: drones\nrules:\n  - id: my.x\n    kind: terms\n    terms: [drone]\n    yields: [dronez]\n', /rule my\.x: field yields: unknown category "dronez"/],
    ['context with an unknown category', 'language: fr\nrules:\n  - id: my.x\n    kind: context\n    categories: [dronez]\n    groups:\n      who: [a]\n      what: [b]\n', /rule my\.x: field categories: unknown category "dronez"/],
  ];
  it.each(cases)('%s', (_name, body, message) => {
    const file = pack('bad-frame.yaml', body);
    expect(() => loadRuleSet([file], { builtin: false })).toThrow(RulePackError);
    expect(() => loadRuleSet([file], { builtin: false })).toThrow(message);
  });
});
