// Nothing a document or a file name carries may drive the terminal, forge a report line, reorder
// a quotation or become live markup: every human format shows controls as escapes.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_CATEGORIES } from '../../src/rules/categories.js';
import { parsePdfDate } from '../../src/extract/pdf.js';
import { buildReport, isoDateOrNull } from '../../src/report/model/build.js';
import { escapeCsvCell, escapeHtml, escapeMarkdown, escapeTerminal } from '../../src/report/escape.js';
import { loadFormatter, type FormatOptions } from '../../src/report/formats/index.js';
import { jsonlDocument } from '../../src/report/formats/jsonl.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { analyseFile } from '../../src/engine/document.js';
import { tenderscan } from '../helpers/cli.js';
import { unicodeTextPdf } from '../helpers/raw-pdf.js';
import type { DocumentEntry } from '../../src/types.js';

const ESC = '\u001b';
const CLEAR = `${ESC}[2J${ESC}[H`;
const LINK = (url: string, text: string) => `${ESC}]8;;${url}\u0007${text}${ESC}]8;;\u0007`;
const HIDDEN = `${ESC}[8mhidden${ESC}[0m`;
const RLO = '\u202e';
/** A newline in a file name that would print a report line of its own. */
const FORGED_NAME = 'dossier/a\nFAKE: 0 findings\n.pdf';
const XSS = '<img src=x onerror=alert(1)>';

/** Every character that must never reach a human format raw (CSV rows end with CR LF). */
const RAW_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const names = new Map(BUILTIN_CATEGORIES.map((c) => [c.id, c]));
const options: FormatOptions = { color: false, explain: false, language: 'en', categoryName: (id, lang = 'en') => names.get(id)?.[lang] ?? id };
// The terminal's evidence in full: the document's metadata (its title) is shown only then.
const format = async (name: string, report: ReturnType<typeof buildReport>) => (await loadFormatter(name))!(report, { ...options, evidence: 'full' });

