// A PDF whose font maps its accented letters to U+0000 in its Unicode map: pdf.js then gives a
// text layer that reads "cam\0ras vid\0o", as some re-exported CCTP do (their letters are simply
// missing). The built CLI finds the video words there and quotes the page as printed; the same
// page with a full Unicode map gives the same categories.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tenderscan } from '../helpers/cli.js';
import { rawPdf, stream } from '../helpers/raw-pdf.js';

/** Codes of WinAnsi accented letters and the typographic apostrophe. */
const LOST = [0x92, 0xe0, 0xe2, 0xe7, 0xe8, 0xe9, 0xea, 0xeb, 0xee, 0xef, 0xf4, 0xf9, 0xfb];
const hex = (n: number, digits: number) => n.toString(16).toUpperCase().padStart(digits, '0');

/** One page of Helvetica lines (WinAnsi bytes) with a Unicode map; `lose` sends LOST to U+0000. */
function pdf(lines: string[], lose: boolean): Buffer {
  const winAnsi = (l: string) => Buffer.from(l.replace(/\u2019/g, '\x92'), 'latin1').toString('latin1');
  const ops = lines.map((l, i) => `BT /F1 11 Tf 60 ${780 - i * 15} Td (${winAnsi(l).replace(/[()\\]/g, (c) => '\\' + c)}) Tj ET`).join('\n');
  const chars = [...LOST].map((c) => `<${hex(c, 2)}> <${lose ? '0000' : hex(c === 0x92 ? 0x2019 : c, 4)}>`);
  const cmap = [
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Lost def /CMapType 2 def',
    '1 begincodespacerange <00> <FF> endcodespacerange',
    '1 beginbfrange <20> <7E> <0020> endbfrange',
    `${chars.length} beginbfchar ${chars.join(' ')} endbfchar`,
    'endcmap CMapName currentdict /CMap defineresource pop end end',
  ].join('\n');
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    stream(ops),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /ToUnicode 6 0 R >>',
    stream(cmap),
  ]);
}

const LINES = [
  'Article 3 - Consistance des travaux',
  'Le lot comprend la fourniture de 13 caméras vidéo dômes et le raccordement au centre de',
  'supervision. Le schéma d\u2019implantation des caméras est joint en annexe.',
];
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tenderscan-accents-'));
  writeFileSync(join(dir, 'lost.pdf'), pdf(LINES, true));
  writeFileSync(join(dir, 'kept.pdf'), pdf(LINES, false));
});

const scan = (file: string) => {
  const r = tenderscan(['scan', join(dir, file), '-f', 'json', '--no-cache', '--no-config', '--no-review', '-q']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { findings: { category: string; matched: string; negated: boolean; excerpt: string }[] };
};

describe('a text layer without its accented letters', () => {
  it('gives the categories of the same page with its accents, quoting the page as printed', () => {
    const lost = scan('lost.pdf');
    const kept = scan('kept.pdf');
    const categories = (r: ReturnType<typeof scan>) => [...new Set(r.findings.map((f) => f.category))].sort();
    expect(categories(kept)).toEqual(['video-surveillance']);
    expect(categories(lost)).toEqual(categories(kept));
    // The text layer really lost the letters: the quotation shows them missing.
    expect(lost.findings[0].excerpt).toMatch(/camras vido/);
    expect(kept.findings[0].excerpt).toMatch(/caméras vidéo/);
  });
});
