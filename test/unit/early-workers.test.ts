// How many workers `scan` starts before the CLI is loaded, guessed from the arguments alone.
import { mkdtempSync, mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { earlyWorkers, namesLongFile, prepareWorkers } from '../../src/cli/run.js';
import { LONG_FILE_BYTES, workerLimits } from '../../src/engine/pool/early.js';

const dir = mkdtempSync(join(tmpdir(), 'tenderscan-early-'));
const small = join(dir, 'small.pdf');
const other = join(dir, 'other.pdf');
const big = join(dir, 'big.pdf');
writeFileSync(small, 'x'.repeat(100));
writeFileSync(other, 'x'.repeat(100));
writeFileSync(big, 'x'.repeat(5000));
mkdirSync(join(dir, 'folder'));
const MAX = 1000; // bytes read on the main thread at most, for this test

describe('workers started early', () => {
  it('starts none for one small file, one for one large file or one that needs a worker', () => {
    expect(earlyWorkers(['scan', small], MAX, 4)).toBe(0);
    expect(earlyWorkers(['scan', big, '--no-cache'], MAX, 4)).toBe(1);
    expect(earlyWorkers(['scan', small, '--ocr', 'auto', '--no-cache'], MAX, 4)).toBe(1);
    expect(earlyWorkers(['scan', small, '--snapshots'], MAX, 4)).toBe(1);
  });

  it('starts none for a few small files none of which is named .pdf, read on the main thread', () => {
    const notes = [join(dir, 'a.txt'), join(dir, 'b.md'), join(dir, 'c.docx')];
    for (const note of notes) writeFileSync(note, 'x'.repeat(200));
    expect(earlyWorkers(['scan', ...notes, '--no-cache'], MAX, 4)).toBe(0);
    // A PDF among them, or more bytes in all than the main thread reads: workers.
    expect(earlyWorkers(['scan', notes[0], small, '--no-cache'], MAX, 4)).toBe(2);
    expect(earlyWorkers(['scan', ...notes, ...notes, '--no-cache'], MAX, 4)).toBe(4);
  });

  it('starts one per document up to --jobs (the cores when not given) when all are extracted', () => {
    const cold = (...args: string[]) => earlyWorkers(['scan', ...args, '--no-cache'], MAX, 4);
    expect(cold(small, other)).toBe(2);
    expect(earlyWorkers(['scan', small, other, big, '--no-cache'], MAX, 2)).toBe(2);
    expect(cold(small, other, big, '--jobs', '1')).toBe(1);
    expect(cold(small, other, big, '-j', '2')).toBe(2);
    expect(cold(small, other, big, '--jobs=3')).toBe(3);
    expect(cold(small, other, big, '-j1')).toBe(1);
  });

  it('starts none for a scan the cache may answer (looked up on the main thread first), one for a search', () => {
    expect(earlyWorkers(['scan', small, other, big], MAX, 4)).toBe(0);
    expect(earlyWorkers(['scan', small, other, big, '-j', '2', '--cache-dir', dir], MAX, 4)).toBe(0);
    expect(earlyWorkers(['scan', big], MAX, 4)).toBe(0);
    expect(earlyWorkers(['scan', join(dir, 'folder')], MAX, 4)).toBe(0);
    // Never stored: snapshots, and a search's hits.
    expect(earlyWorkers(['scan', small, other, '--snapshots'], MAX, 4)).toBe(1);
    expect(earlyWorkers(['find', 'caméra', small, other], MAX, 4)).toBe(1);
  });

  it('counts a folder, a pattern or standard input as several documents', () => {
    expect(earlyWorkers(['scan', join(dir, 'folder'), '--no-cache'], MAX, 2)).toBe(2);
    expect(earlyWorkers(['scan', join(dir, '*.pdf'), '-j', '3', '--no-cache'], MAX, 2)).toBe(3);
    expect(earlyWorkers(['scan', '-', '--no-cache'], MAX, 2)).toBe(2);
  });

  it('ignores what is neither an option it knows nor a file (a search pattern, a missing file)', () => {
    expect(earlyWorkers(['scan', small, 'missing.pdf'], MAX, 4)).toBe(0);
    expect(earlyWorkers(['find', 'caméra', small], MAX, 4)).toBe(0);
  });

  it('tells a run given a long file, whatever its other arguments, but not a folder', () => {
    expect(namesLongFile(['scan', small, big, '-j', '2'], 1000)).toBe(true);
    expect(namesLongFile(['scan', small, other, '--no-cache'], 1000)).toBe(false);
    expect(namesLongFile(['scan', join(dir, 'folder'), 'missing.pdf'], 0)).toBe(false);
  });

  // Last: it makes this thread's later workers lean.
  it('makes every worker lean for a long file, also when the cache means no worker starts early', () => {
    const long = join(dir, 'long.pdf');
    writeFileSync(long, '');
    truncateSync(long, LONG_FILE_BYTES + 1);
    expect(workerLimits(100).maxYoungGenerationSizeMb).toBe(16);
    expect(prepareWorkers(['scan', small])).toBe(0);
    expect(workerLimits(100).maxYoungGenerationSizeMb).toBe(16);
    // With the cache a scan starts no worker early; the pool's workers are still lean.
    expect(prepareWorkers(['scan', long])).toBe(0);
    expect(workerLimits(100)).toEqual({ maxOldGenerationSizeMb: 100, maxYoungGenerationSizeMb: 12 });
  });
});
