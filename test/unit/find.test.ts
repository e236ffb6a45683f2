// `tenderscan find`: the matcher (folding, words, positions, regular expressions) and the
// lines it prints, on page text built here, and the engine's search of a real PDF and DOCX.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { findExitCode } from '../../src/commands/find.js';
import { analyseFile } from '../../src/engine/document.js';
import { compileRules, loadCheckedPacks } from '../../src/rules/load.js';
import { findLines, jsonMatches, NO_PAINT, searchPlace } from '../../src/report/find.js';
import { compileSearch, findMatches, searchPage } from '../../src/text/search.js';
import type { Page, SearchQuery } from '../../src/types.js';
import { makePdf } from '../helpers/pdf.js';
import { docxOfParagraphs, makeXlsx } from '../helpers/office.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const query = (pattern: string, options: Partial<SearchQuery> = {}): SearchQuery => ({ pattern, regexp: false, ignoreCase: false, word: false, strictAccents: false, ...options });

/** The matched substrings of `text`, taken from the original text by the offsets returned. */
async function found(text: string, pattern: string, options: Partial<SearchQuery> = {}): Promise<string[]> {
  const search = await compileSearch(query(pattern, options));
  return findMatches(text, search).map((m) => text.slice(m.start, m.end));
}

/** A page of lines as the extractors give them: text joined by "\n", offsets into it. */
function pageOf(lines: string[], extra: Partial<Page> = {}): Page {
  let at = 0;
  const built = lines.map((text, i) => {
    const line = { number: i + 1, start: at, end: at + text.length, text };
    at += text.length + 1;
    return line;
  });
  return { number: 1, text: lines.join('\n'), lines: built, ...extra };
}

describe('find: folding', () => {
  it('finds accented words from a pattern without accents, and prints the original text', async () => {
    expect(await found('Les caméras et la vidéoprotection', 'camera')).toEqual(['caméra']);
    expect(await found('Les caméras', 'caméra')).toEqual(['caméra']);
    expect(await found('LES CAMÉRAS', 'camera')).toEqual([]);
    expect(await found('LES CAMÉRAS', 'camera', { ignoreCase: true })).toEqual(['CAMÉRA']);
  });

  it('is case-sensitive unless -i', async () => {
    expect(await found('Briefcam, BRIEFCAM, briefcam', 'Briefcam')).toEqual(['Briefcam']);
    expect(await found('Briefcam, BRIEFCAM, briefcam', 'Briefcam', { ignoreCase: true })).toEqual(['Briefcam', 'BRIEFCAM', 'briefcam']);
  });

  it('--strict-accents: an accent counts', async () => {
    expect(await found('Les caméras, les cameras', 'camera', { strictAccents: true })).toEqual(['camera']);
    expect(await found('Les caméras, les cameras', 'caméra', { strictAccents: true })).toEqual(['caméra']);
  });

  it('maps positions back across ligatures, decomposed accents and typographic apostrophes', async () => {
    expect(await found('mise en Œuvre', 'oeuvre', { ignoreCase: true })).toEqual(['Œuvre']);
    // "é" written as e + U+0301: the accent is part of the match.
    expect(await found('les came\u0301ras', 'camera')).toEqual(['came\u0301ra']);
    expect(await found('l’État', "l'Etat")).toEqual(['l’État']);
    // A soft hyphen inside a word does not stop it.
    expect(await found('vidéo\u00adprotection', 'videoprotection')).toEqual(['vidéo\u00adprotection']);
  });

  it('a literal phrase matches across a line break and runs of spaces', async () => {
    expect(await found('dispositif de reconnaissance\nfaciale ni', 'reconnaissance faciale')).toEqual(['reconnaissance\nfaciale']);
    expect(await found('reconnaissance   faciale', 'reconnaissance faciale')).toEqual(['reconnaissance   faciale']);
    expect(await found('reconnaissance \u00a0\t faciale', 'reconnaissance faciale')).toEqual(['reconnaissance \u00a0\t faciale']);
  });

  it('keeps offsets right after characters of two UTF-16 units and expanding ligatures', async () => {
    expect(await found('📷 œil 📷 Briefcam', 'Briefcam')).toEqual(['Briefcam']);
    expect(await found('ﬁchier des ﬁchiers', 'fichiers')).toEqual(['ﬁchiers']);
  });
});

