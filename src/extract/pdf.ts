// The only pdfjs-dist importer: PDF bytes → pages of lines (1-based pages).
import { createRequire, Module } from 'node:module';
import { isMainThread } from 'node:worker_threads';
import { dirname, join } from 'node:path';
import { CORRUPT_ADVICE, DocumentFailure } from '../errors.js';
import { excessivePdfWork } from './pdf-work.js';
import { concat, coverageOf, isMatrix, pageImagePlacements, type Box, type ImagePlacements, type Matrix } from './pdf-images.js';
import { rebuildLines, type TextRun } from '../text/lines.js';
import { MIN_TEXT_CHARS, THIN_TEXT_CHARS, visibleChars } from '../text/clean.js';
import type { DocumentMetadata, ExtractedDocument, Page } from '../types.js';

const require = createRequire(import.meta.url);
const pdfjsRoot = dirname(require.resolve('pdfjs-dist/package.json'));
// pdfjs reads these with fs in Node; a trailing separator is required.
const CMAP_DIR = join(pdfjsRoot, 'cmaps') + '/';
const STANDARD_FONT_DIR = join(pdfjsRoot, 'standard_fonts') + '/';

/** Bumped whenever the extracted text of a PDF may change (it keys the text cache). */
export const PDF_EXTRACTOR_VERSION = 'pdfjs-5.6.205/lines-3/dates-2/images-2/xref-1/boxes-1';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsPromise: Promise<PdfJs> | undefined;

/**
 * Built-ins that pdf.js's legacy build replaces, for the whole thread, with core-js versions
 * although Node 20 has them natively and correct: the polyfilled `Array.prototype.push` alone
 * took a sixth of the CPU on real tenders. They are put back once pdf.js and its worker are loaded. What Node 20
 * lacks (Promise.withResolvers, Map.prototype.getOrInsert…) is only added, and is kept.
 */
const NATIVE_BUILT_INS: [object, PropertyKey][] = [
  [Array.prototype, 'push'],
  [JSON, 'parse'],
  [JSON, 'stringify'],
];

/** Imports pdf.js, then restores the native built-ins it replaced (see NATIVE_BUILT_INS). */
async function importKeepingNatives(): Promise<PdfJs> {
  const saved = NATIVE_BUILT_INS.map(([owner, key]) => [owner, key, Object.getOwnPropertyDescriptor(owner, key)] as const);
  const withoutCanvas = holdCanvasBack();
  const withoutResponse = holdResponseBack();
  try {
    // The minified bundles: the same code as pdf.mjs, a third less to parse at each start.
    const pdfjs = (await import('pdfjs-dist/legacy/build/pdf.min.mjs')) as PdfJs;
    // pdf.js runs its "worker" in this thread in Node, from a second bundle that installs the
    // same polyfills when it is first imported: it is imported here (it registers itself on
    // globalThis.pdfjsWorker, which pdf.js then uses), so that the restore covers it too.
    await import('pdfjs-dist/legacy/build/pdf.worker.min.mjs');
    return pdfjs;
  } finally {
    for (const [owner, key, descriptor] of saved) if (descriptor) Object.defineProperty(owner, key, descriptor);
    withoutCanvas.release();
    withoutResponse.release();
  }
}

/**
 * The 2-D affine part of DOMMatrix: what pdf.js builds of one without drawing (a matrix made
 * at import, the glyph matrices of Type3 fonts). Drawing puts the canvas's own classes in place
 * (see useCanvas).
 */
export class AffineMatrix {
  a = 1;
  b = 0;
  c = 0;
  d = 1;
  e = 0;
  f = 0;
  constructor(init?: ArrayLike<number>) {
    if (init && init.length === 6) [this.a, this.b, this.c, this.d, this.e, this.f] = Array.from(init);
    else if (init && init.length === 16) [this.a, this.b, this.c, this.d, this.e, this.f] = [init[0], init[1], init[4], init[5], init[12], init[13]];
    else if (init !== undefined) throw new TypeError('AffineMatrix: 6 or 16 numbers expected');
  }
  scaleSelf(sx = 1, sy = sx): this {
    this.a *= sx;
    this.b *= sx;
    this.c *= sy;
    this.d *= sy;
    return this;
  }
  translateSelf(tx = 0, ty = 0): this {
    this.e += this.a * tx + this.c * ty;
    this.f += this.b * tx + this.d * ty;
    return this;
  }
}

/** Stands for ImageData and Path2D until drawing puts the canvas's own in place. */
class DrawingOnly {
  constructor() {
    throw new Error('pdf.js drew without the canvas: renderPdfPages installs it first');
  }
}

