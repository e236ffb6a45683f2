// Folder walks leave out hidden files and folders (.git/ above all) and what .gitignore and
// .ignore files list, silently, as ripgrep does; --hidden and --no-ignore take them back.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { INPUT_NAMES } from '../../src/extract/input-types.js';
import { expandInputs } from '../../src/sources/expand.js';
import { tenderscan } from '../helpers/cli.js';

let dir: string;
const files = ['.git/objects/ab.pdf', '.git/HEAD', '.hidden.pdf', 'drafts/d.pdf', 'a.pdf', 'b.tmp.pdf', 'keep.tmp.pdf', 'lot1/c.pdf', 'lot1/local.pdf', 'lot2/local.pdf'];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tenderscan-ignore-'));
  for (const f of files) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), '%PDF-1.7\n');
  }
  writeFileSync(join(dir, '.gitignore'), '# drafts stay out\ndrafts/\n*.tmp.pdf\n!keep.tmp.pdf\n');
  writeFileSync(join(dir, 'lot1', '.ignore'), '/local.pdf\n');
});

const taken = (options: { hidden?: boolean; noIgnore?: boolean } = {}) =>
  expandInputs([dir], undefined, { types: INPUT_NAMES, ...options }).inputs.map((i) => i.path.slice(dir.length + 1)).sort();

describe('a folder walk', () => {
  it('leaves out hidden names and what the ignore files list, nested ones below their folder', () => {
    expect(taken()).toEqual(['a.pdf', 'keep.tmp.pdf', 'lot1/c.pdf', 'lot2/local.pdf']);
  });

  it('takes hidden names back with --hidden, ignored ones with --no-ignore', () => {
    expect(taken({ hidden: true })).toEqual(['.git/objects/ab.pdf', '.hidden.pdf', 'a.pdf', 'keep.tmp.pdf', 'lot1/c.pdf', 'lot2/local.pdf']);
    expect(taken({ noIgnore: true })).toEqual(['a.pdf', 'b.tmp.pdf', 'drafts/d.pdf', 'keep.tmp.pdf', 'lot1/c.pdf', 'lot1/local.pdf', 'lot2/local.pdf']);
  });

  it('through the CLI: says nothing of them, lists them with --verbose', () => {
    const quiet = tenderscan(['scan', dir, '--files']);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout.split('\n').filter(Boolean).map((p) => p.slice(dir.length + 1))).toEqual(['a.pdf', 'keep.tmp.pdf', 'lot1/c.pdf', 'lot2/local.pdf']);
    expect(quiet.stderr).toBe('');
    const all = tenderscan(['scan', dir, '--files', '--hidden', '--no-ignore']);
    expect(all.stdout.split('\n').filter(Boolean)).toHaveLength(files.length - 1);
    const verbose = tenderscan(['scan', dir, '-f', 'json', '-v', '-q']);
    expect(verbose.stderr).toBe('');
    const told = tenderscan(['scan', dir, '-f', 'json', '-v']);
    expect(told.stderr).toContain(`${join(dir, '.git')}: skipped (hidden; --hidden reads it)\n`);
    expect(told.stderr).toContain(`${join(dir, 'drafts')}: skipped (left out by .gitignore or .ignore; --no-ignore reads it)\n`);
    expect(told.stderr).not.toMatch(/files? skipped in folders/);
  });
});
