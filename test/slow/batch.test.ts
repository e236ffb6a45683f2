// Batches through the worker pool: same output for any --jobs, the text cache, limits per
// document, --password-file, interruption.
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, TEST_CACHE_HOME, tenderscan } from '../helpers/cli.js';
import { makePdf } from '../helpers/pdf.js';
import { slowPdf } from '../helpers/raw-pdf.js';
import { TextCache } from '../../src/cache/text-cache.js';

const SAMPLE = join(ROOT, 'fixtures/sample/cctp-observatoire-tranquillite.pdf');
let dir: string;
let good: string;
let bomb: string;

const withoutDate = (json: string) => json.replace(/"generatedAt": "[^"]+"/, '');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tenderscan-batch-'));
  good = join(dir, 'good.pdf');
  writeFileSync(good, await makePdf([{ lines: ['Article 1 - Objet', 'La plateforme recoit les flux video des cameras de la ville.'] }]));
  writeFileSync(join(dir, 'empty.pdf'), '');
  bomb = join(dir, 'bomb.pdf');
  // ~380 KB on disk (incompressible padding: not refused up front), 40 MB of text operators once inflated.
  writeFileSync(bomb, slowPdf(40));
});

describe('the worker pool', () => {
  it('gives the same bytes (save the date) whatever --jobs is', () => {
    const args = ['scan', SAMPLE, good, join(dir, 'empty.pdf'), '-f', 'json', '--no-cache'];
    const one = tenderscan([...args, '--jobs', '1']);
    const two = tenderscan([...args, '--jobs', '2']);
    expect(one.code).toBe(3);
    expect(withoutDate(two.stdout)).toBe(withoutDate(one.stdout));
    expect(two.stderr).toBe(one.stderr);
  });

  it('starts a second worker for documents that need extraction, not for cached ones', async () => {
    // The compiled pool: its workers are the compiled worker.js.
    const { DocumentPool } = await import(join(ROOT, 'dist/engine/pool/pool.js'));
    const { checkRulePacks, readPackSources } = await import(join(ROOT, 'dist/rules/load.js'));
    const rules = checkRulePacks(readPackSources());
    const cacheDir = join(dir, 'grow-cache');
    const inputs = [SAMPLE, good, SAMPLE, good].map((file) => ({ path: file, file }));
    const limits = { timeoutMs: 60_000, heapMb: 512, maxRssMb: 8192 };
    const runAll = async () => {
      const pool = new DocumentPool(2, { rules }, limits);
      const results = await Promise.all(inputs.map((input) => pool.run(input, { cacheDir })));
      await pool.close();
      return { workers: pool.workerCount, statuses: results.map((r: { entry: { status: string } }) => r.entry.status) };
    };
    expect(await runAll()).toEqual({ workers: 2, statuses: ['ok', 'ok', 'ok', 'ok'] });
    expect(await runAll()).toEqual({ workers: 1, statuses: ['ok', 'ok', 'ok', 'ok'] });
  });

  it('adopts the worker started early when its heap cap is the one asked for, and only then', async () => {
    const { DocumentPool, startEarlyWorker } = await import(join(ROOT, 'dist/engine/pool/pool.js'));
    const { checkRulePacks, readPackSources } = await import(join(ROOT, 'dist/rules/load.js'));
    const rules = checkRulePacks(readPackSources());
    const run = async (earlyHeapMb: number, heapMb: number, files: string[]) => {
      const [early] = startEarlyWorker(earlyHeapMb);
      const pool = new DocumentPool(1, { rules }, { timeoutMs: 20_000, heapMb, maxRssMb: 8192 });
      const results = await Promise.all(files.map((file) => pool.run({ path: file, file }, {})));
      // (`written`: a worker that has sent its last result is stopped once its writes are done.)
      await (await pool.close()).written;
      // A document the pool had to stop is a failure ({ code }); the others are results.
      // threadId is -1 once a worker has stopped: the pool's close stops the worker it adopted.
      return { statuses: results.map((r: { code?: string; entry?: { status: string } }) => r.code ?? r.entry!.status), earlyStopped: early.threadId === -1 };
    };
    // The early worker, adopted, gets the rules and analyses.
    expect(await run(512, 512, [SAMPLE, good])).toEqual({ statuses: ['ok', 'ok'], earlyStopped: true });
    // A 4 GB early worker is not what --max-heap 48 asked for: the bomb must meet the 48 MB cap.
    expect(await run(4096, 48, [bomb, good])).toEqual({ statuses: ['RESOURCE_LIMIT', 'ok'], earlyStopped: true });
  });

  it('keeps a wall-clock limit beyond what a Node timer holds instead of firing it at once', async () => {
    const { DocumentPool } = await import(join(ROOT, 'dist/engine/pool/pool.js'));
    const { checkRulePacks, readPackSources } = await import(join(ROOT, 'dist/rules/load.js'));
    const pool = new DocumentPool(1, { rules: checkRulePacks(readPackSources()) }, { timeoutMs: 99_999_999_000, heapMb: 512, maxRssMb: 8192 });
    const result = await pool.run({ path: good, file: good }, {});
    await pool.close();
    expect(result.entry?.status ?? result.code).toBe('ok');
  });

  it('ends a document that runs too long as TIMEOUT and goes on with the others (exit 3)', () => {
    const r = tenderscan(['scan', bomb, good, '-f', 'json', '--no-cache', '--timeout', '5']);
    expect(r.code).toBe(3);
    const [b, g] = JSON.parse(r.stdout).documents;
    expect(b).toMatchObject({ status: 'error', error: { code: 'TIMEOUT' } });
    expect(b.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(g.status).toBe('ok');
    expect(r.stderr).toContain(`${bomb}: TIMEOUT:`);
  });

  it('ends a document over its heap cap as RESOURCE_LIMIT', () => {
    const r = tenderscan(['scan', bomb, good, '-f', 'json', '--no-cache', '--max-heap', '48', '--timeout', '60']);
    expect(r.code).toBe(3);
    const [b, g] = JSON.parse(r.stdout).documents;
    expect(b.error.code).toBe('RESOURCE_LIMIT');
    expect(g.status).toBe('ok');
  });

  it('refuses files over --max-file-size without reading them', () => {
    const r = tenderscan(['scan', SAMPLE, good, '-f', 'json', '--max-file-size', '1']);
    const docs = JSON.parse(r.stdout).documents;
    expect(docs.map((d: any) => d.status)).toEqual(['ok', 'ok']);
    const big = join(dir, 'big.pdf');
    writeFileSync(big, Buffer.concat([readFileSync(good), Buffer.alloc(1024 * 1024 + 10)]));
    const r2 = tenderscan(['scan', big, good, '-f', 'json', '--max-file-size', '1']);
    expect(JSON.parse(r2.stdout).documents[0].error.code).toBe('TOO_LARGE');
  });
});

describe('the text cache', () => {
  it('is filled on the first run, used on the next, and a corrupt entry is rebuilt', () => {
    const cacheDir = join(dir, 'cache');
    const first = tenderscan(['scan', SAMPLE, '-f', 'json', '--cache-dir', cacheDir]);
    const entries = readdirSync(cacheDir, { recursive: true }).filter((f) => String(f).endsWith('.json') && !String(f).startsWith('packs'));
    // The extracted text, the document's basis (what its analysis decides whatever the rules),
    // its result, and its page analyses with their words (for runs with other packs).
    expect(entries).toHaveLength(5);
    // The built-in packs were checked at build time: nothing of them is kept in the cache.
    expect(existsSync(join(cacheDir, 'packs'))).toBe(false);
    const entry = join(cacheDir, String(entries.find((f) => readFileSync(join(cacheDir, String(f)), 'utf8').startsWith('{"format":1,"key":"pdf|'))));
    const second = tenderscan(['scan', SAMPLE, '-f', 'json', '--cache-dir', cacheDir]);
    expect(withoutDate(second.stdout)).toBe(withoutDate(first.stdout));
    // Corrupt the entry: a text change that keeps valid JSON must be caught by the checksum
    // (the stored result goes, so that the text is read again).
    writeFileSync(entry, readFileSync(entry, 'utf8').replace('caméras', 'camions'));
    for (const f of entries) if (join(cacheDir, String(f)) !== entry) rmSync(join(cacheDir, String(f)));
    const third = tenderscan(['scan', SAMPLE, '-f', 'json', '--cache-dir', cacheDir]);
    expect(withoutDate(third.stdout)).toBe(withoutDate(first.stdout));
    expect(readFileSync(entry, 'utf8')).toContain('caméras');
  });

  it('writes an entry as one line whose checksum is the SHA-256 of the payload\'s UTF-8 bytes', () => {
    const cache = new TextCache(mkdtempSync(join(tmpdir(), 'tenderscan-cache-')));
    const payload = { pages: [{ number: 1, text: 'Les caméras « piétons » – 2 000 € 📷 \ud800' }] };
    cache.set('pdf|abc|v1', payload);
    const file = join(cache.dir, String(readdirSync(cache.dir, { recursive: true }).find((f) => String(f).endsWith('.json'))));
    const json = JSON.stringify(payload);
    const sha = createHash('sha256').update(Buffer.from(json, 'utf8')).digest('hex');
    expect(readFileSync(file)).toEqual(Buffer.from(`{"format":1,"key":"pdf|abc|v1","checksum":"${sha}","payload":${json}}`, 'utf8'));
    expect(cache.get('pdf|abc|v1')).toEqual(payload);
  });

  it('returns an entry only when its key and the checksum of its exact payload bytes agree', () => {
    const cache = new TextCache(mkdtempSync(join(tmpdir(), 'tenderscan-cache-')));
    const payload = { pages: [{ number: 1, text: 'Les caméras « piétons » – 2 000 €' }] };
    cache.set('pdf|abc|v1', payload);
    expect(cache.get('pdf|abc|v1')).toEqual(payload);
    expect(cache.get('pdf|abc|v2')).toBeUndefined();
    const file = join(cache.dir, String(readdirSync(cache.dir, { recursive: true }).find((f) => String(f).endsWith('.json'))));
    const stored = readFileSync(file, 'utf8');
    for (const broken of [
      stored.slice(0, -10), // truncated
      stored.replace('2 000', '3 000'), // valid JSON, other text
      stored.replace('"pages"', ' "pages"'), // same value, other bytes
      stored.replace('"format":1', '"format":2'),
      stored.replace('","payload":', '" ,"payload":'), // the checksum's closing quote moved
      '',
    ]) {
      writeFileSync(file, broken);
      expect(cache.get('pdf|abc|v1')).toBeUndefined();
    }
    // The checksum is of the payload's bytes: a byte that is not UTF-8 (read as U+FFFD) is caught.
    const bytes = Buffer.from(stored);
    const at = bytes.indexOf('é');
    writeFileSync(file, Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff, 0xfe]), bytes.subarray(at + 2)]));
    expect(cache.get('pdf|abc|v1')).toBeUndefined();
    writeFileSync(file, stored);
    expect(cache.get('pdf|abc|v1')).toEqual(payload);
  });

  it('lives under $XDG_CACHE_HOME/tenderscan by default, is skipped with --no-cache and emptied by cache clear', () => {
    const home = mkdtempSync(join(tmpdir(), 'tenderscan-xdg-'));
    tenderscan(['scan', good, '-f', 'json', '--no-cache'], { env: { XDG_CACHE_HOME: home } });
    // No entry of a document: only the code cache (bin/bundle.cjs, not a cache of documents) may be there.
    const entries = () => (existsSync(join(home, 'tenderscan')) ? readdirSync(join(home, 'tenderscan')).filter((n) => n !== 'code' && n !== 'CACHEDIR.TAG') : []);
    expect(entries()).toEqual([]);
    tenderscan(['scan', good, '-f', 'json'], { env: { XDG_CACHE_HOME: home } });
    expect(entries()).not.toEqual([]);
    const cleared = tenderscan(['cache', 'clear'], { env: { XDG_CACHE_HOME: home } });
    expect(cleared.code).toBe(0);
    expect(existsSync(join(home, 'tenderscan'))).toBe(false);
    expect(TEST_CACHE_HOME).not.toBe(home);
  });
});