/** The canvas classes pdf.js needs to draw (as @napi-rs/canvas exports them). */
export interface CanvasClasses {
  DOMMatrix: unknown;
  ImageData: unknown;
  Path2D: unknown;
}
const PLACEHOLDERS: CanvasClasses = { DOMMatrix: AffineMatrix, ImageData: DrawingOnly, Path2D: DrawingOnly };
// Marks the placeholders under a registry symbol, the same in every copy of this module: where
// one thread evaluates the module twice (a test runner sharing a worker between files), pdf.js,
// imported once, holds the first copy's placeholders, which the second must still replace.
const PLACEHOLDER = Symbol.for('tenderscan.canvas-placeholder');
for (const stand of [AffineMatrix, DrawingOnly]) Object.defineProperty(stand, PLACEHOLDER, { value: true });
const isPlaceholder = (value: unknown) => typeof value === 'function' && (value as unknown as Record<symbol, unknown>)[PLACEHOLDER] === true;

/**
 * pdf.js's legacy build `require`s @napi-rs/canvas at import, for its DOMMatrix, ImageData
 * and Path2D, though reading text never draws: loading that native module cost each thread a
 * tenth of a second or more. While pdf.js is imported its `require` finds, in the module
 * cache, a stand-in that exports placeholders instead; the stand-in is then removed, so that
 * the canvas loads for real (pdf.js's canvas factory, useCanvas) when a page is drawn.
 */
function holdCanvasBack(): { release(): void } {
  let path: string;
  try {
    path = createRequire(require.resolve('pdfjs-dist/legacy/build/pdf.min.mjs')).resolve('@napi-rs/canvas');
  } catch {
    return { release: () => undefined }; // not installed: pdf.js says so itself
  }
  const cache = require.cache;
  if (cache[path]) return { release: () => undefined }; // already loaded: pdf.js takes it
  const standIn = new Module(path);
  standIn.filename = path;
  standIn.loaded = true;
  standIn.exports = PLACEHOLDERS;
  cache[path] = standIn;
  return {
    release: () => {
      if (cache[path] === standIn) delete cache[path];
    },
  };
}

/**
 * pdf.js's legacy build, as it is imported, gives `Response.prototype` a `bytes` method when it
 * has none (Node 20's has none). Node makes `Response` on first use, by loading its fetch
 * implementation (undici): a fortieth of a second and more at every start, for a method only
 * pdf.js's saving of edited documents calls. While pdf.js is imported, `Response` is a stand-in
 * that takes the polyfill; then Node's own lazy `Response` is put back, and the polyfill is
 * given to the real one when something first asks for it.
 */
function holdResponseBack(): { release(): void } {
  const own = Object.getOwnPropertyDescriptor(globalThis, 'Response');
  // Already made (or not Node's lazy global): pdf.js polyfills the real one.
  if (!own?.get || !own.configurable) return { release: () => undefined };
  class ResponseStandIn {}
  Object.defineProperty(globalThis, 'Response', { configurable: true, enumerable: own.enumerable, writable: true, value: ResponseStandIn });
  return {
    release: () => {
      const added = Object.getOwnPropertyNames(ResponseStandIn.prototype).filter((key) => key !== 'constructor');
      const current = Object.getOwnPropertyDescriptor(globalThis, 'Response');
      if (current?.value !== ResponseStandIn) return; // replaced meanwhile: left as it is
      if (added.length === 0) {
        Object.defineProperty(globalThis, 'Response', own);
        return;
      }
      // Node's getter makes the class and puts it on globalThis as a plain value; the
      // polyfill goes on it then.
      const polyfilled = (): unknown => {
        Object.defineProperty(globalThis, 'Response', own);
        const real = (globalThis as { Response?: { prototype: object } }).Response;
        if (real) {
          for (const key of added) {
            if (!(key in real.prototype)) Object.defineProperty(real.prototype, key, Object.getOwnPropertyDescriptor(ResponseStandIn.prototype, key)!);
          }
        }
        return real;
      };
      Object.defineProperty(globalThis, 'Response', {
        configurable: true,
        enumerable: own.enumerable,
        get: polyfilled,
        set(value: unknown) {
          Object.defineProperty(globalThis, 'Response', own);
          own.set?.call(globalThis, value);
        },
      });
    },
  };
}

/** Puts the canvas's own classes in the place of the placeholders, before pdf.js draws. */
function useCanvas(canvas: CanvasClasses): void {
  const globals = globalThis as unknown as Record<keyof CanvasClasses, unknown>;
  for (const name of Object.keys(PLACEHOLDERS) as (keyof CanvasClasses)[]) {
    if (globals[name] === PLACEHOLDERS[name] || isPlaceholder(globals[name])) globals[name] = canvas[name];
  }
}

/** Loaded on first use so that `--version` and `rules` stay fast. */
function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= (isMainThread ? hideDecompressionStream() : undefined, importKeepingNatives());
  return pdfjsPromise;
}

