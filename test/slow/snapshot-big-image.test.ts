// --snapshots on a small PDF with one 16000×16000 image: pdf.js decoded the image whole (a
// gigabyte) to draw a page a few hundred pixels wide; under --max-memory the document ended
// RESOURCE_LIMIT and its findings were lost. Images above 4096×4096 are left out of the
// snapshot; the page, its text and its findings are kept.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tenderscan } from '../helpers/cli.js';
import { rawPdf, stream } from '../helpers/raw-pdf.js';

const dir = mkdtempSync(join(tmpdir(), 'tenderscan-big-image-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One A4 page: a drone clause and a 16000×16000 one-bit image shown 100 points wide (32 MB raw, 32 KB deflated). */
function bigImagePdf(): Buffer {
  const side = 16000;
  const image = stream(Buffer.alloc((side / 8) * side, 0x55), `/Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceGray /BitsPerComponent 1`, true);
  const ops = 'q 100 0 0 100 60 600 cm /Im1 Do Q\nBT /F1 11 Tf 60 780 Td (Les drones de la police survolent la ville.) Tj ET';
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >> >>',
    stream(ops),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    image,
  ]);
}

describe('--snapshots on a page with a huge image', () => {
  it('keeps the findings and draws the page without the image, within --max-memory', () => {
    const pdf = bigImagePdf();
    expect(pdf.length).toBeLessThan(300_000);
    writeFileSync(join(dir, 'cctp.pdf'), pdf);
    const r = tenderscan(['scan', 'cctp.pdf', '--snapshots', '-f', 'markdown', '-o', 'report.md', '--max-memory', '900', '--no-cache', '-q'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(report).toContain('1 finding · 1 of 1 document analysed');
    expect(report).toContain('Les **drones** de la police');
    expect(report).not.toContain('RESOURCE_LIMIT');
    // The page is drawn (its text), the image left out.
    expect(report).toMatch(/!\[[^\]]*\]\(/);
  });
});
