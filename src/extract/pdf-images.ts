// Where the pages of a PDF draw images, read from the file's objects and content streams
// without decoding a pixel: an image fills the unit square of the transformation in force when
// it is drawn, so its place on the page is known from `cm`, `q`/`Q`, `Do` and inline images
// alone. pdf.js's operator list knows it too, but decodes every image at full resolution to
// build it. Whatever this reader cannot read for sure (an encrypted file, a filter other than
// Flate, an object it cannot find, a page tree other than pdf.js's) it leaves unknown, and the
// caller asks pdf.js.
import { constants as bufferConstants } from 'node:buffer';
import { constants, inflateSync } from 'node:zlib';
import { contentBudget, isDelimiter, isSpace } from './pdf-work.js';

export type Matrix = [number, number, number, number, number, number];

/** `cm`: the matrix m applied in the current transformation (PDF's row-vector order). */
export function concat(ctm: Matrix, m: Matrix): Matrix {
  return [
    m[0] * ctm[0] + m[1] * ctm[2],
    m[0] * ctm[1] + m[1] * ctm[3],
    m[2] * ctm[0] + m[3] * ctm[2],
    m[2] * ctm[1] + m[3] * ctm[3],
    m[4] * ctm[0] + m[5] * ctm[2] + ctm[4],
    m[4] * ctm[1] + m[5] * ctm[3] + ctm[5],
  ];
}

export const isMatrix = (m: unknown): m is Matrix => Array.isArray(m) && m.length === 6 && m.every((v) => typeof v === 'number' && Number.isFinite(v));

/** Area of the unit square drawn through `ctm` (an image), clipped to the page box [x0, y0, x1, y1]. */
export function imageAreaOnPage(ctm: Matrix, view: number[]): number {
  const xs = [ctm[4], ctm[0] + ctm[4], ctm[2] + ctm[4], ctm[0] + ctm[2] + ctm[4]];
  const ys = [ctm[5], ctm[1] + ctm[5], ctm[3] + ctm[5], ctm[1] + ctm[3] + ctm[5]];
  const width = Math.min(Math.max(...xs), view[2]) - Math.max(Math.min(...xs), view[0]);
  const height = Math.min(Math.max(...ys), view[3]) - Math.max(Math.min(...ys), view[1]);
  return width > 0 && height > 0 ? width * height : 0;
}

/** The share of the page box (0-1) under the images drawn through these matrices, rounded to 0.01. */
export function coverageOf(images: Matrix[], view: number[]): number {
  const pageArea = (view[2] - view[0]) * (view[3] - view[1]);
  if (!(pageArea > 0)) return 0;
  let covered = 0;
  for (let i = 0; i < images.length && covered < pageArea; i++) covered += imageAreaOnPage(images[i], view);
  return Math.round(Math.min(1, covered / pageArea) * 100) / 100;
}

/** Something the reader cannot be sure of: the page is left to pdf.js. */
class Unreadable extends Error {}

interface Name {
  name: string;
}
interface Ref {
  num: number;
  gen: number;
}
type Dict = Map<string, PdfValue>;
type PdfValue = number | boolean | null | Name | Ref | Dict | PdfValue[] | typeof STRING;
/** Strings are skipped: nothing here reads one. */
const STRING: { readonly string: true } = Object.freeze({ string: true });

const isRef = (v: PdfValue | undefined): v is Ref => typeof v === 'object' && v !== null && 'num' in v;
const isName = (v: PdfValue | undefined, name?: string): v is Name => typeof v === 'object' && v !== null && 'name' in v && (name === undefined || v.name === name);
const isDict = (v: PdfValue | undefined): v is Dict => v instanceof Map;

const isRegular = (b: number | undefined) => b !== undefined && !isSpace(b) && !isDelimiter(b);
const isDigit = (b: number | undefined) => b !== undefined && b >= 0x30 && b <= 0x39;

/** Objects nest no deeper than this (a hostile file could nest arrays a million deep). */
const MAX_NESTING = 64;

/** A reader of PDF syntax over bytes: values, keywords and the skipping of strings and comments. */
/** A PDF name's `#xx` escapes decoded. */
const decodeName = (raw: string) => (raw.includes('#') ? raw.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : raw);

class Lexer {
  constructor(
    readonly b: Uint8Array,
    public pos = 0,
  ) {}

