#!/usr/bin/env node
// npm run bench: times, in rounds that run each measure once in turn (medians of the rounds),
// the baseline a user has (pdftotext + grep, serially) and tenderscan cold (--no-cache, --jobs 1
// and 2) and warm (cache filled), on two corpora: one generated here (tender-like PDFs with
// several fonts, tables and images) and the real documents of ../shared/corpus/ when that
// folder is present. Then the tagging share, the peak RSS on a real-looking 2,005-page tender
// (bench/long-tender.mjs: many embedded fonts, ruled tables) and `--version` start-up, and OCR (--ocr auto, --jobs 2) against pdftoppm + tesseract run by hand two at a
// time on a generated scan. Machines are shared and noisy: read the ratios, each the median of its per-round
// ratios to the baseline of the same round.
//
//   npm run bench [-- --quick] [-- --runs 5 --docs 40 --pages 25 --long 2005]
//   node bench/run.mjs --snapshots-only      # just the --snapshots row (5 documents)
//   node bench/run.mjs --ocr-only            # just the OCR row
//   node bench/run.mjs --startup-only        # just the one-page cold scan and --version rows
//   node bench/run.mjs --corpus-only         # just the corpus tables (no RSS, start-up, snapshots, OCR)
//   node bench/run.mjs --no-real …           # without ../shared/corpus (a quick check of the script)
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { wrapText as wrap } from '../fixtures/wrap-text.mjs';
import { cachedLongTender, encodePng, LONG_TENDER } from './long-tender.mjs';
import { readFileSync } from 'node:fs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = join(ROOT, 'bin/tenderscan');
const OUT = join(ROOT, 'bench/out');
const args = process.argv.slice(2);
const flag = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
/** --quick: fewer rounds and a smaller corpus, for a look in about a minute (numbers rougher). */
const QUICK = args.includes('--quick');
const RUNS = flag('--runs', QUICK ? 3 : 5);
const DOCS = flag('--docs', QUICK ? 12 : 40);
const PAGES = flag('--pages', 25);
const LONG = flag('--long', QUICK ? 500 : 2005);
/** Where the long tender is kept between runs (generating 2,005 pages takes a minute or two): spared by the clean-up. */
const LONG_CACHE = 'long-cache';
/** Peak RSS runs per row (the median is shown: a garbage collection more or less moves it by tens of MB). */
const RSS_RUNS = QUICK ? 1 : 3;
const REAL_CORPUS = join(ROOT, '../shared/corpus');
const REAL_LABELLED = join(ROOT, '../shared/real-labelled');
/** --corpus-only: just the corpus tables (no peak RSS, start-up, snapshots or OCR rows). */
const CORPUS_ONLY = args.includes('--corpus-only');
/** pdfgrep, when installed, is a second baseline row: the one-command search a user may know. */
const PDFGREP = !spawnSync('pdfgrep', ['--version']).error;
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const SNAPSHOTS_ONLY = args.includes('--snapshots-only');
const OCR_ONLY = args.includes('--ocr-only');
/** --startup-only: just the one-page cold scan and `--version` rows (a minute or so). */
const STARTUP_ONLY = args.includes('--startup-only');
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
  const langs = spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' });
  if (langs.error) missing.push('tesseract-ocr');
  for (const lang of ['fra', 'eng']) if (!`${langs.stdout}${langs.stderr}`.split('\n').includes(lang)) missing.push(`tesseract-ocr-${lang}`);
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

/**
 * A long document made of copies of a 25-page tender: its fonts and images are shared by every
 * copy, which flatters pdf.js's memory (the earlier long PDF, kept as a peak RSS row beside the
 * real-looking tender of bench/long-tender.mjs).
 */
async function makeCopiesTender(path, pages) {
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

/** A PNG of w × h RGB pixels, photo-like (gradients and grain: it compresses as a photo would not quite). */
function makePng(w, h, seed) {
  const raw = Buffer.alloc((w * 3 + 1) * h);
  let r = seed * 7919 + 1;
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0;
    for (let x = 0; x < w; x++) {
      r = (r * 1103515245 + 12345) & 0x7fffffff;
      const grain = (r >> 16) & 31;
      const at = y * (w * 3 + 1) + 1 + x * 3;
      raw[at] = (x * 255) / w + grain;
      raw[at + 1] = (y * 255) / h + grain;
      raw[at + 2] = ((x + y + seed * 40) & 255) ^ grain;
    }
  }
  return encodePng(w, h, raw);
}

