#!/usr/bin/env node
// npm run bench: generates a tender-like corpus, then times, in rounds that run each measure
// once in turn (medians of the rounds), the baseline a user has (pdftotext + grep, serially)
// and tenderscan cold (--no-cache, --jobs 1 and 2) and warm (cache filled); then the tagging
// share, the peak RSS on a 2,000-page PDF and `--version` start-up. Machines are shared and
// noisy: read the ratios, each the median of its per-round ratios to the baseline.
//
//   npm run bench [-- --runs 5 --docs 40 --pages 25 --long 2000]
//   node bench/run.mjs --snapshots-only      # just the --snapshots row (5 documents)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import { wrapText as wrap } from '../fixtures/wrap-text.mjs';
import { readFileSync } from 'node:fs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = join(ROOT, 'bin/tenderscan');
const OUT = join(ROOT, 'bench/out');
const args = process.argv.slice(2);
const flag = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const RUNS = flag('--runs', 5);
const DOCS = flag('--docs', 40);
const PAGES = flag('--pages', 25);
const LONG = flag('--long', 2000);
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const SNAPSHOTS_ONLY = args.includes('--snapshots-only');
/** Documents of the corpus rendered for the --snapshots row. */
const SNAPSHOT_DOCS = 5;

/**
 * --snapshots: rendering time per page with findings, from the workers' timings (the text cache
 * filled first, so that extraction is out of it), over SNAPSHOT_DOCS documents, --jobs 1.
 */
function snapshotRow(files, cache) {
  const args = [BIN, 'scan', ...files.slice(0, SNAPSHOT_DOCS), '-f', 'html', '-o', join(OUT, 'snapshots.html'), '-q', '--jobs', '1', '--cache-dir', cache];
  run(process.execPath, args); // fills the cache
  const r = run(process.execPath, [...args, '--snapshots'], { TENDERSCAN_TIMINGS: '1' });
  const t = JSON.parse(/tenderscan timings: (.*)/.exec(r.stderr)?.[1] ?? '{}');
  return `| --snapshots: rendering time per page with findings (${t.snapshotPages} pages of ${Math.min(SNAPSHOT_DOCS, files.length)} documents, --jobs 1, warm cache) | ${(t.snapshotMs / t.snapshotPages).toFixed(0)} ms (${(t.snapshotMs / 1000).toFixed(1)} s in all) | — |`;
}

