// The result cache: an unchanged document scanned again with the same rules, build and options
// gives back its stored result without extraction or analysis; any change of those is a miss.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tenderscan } from '../helpers/cli.js';
import { resultCacheKey, storableResult } from '../../src/cache/result-key.js';
import { errorResult } from '../../src/errors.js';

let dir: string;
let doc: string;
let pack: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tenderscan-result-cache-'));
  doc = join(dir, 'cctp.txt');
  writeFileSync(doc, 'La plateforme reçoit les flux vidéo des caméras de vidéoprotection.\n\nUne girouette connectée est posée sur la mairie.\n');
  pack = join(dir, 'pack.yaml');
  writeFileSync(pack, 'language: fr\ncategory: drones\nrules:\n  - id: my.drones.balloon\n    kind: terms\n    terms: [girouette connectée]\n');
});

/** The JSON report without what changes from run to run, and the workers' analysis time. */
function scan(cacheDir: string, extra: string[] = []) {
  const r = tenderscan(['scan', doc, '--include-text', '-f', 'json', '--cache-dir', cacheDir, ...extra], { env: { TENDERSCAN_TIMINGS: '1' } });
  expect(r.code).toBe(0);
  const timings = JSON.parse(/tenderscan timings: (.*)/.exec(r.stderr)![1]) as { analyseMs: number };
  const report = JSON.parse(r.stdout) as { findings: { rule: string }[] };
  const rules = report.findings.map((f) => f.rule);
  return { analyseMs: timings.analyseMs, rules, stable: JSON.stringify(report, (k, v) => (/^(generatedAt|durationMs|elapsedMs)$/.test(k) ? undefined : v)) };
}