const TABLE = [
  ['Poste', 'Désignation', 'Quantité', 'Prix unitaire HT'],
  ['1', 'Caméra de vidéoprotection dôme', '24', '1 250,00 €'],
  ['2', 'Enregistreur et stockage 30 jours', '2', '8 400,00 €'],
  ['3', 'Licence du logiciel de supervision', '1', '12 000,00 €'],
  ['4', 'Maintenance préventive annuelle', '4', '3 100,00 €'],
];

/**
 * A tender as generators make them: body text in embedded DejaVu Sans and in the standard
 * Times and Helvetica, headings in bold, a price table drawn with rules on every fifth page,
 * a photograph on every seventh, and every twelfth page a scanned-looking annex (a full-page
 * image under one line of text), which sends pdf.js down its image path.
 */
async function makeTenderBytes(pages, seed) {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const dejavu = await doc.embedFont(readFileSync(FONT), { subset: true });
  const [times, helvetica, bold, courier] = await Promise.all([StandardFonts.TimesRoman, StandardFonts.Helvetica, StandardFonts.HelveticaBold, StandardFonts.Courier].map((f) => doc.embedFont(f)));
  const bodyFonts = [dejavu, times, helvetica];
  const photo = await doc.embedPng(makePng(320, 200, seed));
  const scan = await doc.embedPng(makePng(600, 840, seed + 1));
  for (let p = 1; p <= pages; p++) {
    const page = doc.addPage([595, 842]);
    page.drawText(`Ville de Bench-sur-Mer – CCTP n° ${seed} – vidéoprotection`, { x: 60, y: 805, size: 8, font: helvetica });
    page.drawText(`Marché 2026-${seed} – page ${p}/${pages}`, { x: 60, y: 30, size: 8, font: helvetica });
    if (p % 12 === 0) {
      page.drawImage(scan, { x: 20, y: 50, width: 555, height: 740 });
      page.drawText(`Annexe ${p} – pièce signée`, { x: 60, y: 40, size: 9, font: bold });
      continue;
    }
    let y = 770;
    page.drawText(`Article ${p} – Prescriptions techniques`, { x: 60, y, size: 13, font: bold });
    y -= 24;
    for (let k = 0; k < 5; k++) {
      const font = bodyFonts[(p + k) % bodyFonts.length];
      const text = PARAGRAPHS[(p * 7 + k * 3 + seed) % PARAGRAPHS.length].replace('{n}', String(p));
      for (const line of wrap(text, font, 10.5, 470)) {
        page.drawText(line, { x: 60, y, size: 10.5, font });
        y -= 14;
      }
      y -= 8;
    }
    if (p % 5 === 0) {
      const widths = [40, 230, 70, 130];
      for (const row of TABLE) {
        let x = 60;
        page.drawLine({ start: { x: 60, y: y + 12 }, end: { x: 530, y: y + 12 }, thickness: 0.5 });
        row.forEach((cell, c) => {
          page.drawText(cell, { x: x + 3, y, size: 9, font: c === 0 ? courier : row === TABLE[0] ? bold : helvetica });
          x += widths[c];
        });
        y -= 16;
      }
      page.drawLine({ start: { x: 60, y: y + 12 }, end: { x: 530, y: y + 12 }, thickness: 0.5 });
    } else if (p % 7 === 0) {
      page.drawImage(photo, { x: 60, y: y - 200, width: 320, height: 200 });
      page.drawText('Figure : implantation des caméras du secteur nord', { x: 60, y: y - 214, size: 8, font: times });
    }
  }
  return doc.save();
}

