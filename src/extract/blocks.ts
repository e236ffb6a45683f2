// Formats without pages (word processing, spreadsheets, text) are read as blocks: a paragraph,
// a table row, a note, a comment, a sheet row, each with its location. Blocks become the lines
// of pages, so the rest of the pipeline treats every format alike.
import type { ExtractedDocument, Line, Location, Page } from '../types.js';

export interface Block {
  text: string;
  location: Location;
  /** Starts a new page: an explicit page break, a new sheet. */
  newPage?: boolean;
  /** The file marks the block as a heading. */
  heading?: boolean;
  /** Spreadsheet rows: each cell's span in `text` and its column. */
  cells?: { start: number; end: number; column: string }[];
}

/** Appends blocks one by one: `push(...many)` fails past the engine's argument limit (~100,000). */
export function appendBlocks(to: Block[], from: readonly Block[]): void {
  for (const block of from) to.push(block);
}

/** Collapses white space runs (a linear scan) and trims. */
export function normalizeSpace(text: string): string {
  let out = '';
  let space = false;
  for (const ch of text) {
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f' || ch === '\v' || ch === '\u00a0') {
      space = out.length > 0;
    } else {
      if (space) out += ' ';
      space = false;
      out += ch;
    }
  }
  return out;
}

/**
 * Lays blocks out as pages of lines. Empty blocks make no line. With `wholeBlocks`, each line is
 * a unit no passage runs across (paragraphs of a DOCX); plain text lines may continue a sentence.
 */
export function blocksToPages(blocks: Block[], wholeBlocks: boolean): Page[] {
  const pages: Page[] = [];
  let lines: Line[] = [];
  let offset = 0;
  let first: number | undefined;
  const flush = () => {
    pages.push({ number: pages.length + 1, text: lines.map((l) => l.text).join('\n'), lines, firstParagraph: first ?? 1 });
    lines = [];
    offset = 0;
    first = undefined;
  };
  for (const block of blocks) {
    if (block.newPage && (lines.length > 0 || first !== undefined)) flush();
    first ??= block.location.paragraph ?? block.location.row ?? 1;
    if (!block.text) continue;
    const line: Line = { number: lines.length + 1, start: offset, end: offset + block.text.length, text: block.text, location: block.location };
    if (wholeBlocks) line.wholeBlock = true;
    if (block.heading) line.heading = true;
    if (block.cells) line.cells = block.cells.map((c) => ({ start: c.start + offset, end: c.end + offset, column: c.column }));
    lines.push(line);
    offset += block.text.length + 1;
  }
  if (lines.length > 0 || pages.length === 0) flush();
  return pages;
}

export function documentFromBlocks(blocks: Block[], wholeBlocks = true): ExtractedDocument {
  const pages = blocksToPages(blocks, wholeBlocks);
  return { pageCount: pages.length, pages, metadata: {} };
}
