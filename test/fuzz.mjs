#!/usr/bin/env node
// Mutation fuzzing of the whole CLI: bit flips, truncations, duplicated and deleted chunks of
// real PDFs, scanned in batches beside an intact control document.
//
//   npm run fuzz -- --iterations 10000 [--seed 1] [--timeout 10] [--side 100] [pdf …]
//
// Property: the process never crashes; every case ends ok, partial or with a coded error within
// its timeout; the control document keeps its findings. Exit 1 on the first violation.
// `--side N` (default 50) also runs N cases of hostile names and side files (fuzzSideFiles):
// mutated file names and archive entry paths, rule packs, configs, review files and reports
// given to diff and merge; each run ends with a documented exit code and no unexpected error.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rawZip } from './helpers/raw-zip.mjs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = join(ROOT, 'bin/tenderscan');
const SAMPLE = join(ROOT, 'fixtures/sample/cctp-observatoire-tranquillite.pdf');

/** mulberry32: the same seed gives the same cases everywhere. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const MUTATIONS = ['bitflip', 'truncate', 'duplicate', 'delete'];

/** One mutated copy of `input` (a Buffer), chosen by `random`. */
export function mutate(input, random) {
  const mutation = MUTATIONS[Math.floor(random() * MUTATIONS.length)];
  const at = (n) => Math.floor(random() * n);
  if (mutation === 'bitflip') {
    const bytes = Buffer.from(input);
    const flips = 1 + at(16);
    for (let i = 0; i < flips; i++) bytes[at(bytes.length)] ^= 1 << at(8);
    return { mutation, bytes, detail: `${flips} bit flips` };
  }
  if (mutation === 'truncate') {
    const length = at(input.length);
    return { mutation, bytes: input.subarray(0, length), detail: `truncated to ${length} bytes` };
  }
  const start = at(input.length);
  const length = 1 + at(Math.min(65536, input.length - start));
  if (mutation === 'duplicate') {
    const where = at(input.length);
    const bytes = Buffer.concat([input.subarray(0, where), input.subarray(start, start + length), input.subarray(where)]);
    return { mutation, bytes, detail: `${length} bytes from ${start} copied at ${where}` };
  }
  return { mutation, bytes: Buffer.concat([input.subarray(0, start), input.subarray(start + length)]), detail: `${length} bytes deleted at ${start}` };
}

const CODE = /^[A-Z][A-Z_]+$/;

/**
 * Runs `iterations` mutated cases of `sources` through the CLI, `batch` at a time, and returns
 * the violations found (empty when the property holds).
 */
