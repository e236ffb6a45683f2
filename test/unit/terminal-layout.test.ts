// The terminal report answers first where a person looks: the summary comes last, the evidence
// is one line per document (unless --evidence full), long names are cut in the middle in the
// table (never broken letter by letter), and --summary prints the dossier summary alone.
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/model/build.js';
import { formatTerminal, shortenMiddle } from '../../src/report/formats/terminal.js';
import type { FormatOptions } from '../../src/report/formats/meta.js';
import { ownReportFormat } from '../../src/sources/own-report.js';
import type { DocumentEntry, Finding } from '../../src/types.js';

const LONG = 'DCE-2026-0042_Ville-de-Port-Sauvan_Observatoire-tranquillite-publique_CCTP-lot-1-plateforme.pdf';
const excerpt = 'La plateforme reçoit les flux des caméras de la ville.';
const finding = (document: string, page: number): Finding => ({
  document, page, pageLabel: String(page), section: null, sectionNumber: null, category: 'video-surveillance', rule: 'fr.video-surveillance.cameras',
  matched: 'caméras', excerpt, start: excerpt.indexOf('caméras'), end: excerpt.indexOf('caméras') + 7, excerptStart: 0, excerptEnd: excerpt.length,
  negated: false, modality: 'asserted', language: 'fr', source: 'text',
});
const entry = (path: string): DocumentEntry => ({
  path, sha256: 'ab'.repeat(32), size: 1234, pageCount: 9, status: 'ok', pagesWithoutText: [], failedPages: [], runningLines: [], language: 'fr',
  metadata: { title: 'Cahier des clauses techniques', producer: 'Word' },
});
const report = buildReport([entry(`dossier/${LONG}`), entry('dossier/RC.pdf')], [finding(`dossier/${LONG}`, 3), finding('dossier/RC.pdf', 2)], { hash: '0123456789abcdef', files: [] }, new Date('2026-11-28T12:00:00Z'));
const options = (over: Partial<FormatOptions> = {}): FormatOptions => ({ color: false, explain: false, language: 'en', categoryName: (id) => id, width: 80, ...over });

describe('the terminal report', () => {
  const text = formatTerminal(report, options());
  const lines = text.trimEnd().split('\n');

  it('ends with the summary and its table', () => {
    expect(text.indexOf('Summary:')).toBeGreaterThan(text.indexOf('Evidence'));
    expect(text.indexOf('Summary:')).toBeGreaterThan(text.indexOf(excerpt.slice(0, 20)));
    expect(lines.at(-1)).toMatch(/^└─+┴/);
  });

  it('gives one evidence line per document, the whole hash and metadata with --evidence full', () => {
    const evidence = text.slice(text.indexOf('Evidence'), text.indexOf('Summary:'));
    expect(evidence).toContain('  RC.pdf · sha256 abababababab · 1234 bytes · 9 pages\n');
    expect(evidence).not.toContain('ab'.repeat(32));
    expect(evidence).not.toContain('Cahier des clauses');
    for (const line of evidence.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    const full = formatTerminal(report, options({ evidence: 'full' }));
    expect(full.replace(/\n\s+/g, ' ')).toContain(`SHA-256 ${'ab'.repeat(32)}`);
    expect(full).toContain('Title: Cahier des clauses techniques');
  });

  it('cuts long names in the middle in the table, within 80 columns', () => {
    const table = lines.slice(lines.findIndex((l) => l.startsWith('┌')));
    for (const line of table) expect([...line].length).toBeLessThanOrEqual(80);
    const cell = table.find((l) => l.includes('…'));
    expect(cell).toMatch(/│ DCE-2026[^│]*…[^│]*plateforme\.pdf: 3 +│$/);
    expect(shortenMiddle('abcdefghij.pdf', 10)).toBe('abcd…j.pdf');
    expect(shortenMiddle('short.pdf', 20)).toBe('short.pdf');
  });

  it('--summary prints the dossier summary alone, still recognised as a report of ours', () => {
    const summary = formatTerminal(report, options({ summaryOnly: true }));
    expect(summary.startsWith('Summary: 2 findings')).toBe(true);
    expect(summary).not.toContain(excerpt.slice(0, 20));
    expect(summary).not.toContain('Evidence');
    expect(summary).toContain('┌');
    expect(ownReportFormat(summary)).toBe('terminal');
    expect(ownReportFormat(text)).toBe('terminal');
  });
});
