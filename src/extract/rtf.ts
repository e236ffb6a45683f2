// RTF: one linear pass over the control words, keeping the text of the body (paragraphs and
// table rows), footnotes, headers, footers, comments, and deleted revisions as their own kind.
// Destinations that hold no text a reader sees (fonts, styles, pictures, field codes…) are
// skipped; \'hh bytes are decoded in the document's code page, \uN as Unicode.
import type { ExtractedDocument, Location, LocationKind } from '../types.js';
import { appendBlocks, documentFromBlocks, normalizeSpace, type Block } from './blocks.js';

export { RTF_EXTRACTOR_VERSION, recogniseRtf } from './recognise.js';

/** Destinations whose content is not text of the document. */
const SKIPPED = new Set(
  'fonttbl colortbl stylesheet info pict object objdata themedata colorschememapping datastore latentstyles listtable listoverridetable rsidtbl generator xmlnstbl mmathPr fldinst bkmkstart bkmkend filetbl revtbl pgdsctbl protusertbl userprops shppict nonshppict blipuid atnid atndate atnref xe tc txe private wgrffmtfilter'.split(' '),
);
// Looked up by control words of the document: without a prototype, \constructor is no story.
const STORIES: Record<string, LocationKind> = Object.assign(Object.create(null), {
  footnote: 'footnote',
  header: 'header',
  headerl: 'header',
  headerr: 'header',
  headerf: 'header',
  footer: 'footer',
  footerl: 'footer',
  footerr: 'footer',
  footerf: 'footer',
  annotation: 'comment',
});
const SYMBOLS: Record<string, string> = Object.assign(Object.create(null), {
  emdash: '—', endash: '–', lquote: '‘', rquote: '’', ldblquote: '“', rdblquote: '”', bullet: '•', emspace: ' ', enspace: ' ', qmspace: ' ', tab: ' ', line: ' ',
});

interface Group {
  skip: boolean;
  /** Characters to skip after \uN. */
  uc: number;
  deleted: boolean;
  story: Story | null;
}

interface Story {
  kind: LocationKind;
  note?: number;
  author?: string;
  paragraph?: number;
  text: string;
  blocks: Block[];
}

