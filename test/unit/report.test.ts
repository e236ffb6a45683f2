// Formatters on a hand-built report: every format cites, escapes document text, shows fusion
// first, and speaks French or English.
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/model/build.js';
import { filterReport } from '../../src/report/model/filter.js';
import { escapeCsvCell as csvCell } from '../../src/report/escape.js';
import { citation } from '../../src/report/i18n.js';
import { FORMAT_NAMES, loadFormatter, type Formatter, type FormatOptions } from '../../src/report/formats/index.js';
import { BUILTIN_CATEGORIES } from '../../src/rules/categories.js';
import type { DocumentEntry, Finding } from '../../src/types.js';

const FORMATTERS: Record<string, Formatter> = Object.fromEntries(await Promise.all(FORMAT_NAMES.map(async (name) => [name, (await loadFormatter(name))!])));

const EVIL = '<script>alert(1)</script> [x](javascript:alert(2)) | pipe =HYPERLINK("http://x")';

function finding(over: Partial<Finding>): Finding {
  const excerpt = over.excerpt ?? 'La plateforme reçoit les flux des caméras de la ville.';
  const matched = over.matched ?? 'caméras';
  const start = excerpt.indexOf(matched);
  return {
    document: 'dossier/CCTP.pdf', page: 22, pageLabel: '22', section: 'Article 2 – Sources de données', sectionNumber: '2.3',
    category: 'video-surveillance', rule: 'fr.video-surveillance.cameras', matched, excerpt, start, end: start + matched.length,
    excerptStart: 0, excerptEnd: excerpt.length, negated: false, modality: 'asserted', language: 'fr', source: 'text', ...over,
  };
}

const doc: DocumentEntry = {
  path: 'dossier/CCTP.pdf', sha256: 'ab'.repeat(32), size: 123456, pageCount: 25, status: 'ok', pagesWithoutText: [25],
  failedPages: [], runningLines: [], language: 'fr',
  metadata: { title: 'CCTP | test', author: 'Ville', producer: 'Word', creationDate: '2026-03-02T09:00:00Z', modificationDate: '2026-03-03T10:00:00Z' },
};
const broken: DocumentEntry = { path: 'dossier/scan.pdf', sha256: null, size: null, pageCount: 0, status: 'error', error: { code: 'ENCRYPTED', message: 'needs a password: use --password' }, pagesWithoutText: [], failedPages: [], runningLines: [], language: null };

const findings = [
  finding({}),
  finding({ category: 'social-media', matched: 'Twitter', excerpt: `Analyse de Twitter ${EVIL}`, rule: 'fr.social-media.platforms' }),
  finding({ category: 'biometrics', matched: 'reconnaissance faciale', excerpt: 'Aucune reconnaissance faciale.', negated: true, page: 14, pageLabel: '14' }),
  finding({ category: 'audio-sensors', matched: 'capteurs sonores', excerpt: 'En option, des capteurs sonores.', modality: 'optional', page: 16, pageLabel: '16', source: 'ocr', ocrConfidence: 87.5 }),
];
const report = buildReport([doc, broken], findings, { hash: '0123456789abcdef', files: ['builtin:fr/x.yaml'] }, new Date('2026-11-28T12:00:00Z'), undefined, [
  {
    document: 'dossier/CCTP.pdf', page: 17, pageLabel: '17', section: 'Article 14 – Croisement', sectionNumber: '14', categories: ['police-records', 'video-surveillance'], cue: 'croisement', excerpt: `Le croisement des flux ${EVIL}`,
    explain: {
      verb: 'croisement',
      sources: [{ category: 'police-records', words: ['mains courantes'] }, { category: 'video-surveillance', words: ['flux vidéo'] }],
      passages: [{ document: 'dossier/CCTP.pdf', page: 17, pageLabel: '17', text: `Le croisement des flux ${EVIL}` }],
    },
  },
]);

const names = new Map(BUILTIN_CATEGORIES.map((c) => [c.id, c]));
const options = (language: 'fr' | 'en'): FormatOptions => ({ color: false, explain: false, language, categoryName: (id, lang = language) => names.get(id)?.[lang] ?? id });

