// The terminal report's summary table: drawn here when it is plain (no colour, every cell plain
// Latin text that fits its column), else by cli-table3, loaded then only (CommonJS, required on
// use): cli-table3 measures each cell with its own string-width and emoji-regex, loaded and
// compiled cold for a table of a few rows. Both draw the same bytes (test/slow/terminal-wrap.test.ts).
import { createRequire } from 'node:module';
import { plainPaths } from './wrap.js';

export interface TableSpec {
  head: string[];
  /** Each column's width, its borders apart, a space of padding on each side included. */
  colWidths: number[];
  colAligns: ('left' | 'right')[];
  /** Bold head and grey borders. */
  color: boolean;
}

/**
 * Text one column per UTF-16 unit for cli-table3's string-width: the fast wrap's characters
 * (wrap.ts) but those either width counts two (©, ®, ⚠).
 */
const SIMPLE = /^[\n\x20-\x7e\xa0-\xa8\xaa-\xac\xaf-\xff\u2010-\u2027\u202f\u2030-\u203a\u20ac\u2190-\u2193\ue000]*$/;

/** The table of `rows` under `spec.head`, as cli-table3 draws it. */
export function drawTable(spec: TableSpec, rows: string[][]): string {
  return plainPaths.enabled && isSimple(spec, rows) ? simpleTable(spec, rows) : cliTable(spec, rows);
}

/** Whether `simpleTable` draws what cli-table3 would: no colour, plain cells, none cut. */
export function isSimple(spec: TableSpec, rows: string[][]): boolean {
  if (spec.color) return false;
  return [spec.head, ...rows].every((row) => row.length === spec.colWidths.length && row.every((cell, i) => typeof cell === 'string' && SIMPLE.test(cell) && cell.split('\n').every((line) => line.length <= spec.colWidths[i] - 2)));
}

export function cliTable(spec: TableSpec, rows: string[][]): string {
  const Table = createRequire(import.meta.url)('cli-table3') as typeof import('cli-table3');
  const table = new Table({
    head: spec.head,
    colWidths: spec.colWidths,
    colAligns: spec.colAligns,
    style: { head: spec.color ? ['bold'] : [], border: spec.color ? ['grey'] : [] },
  });
  table.push(...rows);
  return table.toString();
}

/** cli-table3's drawing of a table without spans: borders, a rule between rows, one space of padding. */
function simpleTable(spec: TableSpec, rows: string[][]): string {
  const widths = spec.colWidths;
  const rule = (left: string, middle: string, right: string) => left + widths.map((w) => '─'.repeat(w)).join(middle) + right;
  const out = [rule('┌', '┬', '┐')];
  [spec.head, ...rows].forEach((row, y) => {
    if (y > 0) out.push(rule('├', '┼', '┤'));
    const lines = row.map((cell) => cell.split('\n'));
    const height = Math.max(...lines.map((l) => l.length));
    for (let n = 0; n < height; n++) {
      const cells = lines.map((l, x) => {
        const line = l[n];
        if (line === undefined) return ' '.repeat(widths[x]);
        const room = ' '.repeat(widths[x] - 2 - line.length);
        return ' ' + (spec.colAligns[x] === 'right' ? room + line : line + room) + ' ';
      });
      out.push('│' + cells.join('│') + '│');
    }
  });
  out.push(rule('└', '┴', '┘'));
  return out.join('\n');
}
