// Helpers shared by the human-facing formatters.
import type { DocumentEntry, Finding } from '../types.js';

/** Page ranges as people write them: [3,4,5,9] → "3-5, 9". */
export function pageRanges(pages: number[]): string {
  const sorted = [...new Set(pages)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j;
  }
  return parts.join(', ');
}

/** The excerpt on one line, split around the match so a formatter can highlight it. */
export function excerptParts(f: Finding): { before: string; match: string; after: string } {
  const flat = (s: string) => s.replace(/\s+/g, ' ');
  const inside = f.start >= f.excerptStart && f.end <= f.excerptEnd;
  if (!inside) return { before: flat(f.excerpt).trim(), match: '', after: '' };
  // The excerpt reads as the document does (words cut at a line end joined), so it can be
  // shorter than its span of page text: the match is at its offset or a little before.
  const offset = f.start - f.excerptStart;
  const before = f.excerpt.lastIndexOf(f.matched, offset);
  const a = before >= 0 ? before : f.excerpt.indexOf(f.matched);
  if (a < 0) return { before: flat(f.excerpt).trim(), match: '', after: '' };
  const b = a + f.matched.length;
  return {
    before: flat(f.excerpt.slice(0, a)).replace(/^\s+/, ''),
    match: flat(f.excerpt.slice(a, b)),
    after: flat(f.excerpt.slice(b)).replace(/\s+$/, ''),
  };
}

/**
 * Pages of a document that nobody read: without usable text and not read by OCR either (OCR
 * reads every such page when asked, so these remain only when it was not).
 */
export function unreadPages(doc: Pick<DocumentEntry, 'pagesWithoutText' | 'ocrPages'>): number[] {
  const ocr = new Set(doc.ocrPages ?? []);
  return doc.pagesWithoutText.filter((p) => !ocr.has(p));
}
