// Which runs read their document on the main thread, and that the result is the worker's.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { DEFAULT_LIMITS, inProcessFits } from '../../src/engine/in-process.js';
import { IN_PROCESS_MAX_BYTES } from '../../src/engine/pool/limits.js';
import type { Input } from '../../src/sources/expand.js';

const SAMPLE = join(ROOT, 'fixtures/sample/cctp-observatoire-tranquillite.pdf');
const input = (path: string): Input => ({ path, file: path });
const small = () => 200_000;

describe('inProcessFits', () => {
  it('takes one small document without OCR or snapshots, under the default limits', () => {
    expect(inProcessFits([input('a.pdf')], {}, DEFAULT_LIMITS, small)).toBe(true);
    expect(inProcessFits([input('a.pdf')], { ocr: 'never' }, DEFAULT_LIMITS, () => IN_PROCESS_MAX_BYTES)).toBe(true);
  });

  it('leaves the rest to the workers', () => {
    expect(inProcessFits([input('a.pdf'), input('b.pdf')], {}, DEFAULT_LIMITS, small)).toBe(false);
    expect(inProcessFits([input('a.pdf')], {}, DEFAULT_LIMITS, () => IN_PROCESS_MAX_BYTES + 1)).toBe(false);
    // An archive entry or stdin: no size known.
    expect(inProcessFits([input('a.pdf')], {}, DEFAULT_LIMITS, () => undefined)).toBe(false);
    expect(inProcessFits([input('a.pdf')], { ocr: 'auto' }, DEFAULT_LIMITS, small)).toBe(false);
    expect(inProcessFits([input('a.pdf')], { snapshots: { maxWidth: 800, max: 1 } }, DEFAULT_LIMITS, small)).toBe(false);
    // A limit given is enforced by a worker, the only thread that can be stopped mid-page.
    expect(inProcessFits([input('a.pdf')], {}, { ...DEFAULT_LIMITS, timeoutMs: 119_000 }, small)).toBe(false);
    expect(inProcessFits([input('a.pdf')], {}, { ...DEFAULT_LIMITS, heapMb: 256 }, small)).toBe(false);
    expect(inProcessFits([input('a.pdf')], {}, { ...DEFAULT_LIMITS, maxRssMb: 900 }, small)).toBe(false);
  });
});

describe('runBatch on the sample tender', () => {
  it('gives the same result on the main thread as from a worker', async () => {
    const { runBatch } = await import(join(ROOT, 'dist/engine/batch.js'));
    const { loadCheckedPacks } = await import(join(ROOT, 'dist/rules/load.js'));
    const rules = loadCheckedPacks();
    // Small enough for the main thread: the first run below is read there, the second by a worker.
    expect(inProcessFits([input(SAMPLE)], {}, DEFAULT_LIMITS, (i) => statSync(i.file).size)).toBe(true);
    const run = (limits: typeof DEFAULT_LIMITS) => runBatch([input(SAMPLE)], { jobs: 1, limits, maxFileSize: 200 * 1024 * 1024, rules });
    const [here] = await run(DEFAULT_LIMITS);
    const [worker] = await run({ ...DEFAULT_LIMITS, timeoutMs: 119_000 });
    expect(here.entry.status).toBe('ok');
    expect(here.findings.length).toBeGreaterThan(20);
    const untimed = ({ timings, ...result }: { timings?: unknown }) => (expect(timings).toBeDefined(), result);
    expect(untimed(here)).toEqual(untimed(worker));
  }, 60_000);
});
