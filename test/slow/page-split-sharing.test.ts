// One long PDF read by several workers: the same result and the same text-cache entry whatever
// the number of workers, and a lent worker that dies costs the document nothing. In the slow
// suite: pool workers and a 160-page PDF, some 16 s (npm test stays under two minutes).
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { makePdf } from '../helpers/pdf.js';
import { claimRange } from '../../src/engine/pool/split.js';

let dir: string;
let long: string;
let medium: string;
let small: string;
const PHRASES = [
  'Le titulaire installe des caméras de vidéoprotection sur la voie publique.',
  'Les données de géolocalisation des véhicules sont conservées trente jours.',
  'Aucun dispositif de reconnaissance faciale ne sera mis en œuvre.',
  'Les pénalités de retard sont fixées par jour calendaire.',
];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tenderscan-split-'));
  const page = (n: number) => ({ header: 'CCTP vidéoprotection', footer: `page ${n}`, lines: [`Article ${n}`, PHRASES[n % 4], PHRASES[(n * 3) % 4], n % 37 === 0 ? '' : 'Suite du texte de l’article.'] });
  long = join(dir, 'long.pdf');
  // Over the production threshold (SPLIT_MIN_PAGES): shared out as a real run would (the slow
  // suite runs 300 pages with --jobs 4).
  writeFileSync(long, await makePdf(Array.from({ length: 160 }, (_, i) => page(i + 1))));
  medium = join(dir, 'medium.pdf');
  writeFileSync(medium, await makePdf(Array.from({ length: 48 }, (_, i) => page(i + 1))));
  small = join(dir, 'small.pdf');
  writeFileSync(small, await makePdf([page(1)]));
});

// The compiled pool: its workers are the compiled worker.js.
async function compiledPool() {
  const { DocumentPool } = await import(join(ROOT, 'dist/engine/pool/pool.js'));
  const { checkRulePacks, readPackSources } = await import(join(ROOT, 'dist/rules/load.js'));
  const { SPLIT_MIN_PAGES } = await import(join(ROOT, 'dist/engine/pool/split.js'));
  return { DocumentPool, rules: checkRulePacks(readPackSources()), SPLIT_MIN_PAGES: SPLIT_MIN_PAGES as number };
}

const limits = { timeoutMs: 120_000, heapMb: 512, maxRssMb: 8192 };
type Result = { entry: { status: string; pageCount: number }; timings?: unknown };
const withoutTimings = ({ timings: _, ...rest }: Result) => rest;

/** Two small documents at once: the pool starts its second worker, idle when the long one comes. */
async function startWorkers(pool: { run(input: { path: string; file: string }, options: object): Promise<unknown> }) {
  await Promise.all([pool.run({ path: small, file: small }, {}), pool.run({ path: small, file: small }, {})]);
}