  skipSpace(): void {
    const { b } = this;
    while (this.pos < b.length) {
      const c = b[this.pos];
      if (isSpace(c)) this.pos++;
      else if (c === 0x25) while (this.pos < b.length && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++;
      else break;
    }
  }

  /** The regular characters at the position (a keyword or a number), moved past. */
  word(): string {
    const start = this.pos;
    while (isRegular(this.b[this.pos])) this.pos++;
    return String.fromCharCode(...this.b.subarray(start, Math.min(this.pos, start + 64)));
  }

  private name(): Name {
    this.pos++;
    const start = this.pos;
    while (isRegular(this.b[this.pos])) this.pos++;
    const raw = Buffer.from(this.b.buffer, this.b.byteOffset + start, this.pos - start).toString('latin1');
    return { name: decodeName(raw) };
  }

  /** One value; a keyword other than true/false/null ends it with Unreadable. */
  value(depth = 0): PdfValue {
    if (depth > MAX_NESTING) throw new Unreadable('nested too deep');
    this.skipSpace();
    const { b } = this;
    const c = b[this.pos];
    if (c === undefined) throw new Unreadable('end of data');
    if (c === 0x3c && b[this.pos + 1] === 0x3c) {
      this.pos += 2;
      const dict: Dict = new Map();
      for (;;) {
        this.skipSpace();
        if (b[this.pos] === 0x3e && b[this.pos + 1] === 0x3e) {
          this.pos += 2;
          return dict;
        }
        if (b[this.pos] !== 0x2f) throw new Unreadable('dictionary key is not a name');
        const key = this.name().name;
        dict.set(key, this.value(depth + 1));
      }
    }
    if (c === 0x3c) {
      const end = Buffer.from(b.buffer, b.byteOffset, b.byteLength).indexOf(0x3e, this.pos);
      if (end < 0) throw new Unreadable('unterminated string');
      this.pos = end + 1;
      return STRING;
    }
    if (c === 0x28) {
      this.pos = skipLiteralString(b, this.pos);
      return STRING;
    }
    if (c === 0x5b) {
      this.pos++;
      const array: PdfValue[] = [];
      for (;;) {
        this.skipSpace();
        if (b[this.pos] === 0x5d) {
          this.pos++;
          return array;
        }
        array.push(this.value(depth + 1));
      }
    }
    if (c === 0x2f) return this.name();
    if (isDigit(c) || c === 0x2b || c === 0x2d || c === 0x2e) {
      const text = this.word();
      const n = Number(text);
      if (!Number.isFinite(n)) throw new Unreadable('not a number');
      if (/^\d+$/.test(text)) {
        // "12 0 R": a reference.
        const back = this.pos;
        this.skipSpace();
        if (isDigit(b[this.pos])) {
          const gen = this.word();
          this.skipSpace();
          if (/^\d+$/.test(gen) && b[this.pos] === 0x52 && !isRegular(b[this.pos + 1])) {
            this.pos++;
            return { num: n, gen: Number(gen) };
          }
        }
        this.pos = back;
      }
      return n;
    }
    const word = this.word();
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    throw new Unreadable(`unexpected ${word || String.fromCharCode(c)}`);
  }
}

interface StreamObject {
  dict: Dict;
  /** The raw (still encoded) data. */
  data: Uint8Array;
}

/** Where an object is defined: at an offset of the file, or inside an object stream. */
type Location = { at: number } | { in: Uint8Array; at: number };

const OBJ = Buffer.from('obj');
const ENDSTREAM = Buffer.from('endstream');
const STREAM_KEYWORD = Buffer.from('stream');
const ENDOBJ = Buffer.from('endobj');
/** A page's drawing may call forms in forms: deeper than this, pdf.js is asked. */
const MAX_FORM_DEPTH = 12;
/** Images kept per page; past this, pdf.js is asked. */
const MAX_IMAGES_PER_PAGE = 10_000;
/** Content bytes read for one page, forms included; past this, pdf.js is asked. */
const MAX_BYTES_PER_PAGE = 64 * 1024 * 1024;

/** The objects of a PDF found by scanning it (as pdf.js does when its cross-reference table is broken). */
class PdfObjects {
  private readonly index = new Map<number, Location>();
  /** Objects read so far (a page's resources are often every page's). */
  private readonly parsed = new Map<number, PdfValue>();
  private readonly streams = new Map<number, StreamObject | null>();
  private readonly forms = new Map<number, Uint8Array>();
  /** Decoded size of every form decoded so far (see forget). */
  private readonly formSizes = new Map<number, number>();
  private buffer: Buffer;
  private readonly objectStreams: { position: number; at: number }[] = [];
  /** The last trailer or cross-reference stream dictionary that names the catalog (/Root). */
  trailer: Dict | null = null;
  /** The trailer names an encryption dictionary: streams are unreadable here. */
  encrypted = false;
  private inflated = 0;
  private readonly inflateBudget: number;

  constructor(bytes: Uint8Array) {
    this.buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.inflateBudget = contentBudget(bytes.byteLength);
    this.scan();
    this.expandObjectStreams();
  }

