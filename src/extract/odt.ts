// ODT (OpenDocument text): paragraphs and headings, tables (a row is a passage), text boxes,
// footnotes and endnotes, comments (office:annotation), tracked deletions, and the headers and
// footers of styles.xml, in one streaming pass per part.
import { DocumentFailure } from '../errors.js';
import { listZip, readZipEntries } from '../sources/zip.js';
import type { ExtractedDocument, Location, LocationKind } from '../types.js';
import { appendBlocks, documentFromBlocks, normalizeSpace, type Block } from './blocks.js';
import { readXml, SKIP } from './xml.js';

export { ODT_EXTRACTOR_VERSION, recogniseOdt } from './recognise.js';

const MAX_DEPTH = 8;

/** A flow of paragraphs: the body, a note, a comment, a text box, a header. */
interface Story {
  location: Location;
  /** The story's element, whose close ends it. */
  element: string;
  text: string | null;
  /** The open paragraph is a text:h. */
  heading: boolean;
  /** Open tables of the story: their row number and the cells of the open row. */
  tables: { number: number; row: number; rowNumber: number; cells: string[] | null }[];
  /** Blocks anchored in the body paragraph that holds the story, laid out after it. */
  blocks: Block[];
}

interface Reading {
  paragraphs: number;
  tables: number;
  notes: number;
  /** Deleted text of text:tracked-changes, by changed-region id, until the body marks its place. */
  deletions: Map<string, Block[]>;
}

// Looked up by element names of the document: no prototype to find "constructor" in.
const STORY_KINDS: Record<string, LocationKind> = Object.assign(Object.create(null), {
  'office:annotation': 'comment',
  'draw:text-box': 'text-box',
  'style:header': 'header',
  'style:header-left': 'header',
  'style:header-first': 'header',
  'style:footer': 'footer',
  'style:footer-left': 'footer',
  'style:footer-first': 'footer',
});

