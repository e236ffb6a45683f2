// A bounded mutation fuzz run (fixed seed) on the sample tender; `npm run fuzz` runs long ones.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script shared with `npm run fuzz`
import { fuzz, mutate, prng } from '../fuzz.mjs';
import { ROOT } from '../helpers/cli.js';
import { makePdf } from '../helpers/pdf.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

describe('mutation fuzzing', () => {
  it('mutates deterministically for a seed', () => {
    const input = Buffer.from('%PDF-1.7 abcdefghijklmnopqrstuvwxyz');
    const a = mutate(input, prng(42));
    const b = mutate(input, prng(42));
    expect(a.detail).toBe(b.detail);
    expect(a.bytes.equals(b.bytes)).toBe(true);
  });

  it('never crashes: 240 mutated PDFs end ok, partial or coded, and the control keeps its findings', async () => {
    const small = join(mkdtempSync(join(tmpdir(), 'tenderscan-fuzz-src-')), 'small.pdf');
    writeFileSync(small, await makePdf([{ lines: ['Article 1', 'Les cameras de videoprotection du CSU et les drones.'] }, { lines: ['Aucune donnee biometrique.'] }]));
    const violations = fuzz({ sources: [join(ROOT, 'fixtures/sample/cctp-observatoire-tranquillite.pdf'), small], iterations: 240, seed: 20261128, batch: 120, timeout: 15 });
    expect(violations).toEqual([]);
  }, 600_000);
});