describe('citations', () => {
  it('read "CCTP.pdf, p. 22 (art. 2.3)" in French, a paragraph for formats without pages', () => {
    expect(citation(findings[0], 'fr', 'CCTP.pdf')).toBe('CCTP.pdf, p. 22 (art. 2.3)');
    expect(citation(findings[0], 'en', 'CCTP.pdf')).toBe('CCTP.pdf, p. 22 (sec. 2.3)');
    expect(citation({ ...findings[0], document: 'd.zip!/a/b.docx', location: { paragraph: 14, heading: null }, sectionNumber: null }, 'fr', 'd.zip!/a/b.docx')).toBe('d.zip!/a/b.docx, § 14');
  });

  it.each(['terminal', 'json', 'markdown', 'html', 'csv'])('appear in the %s format', (format) => {
    // The terminal names the document once, in its heading, and each finding by its place.
    const expected = format === 'json' || format === 'csv' ? 'CCTP.pdf, p. 22 (sec. 2.3)' : format === 'terminal' ? '\n    p. 22 (art. 2.3)\n' : 'CCTP.pdf, p. 22 (art. 2.3)';
    expect(FORMATTERS[format](report, options('fr'))).toContain(expected);
  });
});

describe('every human-facing format', () => {
  it.each(['terminal', 'markdown', 'html'])('%s shows fusion first, the evidence block, and speaks French or English', (format) => {
    const fr = FORMATTERS[format](report, options('fr'));
    const en = FORMATTERS[format](report, options('en'));
    expect(fr.indexOf('Croisements de sources')).toBeGreaterThan(-1);
    // Before the findings of any document (Markdown puts the dossier summary above it).
    expect(fr.indexOf('Croisements de sources')).toBeLessThan(fr.indexOf(format === 'markdown' ? '## Document' : 'Vidéosurveillance'));
    expect(en).toContain('Crossing of data sources');
    expect(fr).toContain('Réseaux sociaux');
    expect(en).toContain('Social media');
    expect(fr).toContain('Éléments de preuve');
    expect(en).toContain('Evidence');
    // The terminal gives the whole SHA-256 with --evidence full (one line per document by default).
    expect(format === 'terminal' ? FORMATTERS[format](report, { ...options('fr'), evidence: 'full' }) : fr).toContain('ab'.repeat(32));
    expect(fr).toContain('0123456789abcdef');
    expect(fr).toContain('28 novembre 2026');
    expect(en).toContain('28 November 2026');
    expect(fr).toContain('ENCRYPTED');
  });
});

describe('text from documents is data', () => {
  it('HTML escapes it and forbids scripts and network with a CSP', () => {
    const html = FORMATTERS.html(report, options('en'));
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toMatch(/Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"/);
    expect(html).not.toMatch(/<link|<img|src="http|href="http/);
    expect(html).toContain('href="./dossier/CCTP.pdf#page=22"');
    expect(html).toContain('class="bar-row"');
  });

  it('Markdown escapes links, HTML and table pipes', () => {
    const md = FORMATTERS.markdown(report, options('en'));
    expect(md).not.toContain('[x](javascript');
    expect(md).toContain('\\[x\\](javascript:alert(2))');
    expect(md).not.toContain('<script>');
    expect(md).toContain('CCTP \\| test');
    const rows = md.split('\n').filter((l) => l.startsWith('| dossier') || l.startsWith('| CCTP'));
    // Rows of the documents table (5 columns) and of the evidence table (11): none broken by a pipe.
    expect(rows.map((row) => row.split(/(?<!\\)\|/).length).sort()).toEqual([13, 7]);
  });

  it('CSV follows RFC 4180 and neutralises formulas', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('a,b')).toBe('"a,b"');
    const csv = FORMATTERS.csv(report, options('fr'));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('document,page,page_label,section,category,rule,matched,excerpt,start,end,negated,modality,language,source,ocr_confidence,citation,sha256,id,review,review_comment,error_code,error_message,mention,kind,commitment,legal_notes');
    // The header, one row per finding, one for the unread page 25, one for the failed document, and the final line end.
    expect(lines).toHaveLength(findings.length + 4);
    expect(lines[findings.length + 1]).toMatch(/^dossier\/CCTP\.pdf,,25,,,tenderscan\.pages-not-read,,"1 page not read .*--ocr auto/);
    expect(lines[findings.length + 2]).toBe('dossier/scan.pdf,,,,,tenderscan.document-failed,,,,,,,,,,,,,,,ENCRYPTED,needs a password: use --password,,document,,');
    // --excel: the same bytes after a UTF-8 byte order mark.
    expect(FORMATTERS.csv(report, { ...options('fr'), excel: true })).toBe('\uFEFF' + csv);
    expect(csv).not.toMatch(/,=HYPERLINK/);
  });
});

