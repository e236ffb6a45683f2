// scan --exhibits FILE as a user runs it: the list written beside the report, atomically, in
// the report's language; never over an input or the report itself; refused with JSON Lines.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tenderscan } from '../helpers/cli.js';

const sample = join(ROOT, 'fixtures/sample/cctp-observatoire-tranquillite.pdf');

describe('scan --exhibits', () => {
  it('writes the list of exhibits beside the report, and nothing else in its folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tenderscan-exhibits-cli-'));
    const r = tenderscan(['scan', sample, '--no-cache', '-q', '--report-lang', 'fr', '-f', 'json', '-o', join(dir, 'report.json'), '--exhibits', join(dir, 'bordereau.md')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readdirSync(dir).sort()).toEqual(['bordereau.md', 'report.json']);
    const list = readFileSync(join(dir, 'bordereau.md'), 'utf8');
    expect(list).toContain('# Bordereau de pièces');
    expect(list).toContain('## Pièce n° 1 — cctp-observatoire-tranquillite.pdf');
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(list).toContain(report.documents[0].sha256);
    for (const f of report.findings) expect(list).toContain(f.id);
  });

  it('refuses to overwrite an input, or the report, or to stream: exit 2, nothing written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tenderscan-exhibits-cli-'));
    const input = join(dir, 'notes.txt');
    writeFileSync(input, 'Le CCTP prévoit des caméras.\n');
    const over = tenderscan(['scan', input, '--no-cache', '--exhibits', input]);
    expect(over.code).toBe(2);
    expect(over.stderr).toMatch(/--exhibits .*notes\.txt is one of the files this run reads .*refusing to overwrite it/);
    expect(readFileSync(input, 'utf8')).toBe('Le CCTP prévoit des caméras.\n');
    const same = tenderscan(['scan', input, '--no-cache', '-o', join(dir, 'out.md'), '--exhibits', join(dir, 'out.md')]);
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/--exhibits .*out\.md is also the report's --output/);
    const streamed = tenderscan(['scan', input, '--no-cache', '-f', 'jsonl', '--exhibits', join(dir, 'list.md')]);
    expect(streamed.code).toBe(2);
    expect(streamed.stderr).toMatch(/--exhibits needs the findings of the whole report: not with --format jsonl/);
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });
});
