// DOCX (Word 2007+): the body, tables (a row is a passage), text boxes, headers and footers,
// footnotes and endnotes, comments and tracked changes, read from the XML parts in one
// streaming pass each. Deleted text is kept, as its own location kind: a clause deleted
// between two versions is what a reader of the tender looks for.
import { DocumentFailure } from '../errors.js';
import { listZip, readZipEntries } from '../sources/zip.js';
import type { ExtractedDocument, Location, LocationKind } from '../types.js';
import { appendBlocks, documentFromBlocks, normalizeSpace, type Block } from './blocks.js';
import { readXml, SKIP, type XmlHandlers } from './xml.js';

export { DOCX_EXTRACTOR_VERSION, recogniseDocx } from './recognise.js';

/** Text boxes and tables nested deeper than this are read as part of the one around them. */
const MAX_DEPTH = 8;

interface Paragraph {
  text: string;
  deleted: string;
  deletedBy?: string;
  pageBreakBefore: boolean;
  breakInside: boolean;
  /** The paragraph's style, or an outline level set on it: whether it is a heading. */
  style?: string;
  outline?: boolean;
  /** Body paragraph number (0 inside tables, notes, comments). */
  number: number;
  /** Blocks anchored in the paragraph (its text boxes), laid out after it. */
  after: Block[];
}

interface Table {
  number: number;
  row: number;
  /** Paragraph number given to the open row; cells of the open row, else null. */
  rowNumber: number;
  cells: string[] | null;
  deleted: string;
}

/** One flow of paragraphs: the body, a text box, a note, a comment, a header. */
interface Story {
  location: () => Omit<Location, 'paragraph'> & { paragraph?: number };
  paragraph: Paragraph | null;
  tables: Table[];
  /** Where its blocks go: the part's output, or a text box's own list, handed to the paragraph around it when the box ends. */
  blocks: Block[];
}

/** What the body tells the other parts: where each note and comment is anchored, and its number. */
interface Anchors {
  notes: Map<string, { number: number; paragraph: number }>;
  /** Notes met so far, by kind ("f" footnotes, "e" endnotes): the next one's number. */
  noteCounts: Record<string, number>;
  comments: Map<string, number>;
  paragraphs: number;
  tables: number;
  /** Paragraph styles that are headings (from styles.xml). */
  headingStyles: Set<string>;
}

const isOn = (value: string | undefined) => value === undefined || !['false', '0', 'off'].includes(value);

/**
 * Reads one part into blocks. `storyOpen` tells, for an element of the part, whether it opens
 * a story (w:footnote, w:comment, w:hdr…) and the location of its paragraphs, or SKIP.
 */