/**
 * pdf.js inflates each compressed stream (page contents, font files) through the global
 * DecompressionStream when there is one, and falls back to its own inflater when it fails or is
 * missing; the same bytes come out of either (the fallback is what runs wherever zlib refuses a
 * stream). In Node that global is zlib behind web streams, whose first use loads Node's
 * web-stream modules: a twentieth of a one-page scan. The main thread, which reads only small
 * documents (engine/in-process.ts), hides it from pdf.js; workers keep it: on the 2,005-page
 * tender pdf.js's own inflater held about 10 MB more at the peak of a `--jobs 2` run (404
 * against 394 MB, three runs each) for the same time.
 */
function hideDecompressionStream(): void {
  const own = Object.getOwnPropertyDescriptor(globalThis, 'DecompressionStream');
  if (own && !own.configurable) return;
  Object.defineProperty(globalThis, 'DecompressionStream', { configurable: true, enumerable: false, writable: true, value: undefined });
}

/** Starts loading pdf.js now, for a thread that will read PDFs (a failure shows on first use). */
export function preloadPdfJs(): void {
  loadPdfJs().catch(() => undefined);
}

/** pdf.js's document-wide caches are emptied every this many pages a thread reads (see pageReader). */
const CLEANUP_PAGES = 100;
/** A thread reading pages for another delivers them this many at a time (see readSharedPdfPages). */
const DELIVER_PAGES = 25;

export interface PdfExtractOptions {
  password?: string;
  maxPages?: number;
  /**
   * The caller needs the bytes no more after extraction (no OCR, no snapshots): pdf.js takes
   * them instead of a copy, which spares a whole file's worth of memory.
   */
  releaseBytes?: boolean;
  /** Shares the pages of a long document out with other workers (see pool/split.ts). */
  sharing?: PageSharing;
}

/** What reading a share of a document's pages elsewhere needs: the same bytes, password and labels. */
export interface SharedDocument {
  /** The PDF from its header on (as extraction opened it). */
  pdf: Uint8Array;
  /** The pages to share out: pdf.js's count, or the page tree's as read before pdf.js opened it. */
  pageCount: number;
  /** Only when the document needed it to open. */
  password?: string;
  /** Page labels by page index (null: none); absent, each thread reads them as the owner does. */
  labels?: (string | null)[];
}

/** Ranges of pages other threads may read; `open` answers undefined when this thread reads them all. */
export interface PageSharing {
  open(document: SharedDocument): SharedPages | undefined;
  /** Whether `open` would share a document of this many pages (absent: it may). */
  shares?(pageCount: number): boolean;
}

export interface SharedPages {
  /** The next range [first, last] of pages for whoever asks, or undefined when all are taken. */
  claim(): [number, number] | undefined;
  /** Once every thread that took ranges has ended: the pages they read (a range one could not deliver is missing). */
  collect(): Promise<Map<number, Page>>;
}

const PDF_MAGIC = Buffer.from('%PDF-');
/** pdf.js looks for the header in the first KiB; further in, up to this, after text only. */
export const PDF_HEADER_SEARCH_BYTES = 1024 * 1024;

const STARTXREF = Buffer.from('startxref');
const XREF_TARGET = /^(?:xref|\d+\s+\d+\s+obj)/;

/**
 * Does the PDF that would start at `header` hold together: its last `startxref`, counted from
 * the header, points at a cross-reference table or stream? Junk glued to a header (no line
 * break) is only passed over for a file that is this PDF.
 */
function crossReferenceFits(bytes: Buffer, header: number): boolean {
  const tailStart = Math.max(header, bytes.length - 2048);
  const at = bytes.subarray(tailStart).lastIndexOf(STARTXREF);
  if (at < 0) return false;
  const offset = /^\s*(\d{1,12})/.exec(bytes.subarray(tailStart + at + STARTXREF.length, tailStart + at + STARTXREF.length + 32).toString('latin1'));
  if (!offset) return false;
  const target = header + Number(offset[1]);
  return target < bytes.length && XREF_TARGET.test(bytes.subarray(target, target + 32).toString('latin1'));
}

/**
 * Where the PDF header is, or -1. Anywhere in the first KiB (as pdf.js and poppler read it), or
 * further in, up to PDF_HEADER_SEARCH_BYTES, after text without a NUL byte: at the start of a
 * line (a mail or HTTP header saved with the file), or anywhere when the PDF from there holds
 * together (its cross-reference is where it says, counted from the header). A binary file (a
 * ZIP holding a PDF) is not taken for the PDF it holds.
 */
