// .gitignore / .ignore patterns as git and ripgrep read them, matched without regular expressions
// (linear for a given pattern, however hostile the names or patterns).
import { describe, expect, it } from 'vitest';
import { isIgnored, parseIgnoreFile, parseIgnoreLine } from '../../src/sources/ignore.js';

const ignores = (lines: string[], path: string, folder = false, base: string[] = []) => isIgnored([parseIgnoreFile(lines.join('\n'), base)], path.split('/'), folder);

describe('ignore patterns', () => {
  it.each([
    // pattern, path, folder?, ignored?
    ['*.tmp', 'a.tmp', false, true],
    ['*.tmp', 'deep/er/a.tmp', false, true],
    ['*.tmp', 'a.tmpx', false, false],
    ['brouillon?.pdf', 'sub/brouillon1.pdf', false, true],
    ['brouillon?.pdf', 'brouillon12.pdf', false, false],
    ['/racine.pdf', 'racine.pdf', false, true],
    ['/racine.pdf', 'sub/racine.pdf', false, false],
    ['build/', 'build', true, true],
    ['build/', 'build', false, false],
    ['build/', 'x/build', true, true],
    ['docs/*.pdf', 'docs/a.pdf', false, true],
    ['docs/*.pdf', 'docs/sub/a.pdf', false, false],
    ['docs/*.pdf', 'x/docs/a.pdf', false, false],
    ['**/annexes/*.pdf', 'a/b/annexes/c.pdf', false, true],
    ['**/annexes/*.pdf', 'annexes/c.pdf', false, true],
    ['a/**/b.pdf', 'a/b.pdf', false, true],
    ['a/**/b.pdf', 'a/x/y/b.pdf', false, true],
    ['a/**/b.pdf', 'z/a/x/b.pdf', false, false],
    ['drafts/**', 'drafts/x/y.pdf', false, true],
    ['[abc]*.pdf', 'b1.pdf', false, true],
    ['[!abc]*.pdf', 'b1.pdf', false, false],
    ['[a-c]?.pdf', 'c9.pdf', false, true],
    ['\\#notes.pdf', '#notes.pdf', false, true],
    ['*.PDF', 'a.pdf', false, false],
  ])('%s against %s (folder: %s) → %s', (pattern, path, folder, expected) => {
    expect(ignores([pattern], path, folder)).toBe(expected);
  });

  it('skips comments and blank lines; the last matching rule wins; "!" takes a file back', () => {
    expect(parseIgnoreLine('# a comment')).toBeUndefined();
    expect(parseIgnoreLine('   ')).toBeUndefined();
    expect(ignores(['*.pdf', '!keep.pdf'], 'keep.pdf')).toBe(false);
    expect(ignores(['*.pdf', '!keep.pdf'], 'other.pdf')).toBe(true);
    expect(ignores(['!keep.pdf', '*.pdf'], 'keep.pdf')).toBe(true);
    expect(ignores(['*.pdf   '], 'a.pdf')).toBe(true);
  });

  it('applies a nested file below its own folder only, after the files above it', () => {
    const top = parseIgnoreFile('*.pdf\n', []);
    const nested = parseIgnoreFile('!CCTP.pdf\n/local.docx\n', ['lot1']);
    expect(isIgnored([top, nested], ['lot1', 'CCTP.pdf'], false)).toBe(false);
    expect(isIgnored([top, nested], ['lot2', 'CCTP.pdf'], false)).toBe(true);
    expect(isIgnored([top, nested], ['lot1', 'local.docx'], false)).toBe(true);
    expect(isIgnored([top, nested], ['local.docx'], false)).toBe(false);
    expect(isIgnored([top, nested], ['lot1', 'sub', 'local.docx'], false)).toBe(false);
  });

  it('stays fast on patterns and names made to backtrack', () => {
    const pattern = `${'*a'.repeat(40)}*b`;
    const name = 'a'.repeat(20_000);
    const deep = `${'**/x/'.repeat(30)}**/y`;
    const path = Array.from({ length: 2000 }, () => 'x').join('/');
    const started = performance.now();
    expect(ignores([pattern], name)).toBe(false);
    expect(ignores([deep], path)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1500);
  });
});