  /** Every `N G obj` of the file, in file order (a later definition replaces an earlier one). */
  private scan(): void {
    const b = this.buffer;
    let trailerAt = -1;
    for (let at = b.indexOf(OBJ); at >= 0; at = b.indexOf(OBJ, at + 3)) {
      if (isRegular(b[at + 3])) continue;
      // Back over "N G " before the keyword.
      let i = at - 1;
      if (!isSpace(b[i])) continue;
      while (i >= 0 && isSpace(b[i])) i--;
      const genEnd = i + 1;
      while (i >= 0 && isDigit(b[i])) i--;
      if (i + 1 === genEnd || !isSpace(b[i])) continue;
      while (i >= 0 && isSpace(b[i])) i--;
      const numEnd = i + 1;
      while (i >= 0 && isDigit(b[i])) i--;
      if (i + 1 === numEnd || (i >= 0 && isRegular(b[i]))) continue;
      const num = Number(b.toString('latin1', i + 1, numEnd));
      this.index.set(num, { at: at + 3 });
      // Only a stream needs reading here (to step over its data): its keyword comes before the
      // next "obj" (its own endobj). Other objects are read when asked for.
      if (!this.streamFollows(at + 3)) continue;
      const lexer = new Lexer(b, at + 3);
      let value: PdfValue;
      try {
        value = lexer.value();
      } catch {
        continue;
      }
      if (!isDict(value)) continue;
      const stream = this.streamAfter(lexer, value);
      if (!stream) continue;
      if (isName(value.get('Type'), 'ObjStm')) this.objectStreams.push({ position: at, at: at + 3 });
      if (isName(value.get('Type'), 'XRef') && value.has('Root') && at > trailerAt) {
        this.trailer = value;
        trailerAt = at;
      }
      at = stream.end;
    }
    // A classic trailer after the last cross-reference stream wins: the last that names the
    // catalog (a linearized file's last trailer names none).
    const tail = b.subarray(trailerAt + 1);
    for (let k = tail.lastIndexOf('trailer'); k >= 0; k = k > 0 ? tail.lastIndexOf('trailer', k - 1) : -1) {
      const keyword = trailerAt + 1 + k;
      try {
        const value = new Lexer(b, keyword + 7).value();
        if (isDict(value) && value.has('Root')) {
          this.trailer = value;
          break;
        }
      } catch {
        // not a trailer: the one before is tried
      }
    }
    this.encrypted = this.trailer?.has('Encrypt') ?? false;
  }

  /** Whether the object whose value starts at `from` is a stream: "stream" comes before its "endobj". */
  private streamFollows(from: number): boolean {
    const b = this.buffer;
    // Most dictionaries are short: a window first, the rest of the object only when it is not.
    const window = b.subarray(from, from + 4096);
    const stream = window.indexOf(STREAM_KEYWORD);
    const end = window.indexOf(ENDOBJ);
    if (stream >= 0 || end >= 0) return stream >= 0 && (end < 0 || stream < end);
    const next = b.indexOf(OBJ, from);
    return b.subarray(from, next < 0 ? b.length : next).indexOf(STREAM_KEYWORD) >= 0;
  }

  /** The data of the stream whose dictionary the lexer has just read, or null when no stream follows. */
  private streamAfter(lexer: Lexer, dict: Dict, source: Uint8Array = this.buffer): { start: number; end: number } | null {
    lexer.skipSpace();
    const b = source;
    const at = lexer.pos;
    if (Buffer.from(b.buffer, b.byteOffset + at, Math.min(6, b.length - at)).toString('latin1') !== 'stream') return null;
    let start = at + 6;
    if (b[start] === 0x0d) start++;
    if (b[start] === 0x0a) start++;
    const length = dict.get('Length');
    let end = typeof length === 'number' && length >= 0 ? start + length : -1;
    if (end >= 0 && end <= b.length) {
      // The length is trusted when "endstream" follows it, as pdf.js checks.
      let k = end;
      while (k < b.length && isSpace(b[k])) k++;
      if (Buffer.from(b.buffer, b.byteOffset + k, Math.min(9, b.length - k)).toString('latin1') !== 'endstream') end = -1;
    } else end = -1;
    if (end < 0) {
      const found = Buffer.from(b.buffer, b.byteOffset, b.byteLength).indexOf(ENDSTREAM, start);
      end = found < 0 ? b.length : found;
      while (end > start && (b[end - 1] === 0x0a || b[end - 1] === 0x0d)) end--;
    }
    return { start, end };
  }

  /** Objects kept in object streams, each where its stream is in the file (later replaces earlier). */
  private expandObjectStreams(): void {
    const position = new Map<number, number>();
    for (const [num, loc] of this.index) position.set(num, loc.at);
    for (const { position: streamPosition, at } of this.objectStreams) {
      let data: Uint8Array;
      let first: number;
      let count: number;
      try {
        const stream = this.streamAt({ at });
        data = this.decode(stream);
        first = stream.dict.get('First') as number;
        count = stream.dict.get('N') as number;
        if (typeof first !== 'number' || typeof count !== 'number') continue;
      } catch {
        continue;
      }
      const header = new Lexer(data);
      for (let k = 0; k < count; k++) {
        let num: PdfValue;
        let offset: PdfValue;
        try {
          num = header.value();
          offset = header.value();
        } catch {
          break;
        }
        if (typeof num !== 'number' || typeof offset !== 'number') break;
        if ((position.get(num) ?? -1) > streamPosition) continue;
        position.set(num, streamPosition);
        this.index.set(num, { in: data, at: first + offset });
      }
    }
  }

