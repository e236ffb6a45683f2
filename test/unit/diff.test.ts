// Dossier diff: two versions of a generated CCTP (a clause added, one negated, one turned into
// an option, one moved to another page), in every format, and the exit codes of --fail-on-new.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makePdf } from '../helpers/pdf.js';
import { ROOT } from '../helpers/cli.js';
import { analyseFile } from '../../src/engine/document.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { buildReport } from '../../src/report/model/build.js';
import { formatJson } from '../../src/report/formats/json.js';
import { formatJsonl } from '../../src/report/formats/jsonl.js';
import { diffReports, isNewPositive } from '../../src/report/model/compare.js';
import { FORMAT_NAMES, loadFormat, type DiffFormatter } from '../../src/report/formats/index.js';
import { BUILTIN_CATEGORIES } from '../../src/rules/categories.js';
import type { FormatOptions } from '../../src/report/formats/index.js';
import type { DocumentEntry, Finding, Report, ReportDiff } from '../../src/types.js';

/** Each format's diff(), by name. */
const DIFF_FORMATTERS: Record<string, DiffFormatter> = Object.fromEntries(await Promise.all(FORMAT_NAMES.map(async (name) => [name, (await loadFormat(name))!.diff])));

const rules = loadRuleSet();
const names = new Map(BUILTIN_CATEGORIES.map((c) => [c.id, c]));
const options = (language: 'fr' | 'en' = 'en'): FormatOptions => ({ color: false, explain: false, language, categoryName: (id, lang = language) => names.get(id)?.[lang] ?? id });

const CAMERAS = 'La plateforme integre les flux des cameras de videoprotection de la commune.';
const FACES = 'Le titulaire met en oeuvre la reconnaissance faciale des usagers des transports.';
const NO_FACES = 'Le titulaire ne met en oeuvre aucune reconnaissance faciale des usagers des transports.';
const NO_DRONES = 'Les drones sont exclus du present marche pour la surveillance des plages.';
const OPTIONAL_DRONES = 'Les drones sont prevus en option du present marche pour la surveillance des plages.';
const SOCIAL = 'La plateforme collecte les publications publiques diffusees sur Twitter et Facebook.';
// The same clause on the same page of both versions: an unchanged finding.
const RECORDS = 'La plateforme integre les mains courantes de la police municipale.';

let dir: string;
let v1: Report;
let v2: Report;
let diff: ReportDiff;

async function scanPdf(file: string, pages: { lines: string[] }[]): Promise<Report> {
  writeFileSync(file, await makePdf(pages));
  const result = await analyseFile(file, rules);
  return buildReport([result.entry], result.findings, { hash: rules.hash, files: rules.files }, new Date('2026-12-01T00:00:00Z'));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tenderscan-diff-'));
  mkdirSync(join(dir, 'v1'));
  mkdirSync(join(dir, 'v2'));
  v1 = await scanPdf(join(dir, 'v1', 'CCTP.pdf'), [
    { lines: ['Article 1 - Objet', 'Le present marche porte sur une plateforme de la ville.', RECORDS, CAMERAS] },
    { lines: ['Article 2 - Biometrie', FACES, 'Article 3 - Moyens aeriens', NO_DRONES] },
  ]);
  // The rectified CCTP: the cameras clause pushed to page 2, faces excluded, drones optional, social media added.
  v2 = await scanPdf(join(dir, 'v2', 'CCTP.pdf'), [
    { lines: ['Avis rectificatif', 'Article 1 - Objet', 'Le present marche porte sur une plateforme de la ville.', RECORDS] },
    { lines: [CAMERAS, 'Article 2 - Biometrie', NO_FACES, 'Article 3 - Moyens aeriens', OPTIONAL_DRONES] },
    { lines: ['Article 4 - Sources ouvertes', SOCIAL] },
  ]);
  const fmt = { color: false, explain: false, language: 'en' as const, categoryName: (id: string) => id };
  writeFileSync(join(dir, 'v1.json'), formatJson(v1, fmt));
  writeFileSync(join(dir, 'v2.jsonl'), formatJsonl(v2, fmt));
  diff = diffReports(v1, v2, { old: 'v1', new: 'v2' }, new Date('2026-12-01T12:00:00Z'));
});

const changes = (d: ReportDiff, change: string) => d.findings.filter((f) => f.change === change);
const excerptOf = (f: Finding | null) => f?.excerpt.replace(/\s+/g, ' ');

