// The real labelled documents (../shared/real-labelled/: court decisions, petitions, tenders,
// police grant plans, council minutes), scored by ../shared/eval/score.mjs, and the
// negative-control tenders of ../shared/corpus/, where every positive page is a false one.
// The thresholds sit a little under what the current rules reach, so that a rule change that
// loses ground fails here.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { scoreLabelledSet } from '../helpers/score.js';
import { measureNegativeControls } from '../../bench/negative-controls.mjs';

const REAL = join(ROOT, '../shared/real-labelled');

describe('the real labelled set', () => {
  it('scores F1 >= 0.90 and negation >= 0.75, and lists every image-only page', () => {
    const { code, line, number } = scoreLabelledSet(REAL);
    expect(code).toBe(0);
    expect(number('f1'), line).toBeGreaterThanOrEqual(0.90);
    expect(number('negation'), line).toBeGreaterThanOrEqual(0.75);
    expect(number('scanned'), line).toBe(1);
  });
});

describe('the negative-control tenders of the corpus', () => {
  it('have at most 3 pages with a positive finding per 100 pages', () => {
    const m = measureNegativeControls(join(ROOT, '../shared/corpus'));
    expect(m.documents).toBeGreaterThanOrEqual(5);
    expect(m.per100, [...m.positive.keys()].join(', ')).toBeLessThanOrEqual(3);
  });
});