  private lexerAt(loc: Location): Lexer {
    return new Lexer('in' in loc ? loc.in : this.buffer, loc.at);
  }

  /** The object a reference names (references followed), or null when it is not there. */
  resolve(value: PdfValue | undefined, hops = 0): PdfValue | undefined {
    if (!isRef(value)) return value;
    if (hops > 8) throw new Unreadable('reference chain');
    let object = this.parsed.get(value.num);
    if (object === undefined) {
      const loc = this.index.get(value.num);
      if (!loc) throw new Unreadable(`object ${value.num} not found`);
      object = this.lexerAt(loc).value();
      this.parsed.set(value.num, object);
    }
    return this.resolve(object, hops + 1);
  }

  dict(value: PdfValue | undefined): Dict | undefined {
    const v = this.resolve(value);
    return isDict(v) ? v : undefined;
  }

  /** The stream defined at a location. */
  private streamAt(loc: Location): StreamObject {
    const lexer = this.lexerAt(loc);
    const dict = lexer.value();
    if (!isDict(dict)) throw new Unreadable('not a stream');
    const source = 'in' in loc ? loc.in : this.buffer;
    // An indirect /Length is looked up (streams are never in object streams).
    const length = dict.get('Length');
    if (isRef(length)) {
      const resolved = this.resolve(length);
      dict.set('Length', typeof resolved === 'number' ? resolved : null);
    }
    const span = this.streamAfter(lexer, dict, source);
    if (!span) throw new Unreadable('not a stream');
    return { dict, data: source.subarray(span.start, span.end) };
  }

  /** The stream a reference names, or null when it names something else. */
  stream(value: PdfValue | undefined): StreamObject | null {
    if (!isRef(value)) return null;
    if (this.streams.has(value.num)) return this.streams.get(value.num)!;
    const loc = this.index.get(value.num);
    if (!loc) throw new Unreadable(`object ${value.num} not found`);
    let stream: StreamObject | null;
    try {
      stream = this.streamAt(loc);
    } catch (err) {
      if (!(err instanceof Unreadable && err.message === 'not a stream')) throw err;
      stream = null;
    }
    this.streams.set(value.num, stream);
    return stream;
  }

  /** A form's content, decoded once however many pages draw it (again after forget, uncounted). */
  formContent(num: number, stream: StreamObject): Uint8Array {
    let content = this.forms.get(num);
    if (!content) {
      content = this.decode(stream, this.formSizes.get(num));
      this.formSizes.set(num, content.byteLength);
      this.forms.set(num, content);
    }
    return content;
  }

  /**
   * Lets go of the objects read so far (a long document's page dictionaries, resources and
   * forms would otherwise stay until its last page): they are read again when asked for, to the
   * same values. The index of the file's objects is kept.
   */
  forget(): void {
    this.parsed.clear();
    this.streams.clear();
    this.forms.clear();
  }

  /** The same file read from now on from `bytes`, another copy of it (nothing of the first is kept). */
  rebase(bytes: Uint8Array): void {
    if (bytes.byteLength !== this.buffer.byteLength) throw new Error('rebase: not a copy of the same bytes');
    this.buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.forget();
  }