export function fuzz({ sources, iterations, seed = 1, batch = 100, timeout = 10, log = () => {} }) {
  const random = prng(seed);
  const inputs = sources.map((f) => ({ name: f.split('/').pop(), bytes: readFileSync(f) }));
  const violations = [];
  const work = mkdtempSync(join(tmpdir(), 'tenderscan-fuzz-'));
  try {
    for (let done = 0; done < iterations; done += batch) {
      const dir = join(work, `batch-${done}`);
      mkdirSync(dir);
      const cases = new Map();
      const count = Math.min(batch, iterations - done);
      for (let i = 0; i < count; i++) {
        const source = inputs[Math.floor(random() * inputs.length)];
        const m = mutate(source.bytes, random);
        const name = `case-${String(done + i).padStart(6, '0')}-${m.mutation}.pdf`;
        writeFileSync(join(dir, name), m.bytes);
        cases.set(name, `${source.name}: ${m.detail}`);
      }
      writeFileSync(join(dir, 'control.pdf'), readFileSync(SAMPLE));
      const started = Date.now();
      const r = spawnSync(process.execPath, [BIN, 'scan', dir, '-f', 'json', '--no-cache', '--timeout', String(timeout), '-q'], {
        encoding: 'utf8',
        maxBuffer: 512 * 1024 * 1024,
        timeout: (timeout * count + 120) * 1000,
      });
      if (r.status !== 0 && r.status !== 3) {
        violations.push(`batch ${done}: exit ${r.status} ${r.signal ?? ''} ${r.stderr.slice(0, 500)}`);
        continue;
      }
      let report;
      try {
        report = JSON.parse(r.stdout);
      } catch {
        violations.push(`batch ${done}: stdout is not JSON`);
        continue;
      }
      for (const d of report.documents) {
        const name = d.path.split('/').pop();
        const ok = d.status === 'ok' || d.status === 'partial' || (d.status === 'error' && CODE.test(d.error?.code ?? ''));
        if (!ok) violations.push(`${name} (${cases.get(name)}): status ${d.status} ${JSON.stringify(d.error)}`);
        if (d.error?.code === 'INTERNAL') violations.push(`${name} (${cases.get(name)}): INTERNAL ${d.error.message}`);
      }
      const reported = new Set(report.documents.map((d) => d.path.split('/').pop()));
      for (const name of cases.keys()) if (!reported.has(name)) violations.push(`${name}: missing from the report`);
      const control = report.findings.filter((f) => f.document.endsWith('/control.pdf'));
      if (control.length < 10) violations.push(`batch ${done}: the control document lost its findings (${control.length})`);
      log(`${done + count}/${iterations} cases, ${((Date.now() - started) / 1000).toFixed(1)} s for this batch, ${violations.length} violations`);
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return violations;
}

/** A hostile name: bytes that file systems allow (no `/`, no NUL), look-alikes, separators, length. */
function hostileName(random, { slash = false } = {}) {
  const at = (n) => Math.floor(random() * n);
  const pieces = ['caf\\xE9', '\\', '!/', '!', '..', '.', ' ', '\n', '\r', '\t', '\u202e', '\u00e9', 'e\u0301', '%2F', '*', '?', '[', '{a,b}', '_', '-', 'CCTP', '.rtf', '.txt', '.zip'];
  let name = '';
  const parts = 1 + at(8);
  for (let i = 0; i < parts; i++) name += random() < 0.7 ? pieces[at(pieces.length)] : String.fromCharCode(1 + at(0x2ff));
  if (random() < 0.1) name += '_'.repeat(at(200));
  name = name.replace(/\0/g, '');
  if (!slash) name = name.replace(/\//g, '\u2215');
  if (name === '' || name === '.' || name === '..') name = 'x';
  return `${name}.txt`;
}

const CLAUSE = 'Les drones de la police survolent la ville.\n';
const EXIT_CODES = new Set([0, 1, 2, 3]);

/**
 * Hostile names and side files, one CLI run a case: a mutated file name beside a control
 * document, a ZIP whose entry paths are hostile, a mutated rule pack, config, review file, JSON
 * report (diff) or JSON Lines shard (merge). Property: the run ends within its timeout with a
 * documented exit code, no "unexpected" error and no stack trace; documents are all reported
 * (each name once) and the control keeps its finding; a refused side file names it on stderr.
 */
export function fuzzSideFiles({ iterations, seed = 1, timeout = 20, log = () => {} }) {
  const random = prng(seed);
  const at = (n) => Math.floor(random() * n);
  const violations = [];
  const work = mkdtempSync(join(tmpdir(), 'tenderscan-fuzz-side-'));
  const run = (args, cwd) =>
    spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: timeout * 1000, env: { ...process.env, LANG: 'C', NO_COLOR: '1' } });
  try {
    // The originals the side files are mutated from.
    const base = join(work, 'base');
    mkdirSync(base);
    writeFileSync(join(base, 'control.txt'), CLAUSE);
    const report = run(['scan', 'control.txt', '--include-text', '-f', 'json', '--no-cache', '-q'], base).stdout;
    const shard = run(['scan', 'control.txt', '--include-text', '-f', 'jsonl', '--no-cache', '-q'], base).stdout;
    const id = JSON.parse(report).findings[0].id;
    const originals = {
      pack: readFileSync(join(ROOT, 'src/rules/packs/fr/drones.yaml')),
      config: Buffer.from('exclude: [brouillons, "*.tmp"]\nreport-lang: fr\n'),
      review: Buffer.from(`version: 1\nfindings:\n  - id: "${id}"\n    status: confirmed\n    date: 2026-01-01\n    document: control.txt\n    category: drones\n    rule: fr.drones.x\n    excerpt: Les drones\n`),
      report: Buffer.from(report),
      shard: Buffer.from(shard),
    };
    const kinds = ['name', 'archive', 'pack', 'config', 'review', 'report', 'shard'];
    for (let i = 0; i < iterations; i++) {
      const dir = join(work, `case-${i}`);
      mkdirSync(dir);
      writeFileSync(join(dir, 'control.txt'), CLAUSE);
      const kind = kinds[at(kinds.length)];
      let args;
      let detail;
      let documents = ['control.txt'];
      let sideFile;
      if (kind === 'name') {
        const name = hostileName(random);
        writeFileSync(join(dir, name), CLAUSE);
        args = ['scan', '.', '--include-text', '-f', 'json', '--no-cache', '-q', '--exclude', hostileName(random, { slash: random() < 0.5 }).replace(/\.txt$/, '')];
        documents = null; // --exclude may leave either out
        detail = `name ${JSON.stringify(name)}, ${JSON.stringify(args.at(-1))}`;
      } else if (kind === 'archive') {
        const names = Array.from({ length: 1 + at(4) }, () => hostileName(random, { slash: true }));
        writeFileSync(join(dir, 'dce.zip'), rawZip(names.map((n) => ({ name: Buffer.from(n), data: Buffer.from(CLAUSE), flags: 0x800 }))));
        args = ['scan', 'control.txt', 'dce.zip', '--include-text', '-f', 'json', '--no-cache', '-q'];
        documents = null;
        detail = `entries ${JSON.stringify(names)}`;
      } else {
        const m = mutate(originals[kind], random);
        sideFile = { pack: 'pack.yaml', config: '.tenderscan.yaml', review: 'review.yaml', report: 'old.json', shard: 'part.jsonl' }[kind];
        writeFileSync(join(dir, sideFile), m.bytes);
        detail = `${kind}: ${m.detail}`;
        if (kind === 'pack') args = ['scan', 'control.txt', '--include-text', '--rules', 'pack.yaml', '-f', 'json', '--no-cache', '-q'];
        else if (kind === 'config') args = ['scan', 'control.txt', '--include-text', '--config', '.tenderscan.yaml', '-f', 'json', '--no-cache', '-q'];
        else if (kind === 'review') args = ['scan', 'control.txt', '--include-text', '--review-file', 'review.yaml', '-f', 'json', '--no-cache', '-q'];
        else if (kind === 'report') args = ['diff', 'old.json', 'control.txt', '--include-text', '--no-cache', '-q'];
        else args = ['merge', 'part.jsonl', '-f', 'json'];
        documents = kind === 'report' || kind === 'shard' ? null : documents;
      }
      const r = run(args, dir);
      const where = `case ${i} (${detail})`;
      if (r.error || r.status === null) violations.push(`${where}: did not end within ${timeout} s (${r.signal ?? r.error})`);
      else if (!EXIT_CODES.has(r.status)) violations.push(`${where}: exit ${r.status}`);
      else if (/unexpected|INTERNAL|\n\s+at .*:\d+:\d+/.test(r.stderr)) violations.push(`${where}: ${r.stderr.slice(0, 300)}`);
      else if (r.status === 2 && sideFile && !r.stderr.includes(sideFile.replace(/^\.\//, ''))) violations.push(`${where}: exit 2 without naming ${sideFile}: ${r.stderr.slice(0, 300)}`);
      else if (r.status !== 2 && args[0] === 'scan') {
        let parsed;
        try {
          parsed = JSON.parse(r.stdout);
        } catch {
          violations.push(`${where}: stdout is not JSON`);
        }
        if (parsed) {
          const paths = parsed.documents.map((d) => d.path);
          if (new Set(paths).size !== paths.length) violations.push(`${where}: two documents share a path: ${JSON.stringify(paths)}`);
          if (documents && !documents.every((d) => paths.some((p) => p.endsWith(d)))) violations.push(`${where}: a document is missing: ${JSON.stringify(paths)}`);
          const control = paths.some((p) => p.endsWith('control.txt'));
          if (control && kind !== 'pack' && kind !== 'config' && !parsed.findings.some((f) => f.document.endsWith('control.txt') && f.category === 'drones')) {
            violations.push(`${where}: the control document lost its finding`);
          }
        }
      }
      rmSync(dir, { recursive: true, force: true });
      if ((i + 1) % 10 === 0) log(`${i + 1}/${iterations} side cases, ${violations.length} violations`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return violations;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const flag = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  const files = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  const shared = join(ROOT, '../shared/corpus');
  let sources = files;
  if (sources.length === 0) {
    sources = [SAMPLE];
    try {
      sources.push(...readdirSync(shared).filter((f) => /\.pdf$/i.test(f) && !/SCANNED|LONG/.test(f)).map((f) => join(shared, f)));
    } catch {
      /* the shared corpus is optional */
    }
  }
  const violations = fuzz({
    sources,
    iterations: flag('--iterations', 1000),
    seed: flag('--seed', 1),
    timeout: flag('--timeout', 10),
    batch: flag('--batch', 200),
    log: (line) => process.stderr.write(line + '\n'),
  });
  violations.push(...fuzzSideFiles({ iterations: flag('--side', 50), seed: flag('--seed', 1), log: (line) => process.stderr.write(line + '\n') }));
  for (const v of violations) console.log(v);
  console.log(violations.length === 0 ? 'fuzz: the property held for every case' : `fuzz: ${violations.length} violations`);
  process.exit(violations.length === 0 ? 0 : 1);
}
