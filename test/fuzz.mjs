#!/usr/bin/env node
// Mutation fuzzing of the whole CLI: bit flips, truncations, duplicated and deleted chunks of
// real PDFs, scanned in batches beside an intact control document.
//
//   npm run fuzz -- --iterations 10000 [--seed 1] [--timeout 10] [pdf …]
//
// Property: the process never crashes; every case ends ok, partial or with a coded error within
// its timeout; the control document keeps its findings. Exit 1 on the first violation.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  for (const v of violations) console.log(v);
  console.log(violations.length === 0 ? 'fuzz: the property held for every case' : `fuzz: ${violations.length} violations`);
  process.exit(violations.length === 0 ? 0 : 1);
}
