// --exhibits: the list of exhibits (bordereau de pièces) of a dossier analysed for real, pinned
// by golden files in French and English, and its order: the documents by their first cited
// finding (crossings first), then the others.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { analyseFile } from '../../src/engine/document.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { buildReport } from '../../src/report/model/build.js';
import { documentNamer } from '../../src/report/names.js';
import { exhibitOrder, formatExhibits } from '../../src/report/exhibits.js';
import { BUILTIN_CATEGORIES } from '../../src/rules/categories.js';
import type { DocumentEntry, Finding, Report } from '../../src/types.js';

const names = new Map(BUILTIN_CATEGORIES.map((c) => [c.id, c]));
let report: Report;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tenderscan-exhibits-'));
  writeFileSync(join(dir, 'corrupt.pdf'), '%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R\n%%EOF\n');
  // A piece without findings, first in the input order: it must come after the CCTP.
  writeFileSync(join(dir, 'RC.txt'), 'Règlement de la consultation\nLot n° 1 : Plateforme | *partagée*\n');
  const inputs = [
    { path: 'dossier/A-RC.txt', file: join(dir, 'RC.txt') },
    { path: 'dossier/CCTP.pdf', file: join(ROOT, 'fixtures/sample/cctp-observatoire-tranquillite.pdf') },
    { path: 'dossier/corrupt.pdf', file: join(dir, 'corrupt.pdf') },
  ];
  const rules = loadRuleSet();
  const results = [];
  for (const input of inputs) results.push(await analyseFile(input, rules));
  // Metadata as an office file states them, a title that tries to be a link among them.
  results[0].entry.metadata = { title: 'RC [brouillon](javascript:x)', modificationDate: '2026-03-01T08:00:00Z' };
  report = buildReport(results.map((r) => r.entry), results.flatMap((r) => r.findings), { hash: rules.hash, files: rules.files }, new Date('2026-11-28T12:00:00Z'), undefined, results.flatMap((r) => r.fusion ?? []));
});

describe('the list of exhibits', () => {
  it.each(['fr', 'en'] as const)('is what the golden file holds (%s)', async (language) => {
    const text = formatExhibits(report, { language, categoryName: (id, lang = language) => names.get(id)?.[lang] ?? id, documentName: documentNamer(report.documents.map((d) => d.path)) });
    expect(text).not.toContain(ROOT);
    expect(text).not.toContain('[brouillon](javascript');
    await expect(text).toMatchFileSnapshot(`golden/exhibits.${language}.md`);
  });

  it('numbers the documents by their first cited finding, crossings first, then the others', () => {
    expect(exhibitOrder(report).map((d) => d.path)).toEqual(['dossier/CCTP.pdf', 'dossier/A-RC.txt', 'dossier/corrupt.pdf']);
    const doc = (path: string): DocumentEntry => ({ path, sha256: null, size: 1, pageCount: 1, status: 'ok', pagesWithoutText: [], failedPages: [], runningLines: [], language: 'fr' });
    const finding = { document: 'a.pdf', page: 1 } as Finding;
    const order = exhibitOrder({
      documents: [doc('a.pdf'), doc('b.pdf'), doc('c.pdf')],
      findings: [finding, { ...finding, document: 'c.pdf' }],
      fusion: [{ ...report.fusion[0], document: 'c.pdf' }],
    });
    expect(order.map((d) => d.path)).toEqual(['c.pdf', 'a.pdf', 'b.pdf']);
  });
});