export function findPdfHeader(bytes: Uint8Array): number {
  const all = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const head = all.subarray(0, Math.min(bytes.byteLength, PDF_HEADER_SEARCH_BYTES));
  const near = head.subarray(0, 1024).indexOf(PDF_MAGIC);
  if (near >= 0) return near;
  const nul = head.indexOf(0);
  let glued = -1;
  for (let at = head.indexOf(PDF_MAGIC, 1024 - PDF_MAGIC.length + 1); at >= 0 && (nul < 0 || at < nul); at = head.indexOf(PDF_MAGIC, at + 1)) {
    if (head[at - 1] === 0x0a || head[at - 1] === 0x0d) return at;
    if (glued < 0) glued = at;
  }
  return glued >= 0 && crossReferenceFits(all, glued) ? glued : -1;
}

/** Where a PDF's `startxref` is looked for: its last bytes (the trailer ends the file). */
const STARTXREF_TAIL_BYTES = 4096;

/**
 * What is wrong with a PDF's cross-reference structure, or undefined: no `startxref` near its
 * end, or one pointing past the file. pdf.js then rebuilds the table by scanning the whole file
 * and may find no page content at all: the pages look empty, as a scan does, but OCR is not
 * the remedy. Reads the tail only (bounded work).
 */
export function pdfStructureProblem(pdf: Uint8Array): string | undefined {
  const from = Math.max(0, pdf.byteLength - STARTXREF_TAIL_BYTES);
  const tail = Buffer.from(pdf.buffer, pdf.byteOffset + from, pdf.byteLength - from);
  const at = tail.lastIndexOf(STARTXREF);
  if (at < 0) return 'no cross-reference table (startxref missing)';
  const offset = /^\s*(\d{1,15})/.exec(tail.subarray(at + STARTXREF.length, at + STARTXREF.length + 32).toString('latin1'));
  if (!offset || Number(offset[1]) >= pdf.byteLength) return 'the cross-reference table is not where the file says';
  return undefined;
}

/** True when the bytes carry a PDF header (see findPdfHeader). */
export function looksLikePdf(bytes: Uint8Array): boolean {
  return findPdfHeader(bytes) >= 0;
}

const PDF_DATE = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz])(?:00'?(?:00'?)?)?|([+-])(\d{2})(?:'?(\d{2})'?)?)?\s*$/;

/**
 * A PDF date (`D:YYYYMMDDHHmmSSOHH'mm'`, every part after the year optional) as ISO 8601 with
 * its offset, or null when it is not one: a document's date is data, never copied as it came.
 */