describe('diff of two versions of a CCTP', () => {
  it('matches the document by name across folders and compares its SHA-256', () => {
    expect(diff.documents).toEqual([
      { name: 'CCTP.pdf', change: 'changed', old: { path: join(dir, 'v1', 'CCTP.pdf'), sha256: v1.documents[0].sha256, status: 'ok' }, new: { path: join(dir, 'v2', 'CCTP.pdf'), sha256: v2.documents[0].sha256, status: 'ok' } },
    ]);
  });

  it('reports the added clause, and a page shift as a move, not a change', () => {
    expect(changes(diff, 'added').map((c) => [c.category, excerptOf(c.new)])).toContainEqual(['social-media', SOCIAL]);
    expect(changes(diff, 'added').every((c) => c.category === 'social-media')).toBe(true);
    expect(changes(diff, 'removed')).toEqual([]);
    const moved = changes(diff, 'moved').find((c) => c.new?.excerpt.includes('flux des cameras'))!;
    expect([moved.old!.page, moved.new!.page]).toEqual([1, 2]);
    expect(moved.category).toBe('video-surveillance');
  });

  it('reports negation and modality flips ("exclus" → "en option")', () => {
    const flips = changes(diff, 'flipped').map((c) => [c.category, c.old!.negated, c.new!.negated, c.new!.modality]);
    expect(flips).toContainEqual(['biometrics', false, true, 'asserted']);
    expect(flips).toContainEqual(['drones', true, false, 'optional']);
    const drones = changes(diff, 'flipped').find((c) => c.category === 'drones')!;
    expect(excerptOf(drones.old)).toBe(NO_DRONES);
    expect(excerptOf(drones.new)).toBe(OPTIONAL_DRONES);
  });

  it('counts new positive findings: added ones and flips away from a negation', () => {
    expect(diff.summary.newPositive.drones).toBe(1);
    expect(diff.summary.newPositive['social-media']).toBeGreaterThanOrEqual(1);
    expect(diff.summary.newPositive.biometrics).toBeUndefined();
    expect(diff.findings.filter(isNewPositive).every((c) => !c.new!.negated)).toBe(true);
    expect(diff.summary.findings.unchanged).toBeGreaterThan(0);
  });

  it('is the same whether a side is a JSON, a JSON Lines report or the scan itself', async () => {
    const { readReportFile } = await import('../../src/report/model/read.js');
    const again = diffReports(readReportFile(join(dir, 'v1.json')), readReportFile(join(dir, 'v2.jsonl')), { old: 'v1', new: 'v2' }, new Date('2026-12-01T12:00:00Z'));
    expect(again.findings.map((c) => [c.change, c.category, c.old?.id, c.new?.id])).toEqual(diff.findings.map((c) => [c.change, c.category, c.old?.id, c.new?.id]));
  });
});

describe('document names', () => {
  it('match across folders, by the path within the side, else by a file name found once on each side', () => {
    const entry = (path: string, sha = path): DocumentEntry => ({ path, sha256: sha, size: 1, pageCount: 1, status: 'ok', pagesWithoutText: [], failedPages: [], runningLines: [], language: 'fr' });
    const report = (...docs: DocumentEntry[]) => buildReport(docs, [], { hash: 'h', files: [] });
    const d = diffReports(report(entry('x/a/CCTP.pdf', '1'), entry('x/b/RC.pdf', '2')), report(entry('y/a/CCTP.pdf', '1'), entry('y/a/NEW.pdf', '3')), { old: 'x', new: 'y' });
    expect(d.documents.map((x) => [x.name, x.change])).toEqual([['CCTP.pdf', 'unchanged'], ['NEW.pdf', 'added'], ['b/RC.pdf', 'removed']]);
    const zips = diffReports(report(entry('v1.zip!/DCE/CCTP.pdf', '1'), entry('v1.zip!/DCE/RC.pdf', '2')), report(entry('v2.zip!/DCE/CCTP.pdf', '9'), entry('v2.zip!/DCE/RC.pdf', '2')), { old: 'a', new: 'b' });
    expect(zips.documents.map((x) => [x.name, x.change])).toEqual([['CCTP.pdf', 'changed'], ['RC.pdf', 'unchanged']]);
  });
});

