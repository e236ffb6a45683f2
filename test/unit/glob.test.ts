// --exclude patterns are matched in time linear in the name: picomatch's regular expression
// took minutes on `*_*_*_*_*.pdf` against an archive entry named with 3,000 characters, on the
// main thread, where neither Ctrl-C nor --timeout could stop it.
import { describe, expect, it } from 'vitest';
import { compileGlobs } from '../../src/sources/glob.js';
import { excludeMatcher } from '../../src/sources/exclude.js';

describe('glob patterns', () => {
  it.each([
    ['*.tmp', 'a.tmp', true],
    ['*.tmp', 'a/b.tmp', false],
    ['*_*_*_*_*.pdf', 'a_b_c_d_e.pdf', true],
    ['*_*_*_*_*.pdf', 'a_b_c_d.pdf', false],
    ['dossier/**', 'dossier/a/b.pdf', true],
    ['dossier/**', 'dossier', true],
    ['a/**/b', 'a/b', true],
    ['a/**/b', 'a/x/y/b', true],
    ['**/b', 'b', true],
    ['**/b', 'x/b', true],
    ['x.zip!/annexes/*.pdf', 'x.zip!/annexes/a.pdf', true],
    ['x.zip!/annexes/*.pdf', 'x.zip!/annexes/s/a.pdf', false],
    ['*.{pdf,docx}', 'a.docx', true],
    ['*.{pdf,docx}', 'a.doc', false],
    ['{a,b{c,d}}.txt', 'bd.txt', true],
    ['[a-c]?.txt', 'bz.txt', true],
    ['[!a-c]?.txt', 'bz.txt', false],
    ['brouillon*', 'brouillon-1', true],
    ['\\*x', '*x', true],
    ['\\*x', 'ax', false],
    ['{a', '{a', true],
    ['.*', '.hidden', true],
    ['?', '/', false],
  ])('%s on %s: %s', (pattern, name, expected) => {
    expect(compileGlobs([pattern])(name)).toBe(expected);
  });

  it('are matched in linear time against a name of 3,000 characters', () => {
    const leaveOut = excludeMatcher(['*_*_*_*_*.pdf', 'dossier/**/*_*_*_*_*.pdf'])!;
    const names = ['_'.repeat(3000) + '.pd', `dossier/${'_/'.repeat(1500)}x.pd`, 'a'.repeat(3000)];
    const began = performance.now();
    for (let i = 0; i < 20; i++) for (const name of names) expect(leaveOut(name)).toBe(false);
    // Linear: about a millisecond a name here; the backtracking matcher took minutes on the first.
    expect(performance.now() - began).toBeLessThan(5_000);
  });

  it('refuse a pattern whose braces make too many alternatives', () => {
    expect(() => compileGlobs(['{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}'])).toThrow(/--exclude: too many alternatives .* \(at most 256\)/);
  });
});