function ensureTools() {
  const missing = [];
  if (spawnSync('pdftotext', ['-v']).error) missing.push('poppler-utils');
  if (!existsSync(FONT)) missing.push('fonts-dejavu-core');
  if (!existsSync('/usr/bin/time')) missing.push('time');
  if (missing.length) {
    console.error(`bench: installing ${missing.join(' ')} (apt-get)`);
    execFileSync('apt-get', ['update'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', ...missing], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
}

const PARAGRAPHS = [
  'Article {n} – Objet du marché. Le présent cahier des clauses techniques particulières définit les prestations attendues du titulaire pour la fourniture et la maintenance de la plateforme.',
  'Les opérateurs économiques présentent une offre conforme au règlement de la consultation, en application des articles R. 2161-2 et suivants du code de la commande publique.',
  'La plateforme reçoit les flux vidéo des caméras de vidéoprotection exploitées depuis le centre de supervision urbain, ainsi que les alertes des capteurs sonores.',
  'Le titulaire ne collectera aucune donnée biométrique et ne mettra en œuvre aucun dispositif de reconnaissance faciale.',
  'Les pénalités de retard sont fixées à un trois-millième du montant hors taxes par jour calendaire, sans mise en demeure préalable.',
  'Les données de géolocalisation des véhicules d’intervention et les mains courantes de la police municipale sont intégrées chaque nuit.',
  'Le titulaire justifie d’une police d’assurance couvrant sa responsabilité civile ; il est immatriculé au registre du commerce et des sociétés.',
  'Des algorithmes d’apprentissage automatique identifient les points chauds à partir des signalements des habitants transmis par l’application mobile.',
  'La réversibilité est assurée à l’échéance du marché : les données sont restituées dans un format ouvert, documenté, sans surcoût pour la Ville.',
];

/** A long document made of copies of a 25-page tender (embedding a font 2,000 times is slow). */
async function makeLongTender(path, pages) {
  const template = await PDFDocument.load(await makeTenderBytes(25, 999));
  const doc = await PDFDocument.create();
  const indices = template.getPageIndices();
  while (doc.getPageCount() < pages) {
    for (const page of await doc.copyPages(template, indices.slice(0, pages - doc.getPageCount()))) doc.addPage(page);
  }
  writeFileSync(path, await doc.save());
}

async function makeTender(path, pages, seed) {
  writeFileSync(path, await makeTenderBytes(pages, seed));
}

async function makeTenderBytes(pages, seed) {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(readFileSync(FONT), { subset: true });
  for (let p = 1; p <= pages; p++) {
    const page = doc.addPage([595, 842]);
    page.drawText(`Ville de Bench-sur-Mer – CCTP n° ${seed} – vidéoprotection`, { x: 60, y: 805, size: 8, font });
    page.drawText(`Marché 2026-${seed} – page ${p}/${pages}`, { x: 60, y: 30, size: 8, font });
    let y = 770;
    for (let k = 0; k < 6; k++) {
      const text = PARAGRAPHS[(p * 7 + k * 3 + seed) % PARAGRAPHS.length].replace('{n}', String(p));
      for (const line of wrap(text, font, 10.5, 470)) {
        page.drawText(line, { x: 60, y, size: 10.5, font });
        y -= 14;
      }
      y -= 8;
    }
  }
  return doc.save();
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function timed(fn, runs = RUNS) {
  const times = [];
  const results = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    results.push(fn());
    times.push(Number(process.hrtime.bigint() - t) / 1e9);
  }
  return { seconds: median(times), times, results };
}

/** Runs every measure once per round, in turn, `rounds` times: times, results and median seconds of each. */
function interleaved(measures, rounds = RUNS) {
  const out = Object.fromEntries(Object.keys(measures).map((name) => [name, { times: [], results: [] }]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, fn] of Object.entries(measures)) {
      const t = process.hrtime.bigint();
      out[name].results.push(fn());
      out[name].times.push(Number(process.hrtime.bigint() - t) / 1e9);
    }
  }
  for (const m of Object.values(out)) m.seconds = median(m.times);
  return out;
}

function run(cmd, argv, extraEnv = {}) {
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, ...extraEnv } });
  if (r.status !== 0 && r.status !== 3 && r.status !== 1) throw new Error(`${cmd} ${argv.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 400)}`);
  return r;
}

const KEYWORDS = 'vid[ée]oprotection|cam[ée]ra|biom[ée]tri|g[ée]olocalis|main courante|apprentissage automatique|capteurs? sonores?|drone|r[ée]seaux sociaux|LAPI';

