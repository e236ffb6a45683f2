// ODS spreadsheets: every table (sheet), hidden ones included and marked, each non-empty row a
// passage. A formula cell shows the value the file cached (its text, else office:value); nothing
// is evaluated. Repeated rows and cells (table:number-rows-repeated) are read once, so a sheet
// that declares a million empty rows costs nothing.
import { DocumentFailure } from '../errors.js';
import { readZipEntries } from '../sources/zip.js';
import type { ExtractedDocument } from '../types.js';
import { appendBlocks, documentFromBlocks, type Block } from './blocks.js';
import { SheetBlocks, type SheetCell } from './sheet.js';
import { readXml, SKIP } from './xml.js';

export { ODS_EXTRACTOR_VERSION, recogniseOds } from './recognise.js';

/** Repeat counts are data: a row or cell is read once, and counts only move the numbering. */
const repeat = (value: string | undefined) => Math.max(1, Math.min(Number(value) || 1, 1 << 24));

export function extractOds(bytes: Uint8Array): ExtractedDocument {
  const xml = readZipEntries(bytes, ['content.xml'])['content.xml'];
  if (!xml) throw new DocumentFailure('CORRUPT', 'an ODS without content.xml');
  const blocks: Block[] = [];
  // Table styles that hide their table (style:table-properties table:display="false").
  const hiddenStyles = new Set<string>();
  let styleName: string | null = null;
  let sheet: SheetBlocks | null = null;
  let depth = 0;
  let row = 0;
  let rowRepeat = 1;
  let cells: SheetCell[] = [];
  let column = 0;
  let cellRepeat = 1;
  let cellValue = '';
  let cellText: string | null = null;
  let inParagraph = 0;
  readXml(xml, 'content.xml', {
    open(name, a) {
      switch (name) {
        case 'style:style':
          styleName = a['style:family'] === 'table' ? (a['style:name'] ?? null) : null;
          return;
        case 'style:table-properties':
          if (styleName && a['table:display'] === 'false') hiddenStyles.add(styleName);
          return;
        case 'table:table':
          // A table inside a cell (rare) is read as part of that cell.
          if (sheet) {
            depth++;
            return;
          }
          sheet = new SheetBlocks(a['table:name'] ?? `Sheet${blocks.length + 1}`, hiddenStyles.has(a['table:style-name'] ?? ''));
          row = 0;
          return;
        case 'table:table-row':
          if (depth > 0) return;
          row++;
          rowRepeat = repeat(a['table:number-rows-repeated']);
          cells = [];
          column = 0;
          return;
        case 'table:table-cell':
        case 'table:covered-table-cell':
          if (depth > 0) return;
          cellRepeat = repeat(a['table:number-columns-repeated']);
          cellValue = a['office:value'] ?? a['office:date-value'] ?? a['office:time-value'] ?? a['office:boolean-value'] ?? a['office:string-value'] ?? '';
          cellText = null;
          return;
        case 'text:p':
        case 'text:h':
          inParagraph++;
          if (cellText !== null && inParagraph === 1) cellText += ' ';
          cellText ??= '';
          return;
        case 'text:s':
          if (inParagraph > 0 && cellText !== null) cellText += ' ';
          return;
        case 'office:annotation':
        case 'draw:frame':
          return SKIP;
      }
    },
    close(name) {
      switch (name) {
        case 'style:style':
          styleName = null;
          return;
        case 'text:p':
        case 'text:h':
          inParagraph = Math.max(0, inParagraph - 1);
          return;
        case 'table:table-cell':
        case 'table:covered-table-cell': {
          if (depth > 0) return;
          const text = cellText !== null && cellText.trim() ? cellText : cellValue;
          if (text) cells.push({ column, text });
          column += cellRepeat;
          cellText = null;
          return;
        }
        case 'table:table-row':
          if (depth > 0) return;
          sheet?.addRow(row, cells);
          row += rowRepeat - 1;
          cells = [];
          return;
        case 'table:table':
          if (depth > 0) {
            depth--;
            return;
          }
          if (sheet) appendBlocks(blocks, sheet.blocks);
          sheet = null;
          return;
      }
    },
    text(text) {
      if (inParagraph > 0 && cellText !== null) cellText += text;
    },
  });
  if (sheet) appendBlocks(blocks, (sheet as SheetBlocks).blocks);
  return documentFromBlocks(blocks);
}
