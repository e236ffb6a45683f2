// Which runs read their document on the main thread, and that the result is the worker's.
import { copyFileSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { DEFAULT_LIMITS, inProcessFits } from '../../src/engine/in-process.js';
import { IN_PROCESS_MAX_BYTES, IN_PROCESS_MAX_INPUTS } from '../../src/engine/pool/limits.js';
import type { Input } from '../../src/sources/expand.js';

const SAMPLE = join(ROOT, 'fixtures/sample/cctp-observatoire-tranquillite.pdf');
const input = (path: string): Input => ({ path, file: path });
const small = () => 200_000;

describe('inProcessFits', () => {
  it('takes one small document without OCR or snapshots, under the default limits', () => {
    expect(inProcessFits([input('a.pdf')], {}, DEFAULT_LIMITS, small)).toBe(true);
    expect(inProcessFits([input('a.pdf')], { ocr: 'never' }, DEFAULT_LIMITS, () => IN_PROCESS_MAX_BYTES)).toBe(true);
  });

  it('takes a few small documents none of which is a PDF, up to IN_PROCESS_MAX_BYTES in all', () => {
    const notes = [input('a.txt'), input('b.docx'), input('c.md')];
    const notPdf = () => false;
    expect(inProcessFits(notes, {}, DEFAULT_LIMITS, small, notPdf)).toBe(true);
    expect(inProcessFits(notes, {}, DEFAULT_LIMITS, () => Math.floor(IN_PROCESS_MAX_BYTES / 3), notPdf)).toBe(true);
    expect(inProcessFits(notes, {}, DEFAULT_LIMITS, () => Math.floor(IN_PROCESS_MAX_BYTES / 3) + 1, notPdf)).toBe(false);
    expect(inProcessFits(Array.from({ length: IN_PROCESS_MAX_INPUTS }, (_, i) => input(`${i}.txt`)), {}, DEFAULT_LIMITS, () => 10, notPdf)).toBe(true);
    expect(inProcessFits(Array.from({ length: IN_PROCESS_MAX_INPUTS + 1 }, (_, i) => input(`${i}.txt`)), {}, DEFAULT_LIMITS, () => 10, notPdf)).toBe(false);
    // One PDF among them (pdf.js cannot be stopped mid-page: a worker reads them all).
    expect(inProcessFits(notes, {}, DEFAULT_LIMITS, small, (i) => i.path === 'b.docx')).toBe(false);
    expect(inProcessFits(notes, {}, { ...DEFAULT_LIMITS, timeoutMs: 119_000 }, small, notPdf)).toBe(false);
  });

  it('tells a PDF by its bytes, whatever its name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tenderscan-in-process-'));
    const note = join(dir, 'note.txt');
    const disguised = join(dir, 'disguised.txt');
    writeFileSync(note, 'Le titulaire installe des caméras.\n');
    copyFileSync(SAMPLE, disguised);
    const sized = (i: Input) => statSync(i.file).size;
    expect(inProcessFits([input(note), input(note)], {}, DEFAULT_LIMITS, sized)).toBe(true);
    expect(inProcessFits([input(note), input(disguised)], {}, DEFAULT_LIMITS, sized)).toBe(false);
    expect(inProcessFits([input(note), input(join(dir, 'gone.txt'))], {}, DEFAULT_LIMITS, () => 10)).toBe(false);
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

describe('runBatch on a few short notes', () => {
  it('reads them on the main thread, in order, with the results workers give', async () => {
    const { runBatch } = await import(join(ROOT, 'dist/engine/batch.js'));
    const { loadCheckedPacks } = await import(join(ROOT, 'dist/rules/load.js'));
    const rules = loadCheckedPacks();
    const dir = mkdtempSync(join(tmpdir(), 'tenderscan-in-process-notes-'));
    const files = ['a.txt', 'b.md', 'c.txt'].map((name) => join(dir, name));
    writeFileSync(files[0], 'Le titulaire raccorde les caméras de vidéoprotection au centre de supervision urbain.\n');
    writeFileSync(files[1], '# Drones\n\nLa police municipale utilise un drone équipé d\'une caméra thermique.\n');
    writeFileSync(files[2], 'Aucune donnée biométrique ne sera collectée.\n');
    const inputs = files.map(input);
    expect(inProcessFits(inputs, {}, DEFAULT_LIMITS, (i) => statSync(i.file).size)).toBe(true);
    const order: number[] = [];
    const run = (limits: typeof DEFAULT_LIMITS) => runBatch(inputs, { jobs: 2, limits, maxFileSize: 200 * 1024 * 1024, rules }, { onResult: (_: unknown, index: number) => order.push(index) });
    const here = await run(DEFAULT_LIMITS);
    expect(order).toEqual([0, 1, 2]);
    const workers = await run({ ...DEFAULT_LIMITS, timeoutMs: 119_000 });
    const untimed = ({ timings, ...result }: { timings?: unknown }) => result;
    expect(here.map((r: { entry: { status: string } }) => r.entry.status)).toEqual(['ok', 'ok', 'ok']);
    expect(here.flatMap((r: { findings: { category: string }[] }) => r.findings.map((f) => f.category))).toEqual(expect.arrayContaining(['video-surveillance', 'drones']));
    expect(here.map(untimed)).toEqual(workers.map(untimed));
  }, 60_000);
});
