// The basis cache: what a document's analysis decides whatever the rules (running lines,
// headings, language, issuer, facts, legal context, dossier clues) is kept beside its text, so
// that a scan with other rules runs only the rule matching. It must give the report a full
// analysis gives, be a miss when the analysis code changes, and treat a damaged or forged entry
// as a miss, never a crash.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tenderscan } from '../helpers/cli.js';

const SAMPLE = join(ROOT, 'fixtures/sample/cctp-observatoire-tranquillite.pdf');
let dir: string;
let packs: string[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tenderscan-basis-cache-'));
  // A new pack is a new rule set: the stored result is not its own, the basis is.
  // Each starts on words of the sample's pages (kept page analyses are taken back only where no
  // changed pack can start: src/cache/page-reuse.ts), so that its pages are analysed again.
  packs = ['plateforme volante', 'caméras thermiques', 'données sonores', 'images aériennes'].map((term, i) => {
    const pack = join(dir, `pack-${i}.yaml`);
    writeFileSync(pack, `language: fr\ncategory: drones\nrules:\n  - id: my.drones.r${i}\n    kind: terms\n    terms: [${term}]\n`);
    return pack;
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A scan of the sample: its JSON report without what changes from run to run, and how many bases came from the cache. */
function scan(args: string[], bin?: string) {
  const env = { TENDERSCAN_TIMINGS: '1' };
  let r: { code: number; stdout: string; stderr: string };
  if (bin) {
    const run = spawnSync(process.execPath, [bin, 'scan', SAMPLE, '-f', 'json', ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
    r = { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
  } else r = tenderscan(['scan', SAMPLE, '-f', 'json', ...args], { env });
  const stderr = r.stderr;
  expect(r.code, stderr).toBe(0);
  const timings = JSON.parse(/tenderscan timings: (.*)/.exec(stderr)![1]) as { basisHits: number; analyseMs: number };
  const stable = JSON.stringify(JSON.parse(r.stdout), (k, v) => (/^(generatedAt|durationMs|elapsedMs)$/.test(k) ? undefined : v));
  return { basisHits: timings.basisHits, analyseMs: timings.analyseMs, stable, report: JSON.parse(r.stdout) as { documents: Record<string, unknown>[] } };
}

/** The cache's entries of one kind ('basis', 'result'): their files. */
function entries(cacheDir: string, kind: string): string[] {
  const files = readdirSync(cacheDir, { recursive: true, encoding: 'utf8' }).filter((f) => /^[0-9a-f]{2}\/[0-9a-f]{64}\.json$/.test(f.split('\\').join('/')));
  return files.map((f) => join(cacheDir, f)).filter((f) => statSync(f).isFile() && readFileSync(f, 'utf8').startsWith(`{"format":1,"key":"[\\"${kind}\\"`));
}

/** The cache's basis entry (there is one document): its file and its parts. */
function basisEntry(cacheDir: string) {
  const found = entries(cacheDir, 'basis');
  expect(found).toHaveLength(1);
  const text = readFileSync(found[0], 'utf8');
  const key = JSON.parse(text.slice(0, text.indexOf(',"checksum"')) + '}').key as string;
  const payload = JSON.parse(text.slice(text.indexOf(',"payload":') + ',"payload":'.length, -1)) as Record<string, any>;
  return { file: found[0], key, payload };
}

/** Writes `payload` under `key` as the cache does, with a right checksum: what someone who can write the folder may leave there. */
function forge(file: string, key: string, payload: unknown, json = JSON.stringify(payload)): void {
  const checksum = createHash('sha256').update(json).digest('hex');
  writeFileSync(file, `{"format":1,"key":${JSON.stringify(key)},"checksum":"${checksum}","payload":${json}}`);
}

describe('the basis cache', () => {
  it('gives a scan with other rules the report of a full analysis, taking the basis from the cache', () => {
    const cacheDir = join(dir, 'hit');
    const cold = scan(['--cache-dir', cacheDir]);
    expect(cold.basisHits).toBe(0);
    const recomputed = scan(['--cache-dir', cacheDir, '-r', packs[0]]);
    expect(recomputed.basisHits).toBe(1);
    expect(recomputed.analyseMs).toBeGreaterThan(0); // the rules did run
    // The same report as a scan that analyses everything, with the same pack.
    expect(recomputed.stable).toBe(scan(['--no-cache', '-r', packs[0]]).stable);
    expect(recomputed.report.documents[0].language).toBe('fr');
    expect(recomputed.report.documents[0].runningLines).toHaveLength(2);
  });

  it('serves what it stored: the rule-independent parts of the report come from the entry', () => {
    const cacheDir = join(dir, 'served');
    scan(['--cache-dir', cacheDir]);
    const { file, key, payload } = basisEntry(cacheDir);
    // Nothing recomputes the legal context when the basis is found: the stored one is reported.
    payload.legalContext.buyer.matched = 'Ville de Nulle-Part';
    forge(file, key, payload);
    const served = scan(['--cache-dir', cacheDir, '-r', packs[1]]);
    expect(served.basisHits).toBe(1);
    expect((served.report.documents[0].legalContext as { buyer: { matched: string } }).buyer.matched).toBe('Ville de Nulle-Part');
  });

  it('takes a corrupt or forged entry for a miss, analyses in full and stores a good one again', () => {
    const cacheDir = join(dir, 'corrupt');
    const full = scan(['--no-cache', '-r', packs[2]]).stable;
    scan(['--cache-dir', cacheDir]);
    const { file, key, payload } = basisEntry(cacheDir);
    const good = readFileSync(file, 'utf8');
    const forgeries: [string, () => void][] = [
      ['cut short', () => writeFileSync(file, good.slice(0, good.length >> 1))],
      ['a wrong checksum', () => writeFileSync(file, good.replace(/"checksum":"[0-9a-f]/, (m) => m.slice(0, -1) + (m.endsWith('0') ? '1' : '0')))],
      ['not JSON', () => forge(file, key, undefined, '{"plan":')],
      ['null', () => forge(file, key, null)],
      ['a page too few', () => forge(file, key, { ...payload, plan: { ...payload.plan, headings: payload.plan.headings.slice(1) } })],
      ['a running line off its page', () => forge(file, key, { ...payload, plan: { ...payload.plan, runningByPage: payload.plan.runningByPage.map(() => [100_000]) } })],
      ['a heading of another shape', () => forge(file, key, { ...payload, plan: { ...payload.plan, headings: payload.plan.headings.map(() => [{ start: 'top' }]) } })],
      ['a language of its own', () => forge(file, key, { ...payload, plan: { ...payload.plan, language: 'de' } })],
      ['an unknown key', () => forge(file, key, { ...payload, facts: [{ field: 'buyer', text: 'x', page: 1, pageLabel: '1', start: 0, end: 1, script: 'alert(1)' }] })],
      ['another document\'s clues', () => forge(file, key, { ...payload, dossier: { ...payload.dossier, withheld: [{ reason: 'redaction-mark', at: { document: 'other.pdf', page: 1, pageLabel: '1', quote: 'x', start: 0, end: 1 } }] } })],
      // A line listed a million times: checked in linear time, refused (it took minutes when
      // each first occurrence was looked for in the whole list).
      ['a running line listed again and again', () => forge(file, key, { ...payload, plan: { ...payload.plan, runningByPage: payload.plan.runningByPage.map((_, i) => (i === 0 ? [...new Array<number>(1_000_000).fill(0), 1] : [])), runningFirstByPage: payload.plan.runningFirstByPage.map((_, i) => (i === 0 ? new Array<number>(1_000_000).fill(1) : [])) } })],
      ['a fact cited off its pages', () => forge(file, key, { ...payload, facts: [{ field: 'buyer', text: 'Ville', page: 99_999, pageLabel: '99999', start: 5_000_000, end: 1 }] })],
      ['a withheld page cited past its text', () => forge(file, key, { ...payload, dossier: { ...payload.dossier, withheld: [{ reason: 'redaction-mark', at: { document: (JSON.parse(key) as string[])[4], page: 1, pageLabel: '1', quote: 'x', start: 0, end: 10_000_000 } }] } })],
      ['a folder', () => { rmSync(file); mkdirSync(file); }],
    ];
    for (const [what, damage] of forgeries) {
      rmSync(file, { recursive: true, force: true });
      writeFileSync(file, good);
      damage();
      // The result of the last run is not to be given back: the document is analysed each time.
      for (const result of entries(cacheDir, 'result')) rmSync(result);
      const run = scan(['--cache-dir', cacheDir, '-r', packs[2]]);
      expect(run.basisHits, what).toBe(0);
      expect(run.stable, what).toBe(full);
    }
    // A miss stores a good entry again.
    rmSync(file, { recursive: true, force: true });
    writeFileSync(file, 'garbage');
    expect(scan(['--cache-dir', cacheDir, '-r', packs[3]]).basisHits).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(good);
    for (const result of entries(cacheDir, 'result')) rmSync(result);
    expect(scan(['--cache-dir', cacheDir, '-r', packs[2]]).basisHits).toBe(1);
  });

  it('is a miss for a build whose analysis code changed, and a hit for one whose reports changed', () => {
    const cacheDir = join(dir, 'code');
    scan(['--cache-dir', cacheDir]);
    // Copies of the built CLI, each with one compiled file changed and its build ids written again.
    const copy = (change: (dist: string) => void) => {
      const root = mkdtempSync(join(dir, 'build-'));
      cpSync(join(ROOT, 'bin'), join(root, 'bin'), { recursive: true });
      cpSync(join(ROOT, 'dist'), join(root, 'dist'), { recursive: true });
      cpSync(join(ROOT, 'package.json'), join(root, 'package.json'));
      cpSync(join(ROOT, 'src'), join(root, 'src'), { recursive: true }); // the built-in packs' sources
      symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
      change(join(root, 'dist'));
      const r = spawnSync(process.execPath, [join(ROOT, 'scripts/build-id.mjs'), join(root, 'dist')], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return join(root, 'bin/tenderscan');
    };
    const facts = copy((dist) => appendFileSync(join(dist, 'analyse/facts.js'), '\n// a changed fact reader\n'));
    const report = copy((dist) => appendFileSync(join(dist, 'report/i18n.js'), '\n// other strings\n'));
    expect(scan(['--cache-dir', cacheDir, '-r', packs[0]], facts).basisHits).toBe(0);
    expect(scan(['--cache-dir', cacheDir, '-r', packs[1]], report).basisHits).toBe(1);
  });
});