describe('categories named like Object properties (issue 23)', () => {
  it('constructor, __proto__ and toString are counted like any other, in every format', () => {
    const entry = (path: string, sha: string): DocumentEntry => ({ path, sha256: sha, size: 1, pageCount: 1, status: 'ok', pagesWithoutText: [], failedPages: [], runningLines: [], language: 'fr' });
    const finding = (category: string, start: number): Finding => ({
      document: 'CCTP.pdf', page: 1, pageLabel: '1', section: null, sectionNumber: null, category, rule: `my.${category}`, matched: 'x', excerpt: `Clause ${category}.`,
      start, end: start + 1, excerptStart: 0, excerptEnd: 10, negated: false, modality: 'asserted', language: 'fr', source: 'text',
    });
    const odd = ['constructor', '__proto__', 'toString'];
    const d = diffReports(buildReport([entry('CCTP.pdf', '1')], [], { hash: 'h', files: [] }), buildReport([entry('CCTP.pdf', '2')], odd.map(finding), { hash: 'h', files: [] }), { old: 'a', new: 'b' });
    expect(Object.entries(d.summary.newPositive)).toEqual([['__proto__', 1], ['constructor', 1], ['toString', 1]]);
    for (const name of FORMAT_NAMES) expect(DIFF_FORMATTERS[name](d, options()), name).not.toMatch(/native code|\[object Object\]/);
    expect(JSON.parse(DIFF_FORMATTERS.json(d, options())).summary.newPositive).toEqual({ constructor: 1, toString: 1, ['__proto__']: 1 });
  });
});

describe('a document that could not be read on one side', () => {
  it('is listed as such, and its findings are neither added nor removed', () => {
    const broken = { ...v2.documents[0], sha256: null, status: 'error' as const, error: { code: 'ENCRYPTED', message: 'needs a password' } };
    const d = diffReports(v1, buildReport([broken], [], v2.rulePacks), { old: 'v1', new: 'v2' });
    expect(d.documents.map((x) => [x.change, x.new?.status])).toEqual([['changed', 'error']]);
    expect(d.findings).toEqual([]);
    expect(DIFF_FORMATTERS.terminal(d, options())).toContain('(new: error, findings not compared)');
  });
});

