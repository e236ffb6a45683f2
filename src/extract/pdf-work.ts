// Bounds the work pdf.js is asked to do on a PDF by the size of the file, before pdf.js sees it.
// A 1.5 KB file can hold a content stream that inflates to 200,000 nested `q` operators, and
// pdf.js's graphics-state stack costs time in proportion to its depth at every `q`: the work is
// quadratic in the nesting, and one page runs past any timeout. The content streams (page and
// form streams, never images or fonts) are inflated here with a bound and scanned for their
// nesting; a file asking for far more work than its size can justify ends as RESOURCE_LIMIT.
import { constants as bufferConstants } from 'node:buffer';
import { constants, inflateSync } from 'node:zlib';

export const PDF_WORK_LIMITS = {
  /** Inflated content-stream bytes allowed per byte of file… */
  contentBytesPerByte: 200,
  /** …and at least this many (a text page is a few KB). */
  contentBytesFloor: 16 * 1024 * 1024,
  /** Nesting work (the sum over `q` operators of the depth they reach) allowed per byte of file… */
  nestingPerByte: 1000,
  /** …and at least this much (about a quarter of a second of pdf.js; a real page stays under 10,000). */
  nestingFloor: 5_000_000,
};

/** Inflated content-stream bytes a file of `byteLength` bytes may ask for (see PDF_WORK_LIMITS). */
export function contentBudget(byteLength: number, limits = PDF_WORK_LIMITS): number {
  return Math.max(limits.contentBytesFloor, limits.contentBytesPerByte * byteLength);
}

const STREAM = Buffer.from('stream');
const ENDSTREAM = Buffer.from('endstream');

/** PDF white space and delimiters (ISO 32000 7.2.2). */
export const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x0c || b === 0x00;
export const isDelimiter = (b: number) => b === 0x28 || b === 0x29 || b === 0x3c || b === 0x3e || b === 0x5b || b === 0x5d || b === 0x7b || b === 0x7d || b === 0x2f || b === 0x25;
const bounds = (b: number | undefined) => b === undefined || isSpace(b) || (isDelimiter(b) && b !== 0x2f);

/** Nesting work and deepest nesting of one content stream (strings, comments and inline images skipped). */
export function nestingOf(content: Uint8Array): { work: number; depth: number } {
  let depth = 0;
  let deepest = 0;
  let work = 0;
  const n = content.length;
  for (let i = 0; i < n; i++) {
    const b = content[i];
    if (b === 0x28) {
      // A literal string: balanced parentheses, backslash escapes.
      let open = 1;
      for (i++; i < n && open > 0; i++) {
        const c = content[i];
        if (c === 0x5c) i++;
        else if (c === 0x28) open++;
        else if (c === 0x29) open--;
      }
      i--;
    } else if (b === 0x25) {
      while (i < n && content[i] !== 0x0a && content[i] !== 0x0d) i++;
    } else if ((b === 0x71 || b === 0x51) && bounds(content[i - 1]) && bounds(content[i + 1])) {
      if (b === 0x71) {
        depth++;
        work += depth;
        if (depth > deepest) deepest = depth;
      } else if (depth > 0) depth--;
    } else if (b === 0x44 && content[i - 1] === 0x49 && bounds(content[i - 2]) && bounds(content[i + 1])) {
      // ID: inline image data, up to a delimited EI.
      for (i += 2; i < n; i++) {
        if (content[i] === 0x45 && content[i + 1] === 0x49 && isSpace(content[i - 1]) && bounds(content[i + 2])) break;
      }
      i++;
    }
  }
  return { work, depth: deepest };
}

/** Page and form content streams only: no images, fonts, object or cross-reference streams. */
function isContentStream(dict: string): boolean {
  if (/\/Subtype\s*\/(?!Form\b)/.test(dict)) return false;
  if (/\/Type\s*\/(XRef|ObjStm|Metadata|EmbeddedFile|CMap)\b/.test(dict)) return false;
  if (/\/Length[123]\b/.test(dict)) return false;
  return true;
}

/** `flate` for /FlateDecode (alone), `none` without a filter, else null (left to pdf.js). */
function filterOf(dict: string): 'flate' | 'none' | null {
  const filter = /\/Filter\s*(\[[^\]]*\]|\/[A-Za-z0-9]+)/.exec(dict);
  if (!filter) return 'none';
  const names = filter[1].match(/\/[A-Za-z0-9]+/g) ?? [];
  return names.length === 1 && (names[0] === '/FlateDecode' || names[0] === '/Fl') && !/\/DecodeParms/.test(dict) ? 'flate' : null;
}

/**
 * The reason a PDF is refused, or null. Streams it cannot read (other filters, broken data)
 * are left to pdf.js and its timeout; this only stops files that would take far longer than
 * their size can justify.
 */
export function excessivePdfWork(bytes: Uint8Array, limits = PDF_WORK_LIMITS): string | null {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const budget = contentBudget(bytes.byteLength, limits);
  const nestingBudget = Math.max(limits.nestingFloor, limits.nestingPerByte * bytes.byteLength);
  let content = 0;
  let nesting = 0;
  let deepest = 0;
  for (let at = buffer.indexOf(STREAM); at >= 0; at = buffer.indexOf(STREAM, at)) {
    const keyword = at;
    at += STREAM.length;
    if (keyword >= 3 && buffer.toString('latin1', keyword - 3, keyword) === 'end') continue;
    let start = at;
    if (buffer[start] === 0x0d) start++;
    if (buffer[start] === 0x0a) start++;
    if (start === at) continue; // not the keyword: "stream" must end its line
    const before = buffer.toString('latin1', Math.max(0, keyword - 1024), keyword);
    const objAt = before.lastIndexOf('obj');
    const dict = objAt >= 0 ? before.slice(objAt) : before;
    const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
    let end = length ? start + Number(length[1]) : -1;
    if (end < 0 || end > buffer.length) end = buffer.indexOf(ENDSTREAM, start);
    if (end < 0) end = buffer.length;
    at = Math.max(end, start);
    const filter = filterOf(dict);
    if (!filter || !isContentStream(dict)) continue;
    const tooMuch = () => `its content streams inflate to more than ${Math.round(budget / 1048576)} MB from a ${bytes.byteLength}-byte file (a decompression bomb)`;
    let data: Uint8Array;
    if (filter === 'none') data = buffer.subarray(start, end);
    else {
      try {
        // Capped to what a Buffer can hold: past it (a file over about 21 MB) zlib refuses the
        // option itself, and every stream of the file went unchecked.
        const room = Math.min(bufferConstants.MAX_LENGTH, budget - content + 1);
        data = inflateSync(buffer.subarray(start, end), { maxOutputLength: room, finishFlush: constants.Z_SYNC_FLUSH });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return tooMuch();
        continue; // broken data: pdf.js decides
      }
    }
    content += data.byteLength;
    if (content > budget) return tooMuch();
    const { work, depth } = nestingOf(data);
    nesting += work;
    deepest = Math.max(deepest, depth);
    if (nesting > nestingBudget) {
      return `graphics states nested ${deepest} deep (q operators): more work than a ${bytes.byteLength}-byte file can need`;
    }
  }
  return null;
}
