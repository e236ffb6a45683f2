// A document is analysed page by page (folded text and tokens built and dropped per page), yet
// what depends on the whole document still does: its language, voted over every page; the
// section carried across pages; a word cut at a line end joined as the document writes it
// elsewhere, pages later; running lines left out but read once. The findings expected are
// written here, page by page.
import { describe, expect, it } from 'vitest';
import { extractPdfPages } from '../../src/extract/pdf.js';
import { analyseDocument } from '../../src/analyse/document.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { makePdf } from '../helpers/pdf.js';

describe('a multi-page document analysed page by page', () => {
  it('finds what depends on other pages as if it held them all', async () => {
    const body = (lines: string[]) => ({ header: 'City of Testville - RFP 2026-17 - acoustic gunshot detection sensors', lines, footer: 'RFP 2026-17' });
    const pdf = await makePdf([
      // Too few words to vote: the passage takes the document's language, voted on every page.
      body(['Drones: 4 units']),
      // "inter-" is a compound prefix: the cut is joined because page 4 writes "interception".
      body(['Section 2 - Network', 'The contractor shall support the lawful inter-', 'ception of the communications of the network by the agency.']),
      // No heading: the section of page 2 is still in force.
      body(['The contractor shall provide the wiretap data to the agency for the duration of the contract.']),
      body(['Section 3 - Operations', 'The interception of the communications is performed by the agency that operates the network.']),
    ]);
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