describe('diff formats', () => {
  it('JSON holds the documented fields', () => {
    const json = JSON.parse(DIFF_FORMATTERS.json(diff, options()));
    expect(json).toMatchObject({ kind: 'tenderscan-diff', schemaVersion: 1, generatedAt: '2026-12-01T12:00:00Z', old: { source: 'v1', documents: 1 }, new: { source: 'v2', documents: 1 } });
    expect(Object.keys(json.summary)).toEqual(['documents', 'findings', 'newPositive']);
    const flip = json.findings.find((c: any) => c.change === 'flipped' && c.category === 'drones');
    expect(flip.old.negated).toBe(true);
    expect(flip.new.modality).toBe('optional');
  });

  it('terminal names each change, the states and the page move', () => {
    const text = DIFF_FORMATTERS.terminal(diff, options());
    expect(text).toContain('~ CCTP.pdf  changed');
    expect(text).toContain('! negation or modality flipped  Drones (drones)  excluded → optional');
    expect(text).toContain(`was: ${NO_DRONES}`);
    expect(text).toContain('! negation or modality flipped  Biometrics (biometrics)  planned → excluded');
    expect(text).toMatch(/> moved to another page {2}Video surveillance \(video-surveillance\) {2}p\. 1 → p\. 2/);
    expect(text).toMatch(/\+ added {2}Social media \(social-media\)/);
    expect(text).toMatch(/Findings: \d+ added, 0 removed, 2 flipped, 0 reworded, \d+ moved, \d+ unchanged · new positive findings: drones 1/);
    expect(DIFF_FORMATTERS.terminal(diff, options('fr'))).toContain('exclu → en option');
  });

  it('every format renders the flip, in French too', () => {
    for (const [name, format] of Object.entries(DIFF_FORMATTERS)) {
      const text = format(diff, options('fr'));
      expect(text, name).toContain(name === 'markdown' ? 'Les drones sont prevus en option du present marche' : OPTIONAL_DRONES);
    }
    const jsonl = DIFF_FORMATTERS.jsonl(diff, options()).trim().split('\n').map((l) => JSON.parse(l));
    expect(jsonl.map((l) => l.type)).toEqual(['document', ...diff.findings.map(() => 'finding'), 'summary']);
    const csv = DIFF_FORMATTERS.csv(diff, options()).split('\r\n');
    expect(csv[0]).toBe('kind,change,document,category,rule,old_state,new_state,old_page,new_page,old_citation,new_citation,excerpt,old_excerpt,old_id,new_id,old_sha256,new_sha256');
    expect(csv).toContainEqual(expect.stringMatching(/^finding,flipped,CCTP\.pdf,drones,[^,]+,negated,optional,2,2,/));
    expect(DIFF_FORMATTERS.markdown(diff, options()).split('\n')).toContain('| ~ | CCTP.pdf | changed | `' + v1.documents[0].sha256!.slice(0, 12) + '` → `' + v2.documents[0].sha256!.slice(0, 12) + '` |');
    expect(DIFF_FORMATTERS.html(diff, options())).toContain('<article class="change flipped" data-category="drones">');
  });

  it('escapes document text for each format', () => {
    const EVIL = '<script>alert(1)</script> [x](javascript:alert(2)) =HYPERLINK("http://x") \u001b[31mred\u001b[0m \u202etxt.exe';
    const entry = (path: string, sha: string): DocumentEntry => ({ path, sha256: sha, size: 1, pageCount: 1, status: 'ok', pagesWithoutText: [], failedPages: [], runningLines: [], language: 'fr' });
    const finding: Finding = { id: 'aaaaaaaaaaaa', document: 'b/<b>.pdf', page: 1, pageLabel: '1', section: null, sectionNumber: null, category: 'drones', rule: 'r', matched: 'drones', excerpt: `=${EVIL} drones`, start: 0, end: 1, excerptStart: 0, excerptEnd: 1, negated: false, modality: 'asserted', language: 'fr', source: 'text' };
    const before = buildReport([entry('a/<b>.pdf', '1'.repeat(64))], [], { hash: 'h', files: [] });
    const after = buildReport([entry('b/<b>.pdf', '2'.repeat(64))], [finding], { hash: 'h', files: [] });
    const evil = diffReports(before, after, { old: 'a', new: 'b' });
    expect(evil.findings.map((c) => c.change)).toEqual(['added']);
    expect(DIFF_FORMATTERS.html(evil, options())).not.toMatch(/<script>|<b>/);
    expect(DIFF_FORMATTERS.markdown(evil, options())).not.toMatch(/[^\\]\[x\]\(javascript/);
    expect(DIFF_FORMATTERS.csv(evil, options())).not.toMatch(/,=/);
    const terminal = DIFF_FORMATTERS.terminal(evil, options());
    expect(terminal).not.toMatch(/\u001b|\u202e/);
    expect(terminal).toContain('\\x1b[31mred');
  });
});

describe('tenderscan diff (the built CLI, in process)', () => {
  let main: (argv: string[]) => Promise<number>;
  beforeAll(async () => {
    ({ main } = await import(join(ROOT, 'dist/cli/main.js')));
  });
  const run = (...args: string[]) => main(['node', 'tenderscan', 'diff', ...args, '-q', '--no-cache', '-j', '1']);

  it('scans folders with the scan pipeline; --fail-on-new exits 1 on a new positive finding only', async () => {
    const out = join(dir, 'diff.json');
    expect(await run(join(dir, 'v1'), join(dir, 'v2'), '-f', 'json', '-o', out, '--fail-on-new', 'drones')).toBe(1);
    const scanned = JSON.parse(readFileSync(out, 'utf8')) as ReportDiff;
    expect(scanned.findings.map((c) => [c.change, c.category, c.new?.id])).toEqual(diff.findings.map((c) => [c.change, c.category, c.new?.id]));
    // biometrics was turned into an exclusion: nothing new to fail on.
    expect(await run(join(dir, 'v1.json'), join(dir, 'v2.jsonl'), '-f', 'csv', '-o', join(dir, 'diff.csv'), '--fail-on-new', 'biometrics')).toBe(0);
    expect(await run(join(dir, 'v1.json'), join(dir, 'v2.jsonl'), '-o', join(dir, 'diff.txt'), '--fail-on-new', 'social-media')).toBe(1);
  });

  it('exits 2 on bad input, writing nothing', async () => {
    writeFileSync(join(dir, 'broken.json'), '{"schemaVersion": 1, "documents": ');
    const out = join(dir, 'never.txt');
    expect(await run(join(dir, 'broken.json'), join(dir, 'v2.jsonl'), '-o', out)).toBe(2);
    expect(await run(join(dir, 'v1.json'), join(dir, 'missing.json'), '-o', out)).toBe(2);
    expect(await run(join(dir, 'v1.json'), join(dir, 'v2.jsonl'), '-o', out, '--fail-on-new', 'dronez')).toBe(2);
    expect(await run(join(dir, 'v1.json'), join(dir, 'nothing-here'), '-o', out)).toBe(2);
    expect(() => readFileSync(out)).toThrow();
  });
});
