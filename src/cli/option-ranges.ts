// The numeric options and their ranges: each feeds a timer or a size whose limits are Node's
// own (a timer longer than 2^31-1 ms fires at once; a file is read whole, at most 2 GiB).
import { OptionError } from '../errors.js';
import { MAX_TIMER_MS } from '../engine/pool/limits.js';

export const OPTION_RANGES = {
  '--jobs': { min: 1, max: 256, unit: 'workers' },
  '--timeout': { min: 1, max: Math.floor(MAX_TIMER_MS / 1000), unit: 'seconds' },
  '--max-file-size': { min: 1, max: 2047, unit: 'MB' },
  '--max-heap': { min: 32, max: 65536, unit: 'MB' },
  '--max-memory': { min: 64, max: 1048576, unit: 'MB' },
  '--max-pages': { min: 1, max: 1000000, unit: 'pages' },
  '--context': { min: 0, max: 1000, unit: 'lines' },
  '--max-snapshots': { min: 1, max: 100000, unit: 'images' },
} as const;

/** A commander argument parser for `option`: digits only, within its range; the error names both. */
export function wholeNumber(option: keyof typeof OPTION_RANGES): (value: string) => number {
  const { min, max, unit } = OPTION_RANGES[option];
  return (value) => {
    const n = /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
    if (!(n >= min && n <= max)) throw new OptionError(option, `expected a whole number from ${min} to ${max} (${unit}), got "${value}"`);
    return n;
  };
}
