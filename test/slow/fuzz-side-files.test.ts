// A bounded run (fixed seed) of the hostile names and side files of `npm run fuzz`: file
// names and archive entry paths, rule packs, configs, review files and reports for diff and merge.
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script shared with `npm run fuzz`
import { fuzzSideFiles } from '../fuzz.mjs';

describe('side-file and name fuzzing', () => {
  it('never crashes: 28 hostile names and mutated side files end with a documented exit code', () => {
    const violations = (fuzzSideFiles as (o: object) => string[])({ iterations: 28, seed: 20261206, timeout: 60 });
    expect(violations).toEqual([]);
  }, 600_000);
});