  /**
   * A stream's data decoded: no filter or Flate alone, bounded like the content-stream check.
   * `decodedBefore`: the size it decoded to before forget, neither bounded nor counted again.
   */
  decode({ dict, data }: StreamObject, decodedBefore?: number): Uint8Array {
    const filter = this.resolve(dict.get('Filter') ?? dict.get('F'));
    const filters = Array.isArray(filter) ? filter : filter === undefined || filter === null ? [] : [filter];
    if (filters.length === 0) return data;
    if (filters.length > 1 || !(isName(filters[0], 'FlateDecode') || isName(filters[0], 'Fl'))) throw new Unreadable('filter');
    const parms = this.resolve(dict.get('DecodeParms') ?? dict.get('DP'));
    const predictor = isDict(parms) ? this.resolve(parms.get('Predictor')) : undefined;
    if (parms !== undefined && parms !== null && !(isDict(parms) && (predictor === undefined || predictor === 1))) throw new Unreadable('predictor');
    try {
      const room = decodedBefore ?? Math.min(bufferConstants.MAX_LENGTH, this.inflateBudget - this.inflated);
      const out = inflateSync(data, { maxOutputLength: Math.max(1, room), finishFlush: constants.Z_SYNC_FLUSH });
      if (decodedBefore === undefined) this.inflated += out.byteLength;
      return out;
    } catch {
      throw new Unreadable('inflate');
    }
  }
}

/**
 * A page of the page tree: where its dictionary is (a reference, read again when the page is
 * read) and the resources it inherits from the nodes above it.
 */
interface PageEntry {
  at: PdfValue | undefined;
  inherited: Dict | undefined;
}

/** The pages in pdf.js's order (the page tree, depth first). */
function pageEntries(objects: PdfObjects): PageEntry[] {
  const root = objects.dict(objects.trailer?.get('Root'));
  const at = root?.get('Pages');
  const top = root && objects.dict(at);
  if (!top) throw new Unreadable('no page tree');
  const pages: PageEntry[] = [];
  const seen = new Set<Dict>();
  const visit = (node: Dict, nodeAt: PdfValue | undefined, inherited: Dict | undefined, depth: number) => {
    if (depth > MAX_NESTING || seen.has(node)) throw new Unreadable('page tree');
    seen.add(node);
    // Read here, whether a page or a node: a page whose resources cannot be read fails the tree.
    const resources = objects.dict(node.get('Resources')) ?? inherited;
    const kids = objects.resolve(node.get('Kids'));
    if (!Array.isArray(kids)) {
      pages.push({ at: nodeAt, inherited });
      return;
    }
    for (const kid of kids) {
      const dict = objects.dict(kid);
      if (!dict) throw new Unreadable('page tree');
      visit(dict, kid, resources, depth + 1);
    }
  };
  visit(top, at, undefined, 0);
  return pages;
}

/** A page's dictionary and its resources (its own, else those it inherits), read again from the file. */
function pageOf(objects: PdfObjects, { at, inherited }: PageEntry): { dict: Dict; resources: Dict | undefined } {
  const dict = objects.dict(at)!;
  return { dict, resources: objects.dict(dict.get('Resources')) ?? inherited };
}

/** Skips a dictionary (`<<` … `>>`, strings and nested dictionaries inside) from `i`; where it ends. */
function skipDictionary(content: Uint8Array, i: number): number {
  let depth = 0;
  for (; i < content.length; i++) {
    const c = content[i];
    if (c === 0x28) i = skipLiteralString(content, i) - 1;
    else if (c === 0x3c && content[i + 1] === 0x3c) {
      depth++;
      i++;
    } else if (c === 0x3e && content[i + 1] === 0x3e) {
      i++;
      if (--depth === 0) return i + 1;
    }
  }
  return content.length;
}

/** Past the literal string that opens at `i` (balanced parentheses, backslash escapes). */
function skipLiteralString(content: Uint8Array, i: number): number {
  let open = 0;
  for (; i < content.length; i++) {
    const c = content[i];
    if (c === 0x5c) i++;
    else if (c === 0x28) open++;
    else if (c === 0x29 && --open === 0) return i + 1;
  }
  return content.length;
}

const latin1 = (content: Uint8Array, start: number, end: number) => Buffer.from(content.buffer, content.byteOffset + start, end - start).toString('latin1');

/** What the content lexer hands on: a number, a /name, an operator, or anything else (a string, a dictionary). */
type ContentToken = 'number' | 'name' | 'operator' | 'other';

/**
 * Reads a content stream token by token, by character codes, in one pass: `take` gets each
 * token's kind and [from, to) span, and may return where to go on (past an inline image's data).
 * Comments and white space are passed over; array brackets and braces are not tokens.
 */
function lexContent(content: Uint8Array, take: (kind: ContentToken, from: number, to: number) => number | void): void {
  const n = content.length;
  for (let i = 0; i < n; ) {
    const c = content[i];
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === 0x25) {
      while (i < n && content[i] !== 0x0a && content[i] !== 0x0d) i++;
      continue;
    }
    if (isDelimiter(c) && c !== 0x28 && c !== 0x3c && c !== 0x2f) {
      i++; // brackets and braces: the operands inside are taken as they come
      continue;
    }
    const from = i;
    let kind: ContentToken = 'other';
    if (c === 0x28) i = skipLiteralString(content, i);
    else if (c === 0x3c && content[i + 1] === 0x3c) i = skipDictionary(content, i);
    else if (c === 0x3c) {
      while (i < n && content[i] !== 0x3e) i++;
      i++;
    } else {
      i++;
      while (i < n && isRegular(content[i])) i++;
      kind = isDigit(c) || c === 0x2b || c === 0x2d || c === 0x2e ? 'number' : c === 0x2f ? 'name' : 'operator';
    }
    const next = take(kind, from, i);
    if (next !== undefined) i = next;
  }
}

/**
 * The transformations of the images a content stream draws (forms followed), appended to `out`.
 * A scan by character codes that keeps only what `cm`, `Do` and `BI` need: the last six
 * operands as spans, read as numbers or names when an operator asks.
 */
