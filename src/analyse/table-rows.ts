// Table rows whose last columns say that the row is excluded ("Exclu", "Non retenu", "Not
// included"): what the row's other cells name is excluded too. A PDF row may wrap: its
// designation goes on over the lines below it, and its other columns may sit on a line of
// their own after them ("6 | Module de" / "reconnaissance faciale" / "– | Exclu (sans objet)").
import { foldString } from '../text/fold.js';
import type { Line } from '../types.js';

export interface ExcludedRow {
  /** Page-text offsets of the row, from its first cell to its last line's end. */
  start: number;
  end: number;
  /** The excluding cell as printed. */
  trigger: string;
}

// A cell that is only an exclusion mark, possibly with a note in brackets: "Exclu", "Exclu (sans
// objet)", "Non retenu", "Hors marché", "Excluded", "Not included", "Out of scope".
const EXCLUDING_CELL =
  /^(?:exclue?s?|non\s+(?:retenue?s?|compris|inclus|prevue?s?)|hors\s+(?:marche|lot|perimetre|champ)|excluded|not\s+(?:included|in\s+scope|part\s+of\s+(?:the\s+)?(?:contract|scope))|out\s+of\s+scope)\s*(?:[(\[][^)\]]{0,40}[)\]])?\s*[.;]?$/u;
// The first cell of a numbered row: "6", "6.", "2.1", "A3".
const ITEM_NUMBER = /^(?:[a-z]{0,2}\d{1,3}(?:\.\d{1,3})*[.)]?)$/u;

// A wrapped cell goes on over a few short lines; a longer line is prose after the table.
const MAX_WRAPPED = 4;
const MAX_WRAPPED_LENGTH = 50;
const isWrappedCell = (line: Line) => !line.cells && line.text.trim() !== '' && line.text.trim().length <= MAX_WRAPPED_LENGTH;

const textOf = (pageText: string, c: { start: number; end: number }) => foldString(pageText.slice(c.start, c.end)).trim();

/** The rows of a page's table lines that a cell of theirs excludes. */
export function findExcludedRows(pageText: string, lines: readonly Line[]): ExcludedRow[] {
  const rows: ExcludedRow[] = [];
  for (let i = 0; i < lines.length; i++) {
    const head = lines[i];
    // Spreadsheet rows and word-processing rows carry their own row model; PDF rows have cells.
    if (!head.cells || head.cells.length < 2 || head.location) continue;
    // The row: its line, the lines without cells below it (a wrapped cell) and, when its first
    // cell is an item number and there was a wrapped line, the next line with cells that does
    // not start with an item number of its own (its other columns, printed below).
    let last = i;
    while (last + 1 < lines.length && last - i < MAX_WRAPPED && isWrappedCell(lines[last + 1])) last++;
    const cellLines = [head];
    const tail = lines[last + 1];
    if (
      last > i &&
      tail?.cells &&
      ITEM_NUMBER.test(textOf(pageText, head.cells[0])) &&
      !ITEM_NUMBER.test(textOf(pageText, tail.cells[0]))
    ) {
      cellLines.push(tail);
      last++;
    }
    const trigger = cellLines.flatMap((l) => l.cells!).find((c) => EXCLUDING_CELL.test(textOf(pageText, c)));
    if (trigger) rows.push({ start: head.start, end: lines[last].end, trigger: pageText.slice(trigger.start, trigger.end) });
    i = last;
  }
  return rows;
}
