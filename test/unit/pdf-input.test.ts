// PDF inputs at the edges: a header after a saved mail or HTTP header, and work bounded by the
// size of the file (nested graphics states, decompression bombs) before pdf.js runs.
import { describe, expect, it } from 'vitest';
import { extractPdfPages, findPdfHeader } from '../../src/extract/pdf.js';
import { excessivePdfWork, nestingOf } from '../../src/extract/pdf-work.js';
import { deflateBomb, rawPdf, stream, textPdf } from '../helpers/raw-pdf.js';
import { rawZip } from '../helpers/zip.js';

const GOOD = ['Article 1 - Objet', 'La plateforme recoit les flux video des cameras de videoprotection.'];
const FONT = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';

/** One page whose content stream is `content`, deflated. */
const pageWith = (content: string) =>
  rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    stream(content, '', true),
    FONT,
  ]);

const failure = async (bytes: Uint8Array) => extractPdfPages(bytes).then(() => 'no error', (err) => `${err.code}: ${err.message}`);

describe('a PDF after junk', () => {
  // What a saved mail part or `curl -i` leaves before the PDF: more than pdf.js's first KiB.
  const headers = ['HTTP/1.1 200 OK', 'Content-Type: application/pdf', ...Array.from({ length: 60 }, (_, i) => `X-Trace-${i}: ${'a1b2c3d4'.repeat(8)}`), '', ''].join('\r\n');

  it('is found up to 1 MiB in, after text, and read from its header', async () => {
    const bytes = Buffer.concat([Buffer.from(headers), textPdf(GOOD)]);
    expect(headers.length).toBeGreaterThan(4096);
    expect(findPdfHeader(bytes)).toBe(headers.length);
    const doc = await extractPdfPages(bytes);
    expect(doc.pages[0].text).toContain('cameras de videoprotection');
  });

  it('is found glued to junk (no line break) when the PDF from there holds together (issue 23)', async () => {
    const pdf = textPdf(GOOD);
    const bytes = Buffer.concat([Buffer.from('X'.repeat(2000)), Buffer.from(pdf)]);
    expect(findPdfHeader(bytes)).toBe(2000);
    expect((await extractPdfPages(bytes)).pages[0].text).toContain('cameras de videoprotection');
    // A header glued to junk whose cross-reference does not fit is still no PDF.
    const shifted = Buffer.concat([Buffer.from('X'.repeat(2000)), Buffer.from(pdf).subarray(0, 9), Buffer.from('junk'), Buffer.from(pdf).subarray(9)]);
    expect(findPdfHeader(shifted)).toBe(-1);
  });

  it('is not looked for far inside binary files (a ZIP holding a PDF is not that PDF)', () => {
    const zip = rawZip([{ name: 'padding.bin', data: Buffer.alloc(4096, 1), method: 0 }, { name: 'cctp.pdf', data: textPdf(GOOD), method: 0 }]);
    expect(findPdfHeader(zip)).toBe(-1);
    expect(findPdfHeader(Buffer.concat([Buffer.alloc(2048, 0x20), Buffer.from('%PDF-1.7 inside a line')]))).toBe(-1);
  });
});

describe('work bounded by the size of the file', () => {
  it('200,000 nested q operators in a kilobyte end at once as RESOURCE_LIMIT', async () => {
    const bytes = pageWith('q '.repeat(200_000) + 'BT /F1 11 Tf 60 780 Td (cameras) Tj ET');
    expect(bytes.length).toBeLessThan(1500);
    // Before: pdf.js's state stack made this page quadratic, and it ran to --timeout.
    expect(await failure(bytes)).toBe(`RESOURCE_LIMIT: graphics states nested 200000 deep (q operators): more work than a ${bytes.length}-byte file can need`);
  });

  it('a content stream inflating 1000:1 is a decompression bomb', async () => {
    expect(await failure(deflateBomb(60))).toMatch(/^RESOURCE_LIMIT: its content streams inflate to more than \d+ MB from a \d+-byte file \(a decompression bomb\)$/);
  });

  it('still reads the content streams of a file over 21 MB (its budget is capped to what a buffer can hold)', () => {
    const small = pageWith('q '.repeat(20_000) + 'Q '.repeat(20_000));
    // The same page padded by a comment to 22 MB: its inflate budget (200 × the size) is more than
    // a Buffer can hold, and the check used to skip every stream of such a file.
    const big = Buffer.concat([Buffer.from(small), Buffer.from(`%${'x'.repeat(22 * 1024 * 1024)}\n`)]);
    const strict = { contentBytesPerByte: 200, contentBytesFloor: 1, nestingPerByte: 0, nestingFloor: 1000 };
    expect(excessivePdfWork(big, strict)).toMatch(/^graphics states nested 20000 deep/);
  });

  it('ordinary nesting, q in strings, names and inline images are not counted', async () => {
    expect(nestingOf(Buffer.from('q q 1 0 0 1 0 0 cm Q q Q Q (q q q) /q BI /W 1 ID q q q EI Q'))).toEqual({ work: 1 + 2 + 2, depth: 2 });
    const pages = Array.from({ length: 50 }, (_, i) => `${'q '.repeat(40)}BT /F1 11 Tf 60 780 Td (page ${i} cameras) Tj ET ${'Q '.repeat(40)}`);
    expect(excessivePdfWork(pageWith(pages.join('\n')))).toBeNull();
    expect((await extractPdfPages(textPdf(GOOD))).pages[0].text).toContain('cameras');
  });
});