function imagesDrawn(objects: PdfObjects, content: Uint8Array, resources: Dict | undefined, start: Matrix, out: Matrix[], forms: Set<number>, work = { bytes: 0 }): void {
  // A form drawn a thousand times by a form drawn a thousand times…: the bytes read per page are bounded.
  work.bytes += content.length;
  if (work.bytes > MAX_BYTES_PER_PAGE) throw new Unreadable('too much drawing');
  const stack: Matrix[] = [];
  let ctm = start;
  // The last operands since the previous operator: [start, end) spans, numbers or /names.
  const spans: number[] = [];
  const operand = (k: number) => latin1(content, spans[spans.length - 2 * k], spans[spans.length - 2 * k + 1]);
  lexContent(content, (kind, from, to) => {
    if (kind === 'other') return; // strings, dictionaries: not operands these operators take
    if (kind !== 'operator') {
      spans.push(from, to);
      if (spans.length > 12) spans.splice(0, 2);
      return;
    }
    const c = content[from];
    const length = to - from;
    let next: number | undefined;
    if (length === 1 && c === 0x71) stack.push(ctm);
    else if (length === 1 && c === 0x51) ctm = stack.pop() ?? ctm;
    else if (length === 2 && c === 0x63 && content[from + 1] === 0x6d) {
      const m = spans.length === 12 ? [6, 5, 4, 3, 2, 1].map((k) => Number(operand(k))) : null;
      if (isMatrix(m)) ctm = concat(ctm, m);
    } else if (length === 2 && c === 0x44 && content[from + 1] === 0x6f) {
      const name = spans.length >= 2 ? operand(1) : '';
      if (name.startsWith('/')) drawXObject(objects, decodeName(name.slice(1)), resources, ctm, out, forms, work);
    } else if (length === 2 && c === 0x42 && content[from + 1] === 0x49) {
      next = inlineImage(objects, content, to, ctm, out);
    }
    spans.length = 0;
    if (out.length > MAX_IMAGES_PER_PAGE) throw new Unreadable('too many images');
    return next;
  });
}

/** `Do`: an image is recorded where it is drawn; a form is read with its own matrix and resources. */
function drawXObject(objects: PdfObjects, name: string, resources: Dict | undefined, ctm: Matrix, out: Matrix[], forms: Set<number>, work: { bytes: number }): void {
  const ref = objects.dict(resources?.get('XObject'))?.get(name);
  const xobject = objects.stream(ref);
  if (!xobject || !isRef(ref)) return;
  const subtype = objects.resolve(xobject.dict.get('Subtype'));
  if (isName(subtype, 'Image')) {
    if (drawnImage(objects, xobject.dict)) out.push(ctm);
  } else if (isName(subtype, 'Form') && !forms.has(ref.num)) {
    if (forms.size >= MAX_FORM_DEPTH) throw new Unreadable('forms nested too deep');
    const matrix = objects.resolve(xobject.dict.get('Matrix'));
    const own = objects.dict(xobject.dict.get('Resources'));
    forms.add(ref.num);
    imagesDrawn(objects, objects.formContent(ref.num, xobject), own ?? resources, isMatrix(matrix) ? concat(ctm, matrix) : ctm, out, forms, work);
    forms.delete(ref.num);
  }
}

/** `BI` … `ID` data `EI` from `i` (just after BI): the image recorded; where its data ends. */
function inlineImage(objects: PdfObjects, content: Uint8Array, i: number, ctm: Matrix, out: Matrix[]): number {
  const lexer = new Lexer(content, i);
  const dict: Dict = new Map();
  for (;;) {
    lexer.skipSpace();
    if (content[lexer.pos] !== 0x2f) break;
    const key = lexer.value() as Name;
    dict.set(key.name, lexer.value());
  }
  if (lexer.word() !== 'ID') throw new Unreadable('inline image');
  if (drawnImage(objects, dict)) out.push(ctm);
  return inlineImageEnd(content, lexer.pos + 1);
}

/** Whether pdf.js paints an image of this dictionary: it has a size, and is not a one-pixel mask (a solid fill). */
function drawnImage(objects: PdfObjects, dict: Dict): boolean {
  const w = objects.resolve(dict.get('W') ?? dict.get('Width'));
  const h = objects.resolve(dict.get('H') ?? dict.get('Height'));
  if (typeof w !== 'number' || typeof h !== 'number' || w === 0 || h === 0) return false;
  const mask = objects.resolve(dict.get('IM') ?? dict.get('ImageMask'));
  return !(mask === true && w * h === 1);
}

/** After an inline image's data: past the `EI` that follows white space and ends a word. */
function inlineImageEnd(content: Uint8Array, from: number): number {
  for (let i = from; i + 1 < content.length; i++) {
    if (content[i] === 0x45 && content[i + 1] === 0x49 && isSpace(content[i - 1]) && !isRegular(content[i + 2])) return i + 2;
  }
  return content.length;
}

export interface ImagePlacements {
  /** The file may be encrypted (a password may be needed, and its streams are unreadable here). */
  encrypted: boolean;
  /**
   * Pages in the page tree (pdf.js's order), or null when it is encrypted or its page tree
   * cannot be read. The caller checks the count against pdf.js's.
   */
  pageCount: number | null;
  /**
   * The transformations of the images page `number` (1-based) draws, read on first ask (its
   * content streams inflated then, once), or null for a page the reader cannot read for sure.
   */
  page(number: number): Matrix[] | null;
  /** The dark filled rectangles page `number` paints (see darkBoxes), or null when unknown. */
  boxes(number: number): Box[] | null;
  /** Reads every page now: for a caller about to give the bytes away. */
  readAll(): void;
  /** Reads the file from now on from `bytes`, a copy of the bytes given: for a caller about to give those away. */
  rebase(bytes: Uint8Array): void;
}

