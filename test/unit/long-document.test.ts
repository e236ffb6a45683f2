// A document is analysed page by page (folded text and tokens built and dropped per page), yet
// what depends on the whole document still does: its language, voted over every page; the
// section carried across pages; a word cut at a line end joined as the document writes it
// elsewhere, pages later; running lines left out but read once. The findings expected are
// written here, page by page.
import { PDFDocument, rgb } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { extractPdfPages } from '../../src/extract/pdf.js';
import { pageImagePlacements } from '../../src/extract/pdf-images.js';
import { analyseDocument } from '../../src/analyse/document.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { makePdf, makePng, rfpAcrossPages } from '../helpers/pdf.js';

describe('a multi-page document analysed page by page', () => {
  it('finds what depends on other pages as if it held them all', async () => {
    const pdf = await rfpAcrossPages();
    const { pages } = await extractPdfPages(pdf);
    const analysis = analyseDocument('rfp.pdf', pages, loadRuleSet());
    expect(analysis.language).toBe('en');
    expect(analysis.findings.map((f) => [f.page, f.category, f.matched, f.section, f.language])).toEqual([
      [1, 'drones', 'Drones', null, 'en'],
      [2, 'telecom', 'lawful interception', 'Section 2 - Network', 'en'],
      [3, 'telecom', 'wiretap', 'Section 2 - Network', 'en'],
      // Plain "interception" of communications is telecom vocabulary too.
      [4, 'telecom', 'interception of the communications', 'Section 3 - Operations', 'en'],
      // The running header, read once where it first appears: its category is named nowhere else.
      [1, 'audio-sensors', 'acoustic gunshot', null, 'en'],
    ]);
    expect(analysis.runningLines).toEqual(['City of Testville - RFP 2026-17 - acoustic gunshot detection sensors', 'RFP 2026-17']);
  });

  it('is read whole though pdf.js lets its fonts and page dictionaries go every 100 pages', async () => {
    const pdf = await makePdf(Array.from({ length: 120 }, (_, i) => ({ lines: [`Page ${i + 1} : les caméras de la commune`] })));
    const { pages } = await extractPdfPages(pdf);
    expect(pages.map((p) => p.text)).toEqual(Array.from({ length: 120 }, (_, i) => `Page ${i + 1} : les caméras de la commune`));
  });
});

describe('image placements of a long document', async () => {
  // Every page draws one form (a stamp holding an image) and one image, both shared by all the
  // pages, a little further right or up on each page; every other page paints a black box.
  const doc = await PDFDocument.create();
  const png = await doc.embedPng(makePng(40, 30));
  const stamp = doc.addPage([200, 100]);
  stamp.drawImage(png, { x: 10, y: 20, width: 80, height: 60 });
  const form = await doc.embedPage(stamp);
  doc.removePage(0);
  const PAGES = 130;
  for (let k = 1; k <= PAGES; k++) {
    const page = doc.addPage([595, 842]);
    page.drawPage(form, { x: 100 + k, y: 500 });
    page.drawImage(png, { x: 50, y: 50 + k, width: 40, height: 30 });
    if (k % 2 === 0) page.drawRectangle({ x: 60, y: 300, width: 200, height: 20, color: rgb(0, 0, 0) });
  }
  const bytes = await doc.save();
  const expected = (k: number) => ({
    images: [
      [80, 0, 0, 60, 110 + k, 520],
      [40, 0, 0, 30, 50, 50 + k],
    ],
    boxes: k % 2 === 0 ? [[60, 300, 260, 320]] : [],
  });

  it('places every page right though the objects read are let go as pages are read', () => {
    const placements = pageImagePlacements(bytes);
    expect(placements.pageCount).toBe(PAGES);
    // Out of order, as threads sharing a document read it: last pages first, then the others.
    const order = [...Array.from({ length: 40 }, (_, i) => PAGES - i), ...Array.from({ length: PAGES - 40 }, (_, i) => i + 1)];
    for (const k of order) expect({ images: placements.page(k), boxes: placements.boxes(k) }, `page ${k}`).toEqual(expected(k));
  });

  it('answers for every page from a copy of the file once the file itself is given away', () => {
    const own = bytes.slice();
    const placements = pageImagePlacements(own);
    expect(placements.boxes(2)).toEqual(expected(2).boxes);
    const copy = new Uint8Array(new SharedArrayBuffer(own.byteLength));
    copy.set(own);
    placements.rebase(copy);
    // What pdf.js leaves of bytes it takes: nothing to read.
    own.fill(0);
    for (let k = 1; k <= PAGES; k++) expect({ images: placements.page(k), boxes: placements.boxes(k) }, `page ${k}`).toEqual(expected(k));
    expect(() => placements.rebase(own.subarray(1))).toThrow(/not a copy/);
  });

  it('answers for every page once all are read ahead and the file is let go', () => {
    const placements = pageImagePlacements(bytes);
    placements.readAll();
    for (let k = 1; k <= PAGES; k++) expect({ images: placements.page(k), boxes: placements.boxes(k) }, `page ${k}`).toEqual(expected(k));
    expect(placements.page(PAGES + 1)).toBeNull();
  });
});
