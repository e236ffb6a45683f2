// One citation in every format: the printed page label first, the PDF page when they differ
// (a PDF whose pages 1 and 2 both print "1" must never be cited "p. 1" in one place and "2" in another).
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/model/build.js';
import { pageCitation, pageList } from '../../src/report/i18n.js';
import { FORMAT_NAMES, loadFormatter, type Formatter, type FormatOptions } from '../../src/report/formats/index.js';
import { BUILTIN_CATEGORIES } from '../../src/rules/categories.js';
import type { DocumentEntry, Finding } from '../../src/types.js';

const FORMATTERS: Record<string, Formatter> = Object.fromEntries(await Promise.all(FORMAT_NAMES.map(async (name) => [name, (await loadFormatter(name))!])));

const excerpt = 'La plateforme reçoit les flux des caméras de la ville.';
const finding: Finding = {
  document: 'requete.pdf', page: 2, pageLabel: '1', section: null, sectionNumber: null,
  category: 'video-surveillance', rule: 'fr.video-surveillance.cameras', matched: 'caméras', excerpt,
  start: excerpt.indexOf('caméras'), end: excerpt.indexOf('caméras') + 7, excerptStart: 0, excerptEnd: excerpt.length,
  negated: false, modality: 'asserted', language: 'fr', source: 'text', id: 'f3a9c2d1e0',
};
const doc: DocumentEntry = { path: 'requete.pdf', sha256: 'ab'.repeat(32), size: 1000, pageCount: 3, status: 'ok', pagesWithoutText: [], failedPages: [], runningLines: [], language: 'fr' };
const report = buildReport([doc], [finding], { hash: '0123456789abcdef', files: [] }, new Date('2026-11-28T12:00:00Z'));
const names = new Map(BUILTIN_CATEGORIES.map((c) => [c.id, c]));
const options = (language: 'fr' | 'en'): FormatOptions => ({
  color: false, explain: false, language, categoryName: (id, lang = language) => names.get(id)?.[lang] ?? id,
  pageLink: (document, page) => `${document}#page=${page}`,
});

describe('pageCitation', () => {
  it('gives the label alone when it is the PDF page number, both when they differ', () => {
    expect(pageCitation(5, '5', 'en')).toBe('p. 5');
    expect(pageCitation(5, undefined, 'fr')).toBe('p. 5');
    expect(pageCitation(2, '1', 'en')).toBe('p. 1 (PDF p. 2)');
    expect(pageCitation(2, '1', 'fr')).toBe('p. 1 (p. 2 du PDF)');
    expect(pageCitation(3, 'iii', 'en')).toBe('p. iii (PDF p. 3)');
  });
});

describe('pageList', () => {
  const labels: Record<number, string> = { 1: 'i', 2: 'ii', 3: '1', 4: '2', 5: '3', 7: '5', 9: '9', 10: '10' };
  it('keeps ranges, and shows the PDF pages beside labels that differ', () => {
    expect(pageList([9, 10, 3, 4, 5, 7, 1], (p) => labels[p], 'en')).toBe('i (PDF p. 1), 1-3 (PDF p. 3-5), 5 (PDF p. 7), 9-10');
    expect(pageList([4], (p) => labels[p], 'fr')).toBe('2 (p. 4 du PDF)');
    expect(pageList([3, 4, 5, 9], () => undefined, 'en')).toBe('3-5, 9');
  });
});

describe('a page whose printed label is not its PDF page', () => {
  it.each([
    ['terminal', 'fr', 'p. 1 (p. 2 du PDF)'],
    ['terminal', 'en', 'p. 1 (PDF p. 2)'],
    ['markdown', 'fr', 'requete.pdf, p. 1 (p. 2 du PDF)'],
    ['html', 'en', 'requete.pdf, p. 1 (PDF p. 2)'],
    ['csv', 'en', 'requete.pdf, p. 1 (PDF p. 2)'],
    ['json', 'en', '"citation": "requete.pdf, p. 1 (PDF p. 2)"'],
  ])('is cited with both in %s (%s)', (format, language, expected) => {
    expect(FORMATTERS[format](report, options(language as 'fr' | 'en'))).toContain(expected);
  });

  it('is never a bare PDF page number in the summaries', () => {
    const terminal = FORMATTERS.terminal(report, options('en'));
    const table = terminal.slice(terminal.indexOf('Category'));
    expect(table).toMatch(/│ 1 \(PDF p\. 2\)/);
    expect(FORMATTERS.markdown(report, options('en'))).toContain('1 (p. 1 (PDF p. 2))');
    expect(FORMATTERS.html(report, options('en'))).toContain('<small>p. 1 (PDF p. 2)</small>');
  });

  it('links to the PDF page in HTML and keeps both fields in JSON', () => {
    expect(FORMATTERS.html(report, options('en'))).toContain('href="requete.pdf#page=2"');
    const json = JSON.parse(FORMATTERS.json(report, options('en')));
    expect(json.findings[0]).toMatchObject({ page: 2, pageLabel: '1' });
  });
});
