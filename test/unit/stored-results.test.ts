// Results the cache holds, taken on the main thread before any worker is asked: the same result
// as the worker gives, and nothing when the first bytes do not decide the format.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { detectFormat, formatFromHead, FORMAT_HEAD_BYTES } from '../../src/extract/registry.js';
import type { Input } from '../../src/sources/expand.js';

const SAMPLE = join(ROOT, 'fixtures/sample/cctp-observatoire-tranquillite.pdf');
const input = (path: string): Input => ({ path, file: path });

describe('formatFromHead', () => {
  it('decides a PDF from its first bytes, and leaves the rest to detectFormat', () => {
    const pdf = readFileSync(SAMPLE);
    expect(formatFromHead(pdf.subarray(0, FORMAT_HEAD_BYTES), pdf.length, SAMPLE)?.name).toBe('pdf');
    // A header past the first 1,024 bytes (after a line of junk) is a PDF only once the rest is read.
    const late = Buffer.concat([Buffer.from(' '.repeat(2000) + '\n'), pdf]);
    expect(detectFormat(late, 'late.pdf').name).toBe('pdf');
    expect(formatFromHead(late.subarray(0, FORMAT_HEAD_BYTES), late.length, 'late.pdf')).toBeUndefined();
    // A whole small file: detectFormat's own answer, its failure included.
    expect(formatFromHead(Buffer.from('des caméras'), 12, 'notes.txt')?.name).toBe('text');
    expect(() => formatFromHead(Buffer.from('\r\n'), 2, 'fake.pdf')).toThrow(/not a/);
    // A ZIP or compound file is read by detectFormat in its worker.
    expect(formatFromHead(Buffer.from('PK\u0003\u0004xxxx'), 8, 'a.docx')).toBeUndefined();
  });
});

describe('stored results on the main thread', () => {
  it('gives the result a worker gave, for a PDF, an empty file and a file of no known format', async () => {
    const { runBatch } = await import(join(ROOT, 'dist/engine/batch.js'));
    const { storedResult } = await import(join(ROOT, 'dist/engine/stored-results.js'));
    const { loadCheckedPacks } = await import(join(ROOT, 'dist/rules/load.js'));
    const { analyseFile } = await import(join(ROOT, 'dist/engine/document.js'));
    const dir = mkdtempSync(join(tmpdir(), 'tenderscan-stored-'));
    const empty = join(dir, 'empty.pdf');
    const fake = join(dir, 'fake.pdf');
    writeFileSync(empty, '');
    writeFileSync(fake, '\r\n');
    const rules = loadCheckedPacks();
    const cacheDir = join(dir, 'cache');
    const options = { cacheDir, maxFileSize: 200 * 1024 * 1024, maxPages: 5000, ocr: 'never' };
    const inputs = [input(SAMPLE), input(empty), input(fake)];
    // The sample read by a worker (a limit other than the default keeps it off the main
    // thread), its result stored; the two failures as a worker's analyseFile gives them.
    const limits = { timeoutMs: 119_000, heapMb: 1024, maxRssMb: 4096 };
    const untimed = ({ timings: _timings, ...result }: { timings?: unknown }) => result;
    // The worker writes the result after sending it: the batch says when that is done.
    let written: Promise<void> | undefined;
    const [sample] = await runBatch([input(SAMPLE)], { ...options, jobs: 1, limits, rules }, { onWritten: (w: Promise<void>) => (written = w) });
    expect(sample.entry.status).toBe('ok');
    await written;
    const onDemand = { hash: rules.hash, compile: () => expect.fail('no rule is needed') };
    const byWorker = [untimed(sample), ...(await Promise.all([empty, fake].map((f) => analyseFile(input(f), onDemand, { ...options, cacheDir: undefined }))))];
    expect(byWorker.map((r) => r.entry.error?.code)).toEqual([undefined, 'EMPTY', 'UNSUPPORTED']);
    for (const [i, item] of inputs.entries()) expect(untimed(storedResult(item, options, rules))).toEqual(byWorker[i]);
    expect((await runBatch(inputs, { ...options, jobs: 1, limits, rules })).map(untimed)).toEqual(byWorker);
    // Other rules, another file's bytes under the same name, no cache: nothing stored.
    expect(storedResult(input(SAMPLE), options, { hash: 'other-rules' })).toBeUndefined();
    const changed = join(dir, 'changed.pdf');
    writeFileSync(changed, Buffer.concat([readFileSync(SAMPLE), Buffer.from('\n% appended\n')]));
    expect(storedResult(input(changed), options, rules)).toBeUndefined();
    expect(storedResult(input(SAMPLE), { ...options, cacheDir: undefined }, rules)).toBeUndefined();
  }, 60_000);
});

describe('results kept for other packs, taken on the main thread', () => {
  it('gives the whole result of an edited pack that starts on no page, and leaves a touched document to a worker', async () => {
    const { analyseFile } = await import(join(ROOT, 'dist/engine/document.js'));
    const { compileRules } = await import(join(ROOT, 'dist/rules/load.js'));
    const { storedResult } = await import(join(ROOT, 'dist/engine/stored-results.js'));
    const { loadCheckedPacks } = await import(join(ROOT, 'dist/rules/load.js'));
    const dir = mkdtempSync(join(tmpdir(), 'tenderscan-untouched-'));
    const pack = join(dir, 'mine.yaml');
    const withTerms = (terms: string) => {
      writeFileSync(pack, `language: fr\ncategory: automated-analysis\nrules:\n  - id: my.fr\n    kind: terms\n    terms: [${terms}]\n`);
      return loadCheckedPacks([pack]);
    };
    const options = { cacheDir: join(dir, 'cache'), maxFileSize: 200 * 1024 * 1024, maxPages: 5000, ocr: 'never' };
    // As a worker analyses a document (engine/pool/worker.ts), on this thread.
    const analysed = (rules: { hash: string }, cacheDir?: string) => analyseFile(input(SAMPLE), { hash: rules.hash, compile: () => compileRules(rules), checked: rules }, { ...options, cacheDir });
    const untimed = ({ timings: _timings, ...result }: { timings?: unknown }) => result;
    // A first run with the pack stores the result and the page analyses.
    await analysed(withTerms('aérostat captif'), options.cacheDir);
    // Edited, still starting on no word of the sample: the result of a full analysis, here.
    const edited = withTerms('aérostat captif, dirigeable');
    expect(storedResult(input(SAMPLE), options, { hash: edited.hash })).toBeUndefined();
    const here = storedResult(input(SAMPLE), options, edited);
    expect(here?.timings?.pagesReused).toBeGreaterThan(20);
    const full = await analysed(edited);
    expect(untimed(here!)).toEqual(untimed(full));
    // Stored under the edited rules: the next run finds it as any stored result.
    expect(untimed(storedResult(input(SAMPLE), options, { hash: edited.hash })!)).toEqual(untimed(full));
    // A term of the sample's pages: its pages are analysed again by a worker, not here.
    expect(storedResult(input(SAMPLE), options, withTerms('aérostat captif, caméras'))).toBeUndefined();
  }, 60_000);
});
