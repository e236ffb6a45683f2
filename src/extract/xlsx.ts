// XLSX workbooks (BPU, DPGF, DQE price schedules): every sheet, hidden ones included and marked,
// each non-empty row a passage. Formulas are never evaluated: a cell shows the value the file
// cached for it when it was last saved.
import { DocumentFailure } from '../errors.js';
import { readZipEntries } from '../sources/zip.js';
import type { ExtractedDocument } from '../types.js';
import { appendBlocks, documentFromBlocks, type Block } from './blocks.js';
import { columnIndex, SheetBlocks, type SheetCell } from './sheet.js';
import { readXml, SKIP } from './xml.js';

export { XLSX_EXTRACTOR_VERSION, recogniseXlsx } from './recognise.js';

interface SheetEntry {
  name: string;
  hidden: boolean;
  part: string | undefined;
}

/** The workbook's sheets in order, with the part each one is stored in. */
function readWorkbook(workbook: Uint8Array, rels: Uint8Array | undefined): SheetEntry[] {
  const targets = new Map<string, string>();
  if (rels) {
    readXml(rels, 'xl/_rels/workbook.xml.rels', {
      open(name, a) {
        if (name === 'Relationship' && a.Id && a.Target) targets.set(a.Id, a.Target);
      },
      close() {},
      text() {},
    });
  }
  const sheets: { name: string; hidden: boolean; id: string | undefined }[] = [];
  readXml(workbook, 'xl/workbook.xml', {
    open(name, a) {
      if (name === 'sheet' || name.endsWith(':sheet')) {
        const id = a['r:id'] ?? Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1];
        sheets.push({ name: a.name ?? `Sheet${sheets.length + 1}`, hidden: a.state === 'hidden' || a.state === 'veryHidden', id });
      }
    },
    close() {},
    text() {},
  });
  return sheets.map((s) => {
    const target = s.id ? targets.get(s.id) : undefined;
    return { name: s.name, hidden: s.hidden, part: target === undefined ? undefined : resolvePart(target) };
  });
}

/** "worksheets/sheet1.xml" or "/xl/worksheets/sheet1.xml" → "xl/worksheets/sheet1.xml". */
function resolvePart(target: string): string {
  const parts = target.startsWith('/') ? [] : ['xl'];
  for (const segment of target.split('/')) {
    if (segment === '..') parts.pop();
    else if (segment && segment !== '.') parts.push(segment);
  }
  return parts.join('/');
}

function readSharedStrings(xml: Uint8Array | undefined): string[] {
  const strings: string[] = [];
  if (!xml) return strings;
  let current = '';
  let inText = false;
  readXml(xml, 'xl/sharedStrings.xml', {
    open(name) {
      if (name === 'si') current = '';
      else if (name === 't') inText = true;
      // Phonetic readings (East Asian) repeat the text in another script.
      else if (name === 'rPh' || name === 'phoneticPr') return SKIP;
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'si') strings.push(current);
    },
    text(text) {
      if (inText) current += text;
    },
  });
  return strings;
}

function readSheet(xml: Uint8Array, part: string, sheet: SheetEntry, strings: string[]): Block[] {
  const out = new SheetBlocks(sheet.name, sheet.hidden);
  let row = 0;
  let cells: SheetCell[] = [];
  let column = -1;
  let type = 'n';
  let value = '';
  let inValue = false;
  let inlineText = '';
  let inInline = false;
  readXml(xml, part, {
    open(name, a) {
      switch (name) {
        case 'row':
          row = Number(a.r) > 0 ? Number(a.r) : row + 1;
          cells = [];
          column = -1;
          return;
        case 'c': {
          const index = a.r ? columnIndex(a.r) : -1;
          column = index >= 0 ? index : column + 1;
          type = a.t ?? 'n';
          value = '';
          inlineText = '';
          return;
        }
        case 'v':
          inValue = true;
          return;
        case 'is':
          inInline = true;
          return;
        case 'f':
        case 'rPh':
        case 'extLst':
          return SKIP;
      }
    },
    close(name) {
      switch (name) {
        case 'v':
          inValue = false;
          return;
        case 'is':
          inInline = false;
          return;
        case 'c': {
          const text = cellText(type, value, inlineText, strings);
          if (text) cells.push({ column, text });
          return;
        }
        case 'row':
          out.addRow(row, cells);
          cells = [];
          return;
      }
    },
    text(text) {
      if (inValue) value += text;
      else if (inInline) inlineText += text;
    },
  });
  if (cells.length > 0) out.addRow(row, cells);
  return out.blocks;
}

function cellText(type: string, value: string, inline: string, strings: string[]): string {
  switch (type) {
    case 's':
      return strings[Number(value)] ?? '';
    case 'inlineStr':
      return inline;
    case 'b':
      return value === '1' ? 'TRUE' : value === '0' ? 'FALSE' : value;
    case 'e':
      // An error value (#N/A, #REF!) says nothing about the tender.
      return '';
    default:
      return value;
  }
}

export function extractXlsx(bytes: Uint8Array): ExtractedDocument {
  const head = readZipEntries(bytes, ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml']);
  if (!head['xl/workbook.xml']) throw new DocumentFailure('CORRUPT', 'an XLSX without xl/workbook.xml');
  const sheets = readWorkbook(head['xl/workbook.xml'], head['xl/_rels/workbook.xml.rels']);
  const strings = readSharedStrings(head['xl/sharedStrings.xml']);
  const parts = readZipEntries(bytes, sheets.flatMap((s) => (s.part ? [s.part] : [])));
  const blocks: Block[] = [];
  for (const sheet of sheets) {
    const xml = sheet.part ? parts[sheet.part] : undefined;
    if (xml) appendBlocks(blocks, readSheet(xml, sheet.part!, sheet, strings));
  }
  return documentFromBlocks(blocks);
}
