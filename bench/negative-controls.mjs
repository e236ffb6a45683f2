#!/usr/bin/env node
// Positive pages per 100 pages on the negative-control tenders of ../shared/corpus/ (the
// documents INDEX.md notes as "Negative control": tenders with no surveillance data source).
// Every positive finding there is a false positive.
//
//   node bench/negative-controls.mjs [--corpus DIR] [--max 3]
//
// Exit status 1 when the rate is over --max, 2 when the corpus or the scan is unusable.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** File names of the negative controls listed in the corpus's INDEX.md. */
export function negativeControls(corpus) {
  const index = readFileSync(join(corpus, 'INDEX.md'), 'utf8');
  const files = [];
  let current = null;
  for (const line of index.split('\n')) {
    const heading = /^###\s+\d+\.\s+`([^`]+)`/.exec(line);
    if (heading) current = heading[1];
    else if (current && /^-\s*notes:\s*negative control/i.test(line)) {
      files.push(current);
      current = null;
    }
  }
  return files.filter((f) => existsSync(join(corpus, f)));
}

/** Scans the negative controls and counts the pages with a positive finding. */
export function measureNegativeControls(corpus = join(ROOT, '../shared/corpus')) {
  const files = negativeControls(corpus);
  if (files.length === 0) throw new Error(`no negative control listed in ${join(corpus, 'INDEX.md')}`);
  const run = spawnSync(process.execPath, [join(ROOT, 'bin/tenderscan'), 'scan', ...files.map((f) => join(corpus, f)), '--format', 'json', '--quiet'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status !== 0 && run.status !== 3) throw new Error(`tenderscan exited ${run.status}: ${run.stderr.trim()}`);
  const report = JSON.parse(run.stdout);
  const pages = report.documents.reduce((n, d) => n + (d.pageCount || 0), 0);
  const positive = new Map();
  for (const f of report.findings) {
    if (f.negated) continue;
    const key = `${basename(f.document)} p.${f.page}`;
    positive.set(key, [...(positive.get(key) ?? []), `${f.category} (${f.rule})`]);
  }
  return { documents: files.length, pages, positivePages: positive.size, per100: pages ? (100 * positive.size) / pages : 0, positive };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  try {
    const m = measureNegativeControls(option('--corpus'));
    for (const [page, why] of m.positive) console.log(`positive  ${page}: ${[...new Set(why)].join(', ')}`);
    console.log(`negative controls: ${m.documents} documents, ${m.pages} pages, ${m.positivePages} with a positive finding = ${m.per100.toFixed(2)} per 100 pages`);
    const max = option('--max');
    if (max !== undefined && m.per100 > Number(max)) process.exit(1);
  } catch (err) {
    console.error(`negative-controls: ${err.message}`);
    process.exit(2);
  }
}
