// Scans are never silent: a stamp line over a scanned page is no usable text, every format
// says how many pages were not read, and --fail-on does not pass over them.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractPdfPages } from '../../src/extract/pdf.js';
import { coverageOf, pageImagePlacements } from '../../src/extract/pdf-images.js';
import { pagesToOcr } from '../../src/ocr/apply.js';
import { analyseDocument } from '../../src/analyse/document.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { buildReport } from '../../src/report/model/build.js';
import { FORMAT_NAMES, loadFormatter, type FormatOptions } from '../../src/report/formats/index.js';
import type { DocumentEntry } from '../../src/types.js';
import { jsonlDocument } from '../../src/report/formats/jsonl.js';
import { readShard } from '../../src/report/model/merge.js';
import { tenderscan } from '../helpers/cli.js';
import { makePdf } from '../helpers/pdf.js';
import { rawPdf, stream } from '../helpers/raw-pdf.js';

const STAMP = 'DocuSign Envelope ID: 8EF4516D-B9CF-47BA-9F54-53AADED29675';
const FULL_PAGE = { x: 0, y: 0, width: 595, height: 842 };
let dir: string;
let stamped: Uint8Array;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tenderscan-scans-'));
  stamped = await makePdf([
    { lines: ['Article 1 - Objet', 'Le titulaire fournit des drones de surveillance des manifestations.'] },
    // A scanned page under a DocuSign stamp: its text layer is the stamp alone.
    { lines: [STAMP], image: FULL_PAGE },
    // A title page with a small logo: its text is all there is.
    { lines: ['CCTP - Lot 2 : mobilier urbain'], image: { x: 60, y: 700, width: 120, height: 80 } },
    // A half-page map with its caption of a few words.
    { lines: ['Plan de situation'], image: { x: 0, y: 421, width: 595, height: 421 } },
  ]);
  writeFileSync(join(dir, 'stamped.pdf'), stamped);
  writeFileSync(join(dir, 'drones.pdf'), await makePdf([{ lines: ['Les drones de la police municipale filment les manifestations.'] }]));
});

describe('a stamp line over a scanned page', () => {
  it('measures the share of the page under images from the operator list', async () => {
    const { pages } = await extractPdfPages(stamped);
    expect(pages[0].imageCoverage).toBeUndefined();
    expect(pages[1].imageCoverage).toBe(1);
    expect(pages[2].imageCoverage).toBeCloseTo((120 * 80) / (595 * 842), 2);
    // Under 20 characters a page has no usable text whatever its images: not measured.
    expect(pages[3].imageCoverage).toBeUndefined();
  });

  it('counts as a page without usable text, and is the page --ocr auto reads', async () => {
    const { pages } = await extractPdfPages(stamped);
    const analysis = analyseDocument('stamped.pdf', pages, loadRuleSet());
    expect(analysis.pagesWithoutText).toEqual([2, 4]);
    expect(pagesToOcr(pages, 'auto')).toEqual([2, 4]);
    // The stamp is not analysed as if it were the page.
    expect(analysis.findings.every((f) => f.page === 1)).toBe(true);
  });
});

/**
 * Pages of hand-written content (Helvetica is /F1, the extra objects' XObjects named in
 * `xobjects`): objects 1-3 are the catalog, the page tree and the font, then a page and its
 * content per page, then `extra` (numbered from `firstExtra(pages)`).
 */