describe('result cache', () => {
  it('gives the stored result back without analysing again, and analyses again when the rules change', () => {
    const cacheDir = join(dir, 'cache');
    const first = scan(cacheDir);
    expect(first.analyseMs).toBeGreaterThan(0);
    const second = scan(cacheDir);
    expect(second.analyseMs).toBe(0);
    expect(second.stable).toBe(first.stable);
    // A user pack changes the rule-set hash: the stored result is not theirs.
    const withPack = scan(cacheDir, ['-r', pack]);
    expect(withPack.analyseMs).toBeGreaterThan(0);
    expect(withPack.rules).toContain('my.drones.balloon');
    expect(first.rules).not.toContain('my.drones.balloon');
    // --no-cache neither reads nor writes it.
    expect(scan(cacheDir, ['--no-cache']).analyseMs).toBeGreaterThan(0);
  });

  it('holds the results of the pool\'s last documents once the run is over: their workers write them after sending them', async () => {
    const { makePdf } = await import('../helpers/pdf.js');
    const cacheDir = join(dir, 'cache-pool');
    const files: string[] = [];
    for (const n of [1, 2, 3]) {
      const file = join(dir, `annexe-${n}.pdf`);
      // Pages enough that writing the last result takes a while after it is sent.
      const pages = Array.from({ length: 40 }, (_, p) => ({ lines: [`Annexe ${n}, page ${p + 1} : les caméras de vidéoprotection filment la place.`, 'Un drone survole le marché.'] }));
      writeFileSync(file, await makePdf(pages));
      files.push(file);
    }
    const run = (extra: string[] = []) => {
      const r = tenderscan(['scan', ...files, '-f', 'json', '-q', '--jobs', '2', '--cache-dir', cacheDir, ...extra], { env: { TENDERSCAN_TIMINGS: '1' } });
      expect(r.code).toBe(0);
      const timings = JSON.parse(/tenderscan timings: (.*)/.exec(r.stderr)![1]) as { analyseMs: number; extractMs: number };
      return { timings, findings: JSON.stringify((JSON.parse(r.stdout) as { findings: unknown[] }).findings) };
    };
    const first = run();
    expect(first.timings.analyseMs).toBeGreaterThan(0);
    // No entry half-written: every write ended with its rename.
    expect(readdirSync(cacheDir, { recursive: true }).filter((f) => String(f).endsWith('.tmp'))).toEqual([]);
    const again = run();
    expect(again.timings.analyseMs).toBe(0);
    expect(again.findings).toBe(first.findings);
  });

  it('keeps a lasting failure whatever the rules: a corrupt PDF is not opened again for a new pack', () => {
    const cacheDir = join(dir, 'cache-failure');
    const broken = join(dir, 'broken.pdf');
    writeFileSync(broken, '%PDF-1.7\nnot a PDF body at all\n');
    const entries = () => readdirSync(cacheDir, { recursive: true }).filter((f) => /^[0-9a-f]{2}\/[0-9a-f]{64}\.json$/.test(String(f))).length;
    const first = tenderscan(['scan', broken, '-f', 'json', '--cache-dir', cacheDir]);
    expect(first.code).toBe(2); // no document could be analysed
    expect(entries()).toBe(1); // the failure; no text was extracted
    const again = tenderscan(['scan', broken, '-f', 'json', '--cache-dir', cacheDir, '-r', pack]);
    expect(again.code).toBe(2);
    expect(JSON.parse(again.stdout).documents[0].error).toEqual(JSON.parse(first.stdout).documents[0].error);
    expect(entries()).toBe(1); // found under the same key: nothing new written
  });

  it('analyses a document with every rule after a worker answered another from the cache', () => {
    // A worker that answers a document from the cache leaves its preparation (stemmers, the
    // built-in rules) undone: the next document, not in the cache, must still be analysed in full.
    const cacheDir = join(dir, 'cache-after-hit');
    const other = join(dir, 'cctp-autre.txt');
    writeFileSync(other, 'Les caméras de vidéoprotection de la ville sont reliées au centre de supervision urbain.\n\nUn drone survole les manifestations.\n');
    const stable = (stdout: string) => JSON.stringify((JSON.parse(stdout) as { findings: unknown[] }).findings);
    const alone = tenderscan(['scan', other, '-f', 'json', '--no-cache', '--jobs', '1']);
    expect(alone.code).toBe(0);
    expect(JSON.parse(alone.stdout).findings.length).toBeGreaterThan(1);
    expect(tenderscan(['scan', doc, '-f', 'json', '--cache-dir', cacheDir, '--jobs', '1']).code).toBe(0);
    const both = tenderscan(['scan', doc, other, '-f', 'json', '--cache-dir', cacheDir, '--jobs', '1'], { env: { TENDERSCAN_TIMINGS: '1' } });
    expect(both.code).toBe(0);
    const report = JSON.parse(both.stdout) as { findings: { document: string }[] };
    expect(JSON.stringify(report.findings.filter((f) => f.document.endsWith('cctp-autre.txt')))).toBe(stable(alone.stdout));
  });

  it('answers a cached document by the rules\' hash alone: rules on demand are compiled only on a miss', async () => {
    // The built code: the result cache needs the build id that `npm run build` writes.
    const engine = (await import(join(ROOT, 'dist/engine/document.js'))) as typeof import('../../src/engine/document.js');
    const rules = ((await import(join(ROOT, 'dist/rules/load.js'))) as typeof import('../../src/rules/load.js')).loadRuleSet();
    const cacheDir = join(dir, 'cache-on-demand');
    let compiled = 0;
    const onDemand = (hash: string) => ({ hash, compile: () => (compiled++, rules) });
    const first = await engine.analyseFile(doc, onDemand(rules.hash), { cacheDir });
    expect(compiled).toBe(1);
    expect(first.findings.map((f) => f.category)).toContain('video-surveillance');
    const again = await engine.analyseFile(doc, onDemand(rules.hash), { cacheDir });
    expect(compiled).toBe(1);
    expect(again.findings).toEqual(first.findings);
    // Another hash is another rule set: its result is not the stored one.
    await engine.analyseFile(doc, onDemand('0123456789abcdef'), { cacheDir });
    expect(compiled).toBe(2);
  });

  it('keys a result by everything it was made from, and keeps nothing a password or snapshots touched', () => {
    const base = { path: 'a/CCTP.pdf', sha256: 'f'.repeat(64), format: { name: 'pdf', version: 'v1' }, rules: { hash: '0123456789abcdef' }, options: {} };
    // Built code has an id (scripts/build-id.mjs); the sources run by the tests have none, so
    // the key is only checked for what it refuses here, and its parts through the CLI above.
    expect(resultCacheKey({ ...base, options: { password: 'x' } })).toBeUndefined();
    expect(resultCacheKey({ ...base, options: { snapshots: { max: 1 } } })).toBeUndefined();
  });

  it('stores lasting failures and results without their timings, never a failure that may not recur', () => {
    expect(storableResult(errorResult('x.pdf', 'TIMEOUT', 'took too long'))).toBeUndefined();
    expect(storableResult(errorResult('x.pdf', 'INTERNAL', 'oops'))).toBeUndefined();
    expect(storableResult(errorResult('x.pdf', 'CORRUPT', 'broken'))?.entry.error?.code).toBe('CORRUPT');
    const ok = { ...errorResult('x.pdf', 'CORRUPT', 'broken'), timings: { extractMs: 1, analyseMs: 2 }, snapshots: [] };
    expect(Object.keys(storableResult(ok)!).sort()).toEqual(['entry', 'findings']);
  });
});