function readPart(xml: Uint8Array, part: string, reading: Reading, body: boolean): Block[] {
  const out: Block[] = [];
  const stories: Story[] = body ? [{ location: { kind: 'paragraph' }, element: '', text: null, heading: false, tables: [], blocks: out }] : [];
  let ignored = 0;
  // Text outside paragraphs that still matters: a note's number, a comment's author.
  let capture: 'citation' | 'creator' | null = null;
  let captured = '';
  let changeRegion: string | null = null;
  let inDeletion = false;
  let deletedBy: string | undefined;

  const story = () => stories[stories.length - 1];
  const inBody = () => body && stories.length === 1;
  // The first story's blocks go out at once, followed by those anchored in them; a nested
  // story keeps its blocks until it ends.
  const emit = (s: Story, block: Block) => {
    if (s !== stories[0]) {
      s.blocks.push(block);
      return;
    }
    out.push(block, ...s.blocks);
    s.blocks = [];
  };
  const endParagraph = (s: Story) => {
    if (s.text === null) return;
    const text = normalizeSpace(s.text);
    s.text = null;
    const table = s.tables[s.tables.length - 1];
    if (table?.cells) {
      const last = table.cells.length - 1;
      if (last >= 0 && text) table.cells[last] = table.cells[last] ? `${table.cells[last]} ${text}` : text;
      return;
    }
    if (inDeletion && changeRegion !== null) {
      const list = reading.deletions.get(changeRegion) ?? [];
      list.push({ text, location: { kind: 'deleted-text', ...(deletedBy ? { author: deletedBy } : {}) } });
      reading.deletions.set(changeRegion, list);
      return;
    }
    const root = s === stories[0] && body;
    const location: Location = root ? { kind: 'paragraph', paragraph: ++reading.paragraphs } : { ...s.location };
    emit(s, { text, location, ...(root && s.heading ? { heading: true } : {}) });
  };
  const anchor = () => (body ? reading.paragraphs + 1 : undefined);

  readXml(xml, part, {
    open(name, attributes) {
      const s = story();
      switch (name) {
        case 'text:p':
        case 'text:h':
          if (!s) return;
          endParagraph(s);
          s.text = '';
          s.heading = name === 'text:h';
          return;
        case 'text:s': {
          const count = Math.min(Number(attributes['text:c'] ?? 1) || 1, 64);
          if (s?.text != null) s.text += ' '.repeat(count);
          return;
        }
        case 'text:tab':
        case 'text:line-break':
          if (s?.text != null) s.text += ' ';
          return;
        case 'text:tracked-changes':
          return;
        case 'text:changed-region':
          changeRegion = attributes['text:id'] ?? attributes['xml:id'] ?? null;
          return;
        case 'text:deletion':
          inDeletion = true;
          deletedBy = undefined;
          return;
        case 'dc:creator':
          capture = 'creator';
          captured = '';
          return;
        case 'text:note-citation':
          capture = 'citation';
          captured = '';
          return;
        case 'text:change': {
          // The place of a deletion in the body: its text comes right after this paragraph.
          const deleted = reading.deletions.get(attributes['text:change-id'] ?? '');
          if (deleted && s) {
            reading.deletions.delete(attributes['text:change-id'] ?? '');
            for (const block of deleted) s.blocks.push({ ...block, location: { ...block.location, ...(inBody() ? { paragraph: anchor() } : {}) } });
          }
          return;
        }
        case 'table:table':
          if (!s || s.tables.length >= MAX_DEPTH) {
            ignored++;
            return SKIP;
          }
          endParagraph(s);
          s.tables.push({ number: inBody() && s.tables.length === 0 ? ++reading.tables : 0, row: 0, rowNumber: 0, cells: null });
          return;
        case 'table:table-row': {
          const table = s?.tables[s.tables.length - 1];
          if (!table || !s) return;
          table.row++;
          table.cells = [];
          table.rowNumber = inBody() && s.tables.length === 1 ? ++reading.paragraphs : 0;
          return;
        }
        case 'table:table-cell':
        case 'table:covered-table-cell': {
          const table = s?.tables[s.tables.length - 1];
          if (table?.cells) table.cells.push('');
          return;
        }
        case 'text:note': {
          if (!s || stories.length > MAX_DEPTH) return SKIP;
          const kind: LocationKind = attributes['text:note-class'] === 'endnote' ? 'endnote' : 'footnote';
          stories.push({ location: { kind, note: ++reading.notes, ...(inBody() ? { paragraph: anchor() } : {}) }, element: name, text: null, heading: false, tables: [], blocks: [] });
          return;
        }
        case 'office:annotation-end':
        case 'text:tracked-changes-end':
        case 'svg:title':
        case 'svg:desc':
          return SKIP;
      }
      const kind = STORY_KINDS[name];
      if (kind) {
        if (stories.length > MAX_DEPTH) return SKIP;
        const inBodyNow = inBody();
        stories.push({ location: { kind, ...(inBodyNow ? { paragraph: anchor() } : {}) }, element: name, text: null, heading: false, tables: [], blocks: [] });
      }
    },
    close(name) {
      const s = story();
      switch (name) {
        case 'text:p':
        case 'text:h':
          if (s) endParagraph(s);
          return;
        case 'dc:creator':
        case 'text:note-citation': {
          const value = normalizeSpace(captured);
          if (capture === 'citation' && s?.location.note !== undefined && /^\d+$/.test(value)) s.location.note = Number(value);
          if (capture === 'creator') {
            if (inDeletion) deletedBy = value || undefined;
            else if (s?.location.kind === 'comment' && value) s.location.author = value;
          }
          capture = null;
          return;
        }
        case 'text:deletion':
          inDeletion = false;
          return;
        case 'text:changed-region':
          changeRegion = null;
          return;
        case 'table:table-row': {
          const table = s?.tables[s.tables.length - 1];
          if (!s || !table?.cells) return;
          endParagraph(s);
          const text = table.cells.filter((c) => c).join(' | ');
          table.cells = null;
          const outer = s.tables[s.tables.length - 2];
          if (outer?.cells) {
            const last = outer.cells.length - 1;
            if (last >= 0 && text) outer.cells[last] = outer.cells[last] ? `${outer.cells[last]} ${text}` : text;
            return;
          }
          const location: Location = table.rowNumber ? { kind: 'table-row', paragraph: table.rowNumber, table: table.number, row: table.row } : { ...s.location };
          emit(s, { text, location });
          return;
        }
        case 'table:table':
          if (ignored > 0) ignored--;
          else if (s && s.tables.length > 0) {
            endParagraph(s);
            s.tables.pop();
          }
          return;
      }
      if (s && s.element === name && stories.length > (body ? 1 : 0)) {
        stories.pop();
        endParagraph(s);
        const outer = story();
        // A note, comment or box inside a body paragraph comes after that paragraph.
        if (outer) appendBlocks(outer.blocks, s.blocks);
        else appendBlocks(out, s.blocks);
      }
    },
    text(text) {
      if (capture) captured += text;
      else {
        const s = story();
        if (s && s.text !== null) s.text += text;
      }
    },
  });
  while (stories.length > 0) {
    const s = stories.pop()!;
    endParagraph(s);
    appendBlocks(out, s.blocks);
  }
  return out;
}

export function extractOdt(bytes: Uint8Array): ExtractedDocument {
  const names = new Set(listZip(bytes).map((e) => e.name));
  const parts = readZipEntries(bytes, ['content.xml', ...(names.has('styles.xml') ? ['styles.xml'] : [])]);
  if (!parts['content.xml']) throw new DocumentFailure('CORRUPT', 'an ODT without content.xml');
  const reading: Reading = { paragraphs: 0, tables: 0, notes: 0, deletions: new Map() };
  const blocks = readPart(parts['content.xml'], 'content.xml', reading, true);
  // Deletions the body never pointed at still count.
  for (const list of reading.deletions.values()) appendBlocks(blocks, list);
  const styles = parts['styles.xml'] ? readPart(parts['styles.xml'], 'styles.xml', reading, false) : [];
  return documentFromBlocks([...blocks, ...styles]);
}
