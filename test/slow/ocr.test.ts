// OCR of image-only pages, with real Tesseract and poppler (installed by .ci/run).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseTesseractTsv } from '../../src/ocr/tesseract.js';
import { pagesToOcr } from '../../src/ocr/apply.js';
import { tenderscan } from '../helpers/cli.js';
import { makePdf } from '../helpers/pdf.js';
import { ocrToolsPresent } from '../helpers/tools.js';


describe('OCR building blocks', () => {
  it('parses Tesseract TSV into lines with word confidences and offsets', () => {
    const tsv = [
      'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
      '5\t1\t1\t1\t1\t1\t0\t0\t10\t10\t96.5\tLes',
      '5\t1\t1\t1\t1\t2\t0\t0\t10\t10\t90\tcaméras',
      '5\t1\t1\t1\t2\t1\t0\t0\t10\t10\t40\tdrones',
    ].join('\n');
    const page = parseTesseractTsv(tsv);
    expect(page.text).toBe('Les caméras\ndrones');
    expect(page.words).toEqual([
      { start: 0, end: 3, confidence: 96.5, box: [0, 0, 10, 10] },
      { start: 4, end: 11, confidence: 90, box: [0, 0, 10, 10] },
      { start: 12, end: 18, confidence: 40, box: [0, 0, 10, 10] },
    ]);
  });

  it('picks the pages to OCR: none, those without usable text, or all', () => {
    const page = (number: number, text: string, imageCoverage = 0) => ({ number, text, lines: [], imageCoverage });
    const pages = [
      page(1, 'x'.repeat(500)),
      page(2, ''),
      page(3, 'DocuSign Envelope ID: 8EF4516D-B9CF-47BA', 1),
      page(4, 'ANNEXE 3 — plan de situation des sites'),
      // A logo over a title page, and a large image with a long caption: their text is the page's.
      page(5, 'CCTP — Lot 1 : vidéoprotection urbaine', 0.2),
      page(6, 'y'.repeat(150), 0.6),
    ];
    expect(pagesToOcr(pages, 'never')).toEqual([]);
    expect(pagesToOcr(pages, 'auto')).toEqual([2, 3]);
    expect(pagesToOcr(pages, 'always')).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe.skipIf(!ocrToolsPresent)('--ocr on an image-only page', () => {
  let scanned: string;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tenderscan-ocr-'));
    // Render a text page to an image, then wrap the image alone into a new PDF page.
    const source = join(dir, 'source.pdf');
    writeFileSync(
      source,
      await makePdf([
        {
          lines: [
            'Article 4 - Sources de donnees',
            'La plateforme recoit les flux video des cameras de videoprotection.',
            'Les drones de la police municipale transmettent leurs images.',
          ],
        },
      ]),
    );
    execFileSync('pdftoppm', ['-r', '150', '-gray', '-png', '-singlefile', source, join(dir, 'page')]);
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const first = doc.addPage([595, 842]);
    first.drawText('Article 1 - Objet du marche de fournitures de mobilier de bureau.', { x: 60, y: 780, size: 11, font });
    const image = await doc.embedPng(readFileSync(join(dir, 'page.png')));
    doc.addPage([595, 842]).drawImage(image, { x: 0, y: 0, width: 595, height: 842 });
    scanned = join(dir, 'scanned.pdf');
    writeFileSync(scanned, await doc.save());
  });

  it('lists the page as without text when OCR is off', () => {
    const report = JSON.parse(tenderscan(['scan', scanned, '-f', 'json']).stdout);
    expect(report.documents[0].pagesWithoutText).toEqual([2]);
    expect(report.findings).toEqual([]);
  });

  it('finds the categories on the right page with --ocr auto, marked as OCR with a confidence', () => {
    const run = tenderscan(['scan', scanned, '-f', 'json', '--ocr', 'auto']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.documents[0].pagesWithoutText).toEqual([]);
    expect(report.documents[0].ocrPages).toEqual([2]);
    const categories = new Set(report.findings.map((f: any) => f.category));
    expect(categories).toEqual(new Set(['video-surveillance', 'drones']));
    for (const f of report.findings) {
      expect(f).toMatchObject({ page: 2, source: 'ocr' });
      expect(f.ocrConfidence).toBeGreaterThan(50);
    }
  });

  it('find: exit 3 without OCR (the page was not read), the match on page 2 with --ocr auto', () => {
    const without = tenderscan(['find', '-i', 'drones', scanned]);
    expect([without.code, without.stdout]).toEqual([3, '']);
    expect(without.stderr).toMatch(/page 2 has no usable text .*not searched/);
    const withOcr = tenderscan(['find', '-i', '--json', 'drones', scanned, '--ocr', 'auto']);
    expect(withOcr.code).toBe(0);
    const [match] = withOcr.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(match).toMatchObject({ page: 2, match: 'drones', source: 'ocr' });
  });
});
