// The CLI as a process: the sample tender, the JSON contract, stderr lines and exit codes.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makePdf } from '../helpers/pdf.js';
import { ROOT, tenderscan } from '../helpers/cli.js';

const SAMPLE = join(ROOT, 'fixtures/sample/cctp-observatoire-tranquillite.pdf');
let dir: string;
let good: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tenderscan-cli-'));
  good = join(dir, 'good.pdf');
  writeFileSync(
    good,
    await makePdf([
      { lines: ['Article 1 - Objet', 'La plateforme recoit les flux video des cameras de la ville.'] },
      { lines: ['Article 2 - Exclusions', 'Le titulaire ne collectera aucune donnee biometrique.'] },
    ]),
  );
  writeFileSync(join(dir, 'empty.pdf'), '');
  writeFileSync(join(dir, 'notes.pdf'), 'this is plain text, not a PDF\n');
});

describe('tenderscan scan on the sample tender', () => {
  let report: any;
  let run: ReturnType<typeof tenderscan>;
  beforeAll(() => {
    run = tenderscan(['scan', SAMPLE, '--format', 'json']);
    report = JSON.parse(run.stdout);
  });

  it('exits 0 and follows the JSON contract', () => {
    expect(run.code).toBe(0);
    expect(report.schemaVersion).toBe(2);
    expect(report.tool).toEqual({ name: 'tenderscan', version: expect.any(String) });
    expect(report.generatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const [doc] = report.documents;
    expect(doc.path).toBe(SAMPLE);
    expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.status).toBe('ok');
    expect(doc.language).toBe('fr');
    for (const f of report.findings) {
      expect(Object.keys(f)).toEqual(expect.arrayContaining(['document', 'page', 'category', 'rule', 'matched', 'excerpt', 'start', 'end', 'negated', 'modality']));
      expect(f.document).toBe(doc.path);
      expect(f.excerpt.length).toBeLessThanOrEqual(320);
    }
  });

  it('lists the scanned annex page and announces it once on stderr', () => {
    const doc = report.documents[0];
    expect(doc.pagesWithoutText).toEqual([doc.pageCount]);
    const notices = run.stderr.split('\n').filter((l) => l.includes('no usable text'));
    expect(notices).toEqual([`${SAMPLE}: page ${doc.pageCount} has no usable text (scanned?); not analysed: use --ocr auto`]);
  });

  it('finds social media on page 22 and the Marseille-like sources', () => {
    const positive = report.findings.filter((f: any) => !f.negated);
    expect(positive.some((f: any) => f.category === 'social-media' && f.page === 22)).toBe(true);
    for (const c of ['video-surveillance', 'drones', 'health', 'telecom', 'crowdsourcing', 'police-records', 'automated-analysis']) {
      expect(positive.map((f: any) => f.category)).toContain(c);
    }
  });

  it('raises a fusion item where an article crosses several sources', () => {
    expect(report.fusion).toHaveLength(1);
    expect(report.fusion[0]).toMatchObject({ page: 17, sectionNumber: '14', cue: 'interconnexion' });
    expect(report.fusion[0].categories).toEqual(['crowdsourcing', 'police-records', 'video-surveillance']);
    expect(report.fusion[0].excerpt).toContain('au sein d’une plateforme unique');
  });

  it('reports the negated clause as negated, never as positive', () => {
    const biometrics = report.findings.filter((f: any) => f.category === 'biometrics');
    expect(biometrics.length).toBeGreaterThan(0);
    expect(biometrics.every((f: any) => f.negated)).toBe(true);
  });

  it('never reports a finding in the running header', () => {
    const doc = report.documents[0];
    expect(doc.runningLines.length).toBeGreaterThan(0);
    for (const f of report.findings) expect(doc.runningLines.some((l: string) => f.excerpt.includes(l))).toBe(false);
  });

  it('sorts findings by document, page, offset and category', () => {
    const keys = report.findings.map((f: any) => [f.page, f.start, f.category]);
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0));
    expect(keys).toEqual(sorted);
  });

  it('prints a terminal report without colour when stdout is not a terminal', () => {
    const r = tenderscan(['scan', SAMPLE]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/\u001b\[/);
    expect(r.stdout).toContain('p. 22');
    expect(r.stdout).toMatch(/Social media/);
    expect(r.stdout).toContain('Summary');
  });
});

describe('exit codes and per-document errors', () => {
  it('exits 1 with --fail-on when a positive finding of the category exists', () => {
    expect(tenderscan(['scan', good, '--fail-on', 'video-surveillance', '-f', 'json']).code).toBe(1);
    // biometrics is only negated in that file
    expect(tenderscan(['scan', good, '--fail-on', 'biometrics', '-f', 'json']).code).toBe(0);
  });

  it('exits 3 when some documents fail, naming each on one stderr line, and still reports the others', () => {
    const r = tenderscan(['scan', good, join(dir, 'empty.pdf'), join(dir, 'notes.pdf'), join(dir, 'missing.pdf'), '-f', 'json']);
    expect(r.code).toBe(3);
    const report = JSON.parse(r.stdout);
    const byName = Object.fromEntries(report.documents.map((d: any) => [d.path.split('/').pop(), d]));
    expect(byName['good.pdf'].status).toBe('ok');
    expect(byName['empty.pdf'].error.code).toBe('EMPTY');
    expect(byName['notes.pdf'].error.code).toBe('UNSUPPORTED');
    expect(byName['missing.pdf'].error.code).toBe('NOT_FOUND');
    expect(report.findings.length).toBeGreaterThan(0);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.find((l) => l.includes('empty.pdf'))).toMatch(/EMPTY/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('exits 2 when nothing could be analysed, and on usage errors', () => {
    expect(tenderscan(['scan', join(dir, 'empty.pdf')]).code).toBe(2);
    expect(tenderscan(['scan', good, '--fail-on', 'no-such-category']).code).toBe(2);
    expect(tenderscan(['scan']).code).toBe(2);
  });

  it('scans folders recursively and takes .PDF in any case', () => {
    const r = tenderscan(['scan', dir, '-f', 'json']);
    const names = JSON.parse(r.stdout).documents.map((d: any) => d.path.split('/').pop());
    expect(names).toEqual(expect.arrayContaining(['good.pdf', 'empty.pdf', 'notes.pdf']));
  });
});

describe('--output', () => {
  it('writes the report atomically and leaves no temporary file', () => {
    const out = join(dir, 'out', 'report.json');
    const parent = join(dir, 'out');
    mkdirSync(parent, { recursive: true });
    const r = tenderscan(['scan', good, '-f', 'json', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).documents).toHaveLength(1);
    expect(readdirSync(parent)).toEqual(['report.json']);
  });

  it('refuses to overwrite an input', () => {
    const before = readFileSync(good);
    // -f: a .pdf name names no report format (that alone is exit 2 too).
    const r = tenderscan(['scan', good, '-f', 'json', '-o', good]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refusing to overwrite/);
    expect(readFileSync(good).equals(before)).toBe(true);
    expect(existsSync(good)).toBe(true);
  });
});
