// Legacy Word 97–2003 (.doc), read by word-extractor (pure JavaScript): the body, footnotes,
// endnotes, headers, footers, comments and text boxes. The compound file is checked first
// (cfb.ts), so the reader never follows a looping sector chain. Word's own file format keeps
// no per-paragraph structure this reader exposes beyond line breaks: a paragraph is a line.
import { createRequire } from 'node:module';
import { DocumentFailure } from '../errors.js';
import type { ExtractedDocument, LocationKind } from '../types.js';
import { documentFromBlocks, normalizeSpace, type Block } from './blocks.js';
import { describeCompoundFile, readCompoundDirectory } from './cfb.js';

export { DOC_EXTRACTOR_VERSION, recogniseDoc } from './recognise.js';

interface WordDocument {
  getBody(o?: object): string;
  getFootnotes(o?: object): string;
  getEndnotes(o?: object): string;
  getHeaders(o?: object): string;
  getFooters(o?: object): string;
  getAnnotations(o?: object): string;
  getTextboxes(o?: object): string;
}
interface WordExtractorClass {
  new (): { extract(source: Buffer): Promise<WordDocument> };
}

const REPLACED: Record<string, string> = { '\x02': '\x00', '\x05': '\x00', '\x07': '\t', '\x08': '\x00', '\x0a': '\n', '\x0b': '\n', '\x0c': '\n', '\x0d': '\n', '\x1e': '\u2011' };

/**
 * Word's control characters to text, and fields (\x13 code \x14 result \x15) to their result,
 * in two linear passes. It stands in for word-extractor's own `clean`, whose field regular
 * expression backtracks: 100,000 characters after one unmatched field start took 25 s.
 */
export function cleanWordText(text: string): string {
  let replaced = '';
  for (const ch of text) replaced += REPLACED[ch] ?? ch;
  const end = new Int32Array(replaced.length).fill(-1);
  const separator = new Int32Array(replaced.length).fill(-1);
  const open: number[] = [];
  for (let i = 0; i < replaced.length; i++) {
    const c = replaced.charCodeAt(i);
    if (c === 0x13) open.push(i);
    else if (c === 0x14 && open.length > 0 && separator[open[open.length - 1]] < 0) separator[open[open.length - 1]] = i;
    else if (c === 0x15 && open.length > 0) end[open.pop()!] = i;
  }
  let out = '';
  for (let i = 0; i < replaced.length; i++) {
    const c = replaced.charCodeAt(i);
    if (c === 0x13 && end[i] >= 0) {
      // Skip the field's code: to its separator, or the whole field when it has no result.
      i = separator[i] >= 0 && separator[i] < end[i] ? separator[i] : end[i];
      continue;
    }
    if (c <= 0x07 || c === 0x13 || c === 0x14 || c === 0x15) continue;
    out += replaced[i];
  }
  return out;
}

const require = createRequire(import.meta.url);
let WordExtractor: WordExtractorClass | undefined;

function loadWordExtractor(): WordExtractorClass {
  if (!WordExtractor) {
    // The reader takes `clean` from its filters module when it loads: replace it first.
    const filters = require('word-extractor/lib/filters.js') as { clean: (s: string) => string };
    filters.clean = cleanWordText;
    WordExtractor = require('word-extractor') as WordExtractorClass;
  }
  return WordExtractor;
}

export async function extractDoc(bytes: Uint8Array): Promise<ExtractedDocument> {
  const directory = readCompoundDirectory(bytes);
  if (!directory.names.has('WordDocument')) throw new DocumentFailure('UNSUPPORTED', describeCompoundFile(directory.names));
  const fib = directory.head('WordDocument');
  if (!fib || fib.length < 12 || fib[0] !== 0xec || fib[1] !== 0xa5) throw new DocumentFailure('CORRUPT', 'broken Word 97–2003 document (no file information block)');
  // fEncrypted (bit 8 of the FIB's flags at 0x0A): the text is unreadable without the password.
  if (fib[0x0b] & 0x01) throw new DocumentFailure('ENCRYPTED', 'a password-protected Word 97–2003 document');
  const Reader = loadWordExtractor();
  let document: WordDocument;
  try {
    document = await new Reader().extract(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (err) {
    throw new DocumentFailure('CORRUPT', `broken Word 97–2003 document (${(err as Error).message ?? err})`);
  }
  const raw = { filterUnicode: false };
  const blocks: Block[] = [];
  let paragraph = 0;
  for (const line of document.getBody(raw).split('\n')) blocks.push({ text: normalizeSpace(line), location: { kind: 'paragraph', paragraph: ++paragraph } });
  const parts: [string, LocationKind][] = [
    [document.getTextboxes({ ...raw, includeHeadersAndFooters: false }), 'text-box'],
    [document.getHeaders({ ...raw, includeFooters: false }), 'header'],
    [document.getFooters(raw), 'footer'],
    [document.getFootnotes(raw), 'footnote'],
    [document.getEndnotes(raw), 'endnote'],
    [document.getAnnotations(raw), 'comment'],
  ];
  for (const [text, kind] of parts) {
    for (const line of text.split('\n')) {
      const normalized = normalizeSpace(line);
      if (normalized) blocks.push({ text: normalized, location: { kind } });
    }
  }
  return documentFromBlocks(blocks);
}