describe('one escaping function per format', () => {
  it('shows controls, bidirectional marks and hidden tag characters as escapes in the terminal', () => {
    expect(escapeTerminal(`${CLEAR}a\nb\tc${RLO}d\u2066e\u200fg\u061c`)).toBe('\\x1b[2J\\x1b[Ha\\nb\\tc\\u202ed\\u2066e\\u200fg\\u061c');
    expect(escapeTerminal('tag \u{E0041}\u{E0042}')).toBe('tag \\u{e0041}\\u{e0042}');
    expect(escapeTerminal('\u0085\u009b31m')).toBe('\\x85\\x9b31m');
    // Ordinary text, accents, emoji and right-to-left letters pass untouched.
    expect(escapeTerminal('Caméras « vidéo » — 😀 مرحبا')).toBe('Caméras « vidéo » — 😀 مرحبا');
  });

  it('escapes Markdown so that nothing becomes HTML, a link, a heading, math or a citation', () => {
    const md = escapeMarkdown(`${XSS} [a](javascript:x) \`code\` $x$ ^s^ @ref ![i] {.c} &amp; ${RLO}`);
    expect(md).not.toMatch(/<|>|\[a\]\(|[^\\]`|[^\\]\$/);
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(md).toContain('&amp;amp;');
    expect(md).toContain('\\u202e');
    expect(escapeMarkdown('# title')).toBe('\\# title');
    expect(escapeMarkdown('1. item')).toBe('1\\. item');
    expect(escapeMarkdown('- item')).toBe('\\- item');
  });

  it('escapes HTML and neutralises CSV formulas after showing controls', () => {
    expect(escapeHtml(`${XSS}${RLO}`)).toBe('&lt;img src=x onerror=alert(1)&gt;\\u202e');
    expect(escapeCsvCell(`=1+1${ESC}`)).toBe("'=1+1\\x1b");
    expect(escapeCsvCell('\tx')).toBe('\\tx');
    expect(escapeCsvCell('a\nb')).toBe('a\\nb');
    expect(escapeCsvCell(`a${RLO}b`)).toBe('a\\u202eb');
  });
});

describe('PDF dates', () => {
  it.each([
    ["D:20230504102030+02'00'", '2023-05-04T10:20:30+02:00'],
    ["D:20230504102030-05'30", '2023-05-04T10:20:30-05:30'],
    ['D:20230504102030Z', '2023-05-04T10:20:30Z'],
    ["D:20230504102030Z00'00'", '2023-05-04T10:20:30Z'],
    ['D:2023', '2023-01-01T00:00:00Z'],
    ['20230504', '2023-05-04T00:00:00Z'],
  ])('parses %s', (raw, iso) => expect(parsePdfDate(raw)).toBe(iso));

  it.each([`D:2024${XSS}`, 'D:20231304', 'D:20230230', 'D:20230504250000', 'yesterday', '', "D:20230504102030+25'00'"])('turns %s into null', (raw) => {
    expect(parsePdfDate(raw)).toBeNull();
  });

  it('are ISO 8601 or null in JSON and JSON Lines, whatever wrote the entry (an older cache, a shard)', async () => {
    expect(isoDateOrNull('2023-05-04T10:20:30+02:00')).toBe('2023-05-04T10:20:30+02:00');
    expect(isoDateOrNull(XSS)).toBeNull();
    const entry: DocumentEntry = {
      path: 'a.pdf', sha256: null, size: 1, pageCount: 1, status: 'ok', pagesWithoutText: [], failedPages: [], runningLines: [], language: null,
      metadata: { title: 't', creationDate: `D:2024${XSS}`, modificationDate: '2023-05-04T10:20:30Z' },
    };
    const report = buildReport([entry], [], { hash: 'x', files: [] });
    expect(JSON.parse(await format('json', report)).documents[0].metadata).toEqual({ title: 't', creationDate: null, modificationDate: '2023-05-04T10:20:30Z' });
    // scan --format jsonl writes each entry as it comes, without buildReport.
    const end = jsonlDocument(entry, [], false).split('\n').find((l) => l.startsWith('{"type":"end"'))!;
    expect(JSON.parse(end).data.document.metadata.creationDate).toBeNull();
  });
});

describe('a hostile PDF in a hostile file name', () => {
  const folder = mkdtempSync(join(tmpdir(), 'tenderscan-forgery-'));
  mkdirSync(join(folder, 'dossier'));
  const pdfPath = join(folder, FORGED_NAME);
  writeFileSync(
    pdfPath,
    unicodeTextPdf(
      [`${CLEAR}Les caméras de vidéoprotection ${LINK('https://evil.example/', 'sont reliées au CSU')}.`, `${HIDDEN} Fin de la fiche.`],
      { Title: `${XSS} ${RLO}txet`, Author: `Mairie${ESC}]0;owned${ESC}\\`, CreationDate: `D:2024${XSS}`, ModDate: "D:20230504102030+02'00'" },
    ),
  );

  it('is quoted verbatim in JSON, with dates ISO 8601 or null, and escaped in every human format', async () => {
    const result = await analyseFile(pdfPath, loadRuleSet());
    expect(result.entry.status).toBe('ok');
    // The test input really carries the controls through extraction.
    expect(result.findings.some((f) => f.excerpt.includes(ESC))).toBe(true);
    expect(result.entry.metadata?.title).toContain(RLO);
    const report = buildReport([{ ...result.entry, path: FORGED_NAME }], result.findings.map((f) => ({ ...f, document: FORGED_NAME })), { hash: 'x', files: [] });
    const json = JSON.parse(await format('json', report));
    expect(json.documents[0].metadata.creationDate).toBeNull();
    expect(json.documents[0].metadata.modificationDate).toBe('2023-05-04T10:20:30+02:00');

    for (const name of ['terminal', 'markdown', 'html', 'csv']) {
      const out = await format(name, report);
      expect(out, name).not.toMatch(RAW_CONTROL);
      expect(out, name).not.toMatch(/^FAKE/m);
      // pdf.js drops bidirectional controls from page text; the title keeps its RLO (not in CSV).
      if (name !== 'csv') expect(out, name).toContain('\\u202e');
      // Markdown doubles the backslash, which renders as one.
      const shown = { csv: ']8;;https://evil.example/\\x07sont reliées', markdown: 'a\\\\nFAKE: 0 findings\\\\n.pdf' }[name] ?? 'a\\nFAKE: 0 findings\\n.pdf';
      expect(out, name).toContain(shown);
    }
    for (const name of ['markdown', 'html']) expect(await format(name, report), name).not.toMatch(/<img|onerror=alert\(1\)>/);
  });

  it('prints the terminal report and stderr notices with visible escapes (CLI)', () => {
    // A second input that fails, so that its name appears in a stderr notice too.
    writeFileSync(join(folder, `dossier/b${CLEAR}\nFAKE: ok.pdf`), 'not a PDF at all');
    const r = tenderscan(['scan', '--no-cache', join(folder, 'dossier')]);
    expect(r.code).toBe(3);
    for (const stream of [r.stdout, r.stderr]) {
      expect(stream).not.toMatch(RAW_CONTROL);
      expect(stream).not.toMatch(/^FAKE/m);
    }
    expect(r.stdout).toContain('a\\nFAKE: 0 findings\\n.pdf');
    expect(r.stdout).toContain('\\x1b[2J\\x1b[HLes caméras de vidéoprotection');
    expect(r.stderr).toContain('b\\x1b[2J\\x1b[H\\nFAKE: ok.pdf: UNSUPPORTED');
  });
});
