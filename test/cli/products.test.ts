// The products and vendors pack: entries validated like rules (located errors), a name
// counted only where the passage speaks of the product's use or data, one finding per
// passage, nothing for contract boilerplate, and --explain naming the product entry.
import { describe, expect, it } from 'vitest';
import { loadRuleSet, RulePackError } from '../../src/rules/load.js';
import { findingsOf } from '../helpers/detection.js';
import { tenderscan } from '../helpers/cli.js';
import { packFolder } from '../helpers/packs.js';

const packs = packFolder('tenderscan-products-');
const pack = packs.pack;

const rules = loadRuleSet();
const found = (text: string) => findingsOf(text, rules).filter((f) => !f.negated);

const ENTRY = `language: en
rules:
  - id: my.product.acme
    kind: product
    description: Acme Eye — a camera network of a fictional vendor
    source: https://example.org/acme-eye
    categories: [video-surveillance]
    terms: [Acme Eye]
    near: [cameras, footage]
`;

describe('product entries are validated like rules', () => {
  const cases: [string, string, RegExp][] = [
    ['without a source', ENTRY.replace(/ {4}source: .*\n/, ''), /bad\.yaml: rule my\.product\.acme: field source/],
    ['with a source that is not a URL', ENTRY.replace('https://example.org/acme-eye', 'the vendor site'), /rule my\.product\.acme: field source: a public URL/],
    ['with an unknown category', ENTRY.replace('[video-surveillance]', '[lasers]'), /rule my\.product\.acme: field categories: unknown category "lasers"/],
    ['without a use word list', ENTRY.replace(/ {4}near: .*\n/, ''), /rule my\.product\.acme: field near/],
    ['without a name', ENTRY.replace(/ {4}terms: .*\n/, ''), /rule my\.product\.acme: field terms: expected at least one of terms, exact, acronyms or names/],
    ['with an unknown field', ENTRY + '    vendor: Acme\n', /rule my\.product\.acme: field vendor: unknown field/],
    ['with a window out of range', ENTRY + '    window: 500\n', /rule my\.product\.acme: field window/],
  ];
  it.each(cases)('an entry %s is an error naming file, entry and field', (_what, body, message) => {
    const file = pack('bad.yaml', body);
    expect(() => loadRuleSet([file])).toThrow(RulePackError);
    expect(() => loadRuleSet([file])).toThrow(message);
  });

  it('a user pack adds a product with --rules', () => {
    const set = loadRuleSet([pack('acme.yaml', ENTRY)]);
    const [f] = findingsOf('The Acme Eye cameras cover the station forecourt.', set).filter((x) => x.rule === 'my.product.acme');
    expect(f.category).toBe('video-surveillance');
    expect(f.explain?.product).toEqual({ description: 'Acme Eye — a camera network of a fictional vendor', source: 'https://example.org/acme-eye' });
  });
});

describe('built-in products', () => {
  const cases: [string, string[]][] = [
    ['Flock reads from the 40 cameras are searched by detectives.', ['vehicle-tracking']],
    ['Each ShotSpotter alert sends the sound clip to the dispatcher.', ['audio-sensors']],
    ['The RTCC licence bundle includes BriefCam for searching recorded footage.', ['automated-analysis', 'video-surveillance']],
    ['Investigators run CellHawk software on carrier returns.', ['telecom']],
    ['Officers ran Clearview AI searches on images of the suspect.', ['biometrics']],
    ['Detectives use Cellebrite to extract data from seized phones.', ['telecom']],
    ['The city flies Skydio drones from two docks.', ['drones']],
    ['ICE bought a subscription to Thomson Reuters CLEAR for its investigations.', ['private-partners']],
    ['Dataminr alerts on public posts reach the fusion center.', ['social-media']],
    ['La ville a déployé le logiciel BriefCam sur les flux des caméras du CSU.', ['automated-analysis', 'video-surveillance']],
    ['Les lecteurs Survision lisent les plaques des véhicules en stationnement.', ['vehicle-tracking']],
  ];
  it.each(cases)('%s', (text, categories) => {
    const fromProducts = found(text).filter((f) => f.explain?.kind === 'product');
    expect(fromProducts.map((f) => f.category).sort()).toEqual(categories);
  });

  it('give nothing for contract boilerplate that only names the vendor', () => {
    for (const text of [
      'Customer shall have access to the Flock Services during the Term.',
      'Axon Enterprise, Inc. shall indemnify the City against third-party claims.',
      'Flock shall procure and maintain insurance for the duration of this Agreement.',
      'This Agreement is entered into by and between Flock Group Inc. and the City.',
      'Palantir Technologies Inc. is a Delaware corporation.',
      "Le mandataire du groupement est la société Idemia, domiciliée à Courbevoie.",
      'LEARN MORE ABOUT HOW WE PROTECT YOUR DATA ON OUR WEBSITE.',
      'Janitorial staff shall dust surfaces and remove cobwebs using appropriate tools.',
    ]) {
      expect(found(text), text).toEqual([]);
    }
  });

  it('give one finding per passage, however often the name comes back', () => {
    const text = 'Flock cameras send Flock alerts, Flock reads are kept 30 days and Flock searches are audited.';
    const fromFlock = found(text).filter((f) => f.rule === 'en.product.flock-safety');
    expect(fromFlock).toHaveLength(1);
  });

  it('every entry names its categories, a description and a public source', () => {
    const products = rules.rules.filter((r) => r.kind === 'product');
    expect(products.length).toBeGreaterThan(20);
    for (const p of products) {
      expect(p.categories?.length, p.id).toBeGreaterThan(0);
      expect(p.description, p.id).toBeTruthy();
    }
  });
});

describe('tenderscan rules', () => {
  it('lists the product entries with their categories', () => {
    const run = tenderscan(['rules']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^products \(\d+ entries\)$/m);
    expect(run.stdout).toMatch(/en\.product\.briefcam +video-surveillance, automated-analysis: BriefCam/);
  });
});

describe('--explain', () => {
  it('shows that a finding came from a product name, and which entry', () => {
    const file = pack('plan.txt', 'The grant buys 30 Flock cameras for the arterial roads of the city.\n');
    const run = tenderscan(['scan', file, '--explain', '--no-cache']);
    expect(run.code).toBe(0);
    // The terminal wraps the explanation to 80 columns: read it as one line.
    const stdout = run.stdout.replace(/\s+/g, ' ');
    expect(stdout).toContain('rule en.product.flock-safety (product) on "Flock" + "camera"');
    expect(stdout).toMatch(/product: Flock Safety — .* <https:\/\/www\.flocksafety\.com\//);
  });
});