/** Where the pages of the file draw their images, as far as the file can be read here; each page read when asked. */
export function pageImagePlacements(bytes: Uint8Array): ImagePlacements {
  // Let go of once every page is read (readAll): only the answers stay.
  let pages: PageEntry[] | undefined;
  let objects: PdfObjects | undefined;
  const none = (encrypted: boolean): ImagePlacements => ({ encrypted, pageCount: null, page: () => null, boxes: () => null, readAll: () => undefined, rebase: () => undefined });
  try {
    objects = new PdfObjects(bytes);
    // Encrypted streams cannot be read without the key: pdf.js has it.
    if (objects.encrypted) return none(true);
    pages = pageEntries(objects);
  } catch {
    // Whether the file is encrypted is then unknown: any mention of it says it may be.
    return none(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf('/Encrypt') >= 0);
  }
  const pageCount = pages.length;
  // The objects the page tree needed are let go; each page reads its own again.
  objects.forget();
  let sinceForget = 0;
  /** The answer for page `number` (read once), the objects let go every FORGET_PAGES pages. */
  const answer = <T>(answers: Map<number, T | null>, number: number, compute: (objects: PdfObjects, page: { dict: Dict; resources: Dict | undefined }) => T | null): T | null => {
    if (answers.has(number)) return answers.get(number)!;
    const entry = pages?.[number - 1];
    let found: T | null = null;
    try {
      if (entry && objects) found = compute(objects, pageOf(objects, entry));
    } catch {
      // Read once already (the page tree): the same bytes read the same, but never a failure here.
    }
    answers.set(number, found);
    if (++sinceForget >= FORGET_PAGES) {
      objects?.forget();
      sinceForget = 0;
    }
    return found;
  };
  const read = new Map<number, Matrix[] | null>();
  const boxesRead = new Map<number, Box[] | null>();
  return {
    encrypted: false,
    pageCount,
    page: (number) => answer(read, number, pageImages),
    boxes: (number) => answer(boxesRead, number, darkBoxes),
    readAll: () => {
      for (let number = 1; number <= pageCount; number++) {
        answer(read, number, pageImages);
        answer(boxesRead, number, darkBoxes);
      }
      pages = undefined;
      objects = undefined;
    },
    rebase: (copy) => objects?.rebase(copy),
  };
}

/** Pages read between two lettings go of the objects read (see PdfObjects.forget). */
const FORGET_PAGES = 50;

/** A page's content streams as one (its parts are one stream, cut anywhere, even inside an operator). */
function pageContent(objects: PdfObjects, dict: Dict): Uint8Array {
  const contents = objects.resolve(dict.get('Contents'));
  const parts = Array.isArray(contents) ? contents : contents === undefined || contents === null ? [] : [dict.get('Contents')!];
  const decoded: Uint8Array[] = [];
  for (const part of parts) {
    const stream = objects.stream(part);
    if (!stream) throw new Unreadable('contents');
    decoded.push(objects.decode(stream));
  }
  return decoded.length === 1 ? decoded[0] : Buffer.concat(decoded.flatMap((d) => [d, Buffer.from('\n')]));
}

/** The images one page draws, or null when its contents cannot be read for sure. */
function pageImages(objects: PdfObjects, { dict, resources }: { dict: Dict; resources: Dict | undefined }): Matrix[] | null {
  try {
    const out: Matrix[] = [];
    imagesDrawn(objects, pageContent(objects, dict), resources, [1, 0, 0, 1, 0, 0], out, new Set());
    return out;
  } catch {
    return null;
  }
}

