// The extracted text as the text cache stores it: a line's text is the part of its page's text
// between its offsets, so it is left out where it is exactly that (most lines of every format)
// and cut again from the page when the entry is read. An entry is then about half the size:
// half the bytes to read, check and parse when the rules change and the text comes from here.
import type { ExtractedDocument, Line, Page } from '../types.js';

/** A line as stored: its text may be missing (then it is the page text between start and end). */
type StoredLine = Omit<Line, 'text'> & { text?: string };
type StoredPage = Omit<Page, 'lines'> & { lines: StoredLine[] };
export type StoredDocument = Omit<ExtractedDocument, 'pages'> & { pages: StoredPage[] };

/** What the cache stores for `doc` (a new object: `doc` is left as it is). */
export function storedText(doc: ExtractedDocument): StoredDocument {
  return {
    ...doc,
    pages: doc.pages.map((page) => ({
      ...page,
      lines: page.lines.map((line) => {
        if (page.text.slice(line.start, line.end) !== line.text) return line;
        const { text: _text, ...rest } = line;
        return rest;
      }),
    })),
  };
}

/** The document a stored entry holds, or undefined when its shape is not one storedText writes. */
export function readStoredText(stored: StoredDocument | undefined): ExtractedDocument | undefined {
  if (!stored || typeof stored !== 'object' || !Array.isArray(stored.pages)) return undefined;
  for (const page of stored.pages) {
    if (!page || typeof page.text !== 'string' || !Array.isArray(page.lines)) return undefined;
    for (const line of page.lines) {
      if (!line || typeof line !== 'object') return undefined;
      if (typeof line.text === 'string') continue;
      if (!Number.isInteger(line.start) || !Number.isInteger(line.end) || line.start < 0 || line.end < line.start || line.end > page.text.length) return undefined;
      line.text = page.text.slice(line.start, line.end);
    }
  }
  return stored as ExtractedDocument;
}
