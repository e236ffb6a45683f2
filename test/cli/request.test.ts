// tenderscan request as a user runs it: the letter and calendar written atomically from a
// scan or a report, bad options refused before anything is read or written, exit codes.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tenderscan } from '../helpers/cli.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tenderscan-request-'));
  writeFileSync(join(dir, 'CCTP.txt'), 'CAHIER DES CLAUSES TECHNIQUES PARTICULIERES\nLe plan des caméras figure en annexe 3 (non communiquée).\n');
});

describe('tenderscan request', () => {
  it('scans the documents and writes the letter and the calendar; a report read back gives the same letter', () => {
    const letter = join(dir, 'demande.md');
    const calendar = join(dir, 'demande.ics');
    const r = tenderscan(['request', join(dir, 'CCTP.txt'), '--to', 'Ville de X', '--date', '2026-01-31', '-o', letter, '--calendar', calendar, '--no-cache', '-q']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const text = readFileSync(letter, 'utf8');
    expect(text).toContain('1. **Annexe 3** (citation : CCTP.txt, § 2)');
    expect(text).toContain('28 février 2026');
    expect(readFileSync(calendar, 'utf8')).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*DTSTART;VALUE=DATE:20260428\r\n[\s\S]*END:VCALENDAR\r\n$/);

    const report = join(dir, 'report.json');
    expect(tenderscan(['scan', join(dir, 'CCTP.txt'), '-f', 'json', '-o', report, '--no-cache', '-q']).code).toBe(0);
    const again = tenderscan(['request', report, '--to', 'Ville de X', '--date', '2026-01-31']);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(text);
  });

  it('refuses bad options with exit 2 and a one-line error, writing nothing', () => {
    const out = join(dir, 'never.md');
    for (const [args, message] of [
      [['--date', '2026-01-31'], /--to: name the authority/],
      [['--to', 'X', '--date', '2026-02-30'], /--date: expected a day as YYYY-MM-DD, got "2026-02-30"/],
      [['--to', 'X', '--calendar', out], /--calendar .*never\.md: the same file as --output/],
    ] as const) {
      const r = tenderscan(['request', join(dir, 'CCTP.txt'), '-o', out, ...args, '--no-cache', '-q']);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(out)).toBe(false);
    }
    // Never over an input.
    const input = tenderscan(['request', join(dir, 'CCTP.txt'), '--to', 'X', '-o', join(dir, 'CCTP.txt'), '--no-cache', '-q']);
    expect(input.code).toBe(2);
    expect(readFileSync(join(dir, 'CCTP.txt'), 'utf8')).toContain('annexe 3');
  });
});
