// Scans a labelled folder of ../shared/ and scores the JSON report with ../shared/eval/score.mjs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, tenderscan } from './cli.js';

export interface LabelledScore {
  /** The scan's exit code. */
  code: number;
  /** score.mjs's last line, for assertion messages. */
  line: string;
  /** A figure of that line by name (f1, negation, scanned…). */
  number(name: string): number;
}

export function scoreLabelledSet(folder: string): LabelledScore {
  const pdfs = readdirSync(folder).filter((f) => f.endsWith('.pdf')).map((f) => join(folder, f));
  const run = tenderscan(['scan', ...pdfs, '--format', 'json']);
  const out = join(mkdtempSync(join(tmpdir(), 'tenderscan-score-')), 'report.json');
  writeFileSync(out, run.stdout);
  const score = spawnSync(process.execPath, [join(ROOT, '../shared/eval/score.mjs'), join(folder, 'labels.json'), out, '--quiet'], { encoding: 'utf8' });
  const line = score.stdout.trim().split('\n').pop() ?? '';
  return { code: run.code, line, number: (name) => Number(new RegExp(`${name}=([0-9.]+)`, 'i').exec(line)?.[1]) };
}