export function extractRtf(bytes: Uint8Array): ExtractedDocument {
  let decoder = new TextDecoder('windows-1252');
  const blocks: Block[] = [];
  const body: Story = { kind: 'paragraph', text: '', blocks };
  let group: Group = { skip: false, uc: 1, deleted: false, story: body };
  const stack: Group[] = [];
  let paragraphs = 0;
  let notes = 0;
  let tables = 0;
  let row = 0;
  let cells: string[] | null = null;
  let inTable = false;
  let deleted = '';
  let author: string | undefined;
  let capturingAuthor = false;
  let pendingAuthor = '';
  let skipChars = 0;
  let bytesRun: number[] = [];
  // An ignorable destination ("{\*\name"): skipped unless the name is one kept here.
  let starred = false;
  // Notes and comments met inside a body paragraph, laid out after it.
  const pendingStories: Block[] = [];
  const flushPending = () => {
    appendBlocks(blocks, pendingStories);
    pendingStories.length = 0;
  };

  const flushBytes = () => {
    if (bytesRun.length === 0) return;
    const text = decoder.decode(new Uint8Array(bytesRun));
    bytesRun = [];
    emitText(text);
  };
  const emitText = (text: string) => {
    if (group.skip) return;
    if (capturingAuthor) {
      pendingAuthor += text;
      return;
    }
    const story = group.story;
    if (!story) return;
    if (group.deleted && story === body) deleted += text;
    else story.text += text;
  };
  const endParagraph = (story: Story) => {
    const text = normalizeSpace(story.text);
    story.text = '';
    if (story !== body) {
      if (text) story.blocks.push({ text, location: storyLocation(story) });
      return;
    }
    if (inTable) {
      cells ??= [];
      if (text) cells.push(text);
      return;
    }
    const location: Location = { kind: 'paragraph', paragraph: ++paragraphs };
    blocks.push({ text, location });
    flushDeleted(location);
  };
  const flushDeleted = (around: Location) => {
    const text = normalizeSpace(deleted);
    deleted = '';
    if (text) blocks.push({ text, location: { kind: 'deleted-text', ...(around.paragraph ? { paragraph: around.paragraph } : {}) } });
  };
  const storyLocation = (s: Story): Location => ({
    kind: s.kind,
    ...(s.note !== undefined ? { note: s.note } : {}),
    ...(s.author ? { author: s.author } : {}),
    ...(s.paragraph !== undefined ? { paragraph: s.paragraph } : {}),
  });
  const endRow = () => {
    if (!cells) return;
    const text = cells.join(' | ');
    cells = null;
    const location: Location = { kind: 'table-row', paragraph: ++paragraphs, table: tables, row: ++row };
    blocks.push({ text, location });
    flushDeleted(location);
  };

  const controlWord = (word: string, param: number | null) => {
    if (starred) {
      starred = false;
      if (!STORIES[word] && word !== 'atnauthor') group.skip = true;
    }
    if (SKIPPED.has(word)) {
      group.skip = true;
      return;
    }
    const kind = STORIES[word];
    if (kind) {
      const story: Story = { kind, text: '', blocks: [] };
      if (kind === 'footnote') story.note = ++notes;
      if (kind === 'footnote' || kind === 'comment') story.paragraph = paragraphs + 1;
      if (kind === 'comment' && author) story.author = author;
      group.story = story;
      return;
    }
    switch (word) {
      case 'atnauthor':
        capturingAuthor = true;
        pendingAuthor = '';
        return;
      case 'ansicpg':
        try {
          if (param !== null) decoder = new TextDecoder(param === 65001 ? 'utf-8' : `windows-${param}`);
        } catch {
          // An unknown code page: Windows-1252 stays.
        }
        return;
      case 'uc':
        group.uc = Math.max(0, Math.min(param ?? 1, 8));
        return;
      case 'u':
        if (param === null) return;
        flushBytes();
        emitText(String.fromCharCode(param < 0 ? param + 65536 : param));
        skipChars = group.uc;
        return;
      case 'par':
      case 'sect':
      case 'page':
        if (group.story) endParagraph(group.story);
        return;
      case 'intbl':
        if (!inTable && group.story === body) {
          inTable = true;
          tables++;
          row = 0;
        }
        return;
      case 'cell':
        if (group.story === body) {
          const text = normalizeSpace(body.text);
          body.text = '';
          cells ??= [];
          if (text) cells.push(text);
        }
        return;
      case 'row':
        if (group.story === body) endRow();
        return;
      case 'pard':
        // A paragraph reset outside \intbl leaves the table.
        if (group.story === body && inTable && !cells) inTable = false;
        return;
      case 'deleted':
        group.deleted = param !== 0;
        return;
      case 'bin':
        return;
    }
    const symbol = SYMBOLS[word];
    if (symbol) emitText(symbol);
  };

  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const c = bytes[i];
    if (c === 0x7b) {
      flushBytes();
      stack.push(group);
      group = { ...group };
      i++;
      continue;
    }
    if (c === 0x7d) {
      flushBytes();
      const closing = group;
      const parent = stack.pop();
      if (capturingAuthor && !closing.skip) {
        capturingAuthor = false;
        author = normalizeSpace(pendingAuthor) || undefined;
      }
      if (closing.story && parent && closing.story !== parent.story) {
        endParagraph(closing.story);
        const target = parent.story ?? body;
        // A note or comment comes after the body paragraph that holds it.
        if (target === body) appendBlocks(pendingStories, closing.story.blocks);
        else appendBlocks(target.blocks, closing.story.blocks);
      }
      if (parent) group = parent;
      i++;
      continue;
    }
    if (c === 0x5c) {
      const next = bytes[i + 1];
      if (next === undefined) break;
      if ((next >= 0x61 && next <= 0x7a) || (next >= 0x41 && next <= 0x5a)) {
        let j = i + 1;
        while (j < n && j - i <= 32 && ((bytes[j] >= 0x61 && bytes[j] <= 0x7a) || (bytes[j] >= 0x41 && bytes[j] <= 0x5a))) j++;
        const word = String.fromCharCode(...bytes.subarray(i + 1, j));
        let param: number | null = null;
        let k = j;
        if (bytes[k] === 0x2d || (bytes[k] >= 0x30 && bytes[k] <= 0x39)) {
          const negative = bytes[k] === 0x2d;
          if (negative) k++;
          let value = 0;
          let digits = 0;
          while (k < n && bytes[k] >= 0x30 && bytes[k] <= 0x39 && digits < 10) {
            value = value * 10 + (bytes[k] - 0x30);
            k++;
            digits++;
          }
          param = negative ? -value : value;
        }
        if (bytes[k] === 0x20) k++;
        i = k;
        if (word === 'bin' && param !== null && param > 0) {
          i += param;
          continue;
        }
        if (word !== 'u' && word !== 'uc') flushBytes();
        controlWord(word, param);
        if (word === 'par' || word === 'row' || word === 'page' || word === 'sect') flushPending();
        continue;
      }
      // Control symbols: \'hh, \~, \-, \_, \*, \\, \{, \}.
      if (next === 0x27) {
        const hex = String.fromCharCode(bytes[i + 2] ?? 0, bytes[i + 3] ?? 0);
        i += 4;
        if (skipChars > 0) {
          skipChars--;
          continue;
        }
        const value = parseInt(hex, 16);
        if (!Number.isNaN(value) && !group.skip) bytesRun.push(value);
        continue;
      }
      i += 2;
      if (next === 0x2a) starred = true;
      else if (next === 0x7e) emitText('\u00a0');
      else if (next === 0x5f) emitText('-');
      else if (next === 0x5c || next === 0x7b || next === 0x7d) {
        flushBytes();
        emitText(String.fromCharCode(next));
      }
      continue;
    }
    if (c === 0x0d || c === 0x0a) {
      i++;
      continue;
    }
    if (skipChars > 0) {
      skipChars--;
      i++;
      continue;
    }
    if (!group.skip) {
      if (c < 0x80) {
        flushBytes();
        emitText(String.fromCharCode(c));
      } else bytesRun.push(c);
    }
    i++;
  }
  flushBytes();
  endParagraph(body);
  endRow();
  flushPending();
  return documentFromBlocks(blocks);

}