describe('find: whole words (-w)', () => {
  it('a literal must stand between non-word characters', async () => {
    expect(await found('LAPI, lapin, LAPIS et LAPI.', 'LAPI', { word: true })).toEqual(['LAPI', 'LAPI']);
    // An accented letter is a word character: "cam" is not a word in "caméra".
    expect(await found('caméra cam', 'cam', { word: true })).toEqual(['cam']);
    expect(await found('caméra cam', 'cam', { word: true, strictAccents: true })).toEqual(['cam']);
  });

  it('a regular expression too, and two words one space apart both match', async () => {
    expect(await found('LAPI LAPI LAPIS', 'LAPI', { word: true, regexp: true })).toEqual(['LAPI', 'LAPI']);
    expect(await found('drone drones droneur', 'drones?', { word: true, regexp: true })).toEqual(['drone', 'drones']);
    expect(await found('Drone\ndrones', '^dron', { regexp: true, ignoreCase: true })).toEqual(['Dron', 'dron']);
  });
});

describe('find: regular expressions', () => {
  it('are folded outside their escapes', async () => {
    expect(await found('vidéo-protection, vidéoprotection', 'vid[ée]o-?protection', { regexp: true })).toEqual(['vidéo-protection', 'vidéoprotection']);
    expect(await found('Caméra 12', '\\W\\d+', { regexp: true })).toEqual([' 12']);
  });

  it('refuses what cannot run in linear time, an invalid pattern and an empty match, with the reason', async () => {
    await expect(compileSearch(query('(a)\\1', { regexp: true }))).rejects.toThrow(/backreferences and lookaround/);
    await expect(compileSearch(query('camera(?=s)', { regexp: true }))).rejects.toThrow(UsageError);
    await expect(compileSearch(query('cam[', { regexp: true }))).rejects.toThrow(/--regexp "cam\["/);
    await expect(compileSearch(query('x*', { regexp: true }))).rejects.toThrow(/empty string/);
    await expect(compileSearch(query(''))).rejects.toThrow(/empty/);
    await expect(compileSearch(query('\u00ad'))).rejects.toThrow(/nothing to search/);
  });

  it('a pattern that backtracks catastrophically in JavaScript takes linear time', async () => {
    const text = 'a'.repeat(100_000) + 'c';
    const started = performance.now();
    expect(await found(text, '(a+)+b', { regexp: true })).toEqual([]);
    expect(await found(text, '(\\w*)*\\w*\\w*b', { regexp: true })).toEqual([]);
    // A backtracking engine takes longer than the age of the universe on either.
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('find: hits on a page', () => {
  it('gives line numbers, the page label, context lines, and one hit for a match across two lines', async () => {
    const page = pageOf(['Article 3', 'Le système de reconnaissance', 'faciale est exclu.', 'Fin', 'Autre'], { number: 2, label: '1' });
    const [hit] = searchPage(page, await compileSearch(query('reconnaissance faciale')), 1);
    expect(hit).toMatchObject({ page: 2, pageLabel: '1', line: 2, lastLine: 3, text: 'Le système de reconnaissance\nfaciale est exclu.' });
    expect(hit.before).toEqual([{ line: 1, text: 'Article 3' }]);
    expect(hit.after).toEqual([{ line: 4, text: 'Fin' }]);
    const lines = findLines('CCTP.pdf', [hit], { language: 'en', paint: NO_PAINT, context: true });
    expect(lines).toEqual([
      'CCTP.pdf-p. 1 (PDF p. 2)-1- Article 3',
      'CCTP.pdf:p. 1 (PDF p. 2):2: Le système de reconnaissance faciale est exclu.',
      'CCTP.pdf-p. 1 (PDF p. 2)-4- Fin',
    ]);
  });

  it('does not print a context line twice, and parts blocks that do not touch with --', async () => {
    const page = pageOf(['drone 1', 'b', 'drone 2', 'c', 'd', 'e', 'drone 3']);
    const hits = searchPage(page, await compileSearch(query('drone')), 1);
    expect(findLines('a.pdf', hits, { language: 'en', paint: NO_PAINT, context: true })).toEqual([
      'a.pdf:p. 1:1: drone 1',
      'a.pdf-p. 1-2- b',
      'a.pdf:p. 1:3: drone 2',
      'a.pdf-p. 1-4- c',
      '--',
      'a.pdf-p. 1-6- e',
      'a.pdf:p. 1:7: drone 3',
    ]);
  });

  it('cites the page as the citation does, in English and French', () => {
    expect(searchPlace({ page: 3, pageLabel: '3' }, 'en')).toBe('p. 3');
    expect(searchPlace({ page: 3, pageLabel: 'ii' }, 'en')).toBe('p. ii (PDF p. 3)');
    expect(searchPlace({ page: 3, pageLabel: 'ii' }, 'fr')).toBe('p. ii (p. 3 du PDF)');
    expect(searchPlace({ page: 1, pageLabel: '1', location: { kind: 'sheet-row', sheet: 'Lot 1', row: 4, column: 'B' } }, 'en')).toBe('sheet "Lot 1", row 4, column "B"');
  });

  it('escapes control characters of names and text, and keeps the matches painted where they are', async () => {
    const page = pageOf(['x\u001b[31m Briefcam \u202eend']);
    const hits = searchPage(page, await compileSearch(query('Briefcam')));
    const paint = { ...NO_PAINT, match: (s: string) => `[${s}]` };
    expect(findLines('evil\nname.pdf', hits, { language: 'en', paint, context: false })).toEqual(['evil\\nname.pdf:p. 1:1: x\\x1b[31m [Briefcam] \\u202eend']);
  });

  it('--json: one object per match with stable fields', async () => {
    const page = pageOf(['intro', 'deux LAPI et une LAPI'], { label: 'iv' });
    const hits = searchPage(page, await compileSearch(query('lapi', { ignoreCase: true })));
    const rows = jsonMatches({ path: 'd/CCTP.pdf', sha256: 'ab' }, hits).map((l) => JSON.parse(l));
    expect(rows).toEqual([
      { type: 'match', document: 'd/CCTP.pdf', sha256: 'ab', page: 1, pageLabel: 'iv', line: 2, column: 6, match: 'LAPI', text: 'deux LAPI et une LAPI', start: 11, end: 15, source: 'text' },
      { type: 'match', document: 'd/CCTP.pdf', sha256: 'ab', page: 1, pageLabel: 'iv', line: 2, column: 18, match: 'LAPI', text: 'deux LAPI et une LAPI', start: 23, end: 27, source: 'text' },
    ]);
  });
});

describe('find: through the engine', () => {
  const rules = compileRules(loadCheckedPacks([]));
  const dir = mkdtempSync(join(tmpdir(), 'tenderscan-find-'));

  it('searches a PDF page by page, not analysing it', async () => {
    const pdf = join(dir, 'cctp.pdf');
    writeFileSync(pdf, await makePdf([{ lines: ['Sommaire'] }, { lines: ['Article 2', 'Logiciel Briefcam pour les cameras.'] }]));
    const result = await analyseFile(pdf, rules, { search: { query: query('briefcam', { ignoreCase: true }), context: 0 } });
    expect(result.findings).toEqual([]);
    expect(result.entry.status).toBe('ok');
    expect(result.hits?.map((h) => [h.page, h.line, h.text])).toEqual([[2, 2, 'Logiciel Briefcam pour les cameras.']]);
  });

  it('cites a DOCX by paragraph and a spreadsheet by sheet, row and column', async () => {
    const docx = join(dir, 'rc.docx');
    writeFileSync(docx, docxOfParagraphs(['Règlement', 'Le candidat décrit la LAPI proposée.']));
    const inDocx = await analyseFile(docx, rules, { search: { query: query('LAPI'), context: 0 } });
    expect(inDocx.hits?.map((h) => searchPlace(h, 'en'))).toEqual(['¶ 2']);
    const xlsx = join(dir, 'bpu.xlsx');
    writeFileSync(xlsx, makeXlsx([{ name: 'Lot 1', rows: [['Désignation', 'Quantité', 'Marque'], ['Caméra dôme', 12, 'Briefcam']] }]));
    const inSheet = await analyseFile(xlsx, rules, { search: { query: query('Briefcam'), context: 0 } });
    expect(inSheet.hits?.map((h) => searchPlace(h, 'en'))).toEqual(['sheet "Lot 1", row 2, column "Marque"']);
  });
});

describe('find: exit codes', () => {
  it('0 found, 1 not found, 3 a document not read, or nothing found while pages were not read', () => {
    expect(findExitCode({ found: true, failed: 0, unread: 0 })).toBe(0);
    expect(findExitCode({ found: false, failed: 0, unread: 0 })).toBe(1);
    expect(findExitCode({ found: true, failed: 1, unread: 0 })).toBe(3);
    // The pattern may be on a scanned page nobody read: "not found" would be a false answer.
    expect(findExitCode({ found: false, failed: 0, unread: 1 })).toBe(3);
    expect(findExitCode({ found: true, failed: 0, unread: 1 })).toBe(0);
  });
});
