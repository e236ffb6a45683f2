// A damaged PDF gets its own advice (CORRUPT, qpdf --check), never "scanned? use --ocr auto";
// and an OCR tool that fails never shows its command line or a temporary path.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pdfStructureProblem } from '../../src/extract/pdf.js';
import { ocrPdfPage } from '../../src/ocr/tesseract.js';
import { tenderscan } from '../helpers/cli.js';
import { rawPdf, stream } from '../helpers/raw-pdf.js';
import { ocrToolsPresent } from '../helpers/tools.js';

const FONT = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';
const page = (text: string) => [
  '<< /Type /Catalog /Pages 2 0 R >>',
  '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
  stream(text ? `BT /F1 11 Tf 60 780 Td (${text}) Tj ET` : ''),
  FONT,
];
/** The same file with its last lines cut off (`startxref`, the offset, `%%EOF`), as a truncated download. */
const withoutXref = (pdf: Buffer) => pdf.subarray(0, pdf.lastIndexOf('startxref'));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tenderscan-corrupt-'));
  writeFileSync(join(dir, 'damaged-empty.pdf'), withoutXref(rawPdf(page(''))));
  writeFileSync(join(dir, 'damaged-text.pdf'), withoutXref(rawPdf(page('La plateforme recoit les flux des cameras de videoprotection de la ville.'))));
  writeFileSync(join(dir, 'blank.pdf'), rawPdf(page('')));
});

describe('pdfStructureProblem', () => {
  it('names a missing or wrong startxref, and nothing in a sound file', () => {
    const sound = rawPdf(page('x'));
    expect(pdfStructureProblem(sound)).toBeUndefined();
    expect(pdfStructureProblem(withoutXref(sound))).toBe('no cross-reference table (startxref missing)');
    expect(pdfStructureProblem(Buffer.concat([sound.subarray(0, sound.lastIndexOf('startxref')), Buffer.from('startxref\n99999999\n%%EOF\n')]))).toBe('the cross-reference table is not where the file says');
  });
});

describe('a damaged PDF', () => {
  it('whose pages came out empty is CORRUPT with qpdf advice, not a scan', () => {
    const r = tenderscan(['scan', join(dir, 'damaged-empty.pdf')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${join(dir, 'damaged-empty.pdf')}: CORRUPT: broken PDF structure (no cross-reference table (startxref missing); no page has usable text); check it with qpdf --check, or get the file again\n`);
    expect(r.stdout).not.toMatch(/--ocr|scanned/);
    expect(r.stdout).toMatch(/⚠ 1 failed: damaged-empty\.pdf \(CORRUPT\)/);
  });

  it('with text is still analysed', () => {
    const r = tenderscan(['scan', join(dir, 'damaged-text.pdf'), '-f', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).findings.map((f: { category: string }) => f.category)).toContain('video-surveillance');
  });

  it('is told apart from a sound PDF with an empty page, which keeps the OCR hint', () => {
    const r = tenderscan(['scan', join(dir, 'blank.pdf')]);
    expect(r.stderr).toMatch(/no usable text \(scanned\?\); not analysed: use --ocr auto/);
  });
});

describe.runIf(ocrToolsPresent)('an OCR tool that fails', () => {
  it('says the tool and its message, never its command line or temporary path', async () => {
    const notPdf = join(dir, 'not-a-pdf.pdf');
    writeFileSync(notPdf, 'this is not a PDF at all\n');
    const error = await ocrPdfPage(notPdf, 1, { languages: 'eng', dpi: 72 }).then(() => undefined, (err: Error) => err);
    expect(error?.message).toMatch(/^pdftoppm failed \(exit status \d+/);
    expect(error?.message).not.toMatch(/Command failed|tenderscan-ocr-|-singlefile|\/tmp\//);
  });
});