describe('a long PDF shared out among workers', () => {
  it('gives the same result and text-cache entry for --jobs 1 and 2, with pages read by a lent worker', async () => {
    const { DocumentPool, rules, SPLIT_MIN_PAGES } = await compiledPool();
    expect(160).toBeGreaterThan(SPLIT_MIN_PAGES);
    const scan = async (jobs: number) => {
      const cacheDir = mkdtempSync(join(dir, `cache-${jobs}-`));
      // Held until a lent worker has read a range: the test needs one to, whatever the load.
      const pool = new DocumentPool(jobs, { rules, holdOwnerUntilHelped: jobs > 1 }, limits);
      await startWorkers(pool);
      const result: Result = await pool.run({ path: 'long.pdf', file: long }, { cacheDir });
      // Workers still there once the document is done: lent ones left with nothing to do are stopped.
      const running = (pool as unknown as { slots: unknown[] }).slots.length;
      await pool.close();
      const entries = readdirSync(cacheDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.json'));
      return { result: withoutTimings(result), cache: entries.map((e) => readFileSync(join(e.parentPath, e.name), 'utf8')), workers: pool.workerCount, running, helped: pool.pagesReadByHelpers, voted: pool.pagesVotedByHelpers, analysed: pool.pagesAnalysedByHelpers };
    };
    const one = await scan(1);
    expect(one.result.entry).toMatchObject({ status: 'ok', pageCount: 160 });
    expect(one).toMatchObject({ workers: 1, helped: 0, voted: 0, analysed: 0 });
    const two = await scan(2);
    expect(two.result).toEqual(one.result);
    // The same entries; only the basis of a document whose pages were lent keeps all its words
    // for the line-end hyphens, where the owner alone kept the few it asked about (basis.ts).
    const comparable = (text: string) => {
      const entry = JSON.parse(text) as { key: string; checksum?: string; payload: { plan?: { hyphenWords?: unknown } } };
      if (!entry.key.startsWith('["basis"')) return entry;
      delete entry.checksum;
      delete entry.payload.plan!.hyphenWords;
      return entry;
    };
    expect(two.cache.map(comparable)).toEqual(one.cache.map(comparable));
    // One document, yet two workers or more: the second was lent to it, and read some of its
    // pages; then, with nothing queued, it was stopped (its heap is not held to the end of the
    // run), and the language vote then the analysis shared with a fresh one, stopped in turn.
    expect(two.workers).toBeGreaterThanOrEqual(2);
    expect(two.helped).toBeGreaterThan(0);
    expect(two.voted).toBeGreaterThan(0);
    expect(two.analysed).toBeGreaterThan(0);
    expect(two.running).toBe(1);
  });

  it('keeps a document under the threshold to its own worker', async () => {
    const { DocumentPool, rules, SPLIT_MIN_PAGES } = await compiledPool();
    expect(48).toBeLessThan(SPLIT_MIN_PAGES);
    const pool = new DocumentPool(2, { rules }, limits);
    const result: Result = await pool.run({ path: 'medium.pdf', file: medium }, {});
    await pool.close();
    expect(result.entry.status).toBe('ok');
    expect({ workers: pool.workerCount, helped: pool.pagesReadByHelpers }).toEqual({ workers: 1, helped: 0 });
  });

  it('sends a result of many findings in parts, and the pool puts them back whole and in order', async () => {
    const { DocumentPool, rules } = await compiledPool();
    const run = async (resultPart?: number) => {
      const pool = new DocumentPool(1, { rules, ...(resultPart ? { resultPart } : {}) }, limits);
      const result: Result & { findings: unknown[] } = await pool.run({ path: 'medium.pdf', file: medium }, {});
      await pool.close();
      return withoutTimings(result) as Result & { findings: unknown[] };
    };
    const whole = await run();
    // Parts of 7 findings: tens of messages, the last one short.
    expect(whole.findings.length).toBeGreaterThan(7 * 10);
    expect(whole.findings.length % 7).not.toBe(0);
    expect(await run(7)).toEqual(whole);
  });

  it('reads again the ranges of a lent worker that dies, and loses no page', async () => {
    const { DocumentPool, rules } = await compiledPool();
    const alone = new DocumentPool(1, { rules }, limits);
    const expected = withoutTimings(await alone.run({ path: 'medium.pdf', file: medium }, {}));
    await alone.close();
    // A low threshold (tests only): three workers on 48 pages, one of them killed mid-way. The
    // owner takes no range before a lent worker has sent one back (holdOwnerUntilHelped), so a
    // lent worker always has a range to die after, however fast the owner reads.
    const pool = new DocumentPool(3, { rules, splitPages: 12, holdOwnerUntilHelped: true }, limits);
    await startWorkers(pool);
    type Worker = { terminate(): Promise<number> };
    const internals = pool as unknown as { slots: { worker: Worker; helping?: unknown }[]; helped(slot: unknown, message: { pages?: unknown[]; done?: boolean }): void };
    const helped = internals.helped.bind(pool);
    let killed: Worker | undefined;
    let exited: Promise<number> | undefined;
    let startedAtKill = 0;
    internals.helped = (slot, message) => {
      const worker = (slot as { worker: Worker }).worker;
      // The worker dies on a message boundary: its first range is the last thing the pool hears
      // of it. What it posts while terminate() is under way (pages, "done") is what a crash
      // loses, so it is not handed on; the pool learns of the death from the worker's exit.
      if (worker === killed) return;
      helped(slot, message);
      if (message.pages && !killed) {
        killed = worker;
        startedAtKill = pool.workerCount;
        exited = worker.terminate();
      }
    };
    const result: Result = await pool.run({ path: 'medium.pdf', file: medium }, {});
    // Its exit has been handled (the pool listens before terminate() does) while the pool is open.
    await exited;
    await pool.close();
    expect(killed).toBeDefined();
    expect(withoutTimings(result)).toEqual(expected);
    // The dead worker's place was taken by a fresh one.
    expect(internals.slots.map((s) => s.worker)).not.toContain(killed);
    expect(pool.workerCount).toBeGreaterThan(startedAtKill);
    // Its first range reached the owner through the pool; the rest of the pages the owner read.
    expect(pool.pagesReadByHelpers).toBeGreaterThan(0);
  });
});

describe('a long document analysed by several workers', () => {
  it('gives the same result with its text from the cache, pages analysed by a lent worker', async () => {
    const { DocumentPool, rules } = await compiledPool();
    const cacheDir = mkdtempSync(join(dir, 'cache-analysis-'));
    const alone = new DocumentPool(1, { rules }, limits);
    const expected = withoutTimings(await alone.run({ path: 'medium.pdf', file: medium }, { cacheDir, maxPages: 1000 }));
    await alone.close();
    // Another --max-pages: another result key, so the result is recomputed from the cached text.
    const pool = new DocumentPool(2, { rules, splitPages: 12, holdOwnerUntilHelped: true }, limits);
    await startWorkers(pool);
    const result: Result = await pool.run({ path: 'medium.pdf', file: medium }, { cacheDir, maxPages: 1001 });
    await pool.close();
    expect(withoutTimings(result)).toEqual(expected);
    expect(pool.pagesReadByHelpers).toBe(0);
    // The plan came from the basis cache: no language vote.
    expect(pool.pagesVotedByHelpers).toBe(0);
    expect(pool.pagesAnalysedByHelpers).toBeGreaterThan(0);
  });
});

describe('page ranges', () => {
  it('hands out every page once, in long stretches first and ranges of at least 8 pages at the end', () => {
    const counter = new Int32Array(new SharedArrayBuffer(4));
    const ranges: [number, number][] = [];
    for (let range = claimRange(counter, 2000, 8, 2); range; range = claimRange(counter, 2000, 8, 2)) ranges.push(range);
    const pages = ranges.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, k) => a + k));
    expect(pages).toEqual(Array.from({ length: 2000 }, (_, k) => k + 1));
    const sizes = ranges.map(([a, b]) => b - a + 1);
    expect(sizes[0]).toBe(500); // a quarter of what is left, for two threads
    for (let k = 1; k < sizes.length; k++) expect(sizes[k]).toBeLessThanOrEqual(sizes[k - 1]);
    expect(sizes.slice(0, -1).every((n) => n >= 8)).toBe(true);
    expect(claimRange(counter, 2000, 8, 2)).toBeUndefined();
  });
});