function readPart(
  xml: Uint8Array,
  part: string,
  anchors: Anchors,
  body: boolean,
  storyOpen: (name: string, attributes: Record<string, string>) => (() => Omit<Location, 'paragraph'> & { paragraph?: number }) | null | typeof SKIP,
): Block[] {
  const out: Block[] = [];
  const stories: Story[] = [];
  const storyClosers: string[] = [];
  const alternates: boolean[] = [];
  let textTarget: 'text' | 'deleted' | null = null;
  // Paragraph properties hold w:tab stops, not tabs; elements nested past MAX_DEPTH are ignored.
  let inProperties = 0;
  let ignoredBoxes = 0;
  let ignoredTables = 0;
  let deletedBy: string | undefined;
  let pendingBreak = false;

  const story = () => stories[stories.length - 1];
  // The body's own story: its paragraphs are numbered; those of boxes, notes and comments are not.
  const root: Story | undefined = body ? { location: () => ({ kind: 'paragraph' }), paragraph: null, tables: [], blocks: out } : undefined;
  if (root) stories.push(root);
  // The body and the notes write to `out`; a text box keeps its blocks until it ends.
  const emit = (s: Story, block: Block) => s.blocks.push(block);
  const endParagraph = (s: Story) => {
    const p = s.paragraph;
    if (!p) return;
    s.paragraph = null;
    const text = normalizeSpace(p.text);
    const deleted = normalizeSpace(p.deleted);
    const table = s.tables[s.tables.length - 1];
    if (table?.cells) {
      // A paragraph of a table cell joins its cell; the row is the passage.
      const last = table.cells.length - 1;
      if (last >= 0 && text) table.cells[last] = table.cells[last] ? `${table.cells[last]} ${text}` : text;
      if (deleted) table.deleted = table.deleted ? `${table.deleted} ${deleted}` : deleted;
      return;
    }
    if (p.breakInside && !text) {
      pendingBreak = true;
      return;
    }
    const base = s.location();
    const location: Location = s === root ? { kind: 'paragraph', paragraph: p.number } : { ...base };
    const newPage = s === root && (pendingBreak || p.pageBreakBefore);
    if (newPage) pendingBreak = false;
    const heading = s === root && (p.outline || (p.style !== undefined && anchors.headingStyles.has(p.style)));
    emit(s, { text, location, ...(newPage ? { newPage } : {}), ...(heading ? { heading } : {}) });
    if (deleted) emit(s, { text: deleted, location: deletedLocation(location, p.deletedBy) });
    for (const block of p.after) emit(s, block);
    if (p.breakInside) pendingBreak = true;
  };
  const deletedLocation = (around: Location, author: string | undefined): Location => ({
    kind: 'deleted-text',
    ...(around.paragraph !== undefined ? { paragraph: around.paragraph } : {}),
    ...(author ? { author } : {}),
  });
  const current = (): Paragraph | null => story()?.paragraph ?? null;
  const append = (text: string) => {
    const p = current();
    if (!p) return;
    if (textTarget === 'deleted') {
      p.deleted += text;
      if (deletedBy) p.deletedBy ??= deletedBy;
    } else p.text += text;
  };

  const handlers: XmlHandlers = {
    open(name, attributes) {
      const s = story();
      switch (name) {
        case 'w:p': {
          if (!s) return;
          // An unclosed paragraph ends where the next one starts (in the same story).
          endParagraph(s);
          const inTable = !!s.tables[s.tables.length - 1]?.cells;
          const number = s === root && !inTable ? ++anchors.paragraphs : 0;
          s.paragraph = { text: '', deleted: '', pageBreakBefore: false, breakInside: false, number, after: [] };
          return;
        }
        case 'w:pStyle':
          if (current() && inProperties > 0) current()!.style = attributes['w:val'];
          return;
        case 'w:outlineLvl':
          if (current() && inProperties > 0 && Number(attributes['w:val']) < 9) current()!.outline = true;
          return;
        case 'w:pageBreakBefore':
          if (current() && isOn(attributes['w:val'])) current()!.pageBreakBefore = true;
          return;
        case 'w:t':
          textTarget = 'text';
          return;
        case 'w:delText':
          textTarget = 'deleted';
          return;
        case 'w:pPr':
          inProperties++;
          return;
        case 'w:tab':
          if (inProperties === 0) append('\t');
          return;
        case 'w:br':
        case 'w:cr':
          if (attributes['w:type'] === 'page' && current()) current()!.breakInside = true;
          else append(' ');
          return;
        case 'w:noBreakHyphen':
          append('-');
          return;
        case 'w:del':
          deletedBy = normalizeSpace(attributes['w:author'] ?? '') || undefined;
          return;
        // Moved text is also at its destination (w:moveTo): read it once.
        case 'w:moveFrom':
        case 'w:instrText':
        case 'w:delInstrText':
          return SKIP;
        case 'mc:AlternateContent':
          alternates.push(false);
          return;
        case 'mc:Choice':
        case 'mc:Fallback':
          // The same content twice (a text box for new and old readers): take the first branch.
          if (alternates.length === 0) return;
          if (alternates[alternates.length - 1]) return SKIP;
          alternates[alternates.length - 1] = true;
          return;
        case 'w:txbxContent': {
          if (!s || stories.length > MAX_DEPTH) {
            ignoredBoxes++;
            return;
          }
          const anchor = s.paragraph?.number || s.tables[s.tables.length - 1]?.rowNumber || s.location().paragraph;
          const outer = s.location();
          const kind: LocationKind = s === root ? 'text-box' : outer.kind;
          stories.push({
            location: () => ({ ...outer, kind, ...(anchor ? { paragraph: anchor } : {}) }),
            paragraph: null,
            tables: [],
            blocks: [],
          });
          storyClosers.push(name);
          return;
        }
        case 'w:tbl':
          if (!s || s.tables.length >= MAX_DEPTH) {
            ignoredTables++;
            return;
          }
          s.tables.push({ number: s === root && s.tables.length === 0 ? ++anchors.tables : 0, row: 0, rowNumber: 0, cells: null, deleted: '' });
          return;
        case 'w:tr': {
          const table = s?.tables[s.tables.length - 1];
          if (!table || !s) return;
          endParagraph(s);
          table.row++;
          table.cells = [];
          table.deleted = '';
          table.rowNumber = s === root && s.tables.length === 1 ? ++anchors.paragraphs : 0;
          return;
        }
        case 'w:tc': {
          const table = s?.tables[s.tables.length - 1];
          if (table?.cells) table.cells.push('');
          return;
        }
        case 'w:footnoteReference':
        case 'w:endnoteReference': {
          const id = attributes['w:id'];
          const key = `${name === 'w:footnoteReference' ? 'f' : 'e'}${id}`;
          if (id !== undefined && !anchors.notes.has(key)) {
            anchors.noteCounts[key[0]] = (anchors.noteCounts[key[0]] ?? 0) + 1;
            anchors.notes.set(key, { number: anchors.noteCounts[key[0]], paragraph: anchorParagraph() });
          }
          return;
        }
        case 'w:commentRangeStart':
        case 'w:commentReference': {
          const id = attributes['w:id'];
          if (id !== undefined && !anchors.comments.has(id)) anchors.comments.set(id, anchorParagraph());
          return;
        }
      }
      const opened = storyOpen(name, attributes);
      if (opened === SKIP) return SKIP;
      if (opened) {
        stories.push({ location: opened, paragraph: null, tables: [], blocks: out });
        storyClosers.push(name);
      }
    },
    close(name) {
      const s = story();
      switch (name) {
        case 'w:p':
          if (s) endParagraph(s);
          return;
        case 'w:t':
        case 'w:delText':
          textTarget = null;
          return;
        case 'w:pPr':
          if (inProperties > 0) inProperties--;
          return;
        case 'w:del':
          deletedBy = undefined;
          return;
        case 'mc:AlternateContent':
          alternates.pop();
          return;
        case 'w:tr': {
          const table = s?.tables[s.tables.length - 1];
          if (!s || !table?.cells) return;
          endParagraph(s);
          const text = table.cells.filter((c) => c).join(' | ');
          const deleted = table.deleted;
          table.cells = null;
          const outer = s.tables[s.tables.length - 2];
          if (outer?.cells) {
            // A table nested in a cell belongs to the outer row.
            const last = outer.cells.length - 1;
            if (last >= 0 && text) outer.cells[last] = outer.cells[last] ? `${outer.cells[last]} ${text}` : text;
            if (deleted) outer.deleted = outer.deleted ? `${outer.deleted} ${deleted}` : deleted;
            return;
          }
          const location: Location = table.rowNumber
            ? { kind: 'table-row', paragraph: table.rowNumber, table: table.number, row: table.row }
            : { ...s.location() };
          emit(s, { text, location });
          if (deleted) emit(s, { text: deleted, location: deletedLocation(location, undefined) });
          return;
        }
        case 'w:tbl':
          if (ignoredTables > 0) ignoredTables--;
          else if (s && s.tables.length > 0) {
            endParagraph(s);
            s.tables.pop();
          }
          return;
      }
      if (name === 'w:txbxContent' && ignoredBoxes > 0) {
        ignoredBoxes--;
        return;
      }
      if (storyClosers.length > 0 && storyClosers[storyClosers.length - 1] === name) {
        storyClosers.pop();
        const ended = stories.pop()!;
        endParagraph(ended);
        const outer = story();
        if (name === 'w:txbxContent' && outer) {
          // The box's paragraphs come after the paragraph that holds the box.
          if (outer.paragraph) appendBlocks(outer.paragraph.after, ended.blocks);
          else appendBlocks(outer.blocks, ended.blocks);
        }
      }
    },
    text(text) {
      if (textTarget) append(text);
    },
  };
  const anchorParagraph = () => {
    const s = stories[0];
    return s?.paragraph?.number || anchors.paragraphs;
  };
  readXml(xml, part, handlers);
  while (stories.length > 0) {
    const s = stories.pop()!;
    endParagraph(s);
    if (s.blocks !== out) appendBlocks(out, s.blocks);
  }
  return out;
}