function drawnPdf(pages: { content: string; xobjects?: string }[], extra: (string | Buffer)[]): Buffer {
  const first = 4;
  const kids = pages.map((_, i) => `${first + 2 * i} 0 R`).join(' ');
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    ...pages.flatMap((p, i) => [
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${first + 2 * i + 1} 0 R /Resources << /Font << /F1 3 0 R >> /XObject << ${p.xobjects ?? ''} >> >> >>`,
      stream(p.content, '', true),
    ]),
    ...extra,
  ]);
}
const firstExtra = (pages: number) => 4 + 2 * pages;
const text = (line: string, y = 780) => `BT /F1 11 Tf 60 ${y} Td (${line}) Tj ET`;
/** An image XObject whose data no decoder reads: Flate over random bytes, 20,000 pixels square. */
const undecodableImage = stream(Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) & 0xff)), '/Type /XObject /Subtype /Image /Width 20000 /Height 20000 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode ');

describe('image coverage without decoding', () => {
  it('is not measured on a page without text over an image, which lacks usable text whatever its images', async () => {
    const pdf = drawnPdf([{ content: 'q 595 0 0 842 0 0 cm /Im1 Do Q', xobjects: `/Im1 ${firstExtra(1)} 0 R` }], [undecodableImage]);
    const { pages } = await extractPdfPages(pdf);
    expect(pages[0].imageCoverage).toBeUndefined();
    expect(analyseDocument('scan.pdf', pages, loadRuleSet()).pagesWithoutText).toEqual([1]);
  });

  it('is read from where the page draws its images: a stamp over an undecodable page-sized image is not read', async () => {
    const pdf = drawnPdf([{ content: `q 595 0 0 842 0 0 cm /Im1 Do Q ${text(STAMP)}`, xobjects: `/Im1 ${firstExtra(1)} 0 R` }], [undecodableImage]);
    for (const releaseBytes of [false, true]) {
      const { pages } = await extractPdfPages(new Uint8Array(pdf), { releaseBytes });
      expect(pages[0].imageCoverage).toBe(1);
      expect(pagesToOcr(pages, 'auto')).toEqual([1]);
    }
  });

  it('follows forms and their matrices, and inline images drawn in strips', async () => {
    const caption = text('Plan de situation du quartier nord', 400);
    const form = firstExtra(2);
    const strips = Array.from({ length: 12 }, (_, k) => `q 595 0 0 70.2 0 ${k * 70.2} cm BI /W 8 /H 2 /CS /G /BPC 8 ID ${'\x80'.repeat(16)} EI Q`).join('\n');
    const pdf = drawnPdf(
      [
        // Half a page: the form moves up by half the page and draws the image over its lower half.
        { content: `q /Fm1 Do Q ${caption}`, xobjects: `/Fm1 ${form} 0 R` },
        // A scanner's page of twelve inline strips under a stamp.
        { content: `${strips}\n${text(STAMP)}` },
      ],
      [
        stream(`q 595 0 0 421 0 0 cm /Im1 Do Q`, `/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Matrix [1 0 0 1 0 421] /Resources << /XObject << /Im1 ${form + 1} 0 R >> >> `),
        undecodableImage,
      ],
    );
    // Read from the file itself (pdf.js's operator list is only the fallback)…
    const placed = pageImagePlacements(pdf);
    expect(placed.encrypted).toBe(false);
    expect(placed.pageCount).toBe(2);
    expect([1, 2].map((n) => coverageOf(placed.page(n)!, [0, 0, 595, 842]))).toEqual([0.5, 1]);
    // …and what extraction reports.
    const { pages } = await extractPdfPages(pdf);
    expect(pages.map((p) => p.imageCoverage)).toEqual([0.5, 1]);
    expect(pagesToOcr(pages, 'auto')).toEqual([1, 2]);
  });
});

describe('pages not read, in every format', () => {
  const entry = (path: string, over: Partial<DocumentEntry> = {}): DocumentEntry => ({
    path, sha256: 'cd'.repeat(32), size: 1000, pageCount: 6, status: 'ok', pagesWithoutText: [2, 3, 4, 5, 6], failedPages: [], ocrPages: [], runningLines: [], language: 'en', ...over,
  });
  const options: FormatOptions = { color: false, explain: false, language: 'en', categoryName: (id) => id };

  it.each(FORMAT_NAMES)('%s says how many pages were not read and suggests --ocr auto', async (format) => {
    const report = buildReport([entry('mou.pdf', { notRead: { count: 5, pages: [2, 3, 4, 5, 6], hint: 'run again with --ocr auto' } })], [], { hash: 'h', files: [] }, new Date('2026-11-28T12:00:00Z'));
    const out = (await loadFormatter(format))!(report, options);
    if (format === 'json' || format === 'jsonl') expect(out).toMatch(/"notRead":\s*\{\s*"count":\s*5/);
    else expect(out).toContain('5 pages not read');
    expect(out).toContain('--ocr auto');
    // Pages read by OCR (that found nothing) are not "not read".
    const afterOcr = buildReport([entry('mou.pdf', { ocrPages: [2, 3, 4, 5, 6] })], [], { hash: 'h', files: [] }, new Date('2026-11-28T12:00:00Z'));
    expect((await loadFormatter(format))!(afterOcr, options)).not.toContain('--ocr auto');
  });
});

describe('JSON Lines shards', () => {
  it('carry notRead to merge, which checks it like every field', () => {
    const entry: DocumentEntry = {
      path: 'mou.pdf', sha256: 'cd'.repeat(32), size: 1000, pageCount: 6, status: 'ok', pagesWithoutText: [2, 3], failedPages: [], ocrPages: [], runningLines: [], language: 'en',
      notRead: { count: 2, pages: [2, 3], hint: 'run again with --ocr auto' },
    };
    expect(readShard(jsonlDocument(entry, [], false), 'a.jsonl').documents[0].entry.notRead).toEqual(entry.notRead);
    const forged = jsonlDocument({ ...entry, notRead: { count: 'many' } as never }, [], false);
    expect(() => readShard(forged, 'b.jsonl')).toThrow(/b\.jsonl:2: .*"notRead": "count": expected a whole number/);
  });
});

describe('exit codes', () => {
  it('--fail-on exits 3 over unread pages, 1 when a finding is there (1 wins over 3), 0 without --fail-on; the summary says it with --quiet', () => {
    const stampedPdf = join(dir, 'stamped.pdf');
    expect(tenderscan(['scan', stampedPdf, '--fail-on', 'biometrics', '-f', 'json', '--no-cache']).code).toBe(3);
    expect(tenderscan(['scan', stampedPdf, join(dir, 'drones.pdf'), join(dir, 'missing.pdf'), '--fail-on', 'drones', '-f', 'json', '--no-cache']).code).toBe(1);
    const quiet = tenderscan(['scan', stampedPdf, '-q', '--no-cache']);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
    // Wrapped at 80 columns, "--ocr auto" kept whole.
    expect(quiet.stdout).toMatch(/^Summary: \d+ findings? · 1 of 1 document analysed\n {2}⚠ 2 pages not read in 1 document \(stamped\.pdf, p\. 2, 4\); run again\s+with\s+--ocr auto$/m);
  });
});