describe('filters', () => {
  it('--only, --hide-negated and --min-modality asserted shape the findings and the summary', () => {
    expect(filterReport(report, { only: ['biometrics'] }).findings.map((f) => f.category)).toEqual(['biometrics']);
    expect(filterReport(report, { hideNegated: true }).findings.some((f) => f.negated)).toBe(false);
    const asserted = filterReport(report, { minModality: 'asserted' });
    expect(asserted.findings.some((f) => f.modality === 'optional')).toBe(false);
    expect(asserted.summary.byCategory['audio-sensors']).toBeUndefined();
  });
});

describe('JSON', () => {
  // The CLI renders each document's findings as the document arrives and assembles the bytes at
  // the end: whatever was prepared, filtered away or never prepared, the bytes are formatJson's.
  const other = findings.map((f) => ({ ...f, document: 'dossier/RC.pdf', explain: { rule: f.rule, unless: [] } as unknown as Finding['explain'] }));
  // A third document with more findings than one render batch (256).
  const many = Array.from({ length: 300 }, (_, k) => finding({ document: 'dossier/BPU.pdf', page: 1 + (k % 40), pageLabel: String(1 + (k % 40)), excerpt: `Ligne ${k} : caméras « nomades » \u2028 ${EVIL}` }));
  const twoDocs = buildReport([doc, { ...doc, path: 'dossier/RC.pdf' }, { ...doc, path: 'dossier/BPU.pdf' }], [...findings, ...other, ...many], { hash: 'x', files: [] }, new Date('2026-11-28T12:00:00Z'));
  const json = FORMATTERS.json;
  const asText = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

  it('bytes match formatJson with every document prepared, some, or none, filtered or not, with --explain or not', () => {
    const reports = [twoDocs, filterReport(twoDocs, { only: ['biometrics', 'social-media'] }), filterReport(twoDocs, { hideNegated: true }), { ...twoDocs, findings: [] }];
    for (const explain of [false, true]) {
      const opts = { ...options('en'), explain };
      for (const r of reports) expect(asText(json.bytes!(r, opts))).toBe(json(r, opts));
      // Prepared as the CLI does: each document's sorted findings, one call per document.
      json.prepare!(twoDocs.findings.filter((f) => f.document === 'dossier/RC.pdf'), opts);
      for (const r of reports) expect(asText(json.bytes!(r, opts))).toBe(json(r, opts));
      json.prepare!(twoDocs.findings.filter((f) => f.document === 'dossier/CCTP.pdf'), opts);
      for (const r of reports) expect(asText(json.bytes!(r, opts))).toBe(json(r, opts));
      json.prepare!(twoDocs.findings.filter((f) => f.document === 'dossier/BPU.pdf'), opts);
      for (const r of reports) expect(asText(json.bytes!(r, opts))).toBe(json(r, opts));
    }
    // Pieces prepared with --explain never stand in for pieces without it.
    for (const r of reports) expect(asText(json.bytes!(r, options('en')))).toBe(json(r, options('en')));
    const rc = (opts: FormatOptions) => JSON.parse(json(twoDocs, opts)).findings.find((f: Finding) => f.document === 'dossier/RC.pdf');
    expect(rc({ ...options('en'), explain: true }).explain).toBeDefined();
    expect(rc(options('en')).explain).toBeUndefined();
  });
});

