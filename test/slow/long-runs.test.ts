// A symbol followed by five million digits, as plain text or as an RTF `\u` control word,
// is analysed like any text: it ended INTERNAL "Maximum call stack size exceeded" (a regular
// expression over a Unicode class ran on V8's stack). The stages one by one are in
// test/unit/long-runs.test.ts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyseFile } from '../../src/engine/document.js';
import { loadRuleSet } from '../../src/rules/load.js';

const DIGITS = '1'.repeat(5_000_000);
const dir = mkdtempSync(join(tmpdir(), 'tenderscan-long-runs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('five million digits after a symbol', () => {
  const rules = loadRuleSet();

  it('in a text file give its findings', { timeout: 300_000 }, async () => {
    const path = join(dir, 'digits.txt');
    writeFileSync(path, `Les caméras de la ville. €${DIGITS} Les drones de la police.`);
    const result = await analyseFile(path, rules);
    expect(result.entry.error).toBeUndefined();
    expect(result.findings.map((f) => f.category).sort()).toEqual(['drones', 'video-surveillance']);
  });

  it('in an RTF \\u control word give its findings', { timeout: 300_000 }, async () => {
    const path = join(dir, 'digits.rtf');
    writeFileSync(path, `{\\rtf1\\ansi Les cam\\u233?ras de la ville. \\u8364?\\u${DIGITS} Les drones de la police.}`);
    const result = await analyseFile(path, rules);
    expect(result.entry.error).toBeUndefined();
    expect(result.findings.map((f) => f.category).sort()).toEqual(['drones', 'video-surveillance']);
  });
});
