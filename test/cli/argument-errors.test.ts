// Every error about an argument is one line naming the argument and the reason: no library
// message ("command-argument value … is invalid"), no errno code (EISDIR) reaches the user.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tenderscan } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tenderscan-args-'));

describe('one line naming the argument and the reason', () => {
  it('completions with an unknown shell', () => {
    const r = tenderscan(['completions', 'powershell']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`tenderscan: <shell>: expected one of bash, zsh, fish, got "powershell"; see 'tenderscan completions --help'\n`);
  });

  it.each([
    ['a folder', () => (mkdirSync(join(dir, 'shards'), { recursive: true }), join(dir, 'shards')), (p: string) => `tenderscan: merge: ${p}: a folder; give the JSON Lines reports in it (${join(p, '*.jsonl')})\n`],
    ['a missing file', () => join(dir, 'missing.jsonl'), (p: string) => `tenderscan: merge: ${p}: no such file\n`],
    ['a device', () => '/dev/null', (p: string) => `tenderscan: merge: ${p}: not a regular file (a character device); give JSON Lines reports written by scan --format jsonl\n`],
  ])('merge of %s', (_what, make, message) => {
    const path = make();
    const r = tenderscan(['merge', path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(message(path));
  });
});