async function main() {
  ensureTools();
  rmSync(OUT, { recursive: true, force: true });
  const corpus = join(OUT, 'corpus');
  mkdirSync(corpus, { recursive: true });
  const docs = SNAPSHOTS_ONLY ? SNAPSHOT_DOCS : DOCS;
  console.error(`bench: generating ${docs} PDFs of ${PAGES} pages${SNAPSHOTS_ONLY ? '' : ` and one of ${LONG} pages`}…`);
  for (let i = 0; i < docs; i++) await makeTender(join(corpus, `cctp-${String(i).padStart(3, '0')}.pdf`), PAGES, i);
  const long = join(OUT, 'long.pdf');
  if (!SNAPSHOTS_ONLY) await makeLongTender(long, LONG);
  const files = readdirSync(corpus).map((f) => join(corpus, f));
  const totalPages = DOCS * PAGES;

  const cache = join(OUT, 'cache');
  if (SNAPSHOTS_ONLY) {
    console.log(snapshotRow(files, join(OUT, 'snapshot-cache')));
    return;
  }
  const scan = (extra, env = {}) => run(process.execPath, [BIN, 'scan', corpus, '-f', 'json', '-q', ...extra], env);
  rmSync(cache, { recursive: true, force: true });
  scan(['--cache-dir', cache, '--jobs', '2']); // fills the cache for the warm runs
  // One run of each per round, in turn: every measure sees the machine about as the baseline
  // of its round did, and each ratio is the median of the per-round ratios.
  const { baseline, cold1, cold2, warm } = interleaved({
    baseline: () => {
      let hits = 0;
      for (const f of files) {
        const text = run('pdftotext', ['-layout', f, '-']).stdout;
        hits += (text.match(new RegExp(KEYWORDS, 'gi')) ?? []).length;
      }
      return hits;
    },
    cold1: () => scan(['--no-cache', '--jobs', '1'], { TENDERSCAN_TIMINGS: '1' }),
    cold2: () => scan(['--no-cache', '--jobs', '2'], { TENDERSCAN_TIMINGS: '1' }),
    warm: () => scan(['--cache-dir', cache, '--jobs', '2']),
  });
  const ratios = (m) => m.times.map((t, i) => t / baseline.times[i]);
  const ratio = (m) => median(ratios(m));
  // The spread of the per-round ratios, to tell a margin from noise.
  const range = (m) => (m === baseline ? '' : ` (${Math.min(...ratios(m)).toFixed(2)}–${Math.max(...ratios(m)).toFixed(2)})`);
  // Tagging share, two ways, from the median run. Of the cold run's time: tagging time in the
  // workers over the run's wall time times the number of workers. Stricter: tagging over
  // extraction + tagging, both worker time (start-up, reading, hashing and the report left
  // out). Worker times are wall-clock inside the workers: at --jobs 2 two workers and their
  // GC threads share two cores, which stretches every phase.
  const share = (run, jobs) => {
    const all = run.results.map((r, i) => {
      const t = JSON.parse(/tenderscan timings: (.*)/.exec(r.stderr)?.[1] ?? '{}');
      return { ...t, ofRun: t.analyseMs / 1000 / (run.times[i] * jobs), ofWork: t.analyseMs / (t.analyseMs + t.extractMs) };
    });
    return all.sort((a, b) => a.ofRun - b.ofRun)[Math.floor(all.length / 2)];
  };
  const tagging = [share(cold1, 1), share(cold2, 2)];
  const percent = (x) => `${(x * 100).toFixed(1)} %`;

  const rss = run('/usr/bin/time', ['-f', '%M %e', process.execPath, BIN, 'scan', long, '-f', 'json', '-q', '--no-cache', '--jobs', '1']);
  const [rssKb, longSeconds] = rss.stderr.trim().split('\n').pop().split(' ').map(Number);
  const version = timed(() => run(process.execPath, [BIN, '--version']), 10);
  const snapshots = snapshotRow(files, join(OUT, 'snapshot-cache'));

  const rows = [
    ['baseline: pdftotext + grep, serial', baseline],
    ['tenderscan cold --jobs 1', cold1],
    ['tenderscan cold --jobs 2', cold2],
    ['tenderscan warm (cache) --jobs 2', warm],
  ].map(([name, m]) => [name, m.seconds, totalPages / m.seconds, m === baseline ? 1 : ratio(m), range(m)]);
  const lines = [
    `corpus: ${DOCS} PDFs × ${PAGES} pages (${totalPages} pages, embedded DejaVu Sans, French text), ${RUNS} interleaved rounds, medians (ratios: median of the per-round ratios), ${new Date().toISOString().slice(0, 10)}`,
    '',
    '| run | wall time (s) | pages/s | ratio to baseline (lowest–highest round) | target |',
    '|---|---|---|---|---|',
    ...rows.map(([name, s, pps, ratio, spread], i) => `| ${name} | ${s.toFixed(2)} | ${pps.toFixed(0)} | ${ratio.toFixed(2)}×${spread} | ${['', '', '≤ 2.5×', '≤ 0.5×'][i]} |`),
    '',
    `| measure | value | target |`,
    '|---|---|---|',
    ...tagging.map((t, i) => `| tagging (everything after extraction), share of cold --jobs ${i + 1} time | ${percent(t.ofRun)} (${(t.analyseMs / 1000).toFixed(2)} s of worker time) | ≤ 10 % |`),
    ...tagging.map((t, i) => `| stricter: tagging ÷ (extraction + tagging), worker time, cold --jobs ${i + 1} | ${percent(t.ofWork)} (extraction ${(t.extractMs / 1000).toFixed(1)} s) | — |`),
    `| peak RSS, ${LONG}-page PDF (--jobs 1, --no-cache) | ${(rssKb / 1024).toFixed(0)} MB (${longSeconds.toFixed(1)} s) | ≤ 300 MB |`,
    `| tenderscan --version start-up (median of 10) | ${(version.seconds * 1000).toFixed(0)} ms | ≤ 200 ms |`,
    snapshots,
  ];
  console.log(lines.join('\n'));
}

main().catch((err) => {
  console.error(`bench: ${err.message}`);
  process.exit(1);
});
