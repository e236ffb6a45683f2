// Golden files of a three-document dossier in every text format: a tender with findings, a
// corrupt PDF and a scan without a text layer, analysed for real, the date pinned and the
// documents named by relative paths. A change to any format shows up as a diff of a file
// under test/unit/golden/ (vitest -u rewrites them: read the diff before committing it).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { rawPdf, stream } from '../helpers/raw-pdf.js';
import { analyseFile } from '../../src/engine/document.js';
import { legalSection } from '../../src/legal/notes.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { buildReport, compareFindings, emptySummary, summarise } from '../../src/report/model/build.js';
import { documentNamer } from '../../src/report/names.js';
import { jsonlDocument, jsonlSummary } from '../../src/report/formats/jsonl.js';
import { loadFormatter, type FormatOptions } from '../../src/report/formats/index.js';
import { BUILTIN_CATEGORIES } from '../../src/rules/categories.js';
import type { DocumentResult, Report } from '../../src/types.js';

/** One page holding only a grey image with dark bands: a scan, no text layer. */
function scannedPdf(): Buffer {
  const size = 64;
  const pixels = Buffer.alloc(size * size, 0xe0);
  for (let y = 0; y < size; y += 8) pixels.fill(0x30, y * size + 6, y * size + size - 6);
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>',
    stream('q 595 0 0 842 0 0 cm /Im1 Do Q'),
    stream(pixels, `/Type /XObject /Subtype /Image /Width ${size} /Height ${size} /ColorSpace /DeviceGray /BitsPerComponent 8 `),
  ]);
}

const DATE = new Date('2026-11-28T12:00:00Z');
const names = new Map(BUILTIN_CATEGORIES.map((c) => [c.id, c]));
let results: DocumentResult[];
let report: Report;
let options: (language: 'fr' | 'en') => FormatOptions;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tenderscan-golden-'));
  writeFileSync(join(dir, 'corrupt.pdf'), '%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R\n%%EOF\n');
  writeFileSync(join(dir, 'scan.pdf'), scannedPdf());
  // What the report calls them: relative paths, whatever the temporary folder.
  const inputs = [
    { path: 'dossier/CCTP.pdf', file: join(ROOT, 'fixtures/sample/cctp-observatoire-tranquillite.pdf') },
    { path: 'dossier/corrupt.pdf', file: join(dir, 'corrupt.pdf') },
    { path: 'dossier/scan.pdf', file: join(dir, 'scan.pdf') },
  ];
  const rules = loadRuleSet();
  results = [];
  for (const input of inputs) results.push(await analyseFile(input, rules));
  const findings = results.flatMap((r) => r.findings);
  report = buildReport(results.map((r) => r.entry), findings, { hash: rules.hash, files: rules.files }, DATE, undefined, results.flatMap((r) => r.fusion ?? []));
  // As the engine does: the legal notes of the categories found, buyer and date from the documents.
  report.legal = legalSection(report);
  const documentName = documentNamer(inputs.map((i) => i.path));
  options = (language) => ({ color: false, explain: false, language, categoryName: (id, lang = language) => names.get(id)?.[lang] ?? id, documentName });
});

describe('a three-document dossier (findings, corrupt, scanned)', () => {
  it('is what the golden files hold: one finding document, one failed, one unread', () => {
    expect(report.documents.map((d) => [d.path, d.status, d.error?.code ?? null])).toEqual([
      ['dossier/CCTP.pdf', 'ok', null],
      ['dossier/corrupt.pdf', 'error', 'CORRUPT'],
      ['dossier/scan.pdf', 'ok', null],
    ]);
    expect(report.documents[2].pagesWithoutText).toEqual([1]);
    expect(report.findings.length).toBeGreaterThan(20);
  });

  it.each([
    ['terminal', 'en', 'dossier.terminal.en.txt'],
    ['terminal', 'fr', 'dossier.terminal.fr.txt'],
    ['markdown', 'en', 'dossier.en.md'],
    ['markdown', 'fr', 'dossier.fr.md'],
    ['json', 'en', 'dossier.json'],
    ['csv', 'en', 'dossier.csv'],
  ] as const)('%s (%s)', async (format, language, file) => {
    const text = (await loadFormatter(format))!(report, options(language));
    expect(text).not.toContain(ROOT);
    expect(text).not.toContain(tmpdir());
    if (format === 'terminal') for (const line of text.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
    await expect(text).toMatchFileSnapshot(`golden/${file}`);
  });

  it('jsonl, streamed as the CLI does: findings let go once written, counts still right', async () => {
    // As scan --format jsonl: each document's lines written as it arrives, only entries and the summary kept.
    let out = '';
    const summary = emptySummary();
    for (const r of results) {
      const sorted = [...r.findings].sort(compareFindings);
      summarise(sorted, summary);
      out += jsonlDocument(r.entry, sorted, false, r.fusion ?? []);
    }
    const streamed = buildReport(results.map((r) => r.entry), [], { hash: report.rulePacks.hash, files: report.rulePacks.files }, DATE, summary, report.fusion);
    streamed.legal = legalSection(streamed);
    out += jsonlSummary(streamed);
    const last = JSON.parse(out.trim().split('\n').pop()!);
    expect(last.data).toMatchObject({ documents: 3, analysed: 2, failed: 1, findings: report.findings.filter((f) => !f.negated).length, fusion: report.fusion.length });
    expect(out).toBe((await loadFormatter('jsonl'))!(report, options('en')));
    await expect(out).toMatchFileSnapshot('golden/dossier.jsonl');
  });
});
