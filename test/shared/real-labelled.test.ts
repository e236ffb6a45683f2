// The real labelled documents (../shared/real-labelled/: court decisions, petitions, tenders,
// police grant plans, council minutes), scored by ../shared/eval/score.mjs, and the
// negative-control tenders of ../shared/corpus/, where every positive page is a false one.
// The thresholds sit a little under what the current rules reach, so that a rule change that
// loses ground fails here.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tenderscan } from '../helpers/cli.js';
import { measureNegativeControls } from '../../bench/negative-controls.mjs';

const REAL = join(ROOT, '../shared/real-labelled');

describe('the real labelled set', () => {
  it('scores F1 >= 0.79 and negation >= 0.75, and lists every image-only page', () => {
    const pdfs = readdirSync(REAL).filter((f) => f.endsWith('.pdf')).map((f) => join(REAL, f));
    const run = tenderscan(['scan', ...pdfs, '--format', 'json']);
    expect(run.code).toBe(0);
    const out = join(mkdtempSync(join(tmpdir(), 'tenderscan-real-')), 'report.json');
    writeFileSync(out, run.stdout);
    const score = spawnSync(process.execPath, [join(ROOT, '../shared/eval/score.mjs'), join(REAL, 'labels.json'), out, '--quiet'], { encoding: 'utf8' });
    const line = score.stdout.trim().split('\n').pop() ?? '';
    const number = (name: string) => Number(new RegExp(`${name}=([0-9.]+)`, 'i').exec(line)?.[1]);
    expect(number('f1'), line).toBeGreaterThanOrEqual(0.79);
    expect(number('negation'), line).toBeGreaterThanOrEqual(0.75);
    expect(number('scanned'), line).toBe(1);
  });
});

describe('the negative-control tenders of the corpus', () => {
  it('have at most 3 pages with a positive finding per 100 pages', () => {
    const m = measureNegativeControls(join(ROOT, '../shared/corpus'));
    expect(m.documents).toBeGreaterThanOrEqual(5);
    expect(m.per100, [...m.positive.keys()].join(', ')).toBeLessThanOrEqual(3);
  });
});
