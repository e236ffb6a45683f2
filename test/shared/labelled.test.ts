// The labelled development set, scored by ../shared/eval/score.mjs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tenderscan } from '../helpers/cli.js';

const LABELLED = join(ROOT, '../shared/labelled');

describe('the labelled set', () => {
  it('scores F1 >= 0.97, negation >= 0.90 and lists every image-only page', () => {
    const pdfs = readdirSync(LABELLED).filter((f) => f.endsWith('.pdf')).map((f) => join(LABELLED, f));
    const run = tenderscan(['scan', ...pdfs, '--format', 'json']);
    expect(run.code).toBe(0);
    const out = join(mkdtempSync(join(tmpdir(), 'tenderscan-score-')), 'report.json');
    writeFileSync(out, run.stdout);
    const score = spawnSync(process.execPath, [join(ROOT, '../shared/eval/score.mjs'), join(LABELLED, 'labels.json'), out, '--quiet'], { encoding: 'utf8' });
    const line = score.stdout.trim().split('\n').pop() ?? '';
    const number = (name: string) => Number(new RegExp(`${name}[^0-9]*([0-9.]+)`, 'i').exec(line)?.[1]);
    expect(number('F1'), line).toBeGreaterThanOrEqual(0.97);
    expect(number('negation'), line).toBeGreaterThanOrEqual(0.9);
    expect(number('scanned'), line).toBe(1);
  });
});