/** The box of a closed subpath of four corners with sides along the axes (`re`, or m l l l h), else null. */
function rectangleOf(points: [number, number][]): Box | null {
  const p = points.length === 5 && points[4][0] === points[0][0] && points[4][1] === points[0][1] ? points.slice(0, 4) : points;
  if (p.length !== 4) return null;
  const xs = [...new Set(p.map((q) => Math.round(q[0] * 100) / 100))];
  const ys = [...new Set(p.map((q) => Math.round(q[1] * 100) / 100))];
  if (xs.length !== 2 || ys.length !== 2) return null;
  // Consecutive corners share an x or a y: a rectangle, not a bow tie.
  for (let k = 0; k < 4; k++) {
    const [a, b] = [p[k], p[(k + 1) % 4]];
    if (Math.abs(a[0] - b[0]) > 0.01 && Math.abs(a[1] - b[1]) > 0.01) return null;
  }
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** A rectangle on the page, in PDF user space: [x0, y0, x1, y1]. */
export type Box = [number, number, number, number];

/** Fill colours darker than this (0 black, 1 white) paint a box that hides what is under it. */
const DARK = 0.2;
/** Boxes kept per page at most (a chart of a thousand bars is not a redaction). */
const MAX_BOXES = 200;
/** Numbers kept before an operator: more than any operator darkBoxes reads takes (cm, 6). */
const NUMBERS = 8;
/** First bytes of the operators darkBoxes reads, all of three bytes at most: q Q cm g rg k sc scn re m l c v y f F f* B B* b b* n S s W W*. */
const PATH_OPERATOR_START = new Set([...'qQcgrksmlvyfFBbnSW'].map((c) => c.charCodeAt(0)));

/**
 * The dark filled rectangles a page's own content stream paints (`re` then `f`, `F`, `f*`, `B`…
 * with a grey, RGB or CMYK fill darker than DARK), in page space. Only the page's stream is read
 * (not forms): what a redaction tool draws. Null when the contents cannot be read for sure.
 */
function darkBoxes(objects: PdfObjects, { dict }: { dict: Dict }): Box[] | null {
  try {
    const content = pageContent(objects, dict);
    const boxes: Box[] = [];
    const stack: { ctm: Matrix; dark: boolean }[] = [];
    let ctm: Matrix = [1, 0, 0, 1, 0, 0];
    let dark = true; // the initial fill colour is black
    // The path being built: its subpaths as points in page space; curves make it no rectangle.
    let subpaths: [number, number][][] = [];
    let curves = false;
    const at = (x: number, y: number): [number, number] => [x * ctm[0] + y * ctm[2] + ctm[4], x * ctm[1] + y * ctm[3] + ctm[5]];
    // The numbers since the last token that is not one (the last NUMBERS kept), as spans, read
    // only when an operator of paths or colours takes them: a page of text is mostly numbers
    // (glyph positions) that none of those reads.
    const spans = new Int32Array(2 * NUMBERS);
    let count = 0;
    let next = 0;
    lexContent(content, (kind, from, to) => {
      if (kind === 'number') {
        spans[2 * next] = from;
        spans[2 * next + 1] = to;
        next = (next + 1) % NUMBERS;
        if (count < NUMBERS) count++;
        return;
      }
      if (kind !== 'operator' || to - from > 3 || !PATH_OPERATOR_START.has(content[from])) {
        count = 0;
        return;
      }
      const word = latin1(content, from, to);
      const nums: number[] = [];
      for (let k = count; k >= 1; k--) {
        const slot = (next - k + NUMBERS) % NUMBERS;
        nums.push(Number(latin1(content, spans[2 * slot], spans[2 * slot + 1])));
      }
      const last = (k: number) => nums.slice(-k);
      switch (word) {
        case 'q':
          stack.push({ ctm, dark });
          break;
        case 'Q': {
          const top = stack.pop();
          if (top) ({ ctm, dark } = top);
          break;
        }
        case 'cm': {
          const m = last(6);
          if (m.length === 6 && isMatrix(m)) ctm = concat(ctm, m as Matrix);
          break;
        }
        case 'g':
          if (nums.length >= 1) dark = nums[nums.length - 1] < DARK;
          break;
        case 'rg':
          if (nums.length >= 3) dark = Math.max(...last(3)) < DARK;
          break;
        case 'k':
          if (nums.length >= 4) dark = last(4)[3] > 1 - DARK || Math.min(...last(4)) > 1 - DARK;
          break;
        case 'sc':
        case 'scn':
          if (nums.length === 1) dark = nums[0] < DARK;
          else if (nums.length === 3) dark = Math.max(...nums) < DARK;
          else if (nums.length === 4) dark = nums[3] > 1 - DARK;
          else dark = false; // a pattern or a colour space not known here
          break;
        case 're': {
          const [x, y, w, h] = last(4);
          if (nums.length >= 4) subpaths.push([at(x, y), at(x + w, y), at(x + w, y + h), at(x, y + h)]);
          break;
        }
        case 'm': {
          const [x, y] = last(2);
          if (nums.length >= 2) subpaths.push([at(x, y)]);
          break;
        }
        case 'l': {
          const [x, y] = last(2);
          if (nums.length >= 2 && subpaths.length) subpaths[subpaths.length - 1].push(at(x, y));
          else curves = true;
          break;
        }
        case 'c':
        case 'v':
        case 'y':
          curves = true;
          break;
        case 'f':
        case 'F':
        case 'f*':
        case 'B':
        case 'B*':
        case 'b':
        case 'b*':
          if (dark && !curves) {
            for (const points of subpaths) {
              const box = rectangleOf(points);
              if (box && boxes.length < MAX_BOXES) boxes.push(box);
            }
          }
          subpaths = [];
          curves = false;
          break;
        case 'n':
        case 'S':
        case 's':
        case 'W':
        case 'W*':
          if (word !== 'W' && word !== 'W*') {
            subpaths = [];
            curves = false;
          }
          break;
        default:
          break;
      }
      count = 0;
    });
    return boxes;
  } catch {
    return null;
  }
}