/** OCR_PAGES pages of the generated tender as a scan: each page rendered to a grey image, the image alone on a page. */
const OCR_PAGES = 8;
const OCR_DPI = 150;
async function makeScan(path) {
  const source = join(OUT, 'scan-source.pdf');
  await makeTender(source, OCR_PAGES, 7);
  const images = join(OUT, 'scan-images');
  mkdirSync(images, { recursive: true });
  execFileSync('pdftoppm', ['-r', String(OCR_DPI), '-gray', '-png', source, join(images, 'p')]);
  const doc = await PDFDocument.create();
  for (const file of readdirSync(images).sort()) {
    const png = await doc.embedPng(readFileSync(join(images, file)));
    doc.addPage([595, 842]).drawImage(png, { x: 0, y: 0, width: 595, height: 842 });
  }
  writeFileSync(path, await doc.save());
}

/**
 * OCR: tenderscan --ocr auto --jobs 2 against what a user runs by hand, pdftoppm then tesseract
 * for each page, two pages at a time (xargs -P 2; tesseract single-threaded as tenderscan runs
 * it, the faster way on 2 cores), the same resolution and language, interleaved rounds.
 */
function ocrRow(scan) {
  const work = join(OUT, 'ocr-by-hand');
  const page = `pdftoppm -r 300 -f "$1" -l "$1" -gray -png -singlefile "$0" "${work}/p$1" && OMP_THREAD_LIMIT=1 tesseract "${work}/p$1.png" stdout -l fra --psm 3 tsv > "${work}/p$1.tsv" 2>/dev/null`;
  const { byHand, ocr } = interleaved({
    byHand: () => {
      rmSync(work, { recursive: true, force: true });
      mkdirSync(work);
      run('sh', ['-c', `seq 1 ${OCR_PAGES} | xargs -P 2 -I{} sh -c '${page}' "${scan}" {}`]);
    },
    ocr: () => run(process.execPath, [BIN, 'scan', scan, '--ocr', 'auto', '--lang', 'fr', '--no-cache', '--jobs', '2', '-f', 'json', '-q']),
  });
  const ratios = ocr.times.map((t, i) => t / byHand.times[i]);
  const spread = `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`;
  return `| OCR, generated ${OCR_PAGES}-page scan (--ocr auto --lang fr --jobs 2, --no-cache) ÷ pdftoppm + tesseract by hand, 2 at a time | ${median(ratios).toFixed(2)}× (rounds ${spread}; ${ocr.seconds.toFixed(1)} s ÷ ${byHand.seconds.toFixed(1)} s, ${(ocr.seconds / OCR_PAGES).toFixed(2)} s a page) | ≤ 1.2× |`;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * "Rules changed": the user's own packs, one French and one English, of eleven common words of
 * the field (analyse, capteurs, sensors…), the French one edited in every round (a term of its
 * own added): the stored results are not theirs, and the pages where the packs can start (about
 * a fifth of the real set's) are analysed again; the others are taken back (src/cache/page-reuse.ts).
 */
function editedPacks(tag, round) {
  const fr = join(OUT, `pack-${tag}-fr.yaml`);
  const en = join(OUT, `pack-${tag}-en.yaml`);
  writeFileSync(fr, `language: fr\ncategory: automated-analysis\nrules:\n  - id: bench.user.fr\n    kind: terms\n    terms: [capteurs, hyperviseur, jumeau numérique, caméra thermique, ville intelligente, analyse, r${round}x${process.hrtime.bigint()}]\n`);
  writeFileSync(en, `language: en\ncategory: automated-analysis\nrules:\n  - id: bench.user.en\n    kind: terms\n    terms: [sensors, smart city, thermal camera, gunshot detection, analysis]\n`);
  return ['-r', fr, '-r', en];
}

/**
 * Removes the page analyses a cache folder keeps (entries whose key starts with "pages" or
 * "page-words"), as a cache written before they were kept: every page is then analysed again.
 */
function dropKeptPages(cache) {
  for (const shard of existsSync(cache) ? readdirSync(cache) : []) {
    if (!/^[0-9a-f]{2}$/.test(shard)) continue;
    for (const entry of readdirSync(join(cache, shard))) {
      const file = join(cache, shard, entry);
      const head = Buffer.alloc(64);
      const fd = openSync(file, 'r');
      readSync(fd, head, 0, 64, 0);
      closeSync(fd);
      if (/^\{"format":1,"key":"\[\\"(pages|page-words)\\"/.test(head.toString('latin1'))) rmSync(file);
    }
  }
}

/** The share of pages analysed again in runs with edited packs (TENDERSCAN_TIMINGS' pagesReused). */
function reanalysedShare(results, pages) {
  const reused = results.map((r) => Number(/"pagesReused":(\d+)/.exec(r.stderr)?.[1] ?? 0));
  return `${((1 - median(reused) / pages) * 100).toFixed(0)} % of pages analysed again`;
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

/** The PDF pages of `files` (pdfinfo), to report pages/s. */
function countPages(files) {
  let pages = 0;
  for (const f of files) pages += Number(/Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', [f], { encoding: 'utf8' }).stdout)?.[1] ?? 0);
  return pages;
}

/**
 * The baseline, cold --jobs 1 and 2 and warm runs on `files`, interleaved: a table of rows,
 * and the tagging shares of the cold runs.
 */
function measureCorpus(name, files, rounds = RUNS, targets = {}) {
  const pages = countPages(files);
  const cache = join(OUT, `cache-${name.replace(/\W+/g, '-')}`);
  const scan = (extra, env = {}) => run(process.execPath, [BIN, 'scan', ...files, '-f', 'json', '-q', ...extra], env);
  rmSync(cache, { recursive: true, force: true });
  scan(['--cache-dir', cache, '--jobs', '2']); // fills the cache for the warm runs
  // One run of each per round, in turn: every measure sees the machine about as the baseline
  // of its round did, and each ratio is the median of the per-round ratios.
  // "Rules changed": the user's packs edited in every round (see editedPacks); "every page":
  // the same with the cache's page analyses removed first, as a cache of an earlier build.
  let round = 0;
  const tag = name.replace(/\W+/g, '-');
  const { baseline, pdfgrep, cold1, cold2, warm, rulesChanged, everyPage } = interleaved({
    ...(PDFGREP ? { pdfgrep: () => spawnSync('pdfgrep', ['-i', '-c', '-P', KEYWORDS, ...files], { encoding: 'utf8', maxBuffer: 1 << 30 }).status } : {}),
    baseline: () => {
      let hits = 0;
      for (const f of files) {
        // Broken and encrypted files fail here as they do for a user: their time counts.
        const text = spawnSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8', maxBuffer: 1 << 30 }).stdout ?? '';
        hits += (text.match(new RegExp(KEYWORDS, 'gi')) ?? []).length;
      }
      return hits;
    },
    cold1: () => scan(['--no-cache', '--jobs', '1'], { TENDERSCAN_TIMINGS: '1' }),
    cold2: () => scan(['--no-cache', '--jobs', '2'], { TENDERSCAN_TIMINGS: '1' }),
    warm: () => scan(['--cache-dir', cache, '--jobs', '2']),
    rulesChanged: () => scan(['--cache-dir', cache, '--jobs', '2', ...editedPacks(tag, ++round)], { TENDERSCAN_TIMINGS: '1' }),
    everyPage: () => {
      const packs = editedPacks(tag, ++round);
      dropKeptPages(cache);
      return scan(['--cache-dir', cache, '--jobs', '2', ...packs]);
    },
  }, rounds);
  const ratios = (m) => m.times.map((t, i) => t / baseline.times[i]);
  // The spread of the per-round ratios, to tell a margin from noise.
  const range = (m) => (m === baseline ? '' : ` (${Math.min(...ratios(m)).toFixed(2)}–${Math.max(...ratios(m)).toFixed(2)})`);
  const rows = [
    ['baseline: pdftotext + grep, serial', baseline, ''],
    ...(pdfgrep ? [['pdfgrep -i -c (one process)', pdfgrep, '']] : []),
    ['tenderscan cold --jobs 1', cold1, ''],
    ['tenderscan cold --jobs 2', cold2, targets.cold ?? ''],
    ['tenderscan warm (cache) --jobs 2', warm, '≤ 0.15×'],
    [`tenderscan warm, rules changed: user packs edited (text cached, results recomputed: ${reanalysedShare(rulesChanged.results, pages)}) --jobs 2`, rulesChanged, targets.recomputed ?? ''],
    ['tenderscan warm, rules changed, every page analysed again (no page analyses kept) --jobs 2', everyPage, ''],
  ].map(([run, m, target]) => `| ${name} | ${run} | ${m.seconds.toFixed(2)} | ${(pages / m.seconds).toFixed(0)} | ${(m === baseline ? 1 : median(ratios(m))).toFixed(2)}×${range(m)} | ${target} |`);
  // Tagging share, two ways, from the median run. Of the cold run's time: tagging time in the
  // workers over the run's wall time times the number of workers. Stricter: tagging over
  // extraction + tagging, both worker time (start-up, reading, hashing and the report left
  // out). Worker times are wall-clock inside the workers: at --jobs 2 two workers and their
  // GC threads share two cores, which stretches every phase.
  const share = (m, jobs) => {
    const all = m.results.map((r, i) => {
      const t = JSON.parse(/tenderscan timings: (.*)/.exec(r.stderr)?.[1] ?? '{}');
      return { ...t, ofRun: t.analyseMs / 1000 / (m.times[i] * jobs), ofWork: t.analyseMs / (t.analyseMs + t.extractMs) };
    });
    return all.sort((x, y) => x.ofRun - y.ofRun)[Math.floor(all.length / 2)];
  };
  return { rows, pages, files: files.length, tagging: [share(cold1, 1), share(cold2, 2)] };
}

/**
 * The text cached, the results recomputed (a new rule pack each round), against the baseline
 * of the same round: what a user pays for new rules over a dossier already read.
 */
function measureRecomputed(name, files, rounds, target) {
  const pages = countPages(files);
  const cache = join(OUT, `cache-${name.replace(/\W+/g, '-')}`);
  rmSync(cache, { recursive: true, force: true });
  run(process.execPath, [BIN, 'scan', ...files, '-f', 'json', '-q', '--cache-dir', cache, '--jobs', '2']);
  let round = 0;
  const { baseline, recomputed, everyPage } = interleaved({
    baseline: () => {
      let hits = 0;
      for (const f of files) hits += ((spawnSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8', maxBuffer: 1 << 30 }).stdout ?? '').match(new RegExp(KEYWORDS, 'gi')) ?? []).length;
      return hits;
    },
    recomputed: () => run(process.execPath, [BIN, 'scan', ...files, '-f', 'json', '-q', '--cache-dir', cache, '--jobs', '2', ...editedPacks('recomputed', ++round)], { TENDERSCAN_TIMINGS: '1' }),
    everyPage: () => {
      const packs = editedPacks('recomputed', ++round);
      dropKeptPages(cache);
      return run(process.execPath, [BIN, 'scan', ...files, '-f', 'json', '-q', '--cache-dir', cache, '--jobs', '2', ...packs]);
    },
  }, rounds);
  const row = (label, m, goal) => {
    const ratios = m.times.map((t, i) => t / baseline.times[i]);
    return `| ${name} | ${label} | ${m.seconds.toFixed(2)} | ${(pages / m.seconds).toFixed(0)} | ${median(ratios).toFixed(2)}× (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}) | ${goal} |`;
  };
  return [
    `| ${name} | baseline: pdftotext + grep, serial | ${baseline.seconds.toFixed(2)} | ${(pages / baseline.seconds).toFixed(0)} | 1.00× | |`,
    row(`tenderscan, text cached, user packs edited (results recomputed: ${reanalysedShare(recomputed.results, pages)}) --jobs 2`, recomputed, target),
    row('tenderscan, text cached, every page analysed again (no page analyses kept) --jobs 2', everyPage, ''),
  ];
}

/**
 * Fixed costs: a one-page cold scan (the default report, to a pipe), in rounds with
 * pdftotext + grep on the same page, and `--version` beside `node -e 0`, the floor of any
 * Node program. Ten rounds each.
 */
async function startupRows() {
  const onePage = join(OUT, 'one-page.pdf');
  await makeTender(onePage, 1, 1);
  const { baseline, scan } = interleaved(
    {
      baseline: () => (spawnSync('pdftotext', ['-layout', onePage, '-'], { encoding: 'utf8' }).stdout.match(new RegExp(KEYWORDS, 'gi')) ?? []).length,
      scan: () => run(process.execPath, [BIN, 'scan', onePage, '-q', '--no-cache']),
    },
    10,
  );
  const { version, floor } = interleaved({ version: () => run(process.execPath, [BIN, '--version']), floor: () => run(process.execPath, ['-e', '0']) }, 10);
  const ms = (m) => `${(m.seconds * 1000).toFixed(0)} ms`;
  const ratio = (m, of) => median(m.times.map((t, i) => t / of.times[i]));
  return [
    `| one-page cold scan (--no-cache, median of 10) | ${ms(scan)} | ≤ 500 ms |`,
    `| one-page cold scan ÷ pdftotext + grep of the same page (same rounds) | ${ratio(scan, baseline).toFixed(1)}× (pdftotext + grep: ${ms(baseline)}) | — |`,
    `| tenderscan --version start-up (median of 10) | ${ms(version)} (node -e 0: ${ms(floor)}) | ≤ node -e 0 + 20 ms |`,
  ];
}

async function main() {
  ensureTools();
  // Everything but the long tender, which is kept under its parameters (see cachedLongTender).
  for (const entry of existsSync(OUT) ? readdirSync(OUT) : []) if (entry !== LONG_CACHE) rmSync(join(OUT, entry), { recursive: true, force: true });
  if (STARTUP_ONLY) {
    mkdirSync(OUT, { recursive: true });
    console.log(['| measure | value | target |', '|---|---|---|', ...(await startupRows())].join('\n'));
    return;
  }
  const corpus = join(OUT, 'corpus');
  mkdirSync(corpus, { recursive: true });
  if (OCR_ONLY) {
    await makeScan(join(OUT, 'scan.pdf'));
    console.log(ocrRow(join(OUT, 'scan.pdf')));
    return;
  }
  const docs = SNAPSHOTS_ONLY ? SNAPSHOT_DOCS : DOCS;
  console.error(`bench: generating ${docs} PDFs of ${PAGES} pages${SNAPSHOTS_ONLY ? '' : ` and one of ${LONG} pages`}…`);
  for (let i = 0; i < docs; i++) await makeTender(join(corpus, `cctp-${String(i).padStart(3, '0')}.pdf`), PAGES, i);
  const generated = readdirSync(corpus).sort().map((f) => join(corpus, f));
  if (SNAPSHOTS_ONLY) {
    console.log(snapshotRow(generated, join(OUT, 'snapshot-cache')));
    return;
  }
  const long = await cachedLongTender(join(OUT, LONG_CACHE), LONG);
  const sets = [['generated', generated]];
  // The real documents, PDFs only (the baseline reads nothing else), where they are.
  const pdfsOf = (dir) => (existsSync(dir) ? readdirSync(dir).filter((f) => /\.pdf$/i.test(f)).sort().map((f) => join(dir, f)) : []);
  const real = args.includes('--no-real') ? [] : [...pdfsOf(REAL_CORPUS), ...pdfsOf(REAL_LABELLED)];
  const realName = 'real (../shared/corpus + real-labelled)';
  if (real.length) sets.push([realName, real, RUNS, { cold: '≤ 3.5×', recomputed: '≤ 0.35×' }]);
  // One long document: what both cores do on a single big tender (fewer rounds: it is long).
  sets.push([`generated ${LONG}-page tender`, [long], Math.min(RUNS, 3), { cold: '≤ 2.5×' }]);
  const results = sets.map(([name, files, rounds = RUNS, targets]) => {
    console.error(`bench: ${name}: ${files.length} PDFs, ${rounds} rounds…`);
    return [name, measureCorpus(name, files, rounds, targets)];
  });
  // The real documents and two long tenders (the long one and a copy with other bytes): text
  // cached, results recomputed, where report building weighs (tens of thousands of findings).
  const longCopy = join(OUT, 'long-copy.pdf');
  writeFileSync(longCopy, Buffer.concat([readFileSync(long), Buffer.from('\n%%EOF\n')]));
  console.error(`bench: real documents and two long tenders, text cached, results recomputed…`);
  const recomputedRows = measureRecomputed(`${real.length ? 'real + ' : ''}two ${LONG}-page tenders`, [...real, long, longCopy], Math.min(RUNS, 3), '≤ 0.5×');
  if (CORPUS_ONLY) {
    console.log(['| corpus | run | wall time (s) | pages/s | ratio to baseline (lowest–highest round) | target |', '|---|---|---|---|---|---|', ...results.flatMap(([, r]) => r.rows), ...recomputedRows].join('\n'));
    return;
  }
  const percent = (x) => `${(x * 100).toFixed(1)} %`;

  // Peak RSS of the whole process (GNU time's %M), cold: the median of RSS_RUNS runs, its time
  // and the lowest and highest peak.
  const peak = (file, jobs) => {
    const runs = [];
    for (let r = 0; r < RSS_RUNS; r++) {
      const rss = run('/usr/bin/time', ['-f', '%M %e', process.execPath, BIN, 'scan', file, '-f', 'json', '-q', '--no-cache', '--jobs', String(jobs)]);
      const [kb, seconds] = rss.stderr.trim().split('\n').pop().split(' ').map(Number);
      runs.push({ mb: kb / 1024, seconds });
    }
    runs.sort((a, b) => a.mb - b.mb);
    const m = runs[Math.floor(runs.length / 2)];
    const spread = runs.length > 1 ? `, runs ${runs[0].mb.toFixed(0)}–${runs[runs.length - 1].mb.toFixed(0)} MB` : '';
    return `${m.mb.toFixed(0)} MB (${m.seconds.toFixed(1)} s${spread})`;
  };
  console.error(`bench: peak RSS, ${RSS_RUNS} runs each…`);
  const copies = join(OUT, 'copies.pdf');
  await makeCopiesTender(copies, LONG);
  const rssRows = [
    `| peak RSS, generated ${LONG}-page tender (--jobs 1, --no-cache, median of ${RSS_RUNS}) | ${peak(long, 1)} | ≤ 300 MB |`,
    `| peak RSS, generated ${LONG}-page tender (--jobs 2, --no-cache, median of ${RSS_RUNS}) | ${peak(long, 2)} | ≤ 400 MB |`,
    `| peak RSS, ${LONG} pages of copies of one 25-page tender, fonts shared (--jobs 1, --no-cache, median of ${RSS_RUNS}) | ${peak(copies, 1)} | — |`,
    `| peak RSS, ${LONG} pages of copies of one 25-page tender, fonts shared (--jobs 2, --no-cache, median of ${RSS_RUNS}) | ${peak(copies, 2)} | — |`,
  ];
  const startup = await startupRows();
  const snapshots = snapshotRow(generated, join(OUT, 'snapshot-cache'));
  const scan = join(OUT, 'scan.pdf');
  await makeScan(scan);
  console.error(`bench: OCR of a ${OCR_PAGES}-page scan, ${RUNS} rounds…`);
  const ocr = ocrRow(scan);

  const lines = [
    `corpora: generated, ${DOCS} PDFs × ${PAGES} pages (embedded DejaVu Sans, standard Times, Helvetica and Courier, French text, a table every 5th page, a photo every 7th, a full-page scan-like image every 12th); ${results.map(([n, r]) => `${n}: ${r.files} PDFs, ${r.pages} pages`).join('; ')}; the long tender: ${LONG_TENDER}. ${RUNS} interleaved rounds (the long PDF: ${Math.min(RUNS, 3)}), medians (ratios: median of the per-round ratios to the baseline of the same round)${QUICK ? ', --quick' : ''}, ${new Date().toISOString().slice(0, 10)}`,
    '',
    '| corpus | run | wall time (s) | pages/s | ratio to baseline (lowest–highest round) | target |',
    '|---|---|---|---|---|---|',
    ...results.flatMap(([, r]) => r.rows),
    ...recomputedRows,
    '',
    `| measure | value | target |`,
    '|---|---|---|',
    ...results.flatMap(([n, r]) => [
      ...r.tagging.map((t, i) => `| ${n}: tagging (everything after extraction), share of cold --jobs ${i + 1} time | ${percent(t.ofRun)} (${(t.analyseMs / 1000).toFixed(2)} s of worker time) | ≤ 10 % |`),
      ...r.tagging.map((t, i) => `| ${n}: stricter: tagging ÷ (extraction + tagging), worker time, cold --jobs ${i + 1} | ${percent(t.ofWork)} (extraction ${(t.extractMs / 1000).toFixed(1)} s) | — |`),
    ]),
    ...rssRows,
    ...startup,
    snapshots,
    ocr,
  ];
  console.log(lines.join('\n'));
}

main().catch((err) => {
  console.error(`bench: ${err.message}`);
  process.exit(1);
});
