// The text of fixtures/sample, byte for byte as the extractor gave it before pdf.js's caches and
// the image placements were let go page by page (digest of the pages: text, lines, labels,
// image coverage), read every way a run reads a PDF: bytes kept or given to pdf.js, pages shared
// out with a second reader. ../shared/corpus has the same check (test/shared/extraction-digests).
// A change of extraction must bump PDF_EXTRACTOR_VERSION and these digests together.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractPdfPages, readSharedPdfPages, type PageSharing } from '../../src/extract/pdf.js';
import type { Page } from '../../src/types.js';
import { ROOT } from '../helpers/cli.js';
import { makePdf } from '../helpers/pdf.js';

const SAMPLE = join(ROOT, 'fixtures/sample/cctp-observatoire-tranquillite.pdf');
const SAMPLE_DIGEST = 'f18da0de872db85b36eced0347dfc3c27da7140c30b36b4a3193f826e1f254c8';
/** Each page's text alone, to tell which page moved when the digest does. */
const SAMPLE_PAGE_TEXTS = '9fa6998e,9e5fba3f,44195776,3163e57c,03c40477,91c708f9,62540fc6,c3e83a18,39a41682,16007b41,a81a9fd4,24dbbae3,bda9b5f8,0c071a06,c1c3e6fa,2445b1a8,b9ca23b1,c24311e4,30d7f359,89e31ad9,af934859,38be416a,87f95290,e3b0c442';

const digest = (pages: Page[]) => createHash('sha256').update(JSON.stringify(pages)).digest('hex');
const pageTexts = (pages: Page[]) => pages.map((p) => createHash('sha256').update(p.text).digest('hex').slice(0, 8)).join(',');

type Range = [number, number];

/**
 * Pages shared out as the pool shares them, with a second reader of the same bytes in this
 * thread: `split` says which ranges the owner and the reader take (fixed, so that the test does
 * not depend on which is faster).
 */
function secondReader(split: (pageCount: number) => { owner: Range[]; reader: Range[] }): PageSharing & { deliveries: number[] } {
  const deliveries: number[] = [];
  return {
    deliveries,
    open(document) {
      const { owner, reader } = split(document.pageCount);
      const pages = new Map<number, Page>();
      const second = readSharedPdfPages(document, () => reader.shift(), (read) => {
        deliveries.push(read.length);
        for (const page of read) pages.set(page.number, page);
      });
      return { claim: () => owner.shift(), collect: () => second.then(() => pages) };
    },
  };
}

/** Ranges of five pages, every other one to the second reader. */
const inTurn = (pageCount: number) => {
  const ranges: Range[] = [];
  for (let first = 1; first <= pageCount; first += 5) ranges.push([first, Math.min(pageCount, first + 4)]);
  return { owner: ranges.filter((_, i) => i % 2 === 0), reader: ranges.filter((_, i) => i % 2 === 1) };
};

describe('extraction of fixtures/sample', () => {
  it('reads as before, the bytes kept', async () => {
    const doc = await extractPdfPages(new Uint8Array(readFileSync(SAMPLE)));
    expect(pageTexts(doc.pages)).toBe(SAMPLE_PAGE_TEXTS);
    expect(digest(doc.pages)).toBe(SAMPLE_DIGEST);
  });

  it('reads as before, the bytes given to pdf.js', async () => {
    const doc = await extractPdfPages(new Uint8Array(readFileSync(SAMPLE)), { releaseBytes: true });
    expect(digest(doc.pages)).toBe(SAMPLE_DIGEST);
  });

  it('reads as before, pages shared with a second reader', async () => {
    const sharing = secondReader(inTurn);
    const doc = await extractPdfPages(new Uint8Array(readFileSync(SAMPLE)), { sharing });
    expect(sharing.deliveries.length).toBeGreaterThan(0);
    expect(digest(doc.pages)).toBe(SAMPLE_DIGEST);
  });
});

describe('a long document shared with a second reader', () => {
  it('reads the same pages, delivered as they are read rather than at the end of a range', async () => {
    const pdf = await makePdf(Array.from({ length: 130 }, (_, i) => ({ lines: [`Page ${i + 1} : les caméras de la commune`, `Article ${i + 1}.2 – données de géolocalisation`] })));
    const alone = await extractPdfPages(pdf);
    const sharing = secondReader(() => ({ owner: [[1, 10]], reader: [[11, 130]] }));
    const shared = await extractPdfPages(pdf, { sharing });
    expect(shared.pages).toEqual(alone.pages);
    // The second reader took pages 11 to 130 in one range and sent them on in parts.
    expect(sharing.deliveries.reduce((a, b) => a + b, 0)).toBe(120);
    expect(sharing.deliveries.length).toBeGreaterThan(1);
  });
});
