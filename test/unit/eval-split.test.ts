// The tune / check split of `npm run eval`: deterministic by file name, balanced by language,
// and stable when a document is added (no other document changes half).
import { describe, expect, it } from 'vitest';
import { splitHalves } from '../../scripts/eval.mjs';

const names = (lang: string, n: number) => Array.from({ length: n }, (_, i) => `${lang}_document-${i}.pdf`);

describe('the tune / check split of the real labelled set', () => {
  it('deals each language evenly into two disjoint halves that cover every file', () => {
    const files = [...names('fr', 20), ...names('en', 16)];
    const { tune, check } = splitHalves(files);
    expect(tune.filter((f) => f.startsWith('fr_'))).toHaveLength(10);
    expect(tune.filter((f) => f.startsWith('en_'))).toHaveLength(8);
    expect(check).toHaveLength(18);
    expect(new Set([...tune, ...check]).size).toBe(36);
    expect(tune.some((f) => check.includes(f))).toBe(false);
  });

  it('does not depend on the order the files are given in', () => {
    const files = [...names('fr', 9), ...names('en', 7)];
    expect(splitHalves([...files].reverse())).toEqual(splitHalves(files));
  });

  it('does not deal files by name order alone (neighbours are mixed)', () => {
    const { tune } = splitHalves(names('fr', 20));
    const byIndex = tune.map((f) => Number(/-(\d+)\./.exec(f)![1])).sort((a, b) => a - b);
    expect(byIndex).not.toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
    expect(byIndex).not.toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17, 19]);
  });
});
