// --snapshots: the page as evidence. For each finding of a PDF, an image of the page region
// around its passage with the matched words outlined: pages with a text layer rendered by
// pdf.js (on the Node canvas it installs), OCR'd pages cut from the image OCR read (pdftoppm,
// same resolution). One render per page that has findings; images at most `maxWidth` wide.
// The only importer of @napi-rs/canvas: pdf.js draws with its classes (handed to renderPdfPages)
// and the OCR images are drawn on it.
import { rankInDocument } from './snapshot-order.js';
import type { Finding, Page, PageSnapshot } from '../types.js';
import { renderPdfPages, type PixelBox, type SnapshotCanvas } from './pdf.js';
import { renderOcrImage, withPdfCopy, type OcrResources } from '../ocr/tesseract.js';

export interface SnapshotLimits {
  /** Width of a rendered page, in pixels. */
  maxWidth: number;
  /** Snapshots per document at most (the report applies the same cap over all documents). */
  max: number;
}

/** Margins around the passage (small across lines: no cut half-line of the next one), and the tallest region cut (a long passage is cut around its match). */
const MARGIN = 16;
const MARGIN_Y = 4;
const MAX_HEIGHT = 420;

type Target = Pick<Finding, 'page' | 'start' | 'end' | 'excerptStart' | 'excerptEnd'> & { category?: string };

interface Source {
  canvas: SnapshotCanvas;
  createCanvas(width: number, height: number): SnapshotCanvas;
  boxes(start: number, end: number): PixelBox[];
}

const bottomOf = (b: PixelBox) => b.y + b.height;

/** Cuts the region of `target`'s passage out of the page and outlines its match; undefined when the passage has no box. */
async function cut(source: Source, target: Target, kind: PageSnapshot['source']): Promise<PageSnapshot | undefined> {
  const passage = source.boxes(target.excerptStart, target.excerptEnd);
  const match = source.boxes(target.start, target.end);
  const around = passage.length ? passage : match;
  if (around.length === 0) return undefined;
  const { width: pageWidth, height: pageHeight } = source.canvas;
  let top = Math.max(0, Math.floor(Math.min(...around.map((b) => b.y)) - MARGIN_Y));
  let bottom = Math.min(pageHeight, Math.ceil(Math.max(...around.map(bottomOf)) + MARGIN_Y));
  if (bottom - top > MAX_HEIGHT && match.length) {
    const centre = (Math.min(...match.map((b) => b.y)) + Math.max(...match.map(bottomOf))) / 2;
    top = Math.max(0, Math.floor(centre - MAX_HEIGHT / 2));
    bottom = Math.min(pageHeight, top + MAX_HEIGHT);
  }
  const left = Math.max(0, Math.floor(Math.min(...around.map((b) => b.x)) - MARGIN));
  const right = Math.min(pageWidth, Math.ceil(Math.max(...around.map((b) => b.x + b.width)) + MARGIN));
  const width = right - left;
  const height = bottom - top;
  if (width < 1 || height < 1) return undefined;
  const out = source.createCanvas(width, height);
  const context = out.getContext('2d');
  context.drawImage(source.canvas as unknown as CanvasImageSource, left, top, width, height, 0, 0, width, height);
  context.strokeStyle = '#d0021b';
  context.lineWidth = 2;
  for (const b of match) context.strokeRect(b.x - left - 2, b.y - top - 2, b.width + 4, b.height + 4);
  const png = await out.encode('png');
  return { page: target.page, start: target.start, end: target.end, excerptStart: target.excerptStart, png: new Uint8Array(png), width, height, source: kind };
}

/** OCR word boxes (pixels at the OCR resolution) scaled to the snapshot's canvas. */
function ocrBoxes(page: Page, scale: number): (start: number, end: number) => PixelBox[] {
  return (start, end) =>
    (page.words ?? [])
      .filter((w) => w.box && w.end > start && w.start < end)
      .map((w) => ({ x: w.box![0] * scale, y: w.box![1] * scale, width: w.box![2] * scale, height: w.box![3] * scale }));
}

/**
 * Snapshots of the findings of one PDF (in page order), at most `limits.max`. A finding whose
 * passage cannot be placed on the page (an OCR text cached before word boxes were kept) has none.
 */
export async function pageSnapshots(
  bytes: Uint8Array,
  findings: Target[],
  pages: Page[],
  options: { password?: string; limits: SnapshotLimits; ocrDpi: number; resources?: OcrResources },
): Promise<PageSnapshot[]> {
  const seen = new Set<string>();
  const targets: Target[] = [];
  // Past the cap, the images kept are shared among the document's categories (snapshot-order.ts).
  for (const { item: f } of rankInDocument(findings.map((f) => ({ ...f, category: f.category ?? '' })))) {
    const key = `${f.page}:${f.start}:${f.end}:${f.excerptStart}`;
    if (seen.has(key) || targets.length >= options.limits.max) continue;
    seen.add(key);
    targets.push(f);
  }
  const byPage = new Map<number, Target[]>();
  for (const t of targets) byPage.set(t.page, [...(byPage.get(t.page) ?? []), t]);
  const pageOf = new Map(pages.map((p) => [p.number, p]));
  const ocrPages = [...byPage.keys()].filter((n) => pageOf.get(n)?.source === 'ocr');
  const textPages = [...byPage.keys()].filter((n) => pageOf.get(n)?.source !== 'ocr');
  const out: PageSnapshot[] = [];
  const keep = (s: PageSnapshot | undefined) => s && out.push(s);

  const canvas = await import('@napi-rs/canvas');
  await renderPdfPages(bytes, textPages, { password: options.password, maxWidth: options.limits.maxWidth, canvas }, async (rendered) => {
    for (const t of byPage.get(rendered.number) ?? []) keep(await cut(rendered, t, 'text'));
  });
  const { createCanvas, loadImage } = canvas;
  // One private copy of the document for all its OCR'd pages, as OCR itself makes.
  if (ocrPages.length) await withPdfCopy(bytes, options.resources, async (file) => {
    for (const number of ocrPages) {
      const image = await loadImage(await renderOcrImage(file, number, { dpi: options.ocrDpi }, options.resources));
      const scale = Math.min(1, options.limits.maxWidth / image.width);
      const canvas = createCanvas(Math.max(1, Math.round(image.width * scale)), Math.max(1, Math.round(image.height * scale)));
      canvas.getContext('2d').drawImage(image, 0, 0, canvas.width, canvas.height);
      const source: Source = {
        canvas: canvas as unknown as SnapshotCanvas,
        createCanvas: (w, h) => createCanvas(w, h) as unknown as SnapshotCanvas,
        boxes: ocrBoxes(pageOf.get(number)!, scale),
      };
      for (const t of byPage.get(number)!) keep(await cut(source, t, 'ocr'));
    }
  });
  return out.sort((a, b) => a.page - b.page || a.start - b.start);
}
