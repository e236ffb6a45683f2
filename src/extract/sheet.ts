// Spreadsheet rows → blocks, for XLSX and ODS alike. A non-empty row is one passage: its cells
// joined by " | ", each cell remembering its column so a finding cites the column's header.

import type { Block } from './blocks.js';
import { normalizeSpace } from './blocks.js';

export interface SheetCell {
  /** 0-based column index. */
  column: number;
  text: string;
}

/** "A", "B", … "Z", "AA": the column's letters. */
export function columnLetters(index: number): string {
  let out = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

/** 0-based column index of a cell reference's letters ("C14" → 2), or -1. */
export function columnIndex(reference: string): number {
  let n = 0;
  let i = 0;
  for (; i < reference.length && i < 4; i++) {
    const c = reference.charCodeAt(i) & ~0x20;
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return i === 0 ? -1 : n - 1;
}

const NUMBER = /^[-+]?\d[\d\s.,]*%?$/;

/**
 * Builds one sheet's blocks. A row of short text cells, none a number, is a header row (three
 * cells or more; or two cells of four characters or more, so "Caméra | U" stays a price line):
 * each of its cells names its column for the rows below, until another header row renames it.
 */
export class SheetBlocks {
  readonly blocks: Block[] = [];
  private readonly header = new Map<number, string>();
  private first = true;

  private readonly sheet: string;

  constructor(
    sheet: string,
    private readonly hidden: boolean,
  ) {
    // A sheet name is cited on one line: no line breaks or runs of spaces from the file.
    this.sheet = normalizeSpace(sheet);
  }

  addRow(row: number, cells: SheetCell[]): void {
    const kept = cells.map((c) => ({ column: c.column, text: normalizeSpace(c.text) })).filter((c) => c.text);
    if (kept.length === 0) return;
    let text = '';
    const spans: NonNullable<Block['cells']> = [];
    for (const cell of kept) {
      if (text) text += ' | ';
      spans.push({ start: text.length, end: text.length + cell.text.length, column: this.header.get(cell.column) ?? columnLetters(cell.column) });
      text += cell.text;
    }
    this.blocks.push({
      text,
      location: { kind: 'sheet-row', sheet: this.sheet, row, ...(this.hidden ? { hidden: true } : {}) },
      cells: spans,
      ...(this.first ? { newPage: true } : {}),
    });
    this.first = false;
    const minLength = kept.length >= 3 ? 1 : 4;
    if (kept.length >= 2 && kept.every((c) => c.text.length >= minLength && c.text.length <= 40 && !NUMBER.test(c.text))) {
      for (const c of kept) this.header.set(c.column, c.text);
    }
  }
}