describe('interruption', () => {
  // Ctrl-C, and what `timeout`, `docker stop`, CI (SIGTERM) and a closed terminal (SIGHUP) send.
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('on %s reports what was finished, marks the rest INTERRUPTED, exits %i and leaves no temporary file', async (signal, exitCode) => {
    const out = join(dir, `interrupted-${signal}.jsonl`);
    const child = spawn(process.execPath, [BIN, 'scan', good, bomb, '-f', 'jsonl', '--no-cache', '--jobs', '1', '--timeout', '120', '-o', out], {
      env: { ...process.env, XDG_CACHE_HOME: TEST_CACHE_HOME },
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    // Interrupt once the first document has been written (to the temporary file).
    const deadline = Date.now() + 60_000;
    const temporaryWritten = () =>
      readdirSync(dir)
        .filter((f) => f.includes('tenderscan-tmp'))
        .some((f) => readFileSync(join(dir, f), 'utf8').includes('"type":"end"'));
    while (!temporaryWritten() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    child.kill(signal);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(exitCode);
    const ends = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((e) => e.type === 'end');
    expect(ends.map((e: any) => e.data.document.status)).toEqual(['ok', 'error']);
    expect(ends[1].data.document.error.code).toBe('INTERRUPTED');
    // One line for every document left unfinished, not one per document.
    expect(stderr).toContain('1 document not analysed (interrupted): ');
    expect(stderr).not.toMatch(/: INTERRUPTED:/);
    expect(readdirSync(dir).filter((f) => f.includes('tenderscan-tmp'))).toEqual([]);
  }, 90_000);
});

describe('--password-file', () => {
  it('reads the password from the first line of a file; a missing file is a usage error', () => {
    const file = join(dir, 'pw.txt');
    writeFileSync(file, 'secret\nignored\n');
    expect(tenderscan(['scan', good, '-f', 'json', '--password-file', file]).code).toBe(0);
    const r = tenderscan(['scan', good, '--password-file', join(dir, 'nope.txt')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--password-file .*nope\.txt: no such file/);
  });
});

describe('JSON Lines, shards and merge', () => {
  it('streams begin/finding/end lines per document and a final summary line', () => {
    const r = tenderscan(['scan', SAMPLE, good, join(dir, 'empty.pdf'), '-f', 'jsonl', '--no-cache']);
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(events[0]).toEqual({ type: 'begin', data: { path: SAMPLE } });
    const types = events.map((e) => e.type);
    expect(types.filter((t) => t === 'begin')).toHaveLength(3);
    expect(types.filter((t) => t === 'end')).toHaveLength(3);
    expect(types[types.length - 1]).toBe('summary');
    const end = events.find((e) => e.type === 'end' && e.data.document.path.endsWith('empty.pdf'));
    expect(end.data.document).toMatchObject({ status: 'error', error: { code: 'EMPTY' } });
    const summary = events[events.length - 1].data;
    expect(summary).toMatchObject({ schemaVersion: 2, documents: 3, analysed: 2, failed: 1 });
    expect(summary.summary.byCategory['social-media'].pages[SAMPLE]).toContain(22);
    // The findings were let go as they were written: the counts are still theirs.
    const ends = events.filter((e) => e.type === 'end');
    expect(summary.findings).toBe(ends.reduce((n, e) => n + e.data.counts.findings, 0));
    expect(summary.findings).toBeGreaterThan(20);
    expect(summary.negated).toBe(ends.reduce((n, e) => n + e.data.counts.negated, 0));
  });

  it('splits inputs into shards deterministically, and merge gives back the whole report', () => {
    const inputs = [SAMPLE, good, join(dir, 'empty.pdf')];
    const whole = JSON.parse(tenderscan(['scan', ...inputs, '-f', 'json', '--no-cache']).stdout);
    const files = [1, 2].map((i) => {
      const file = join(dir, `shard-${i}.jsonl`);
      tenderscan(['scan', ...inputs, '-f', 'jsonl', '--no-cache', '--shard', `${i}/2`, '-o', file]);
      return file;
    });
    const shardDocs = files.map((f) => readFileSync(f, 'utf8').split('\n').filter((l) => l.includes('"type":"end"')).length);
    expect(shardDocs[0] + shardDocs[1]).toBe(3);
    const merged = tenderscan(['merge', ...files, '-f', 'json']);
    expect(merged.code).toBe(3);
    const report = JSON.parse(merged.stdout);
    const key = (r: any) => r.findings.map((f: any) => `${f.document}|${f.page}|${f.start}|${f.category}`).sort();
    expect(key(report)).toEqual(key(whole));
    expect(report.summary).toEqual(whole.summary);
    expect(tenderscan(['scan', good, '--shard', '3/2']).code).toBe(2);
  });
});
