// The labelled development set, scored by ../shared/eval/score.mjs.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { scoreLabelledSet } from '../helpers/score.js';

const LABELLED = join(ROOT, '../shared/labelled');

describe('the labelled set', () => {
  it('scores F1 >= 0.97, negation >= 0.90 and lists every image-only page', () => {
    const { code, line, number } = scoreLabelledSet(LABELLED);
    expect(code).toBe(0);
    expect(number('F1'), line).toBeGreaterThanOrEqual(0.97);
    expect(number('negation'), line).toBeGreaterThanOrEqual(0.9);
    expect(number('scanned'), line).toBe(1);
  });
});
