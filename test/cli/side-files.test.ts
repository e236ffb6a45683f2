// Every side file the tool reads (rule packs, the config, --password-file, the review file,
// reports given to diff and merge) is checked to be a regular file and read with a size
// bound: `--rules /dev/zero` reached 8 GB in 30 s, a FIFO hung the run.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenderscan } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tenderscan-side-files-'));
beforeAll(() => {
  writeFileSync(join(dir, 'a.txt'), 'Les caméras de la ville.');
  execFileSync('mkfifo', [join(dir, 'fifo')]);
  mkdirSync(join(dir, 'folder.yaml'));
  // Sparse: its size is checked before a byte is read.
  writeFileSync(join(dir, 'huge.yaml'), '');
  truncateSync(join(dir, 'huge.yaml'), 17 * 1024 * 1024);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('side files that are not regular files, or too large', () => {
  it.each([
    [['scan', 'a.txt', '--rules', '/dev/zero'], '/dev/zero: not a regular file (a character device)'],
    [['scan', 'a.txt', '--rules', 'fifo'], 'fifo: not a regular file (a FIFO)'],
    [['scan', 'a.txt', '--rules', 'folder.yaml'], 'folder.yaml: not a regular file (a folder)'],
    [['scan', 'a.txt', '--rules', 'huge.yaml'], `huge.yaml: ${17 * 1024 * 1024} bytes, more than the ${16 * 1024 * 1024} allowed for this file`],
    [['scan', 'a.txt', '--password-file', '/dev/zero'], '--password-file /dev/zero: not a regular file (a character device)'],
    [['scan', 'a.txt', '--password-file', 'fifo'], '--password-file fifo: not a regular file (a FIFO)'],
    [['scan', 'a.txt', '--config', 'fifo'], 'fifo: not a regular file (a FIFO)'],
    [['scan', 'a.txt', '--review-file', 'fifo'], 'fifo: not a regular file (a FIFO)'],
    [['merge', 'fifo'], 'fifo: not a regular file (a FIFO)'],
    [['merge', '/dev/zero'], '/dev/zero: not a regular file (a character device)'],
  ])('%j: exit 2, one line naming the file and the reason', (args, message) => {
    const r = tenderscan(args, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });
});
