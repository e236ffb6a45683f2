// Which pages get OCR, and their OCR text in place of the text layer.
import { lacksUsableText } from '../text/clean.js';
import type { Language, Page } from '../types.js';
import { ocrPdfPage, withPdfCopy, type OcrPage, type OcrResources, type OcrSettings } from './tesseract.js';

/** Where OCR'd pages are kept between runs (the text cache, keyed by file, page and settings). */
export interface OcrCache {
  get(page: number): OcrPage | undefined;
  set(page: number, value: OcrPage): void;
}

export type OcrMode = 'never' | 'auto' | 'always';

/**
 * `auto`: pages without usable text — no text layer, or a thin one over an image (a DocuSign
 * envelope id stamped on a scan); `always`: every page (bad scanner OCR layers).
 */
export function pagesToOcr(pages: Page[], mode: OcrMode): number[] {
  if (mode === 'never') return [];
  return pages
    .filter((p) => !p.error)
    .filter((p) => mode === 'always' || lacksUsableText(p))
    .map((p) => p.number);
}

/** Tesseract languages for a document: --lang, else its detected language, else both. */
export function tesseractLanguages(requested: Language | undefined, detected: Language | null): string {
  const language = requested ?? detected;
  if (language === 'fr') return 'fra';
  if (language === 'en') return 'eng';
  return 'fra+eng';
}

/** Leave to run one OCR pipeline (pdftoppm, then tesseract); the function it gives ends it. */
export interface OcrSlots {
  acquire(): Promise<() => void>;
}

/** One pipeline at a time: the default outside the worker pool. */
function oneAtATime(): OcrSlots {
  let last = Promise.resolve();
  return {
    acquire: () => {
      const previous = last;
      let release!: () => void;
      last = new Promise<void>((resolve) => (release = resolve));
      return previous.then(() => release);
    },
  };
}

export interface OcrRunOptions {
  cache?: OcrCache;
  signal?: AbortSignal;
  resources?: OcrResources;
  /** How many pages are read at once (the pool's run-wide limit); one at a time without it. */
  slots?: OcrSlots;
}

/** Replaces the chosen pages by their OCR text, marked `source: "ocr"` with word confidences. */
export async function applyOcr(pages: Page[], numbers: number[], bytes: Uint8Array, settings: OcrSettings, options: OcrRunOptions = {}): Promise<Page[]> {
  const { cache, signal, resources } = options;
  const slots = options.slots ?? oneAtATime();
  const chosen = new Set(numbers);
  const read = new Map<number, OcrPage | Error>();
  for (const number of numbers) {
    const hit = cache?.get(number);
    if (hit) read.set(number, hit);
  }
  const missing = numbers.filter((number) => !read.has(number));
  // One private copy of the document for all the pages that are not in the cache; pages are
  // read in parallel as the slots allow (tesseract runs single-threaded, one core each).
  if (missing.length > 0) {
    await withPdfCopy(bytes, resources, async (file) => {
      const outcomes = await Promise.allSettled(
        missing.map(async (number) => {
          const release = await slots.acquire();
          try {
            if (signal?.aborted) throw signal.reason;
            const ocr = await ocrPdfPage(file, number, settings, signal, resources);
            cache?.set(number, ocr);
            read.set(number, ocr);
          } catch (err) {
            if (signal?.aborted) throw err;
            read.set(number, err as Error);
          } finally {
            release();
          }
        }),
      );
      const stopped = outcomes.find((o) => o.status === 'rejected');
      if (stopped) throw (stopped as PromiseRejectedResult).reason;
    });
  }
  return pages.map((page) => {
    if (!chosen.has(page.number)) return page;
    const ocr = read.get(page.number);
    if (ocr && !(ocr instanceof Error)) return { ...page, text: ocr.text, lines: ocr.lines, words: ocr.words, source: 'ocr' as const };
    const message = ocr instanceof Error ? (ocr.message ?? String(ocr)).split('\n')[0].slice(0, 160) : 'no OCR text';
    return { ...page, error: `OCR failed: ${message}` };
  });
}