describe('reports written piece by piece', () => {
  // JSON and CSV hand the report to the output a few hundred items at a time; written one after
  // the other, the pieces are the text the formatter builds whole, byte for byte.
  const many = Array.from({ length: 600 }, (_, k) => finding({ document: `dossier/part ${k % 300}.pdf`, page: 1 + (k % 40), pageLabel: String(1 + (k % 40)), excerpt: `Ligne ${k} : caméras « nomades » \u2028 ${EVIL}` }));
  // More documents and more findings than one batch of either (256), a failed one among them.
  const parts = Array.from({ length: 300 }, (_, k) => (k === 7 ? { ...broken, path: `dossier/part ${k}.pdf` } : { ...doc, path: `dossier/part ${k}.pdf` }));
  const big = buildReport(parts, many, { hash: 'x', files: [] }, new Date('2026-11-28T12:00:00Z'));
  const reports = [report, big, filterReport(big, { hideNegated: true }), { ...big, findings: [] }, { ...big, documents: [], findings: [] }];
  const pieces = (format: 'json' | 'csv', r: typeof report, opts: FormatOptions) => {
    const out: string[] = [];
    for (const chunk of FORMATTERS[format].pieces!(r, opts)) out.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return out;
  };

  it.each(['json', 'csv'] as const)('%s: the pieces are the whole text, with --explain or not (and --excel for CSV)', (format) => {
    for (const r of reports) {
      for (const opts of [options('en'), { ...options('fr'), explain: true }, { ...options('en'), excel: true }]) {
        expect(pieces(format, r, opts).join('')).toBe(FORMATTERS[format](r, opts));
      }
    }
    // Documents and findings a batch at a time: none of the pieces holds the whole report.
    const whole = FORMATTERS[format](big, options('en'));
    const written = pieces(format, big, options('en'));
    expect(written.length).toBeGreaterThan(3);
    expect(Math.max(...written.map((p) => p.length))).toBeLessThan(whole.length / 2);
  });
});

describe('JSON Lines', () => {
  it('writes begin, finding, end lines per document and a summary line', () => {
    const lines = FORMATTERS.jsonl(report, options('en')).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.type)).toEqual(['begin', 'finding', 'finding', 'finding', 'finding', 'end', 'begin', 'end', 'summary']);
    expect(lines[5].data.fusion).toHaveLength(1);
  });
});

describe('--explain on crossings of data sources', () => {
  const explained = { ...options('en'), explain: true };
  it('JSON and JSON Lines carry the crossing’s explain object only with --explain', () => {
    expect(JSON.parse(FORMATTERS.json(report, options('en'))).fusion[0].explain).toBeUndefined();
    expect(JSON.parse(FORMATTERS.json(report, explained)).fusion[0].explain).toEqual(report.fusion[0].explain);
    expect(Buffer.from(FORMATTERS.json.bytes!(report, explained)).toString('utf8')).toBe(FORMATTERS.json(report, explained));
    const end = (opts: FormatOptions) => FORMATTERS.jsonl(report, opts).trim().split('\n').map((l) => JSON.parse(l)).find((l) => l.type === 'end').data.fusion[0];
    expect(end(options('en')).explain).toBeUndefined();
    expect(end(explained).explain.verb).toBe('croisement');
  });

  it('the terminal shows the verb, the source words and the passages behind each crossing', () => {
    const plain = FORMATTERS.terminal(report, options('en'));
    const why = FORMATTERS.terminal(report, { ...explained, width: 400 });
    expect(plain).not.toContain('crossing "croisement"');
    expect(why).toContain('crossing "croisement" of police-records: "mains courantes"; video-surveillance: "flux vidéo"');
    expect(why).toContain('CCTP.pdf p. 17: Le croisement des flux');
  });
});

describe('golden output', () => {
  // A hand-built report with a pinned date: any change to a format shows up as a diff here.
  it.each(['markdown', 'csv', 'jsonl'])('%s', (format) => {
    expect(FORMATTERS[format](report, options('fr'))).toMatchSnapshot();
  });
});
