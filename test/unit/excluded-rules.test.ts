// A rule with `excluded: true` makes findings only where its passage excludes it, and then
// negated ones: bare words an exclusion clause uses ("no audio", « pas les sons »).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseDocument } from '../../src/analyse/document.js';
import { loadRuleSet, RulePackError } from '../../src/rules/load.js';
import { pageFromText } from '../helpers/text.js';

const dir = mkdtempSync(join(tmpdir(), 'tenderscan-excluded-'));
const pack = (name: string, body: string) => {
  const path = join(dir, name);
  writeFileSync(path, body);
  return path;
};
const PACK = `language: en
category: audio-sensors
rules:
  - id: user.sound-excluded
    kind: terms
    excluded: true
    terms: [audio]
`;

describe('excluded: true', () => {
  const rules = loadRuleSet([pack('sound.yaml', PACK)], { builtin: false });
  const findings = (text: string) => analyseDocument('t.pdf', [pageFromText(text)], rules).findings.map((f) => [f.category, f.negated, f.commitment]);

  it('gives a negated finding where the passage excludes its words', () => {
    expect(findings('No audio is recorded by the system.')).toEqual([['audio-sensors', true, 'excluded']]);
    expect(findings('The body cameras record video but not audio.')).toEqual([['audio-sensors', true, 'excluded']]);
  });

  it('gives nothing where its words are not excluded', () => {
    expect(findings('Audio is recorded by the system.')).toEqual([]);
    expect(findings('The system shall record audio unless the officer is off duty.')).toEqual([]);
  });

  it('is refused on a product rule, which stands for its technique wherever it is named', () => {
    const product = pack(
      'product.yaml',
      'language: en\nrules:\n  - id: user.product\n    kind: product\n    description: A plate reader\n    source: https://example.org/reader\n    categories: [vehicle-tracking]\n    terms: [platewatch]\n    near: [plates]\n    excluded: true\n',
    );
    expect(() => loadRuleSet([product], { builtin: false })).toThrow(/excluded/);
  });

  it('is checked like any field: a string is an error', () => {
    const bad = pack('bad.yaml', PACK.replace('excluded: true', 'excluded: yes please'));
    expect(() => loadRuleSet([bad], { builtin: false })).toThrow(RulePackError);
  });
});
