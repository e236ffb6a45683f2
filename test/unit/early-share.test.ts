// A long PDF offered to other threads before the owner's pdf.js has opened it (src/extract/pdf.ts):
// the page tree read first gives the count, and each thread reads the page labels itself. The
// pages must be those of one thread reading alone, labels included; a document that may need a
// password is offered only once opened, with what the others need to open it.
import { PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { extractPdfPages, readSharedPdfPages, type PageSharing, type SharedDocument } from '../../src/extract/pdf.js';
import { claimRange } from '../../src/engine/pool/split.js';
import type { Page } from '../../src/types.js';
import { makePdf } from '../helpers/pdf.js';

const PAGES = 40;

/** Pages numbered i, ii, iii then 1, 2, 3…: labels only pdf.js's reading of the catalog gives. */
async function labelledPdf(): Promise<Uint8Array> {
  const plain = await makePdf(Array.from({ length: PAGES }, (_, i) => ({ lines: [`Article ${i + 1}`, 'Les caméras de la commune sont reliées au centre de supervision.'] })));
  const doc = await PDFDocument.load(plain);
  doc.catalog.set(PDFName.of('PageLabels'), doc.context.obj({ Nums: [0, { S: 'r' }, 3, { S: 'D' }] }));
  return doc.save();
}

/**
 * Sharing within this thread: a "lent" reader starts on the offer at once (as a lent worker
 * would, while the owner opens the document) and takes ranges of 4 pages in turn with the owner.
 */
function lentReader(offers: SharedDocument[], lentPages: number[]): PageSharing {
  return {
    shares: () => true,
    open(document) {
      offers.push(document);
      const counter = new Int32Array(new SharedArrayBuffer(4));
      const claim = () => claimRange(counter, document.pageCount, 4, 2);
      const read = new Map<number, Page>();
      const lent = readSharedPdfPages(document, claim, (pages) => {
        for (const page of pages) {
          read.set(page.number, page);
          lentPages.push(page.number);
        }
      });
      return { claim, collect: async () => (await lent, read) };
    },
  };
}

describe('a long PDF offered before it is opened', () => {
  it('gives the pages of one thread reading alone, labels read by each thread', async () => {
    const pdf = await labelledPdf();
    // Bytes given to pdf.js are gone once it has them: each reading gets its copy.
    const alone = await extractPdfPages(pdf.slice(), { releaseBytes: true });
    expect(alone.pages.slice(0, 5).map((p) => p.label)).toEqual(['i', 'ii', 'iii', '1', '2']);
    const offers: SharedDocument[] = [];
    const lentPages: number[] = [];
    const bytes = pdf.slice();
    const shared = await extractPdfPages(bytes, { releaseBytes: true, sharing: lentReader(offers, lentPages) });
    // Offered once, early: the count of the page tree, no labels (pdf.js had not read them yet),
    // a copy in shared memory, and pdf.js took the file's own bytes (no third copy).
    expect(offers).toHaveLength(1);
    expect(offers[0].pageCount).toBe(PAGES);
    expect(offers[0].labels).toBeUndefined();
    expect(offers[0].pdf.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(bytes.byteLength).toBe(0);
    expect(lentPages.length).toBeGreaterThan(0);
    expect(lentPages.length).toBeLessThan(PAGES);
    expect(shared.pages).toEqual(alone.pages);
  });

  it('is offered only once opened when its bytes may be needed again (OCR), with the labels', async () => {
    const pdf = await labelledPdf();
    const alone = await extractPdfPages(pdf);
    const offers: SharedDocument[] = [];
    const lentPages: number[] = [];
    const shared = await extractPdfPages(pdf, { sharing: lentReader(offers, lentPages) });
    expect(offers).toHaveLength(1);
    expect(offers[0].labels?.slice(0, 4)).toEqual(['i', 'ii', 'iii', '1']);
    expect(lentPages.length).toBeGreaterThan(0);
    expect(shared.pages).toEqual(alone.pages);
  });
});
