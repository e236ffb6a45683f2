#!/usr/bin/env node
// Scores detection on every labelled set beside the repository (../shared/ by default) and
// splits the real set into a tune half and a check half by document, so that a rule change is
// judged on documents it was not written against.
//
//   npm run eval [-- --show tune|check|all] [--json] [--shared DIR]
//
// Rules are written against the tune half: `--show tune` (the default) lists its misses and
// extras; the check half prints its figures only, unless `--show check` is asked for. The
// half of a document depends on its file name alone (a SHA-256 order within each language,
// dealt alternately), so adding a document never moves another one.
//
// Exit status 2 when a labelled set, the scorer or a scan is unusable.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureNegativeControls } from '../bench/negative-controls.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The language of a labelled file: its `fr_` / `en_` prefix, else "other". */
function languageOf(file) {
  const m = /^(fr|en)[_-]/.exec(file);
  return m ? m[1] : 'other';
}

/**
 * Deals the documents of a labelled set into { tune, check }: within each language, files in
 * the order of the SHA-256 of their name, the first to tune, the second to check, and so on.
 */
export function splitHalves(files) {
  const byLanguage = new Map();
  for (const f of [...files].sort()) {
    const lang = languageOf(f);
    byLanguage.set(lang, [...(byLanguage.get(lang) ?? []), f]);
  }
  const tune = [];
  const check = [];
  for (const lang of [...byLanguage.keys()].sort()) {
    const ordered = byLanguage.get(lang)
      .map((f) => ({ f, h: createHash('sha256').update(f).digest('hex') }))
      .sort((a, b) => (a.h < b.h ? -1 : a.h > b.h ? 1 : 0))
      .map((x) => x.f);
    ordered.forEach((f, i) => (i % 2 === 0 ? tune : check).push(f));
  }
  return { tune: tune.sort(), check: check.sort() };
}

function fail(message) {
  console.error(`eval: ${message}`);
  process.exit(2);
}

/** Scans the labelled PDFs of a folder once and returns the path of the JSON report. */
function scanSet(folder, work) {
  const labels = JSON.parse(readFileSync(join(folder, 'labels.json'), 'utf8'));
  const files = Object.keys(labels.documents).filter((f) => existsSync(join(folder, f)));
  if (files.length === 0) fail(`${folder}: no labelled file found`);
  const run = spawnSync(process.execPath, [join(ROOT, 'bin/tenderscan'), 'scan', ...files.map((f) => join(folder, f)), '--format', 'json', '--quiet'], {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  // 0: nothing found, 1: findings; 3 would be a document that failed, which the scorer shows.
  if (run.status !== 0 && run.status !== 1 && run.status !== 3) fail(`scan of ${folder} exited ${run.status}: ${run.stderr.trim().split('\n').pop()}`);
  const out = join(work, `${basename(folder)}.json`);
  writeFileSync(out, run.stdout);
  return { labels, files, report: out };
}

/** Runs the shared scorer on a subset of a set's labels; returns its figures and lines. */
function score(scorer, labels, files, report, work, name) {
  const subset = { ...labels, documents: Object.fromEntries(files.map((f) => [f, labels.documents[f]])) };
  const path = join(work, `${name}.labels.json`);
  writeFileSync(path, JSON.stringify(subset));
  const run = spawnSync(process.execPath, [scorer, path, report], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) fail(`scorer failed on ${name}: ${run.stderr.trim()}`);
  const lines = run.stdout.trim().split('\n');
  const last = lines.pop() ?? '';
  const figure = (n) => Number(new RegExp(`${n}=([0-9.]+)`).exec(last)?.[1]);
  const negation = /negation=[0-9.]+ \((\d+)\/(\d+)\)/.exec(last);
  const pages = files.reduce((n, f) => n + Object.keys(labels.documents[f].pages ?? {}).length, 0);
  return {
    name,
    documents: files.length,
    pages,
    precision: figure('precision'),
    recall: figure('recall'),
    f1: figure('f1'),
    negation: negation ? `${negation[1]}/${negation[2]}` : '',
    detail: lines,
  };
}

function main() {
  const args = process.argv.slice(2);
  const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
  const show = option('--show', 'tune');
  if (!['tune', 'check', 'all', 'none'].includes(show)) fail(`--show must be tune, check, all or none (got ${show})`);
  const shared = option('--shared', join(ROOT, '../shared'));
  const scorer = join(shared, 'eval/score.mjs');
  if (!existsSync(scorer)) fail(`${scorer}: not found (the labelled sets live in ../shared beside the repository; --shared DIR names another place)`);

  const work = mkdtempSync(join(tmpdir(), 'tenderscan-eval-'));
  try {
    const rows = [];
    const details = [];
    for (const set of ['labelled', 'real-labelled']) {
      const folder = join(shared, set);
      if (!existsSync(join(folder, 'labels.json'))) fail(`${folder}/labels.json: not found`);
      const { labels, files, report } = scanSet(folder, work);
      rows.push(score(scorer, labels, files, report, work, set));
      if (set === 'real-labelled') {
        const halves = splitHalves(files);
        const tune = score(scorer, labels, halves.tune, report, work, 'real: tune half');
        const check = score(scorer, labels, halves.check, report, work, 'real: check half');
        rows.push(tune, check);
        if (show === 'tune' || show === 'all') details.push(tune);
        if (show === 'check' || show === 'all') details.push(check);
      }
    }
    const tune = rows.find((r) => r.name === 'real: tune half');
    const check = rows.find((r) => r.name === 'real: check half');
    const controls = measureNegativeControls(join(shared, 'corpus'));

    if (args.includes('--json')) {
      console.log(JSON.stringify({ sets: rows.map(({ detail, ...r }) => r), gap: +(tune.f1 - check.f1).toFixed(3), negativeControls: { documents: controls.documents, pages: controls.pages, positivePages: controls.positivePages, per100: +controls.per100.toFixed(2) } }, null, 2));
      return;
    }
    for (const d of details) {
      console.log(`— ${d.name} (${d.documents} documents): per category, then misses and extras`);
      for (const line of d.detail) console.log(`  ${line}`);
    }
    console.log('');
    console.log('| set | documents | pages | precision | recall | F1 | negation |');
    console.log('|---|---|---|---|---|---|---|');
    for (const r of rows) console.log(`| ${r.name} | ${r.documents} | ${r.pages} | ${r.precision.toFixed(3)} | ${r.recall.toFixed(3)} | **${r.f1.toFixed(3)}** | ${r.negation} |`);
    console.log('');
    console.log(`gap tune − check: ${(tune.f1 - check.f1).toFixed(3)}`);
    console.log(`negative controls (corpus): ${controls.positivePages} positive pages of ${controls.pages} in ${controls.documents} documents = ${controls.per100.toFixed(2)} per 100 pages`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