export function parsePdfDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = PDF_DATE.exec(value.trim());
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', , sign, oh, om = '00'] = m;
  const n = (x: string) => Number(x);
  const daysInMonth = new Date(Date.UTC(n(y), n(mo), 0)).getUTCDate();
  if (n(mo) < 1 || n(mo) > 12 || n(d) < 1 || n(d) > daysInMonth || n(h) > 23 || n(mi) > 59 || n(s) > 59) return null;
  if (sign && (n(oh) > 23 || n(om) > 59)) return null;
  const zone = sign ? `${sign}${oh}:${om}` : 'Z';
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${zone}`;
}

function metadataFrom(info: Record<string, unknown>): DocumentMetadata {
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const meta: DocumentMetadata = {
    title: text(info.Title),
    author: text(info.Author),
    producer: text(info.Producer),
    creator: text(info.Creator),
    // Present dates that are not PDF dates become null (absent ones stay absent).
    creationDate: info.CreationDate === undefined ? undefined : parsePdfDate(info.CreationDate),
    modificationDate: info.ModDate === undefined ? undefined : parsePdfDate(info.ModDate),
  };
  for (const key of Object.keys(meta) as (keyof DocumentMetadata)[]) if (meta[key] === undefined) delete meta[key];
  return meta;
}

function classifyOpenError(err: unknown, hadPassword: boolean): DocumentFailure {
  const e = err as { name?: string; code?: number; message?: string };
  if (e?.name === 'PasswordException') {
    // pdfjs PasswordResponses: 1 = NEED_PASSWORD, 2 = INCORRECT_PASSWORD
    if (e.code === 2 || hadPassword) return new DocumentFailure('BAD_PASSWORD', 'the password given does not open it');
    return new DocumentFailure('ENCRYPTED', 'needs a password: use --password');
  }
  const detail = (e?.message ?? String(err)).replace(/\s+/g, ' ').slice(0, 160);
  return new DocumentFailure('CORRUPT', `broken PDF structure (${detail}); ${CORRUPT_ADVICE}`);
}

/**
 * Where the operator list draws images: an image fills the unit square of the current matrix,
 * so its place is known without its pixels (coverageOf then measures them as it measures those
 * read from the file).
 */
function operatorListImages(fnArray: number[], argsArray: unknown[][], ops: PdfJs['OPS']): Matrix[] {
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  const images: Matrix[] = [];
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i];
    if (fn === ops.save) stack.push(ctm);
    else if (fn === ops.restore) ctm = stack.pop() ?? ctm;
    else if (fn === ops.transform) {
      if (isMatrix(args)) ctm = concat(ctm, args);
    } else if (fn === ops.paintFormXObjectBegin) {
      stack.push(ctm);
      if (isMatrix(args?.[0])) ctm = concat(ctm, args[0]);
    } else if (fn === ops.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === ops.paintImageXObject || fn === ops.paintInlineImageXObject || fn === ops.paintImageMaskXObject) images.push(ctm);
    else if (fn === ops.paintImageXObjectRepeat) {
      // [objId, scaleX, scaleY, positions]: one image at each (x, y).
      const [, sx, sy, positions] = args as [unknown, number, number, number[]];
      for (let k = 0; k + 1 < (positions?.length ?? 0); k += 2) images.push(concat(ctm, [sx, 0, 0, sy, positions[k], positions[k + 1]]));
    }
  }
  return images;
}

interface OperatorListPage {
  view: number[];
  getOperatorList(options: { annotationMode: number }): Promise<{ fnArray: number[]; argsArray: unknown[][] }>;
}

/**
 * The page's image coverage: from where the file draws its images when they were read from it
 * (src/extract/pdf-images.ts), else from pdf.js's operator list (which decodes every image);
 * 0 when that cannot be built.
 */
async function pageImageCoverage(page: OperatorListPage, pdfjs: PdfJs, placed: Matrix[] | null | undefined): Promise<number> {
  if (placed) return coverageOf(placed, page.view);
  try {
    // Annotations are left out, as they are of the text.
    const list = await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.DISABLE });
    return coverageOf(operatorListImages(list.fnArray, list.argsArray, pdfjs.OPS), page.view);
  } catch {
    return 0;
  }
}

type TextContent = Awaited<ReturnType<Awaited<ReturnType<Awaited<ReturnType<PdfJs['getDocument']>['promise']>['getPage']>>['getTextContent']>>;

/** The text items of a page as positioned runs (PDF user space). */
function textRuns(content: TextContent): TextRun[] {
  const runs: TextRun[] = [];
  for (const item of content.items) {
    if (!('str' in item)) continue;
    const [a, b, c, d, x, y] = item.transform as number[];
    const scale = Math.hypot(a, b) || 1;
    runs.push({
      text: item.str,
      x,
      y,
      width: item.width,
      fontSize: Math.hypot(c, d) || scale || item.height,
      dirX: a / scale,
      dirY: b / scale,
      endsLine: item.hasEOL,
    });
  }
  return runs;
}

/** Options shared by every opening of a document; `give`: pdf.js may take the bytes themselves. */
function openOptions(bytes: Uint8Array, password?: string, give = false, render = false) {
  // pdf.js detaches the buffer it is given: a fresh copy, never a Buffer, unless the caller has
  // no more use for the bytes and they fill their buffer (a small Buffer shares Node's pool).
  const whole = bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return {
    data: give && whole ? new Uint8Array(bytes.buffer, 0, bytes.byteLength) : new Uint8Array(bytes),
    password,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
    cMapUrl: CMAP_DIR,
    cMapPacked: true,
    standardFontDataUrl: STANDARD_FONT_DIR,
    stopAtErrors: false,
    // Snapshots: pdf.js decodes an image whole before scaling it to the page (a 16000×16000 one
    // took gigabytes); images larger than this are left out of the picture, the page is drawn.
    ...(render ? { maxImageSize: MAX_SNAPSHOT_IMAGE_PIXELS } : {}),
  };
}

/** The largest image (in pixels) a snapshot draws: 4096 × 4096, 64 MiB decoded. */
export const MAX_SNAPSHOT_IMAGE_PIXELS = 4096 * 4096;

/** A rectangle in the pixels of a rendered page (origin top left). */
export interface PixelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What drawing needs of a page rendered by renderPdfPages. */
export interface RenderedPage {
  number: number;
  /** The page drawn on a canvas (pdf.js's Node canvas), white background. */
  canvas: SnapshotCanvas;
  /** Creates a canvas of the same kind (to crop into). */
  createCanvas(width: number, height: number): SnapshotCanvas;
  /** Boxes, in the canvas's pixels, of the page-text characters [start, end) (one per text run touched). */
  boxes(start: number, end: number): PixelBox[];
}

/** The part of a canvas that snapshots use (pdf.js renders on @napi-rs/canvas in Node). */
export interface SnapshotCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): CanvasRenderingContext2D;
  encode(format: 'png'): Promise<Uint8Array>;
}

/**
 * Renders the given pages (1-based) at most `maxWidth` pixels wide, one at a time, and hands
 * each to `use` with the boxes of its text: the page text is rebuilt exactly as extraction
 * builds it, so offsets of findings map back to the text items' positions.
 */
export async function renderPdfPages(
  bytes: Uint8Array,
  pageNumbers: number[],
  options: { password?: string; maxWidth: number; canvas: CanvasClasses },
  use: (page: RenderedPage) => Promise<void>,
): Promise<void> {
  const pdfjs = await loadPdfJs();
  useCanvas(options.canvas);
  // The same bytes as extraction read: junk before the header cut as it cuts it.
  const header = findPdfHeader(bytes);
  if (header >= 1024) bytes = bytes.subarray(header);
  let task = pdfjs.getDocument(openOptions(bytes, undefined, false, true));
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy().catch(() => undefined);
    if ((err as { name?: string })?.name !== 'PasswordException' || options.password === undefined) throw err;
    task = pdfjs.getDocument(openOptions(bytes, options.password, false, true));
    doc = await task.promise;
  }
  try {
    const factory = doc.canvasFactory as { create(w: number, h: number): { canvas: SnapshotCanvas; context: CanvasRenderingContext2D } };
    for (const number of pageNumbers) {
      const page = await doc.getPage(number);
      const unit = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: Math.min(2, options.maxWidth / unit.width) });
      const { canvas, context } = factory.create(Math.max(1, Math.round(viewport.width)), Math.max(1, Math.round(viewport.height)));
      context.fillStyle = '#fff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      await page.render({ canvas: canvas as never, canvasContext: context as never, viewport, annotationMode: pdfjs.AnnotationMode.DISABLE }).promise;
      const content = await page.getTextContent();
      const runs = textRuns(content);
      // The face family pdf.js names for each run (serif, sans-serif, monospace), to measure with.
      const families = content.items.filter((item) => 'str' in item).map((item) => content.styles[(item as { fontName: string }).fontName]?.fontFamily ?? 'sans-serif');
      const spans = rebuildLines(runs, true).spans ?? [];
      const measurer = factory.create(1, 1).context;
      const measure = (text: string, family: string) => {
        measurer.font = `100px ${family}`;
        return measurer.measureText(text).width;
      };
      const boxes = (start: number, end: number): PixelBox[] => {
        const out: PixelBox[] = [];
        for (const span of spans) {
          const from = Math.max(start, span.start);
          const to = Math.min(end, span.end);
          if (to <= from) continue;
          const run = runs[span.run];
          // Where characters fall inside the run: its advance shared out by the widths of a sans
          // serif face (pdf.js gives no glyph positions), close enough to outline words.
          const family = families[span.run];
          const whole = measure(run.text, family) || 1;
          const a = measure(run.text.slice(0, from - span.start), family) / whole;
          const b = measure(run.text.slice(0, to - span.start), family) / whole;
          const size = run.fontSize > 0 ? run.fontSize : 10;
          // Along the writing direction from a to b of the run's advance; across, from the descent to the ascent.
          const corners = [
            [a, -0.25],
            [b, -0.25],
            [a, 0.95],
            [b, 0.95],
          ].map(([t, h]) => viewport.convertToViewportPoint(run.x + run.dirX * run.width * t - run.dirY * size * h, run.y + run.dirY * run.width * t + run.dirX * size * h));
          const xs = corners.map((p) => p[0]);
          const ys = corners.map((p) => p[1]);
          out.push({ x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) });
        }
        return out;
      };
      await use({ number, canvas, createCanvas: (w, h) => factory.create(w, h).canvas, boxes });
      page.cleanup();
    }
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}

/** The bytes copied to shared memory, which other threads read without a copy of their own. */
export function sharedCopy(bytes: Uint8Array): Uint8Array {
  const copy = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
  copy.set(bytes);
  return copy;
}

/** Extracts every page's text as lines. Pages that fail carry `error`; the others are kept. */
export async function extractPdfPages(bytes: Uint8Array, options: PdfExtractOptions = {}): Promise<ExtractedDocument> {
  const header = findPdfHeader(bytes);
  if (header < 0) throw new DocumentFailure('UNSUPPORTED', 'not a PDF (no %PDF header)');
  // Past pdf.js's own first KiB, the junk is cut here as pdf.js cuts it within that KiB: offsets
  // count from the header.
  const pdf = header < 1024 ? bytes : bytes.subarray(header);
  const excess = excessivePdfWork(pdf);
  if (excess) throw new DocumentFailure('RESOURCE_LIMIT', excess);
  // Before pdf.js may take the bytes.
  const damaged = pdfStructureProblem(pdf);
  const pdfjs = await loadPdfJs();
  // Bytes pdf.js takes are gone once it has them: images are then placed from the file first
  // (every page: about 20 ms per hundred pages), else each page when it needs it. A document that
  // may need a password keeps its bytes for the second opening.
  let placements: ImagePlacements | undefined = options.releaseBytes ? pageImagePlacements(pdf) : undefined;
  // Pages shared out once the document is open are read by other threads from the same
  // bytes: those are kept.
  const pageTree = placements?.pageCount ?? undefined;
  const mayShare = options.sharing !== undefined && (pageTree === undefined || options.sharing.shares?.(pageTree) !== false);
  // A document with no encryption, whose page tree is read, is offered before pdf.js opens it
  // here (about a second on a long PDF): the other threads open it meanwhile. Pages of its tree
  // pdf.js does not count are read again here, or passed over (see below). They read a copy in
  // shared memory, and so do the image placements here from then on: pdf.js takes the file's
  // own bytes, and a long document is held twice, not three times, while it is read.
  let early: SharedPages | undefined;
  let copy: Uint8Array | undefined;
  if (mayShare && placements && !placements.encrypted && pageTree !== undefined && (options.maxPages === undefined || pageTree <= options.maxPages)) {
    copy = sharedCopy(pdf);
    early = options.sharing!.open({ pdf: copy, pageCount: pageTree });
    if (early) placements.rebase(copy);
  }
  const give = placements !== undefined && !placements.encrypted && (!mayShare || early !== undefined);
  if (give && !early) placements!.readAll();
  const sharing = give && !early ? undefined : options.sharing;
  // A second opening (with the password) reads the copy when pdf.js took the bytes.
  const open = (password?: string) => pdfjs.getDocument(password !== undefined && early ? openOptions(copy!, password) : openOptions(pdf, password, give));
  // Opened without the password first, so that we know whether the document needed it: the text
  // of a document that needed a password is never written to the cache.
  let task = open();
  let doc: Awaited<typeof task.promise>;
  let neededPassword = false;
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy().catch(() => undefined);
    const e = err as { name?: string; code?: number };
    if (e?.name !== 'PasswordException' || options.password === undefined) throw classifyOpenError(err, false);
    neededPassword = true;
    task = open(options.password);
    try {
      doc = await task.promise;
    } catch (retryErr) {
      await task.destroy().catch(() => undefined);
      throw classifyOpenError(retryErr, true);
    }
  }
  try {
    const pageCount = doc.numPages;
    if (options.maxPages !== undefined && pageCount > options.maxPages) {
      throw new DocumentFailure('TOO_LARGE', `${pageCount} pages, more than --max-pages ${options.maxPages}`);
    }
    const metadata = await doc
      .getMetadata()
      .then((m) => metadataFrom((m.info ?? {}) as Record<string, unknown>))
      .catch(() => ({}));
    const labels = await doc.getPageLabels().catch(() => null);
    const shared = early ?? sharing?.open({ pdf, pageCount, password: neededPassword ? options.password : undefined, labels: labels ?? [] });
    const imagesOf = imagesFrom(pdf, pageCount, placements);
    const readPage = pageReader(doc, pdfjs, (number) => labels?.[number - 1], imagesOf);
    const read = new Map<number, Page>();
    if (shared) {
      // Ranges are taken in turn with the other threads; theirs come back once they are done.
      for (let range = shared.claim(); range; range = shared.claim()) {
        for (let number = range[0]; number <= range[1]; number++) read.set(number, await readPage(number));
      }
      for (const [number, page] of await shared.collect()) read.set(number, page);
    }
    const pages: Page[] = [];
    // Pages no thread delivered (a helper that died, a page pdf.js counts and the tree read
    // first did not) are read here: none is ever lost. Pages past pdf.js's count are not kept.
    for (let number = 1; number <= pageCount; number++) pages.push(read.get(number) ?? (await readPage(number)));
    return { pageCount, pages, metadata, neededPassword, ...(damaged ? { damaged } : {}) };
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}

type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;

/**
 * Reads pages of an open document one at a time. pdf.js keeps the fonts it has parsed until
 * the document is closed: they are let go every CLEANUP_PAGES pages this thread reads, whichever
 * pages those are (a font used again is parsed again, once per CLEANUP_PAGES pages).
 */
function pageReader(doc: PdfDocument, pdfjs: PdfJs, labelOf: (number: number) => string | null | undefined, drawing: PageDrawing): (number: number) => Promise<Page> {
  let read = 0;
  return async (number) => {
    const page = await readPdfPage(doc, pdfjs, number, labelOf(number), drawing);
    if (++read % CLEANUP_PAGES === 0) await doc.cleanup(true).catch(() => undefined);
    return page;
  };
}

/**
 * Where page `number` draws its images and which dark boxes it paints, read from the file
 * (placements made now or on the first page that asks), or null when the reader's page tree is
 * not pdf.js's.
 */
interface PageDrawing {
  images(number: number): Matrix[] | null;
  boxes(number: number): Box[] | null;
}

function imagesFrom(pdf: Uint8Array, pageCount: number, placements?: ImagePlacements): PageDrawing {
  const read = () => (placements ??= pageImagePlacements(pdf));
  return {
    images: (number) => (read().pageCount === pageCount ? read().page(number) : null),
    boxes: (number) => (read().pageCount === pageCount ? read().boxes(number) : null),
  };
}

/**
 * Dark boxes that hide text: at least 30 × 6 points, with no text drawn inside them (a black
 * banner carries its title in white; a redaction box has nothing left under it) and no image
 * over most of them (a dark frame or background behind a picture).
 */
function hidingBoxes(boxes: Box[] | null, runs: TextRun[], images: Matrix[] | null): number {
  if (!boxes?.length) return 0;
  const overlap = ([x0, y0, x1, y1]: Box, m: Matrix) => {
    const xs = [m[4], m[0] + m[4], m[2] + m[4], m[0] + m[2] + m[4]];
    const ys = [m[5], m[1] + m[5], m[3] + m[5], m[1] + m[3] + m[5]];
    const w = Math.min(x1, Math.max(...xs)) - Math.max(x0, Math.min(...xs));
    const h = Math.min(y1, Math.max(...ys)) - Math.max(y0, Math.min(...ys));
    return w > 0 && h > 0 ? w * h : 0;
  };
  return boxes.filter((box) => {
    const [x0, y0, x1, y1] = box;
    if (x1 - x0 < 30 || y1 - y0 < 6) return false;
    if (runs.some((r) => r.text.trim() && r.x + r.width / 2 > x0 && r.x + r.width / 2 < x1 && r.y + r.fontSize / 3 > y0 && r.y + r.fontSize / 3 < y1)) return false;
    const area = (x1 - x0) * (y1 - y0);
    return !(images ?? []).some((m) => overlap(box, m) > area / 2);
  }).length;
}

/** Page `number` (1-based) as lines; a page that fails carries `error`. */
async function readPdfPage(
  doc: PdfDocument,
  pdfjs: PdfJs,
  number: number,
  pageLabel: string | null | undefined,
  drawing: PageDrawing,
): Promise<Page> {
  const label = pageLabel || undefined;
  try {
    const page = await doc.getPage(number);
    const runs = textRuns(await page.getTextContent());
    const rebuilt = rebuildLines(runs);
    // Only pages with little text are checked for images: a thin text layer over a scan (a
    // signature stamp) is no usable text. Under MIN_TEXT_CHARS a page has none whatever its
    // images, and pages with enough text never need to know.
    const chars = visibleChars(rebuilt.text);
    const coverage = chars >= MIN_TEXT_CHARS && chars < THIN_TEXT_CHARS ? await pageImageCoverage(page, pdfjs, drawing.images(number)) : 0;
    const hidden = hidingBoxes(drawing.boxes(number), runs, drawing.images(number));
    page.cleanup();
    // Each line's text is the page text's, not a copy of it: the same characters, half the
    // memory of the pages a long document holds until it is analysed.
    for (const line of rebuilt.lines) line.text = rebuilt.text.slice(line.start, line.end);
    return { number, text: rebuilt.text, lines: rebuilt.lines, ...(label ? { label } : {}), ...(coverage > 0 ? { imageCoverage: coverage } : {}), ...(hidden > 0 ? { darkBoxes: hidden } : {}) };
  } catch (err) {
    const message = ((err as Error)?.message ?? String(err)).replace(/\s+/g, ' ').slice(0, 160);
    return { number, text: '', lines: [], error: message, ...(label ? { label } : {}) };
  }
}

/**
 * Reads ranges of a document another thread opened and checked (header, work pre-check,
 * --max-pages, password): the pages of each range `claim` hands out go to `deliver` as they are
 * read, DELIVER_PAGES at a time.
 */
export async function readSharedPdfPages(document: SharedDocument, claim: () => [number, number] | undefined, deliver: (pages: Page[]) => void): Promise<void> {
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument(openOptions(document.pdf, document.password));
  const imagesOf = imagesFrom(document.pdf, document.pageCount);
  try {
    const doc = await task.promise;
    try {
      const labels = document.labels ?? (await doc.getPageLabels().catch(() => null));
      const readPage = pageReader(doc, pdfjs, (number) => labels?.[number - 1], imagesOf);
      for (let range = claim(); range; range = claim()) {
        // Delivered a few at a time: a long range's pages do not wait here, a second copy, until its end.
        let pages: Page[] = [];
        for (let number = range[0]; number <= range[1]; number++) {
          pages.push(await readPage(number));
          if (pages.length === DELIVER_PAGES || number === range[1]) {
            deliver(pages);
            pages = [];
          }
        }
      }
    } finally {
      await doc.destroy().catch(() => undefined);
    }
  } catch (err) {
    await task.destroy().catch(() => undefined);
    throw err;
  }
}
