// Kept page analyses on real documents of ../shared/real-labelled/ (French and English, long
// and short): through packs added, edited, removed and reordered in one cache folder, every
// report is the one a full analysis gives.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tenderscan } from '../helpers/cli.js';

const REAL = join(ROOT, '../shared/real-labelled');
const files = readdirSync(REAL).filter((f) => /\.pdf$/i.test(f)).sort().filter((_, i) => i % 4 === 0).map((f) => join(REAL, f));
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tenderscan-page-reuse-shared-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function scan(extra: string[]) {
  const r = tenderscan(['scan', ...files, '-f', 'json', '-j', '2', ...extra], { env: { TENDERSCAN_TIMINGS: '1' } });
  expect([0, 1, 3]).toContain(r.code);
  const timings = JSON.parse(/tenderscan timings: (.*)/.exec(r.stderr)![1]) as { pagesReused: number };
  return { timings, stable: JSON.stringify(JSON.parse(r.stdout), (k, v) => (/^(generatedAt|durationMs|elapsedMs)$/.test(k) ? undefined : v)) };
}

const pack = (name: string, body: string) => {
  const file = join(dir, name);
  writeFileSync(file, body);
  return file;
};

describe('kept page analyses on real documents', () => {
  it('give every report of a full analysis through packs added, edited, removed and reordered', () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
    const cache = join(dir, 'cache');
    const fr = pack('fr.yaml', 'language: fr\ncategory: automated-analysis\nrules:\n  - id: my.fr\n    kind: terms\n    terms: [analyse, capteurs, ville intelligente]\n');
    const en = pack('en.yaml', 'language: en\ncategory: automated-analysis\nrules:\n  - id: my.en\n    kind: terms\n    terms: [analysis, sensors, smart city]\n');
    const cancel = pack('cancel.yaml', 'language: en\nrules:\n  - id: my.cancel\n    kind: exception\n    categories: [vehicle-tracking]\n    phrases: [license plate]\n');
    let reused = 0;
    const steps: string[][] = [[], [fr], [fr, en], [en], [en, cancel], [cancel, en]];
    steps.forEach((packs, k) => {
      const args = packs.flatMap((p) => ['-r', p]);
      if (k === 3) pack('fr.yaml', 'language: fr\ncategory: automated-analysis\nrules:\n  - id: my.fr\n    kind: terms\n    terms: [analyse, plateforme]\n');
      const cached = scan(['--cache-dir', cache, ...args]);
      reused += cached.timings.pagesReused;
      expect(cached.stable, `step ${k}`).toBe(scan(['--no-cache', ...args]).stable);
    });
    expect(reused).toBeGreaterThan(0);
  });
});