/**
 * The paragraph styles that are headings: built-in heading styles keep their English name
 * ("heading 1") whatever the language of Word, and any style may set an outline level.
 */
function readHeadingStyles(xml: Uint8Array | undefined): Set<string> {
  const out = new Set<string>();
  if (!xml) return out;
  let id: string | undefined;
  readXml(xml, 'word/styles.xml', {
    open(name, a) {
      if (name === 'w:style') id = a['w:type'] === 'paragraph' ? a['w:styleId'] : undefined;
      else if (id && name === 'w:name' && /^(?:heading [1-9]|title)$/i.test(a['w:val'] ?? '')) out.add(id);
      else if (id && name === 'w:outlineLvl' && Number(a['w:val']) < 9) out.add(id);
    },
    close(name) {
      if (name === 'w:style') id = undefined;
    },
    text() {},
  });
  return out;
}

/** Drops repeated blocks of a kind (the same header on first, odd and even pages). */
function once(blocks: Block[]): Block[] {
  const seen = new Set<string>();
  return blocks.filter((b) => {
    const key = `${b.location.kind}|${b.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function extractDocx(bytes: Uint8Array): ExtractedDocument {
  const names = listZip(bytes).map((e) => e.name);
  const headers = names.filter((n) => /^word\/header\d*\.xml$/.test(n)).sort();
  const footers = names.filter((n) => /^word\/footer\d*\.xml$/.test(n)).sort();
  const others = ['word/footnotes.xml', 'word/endnotes.xml', 'word/comments.xml', 'word/styles.xml'].filter((n) => names.includes(n));
  const parts = readZipEntries(bytes, ['word/document.xml', ...headers, ...footers, ...others]);
  const document = parts['word/document.xml'];
  if (!document) throw new DocumentFailure('CORRUPT', 'a DOCX without word/document.xml');
  const headingStyles = readHeadingStyles(parts['word/styles.xml']);
  const anchors: Anchors = { notes: new Map(), noteCounts: {}, comments: new Map(), paragraphs: 0, tables: 0, headingStyles };
  const blocks = readPart(document, 'word/document.xml', anchors, true, () => null);

  const whole = (kind: LocationKind) => (name: string) => (name === 'w:hdr' || name === 'w:ftr' ? () => ({ kind }) : null);
  const extra: Block[] = [];
  for (const part of headers) appendBlocks(extra, readPart(parts[part], part, anchors, false, whole('header')));
  for (const part of footers) appendBlocks(extra, readPart(parts[part], part, anchors, false, whole('footer')));
  for (const [part, element, kind] of [
    ['word/footnotes.xml', 'w:footnote', 'footnote'],
    ['word/endnotes.xml', 'w:endnote', 'endnote'],
  ] as const) {
    if (!parts[part]) continue;
    let unreferenced = 0;
    appendBlocks(
      extra,
      readPart(parts[part], part, anchors, false, (name, attributes) => {
        if (name !== element) return null;
        // Separators are drawn lines, not notes.
        if (attributes['w:type'] && attributes['w:type'] !== 'normal') return SKIP;
        const anchor = anchors.notes.get(`${kind[0]}${attributes['w:id']}`);
        const number = anchor?.number ?? anchors.notes.size + ++unreferenced;
        return () => ({ kind, note: number, ...(anchor ? { paragraph: anchor.paragraph } : {}) });
      }),
    );
  }
  if (parts['word/comments.xml']) {
    appendBlocks(
      extra,
      readPart(parts['word/comments.xml'], 'word/comments.xml', anchors, false, (name, attributes) => {
        if (name !== 'w:comment') return null;
        const author = normalizeSpace(attributes['w:author'] ?? '') || undefined;
        const paragraph = anchors.comments.get(attributes['w:id'] ?? '');
        return () => ({ kind: 'comment', ...(author ? { author } : {}), ...(paragraph ? { paragraph } : {}) });
      }),
    );
  }
  return documentFromBlocks([...blocks, ...once(extra)]);
}
