// Which pages get OCR, and their OCR text in place of the text layer.
import { lacksUsableText } from '../text/clean.js';
import type { Language, Page } from '../types.js';
import { ocrPdfBytes, ocrPdfPage, type OcrPage, type OcrSettings } from './tesseract.js';

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

/** Replaces the chosen pages by their OCR text, marked `source: "ocr"` with word confidences. */
export async function applyOcr(
  pages: Page[],
  numbers: number[],
  input: { path?: string; bytes: Uint8Array },
  settings: OcrSettings,
  cache?: OcrCache,
  signal?: AbortSignal,
): Promise<Page[]> {
  if (numbers.length === 0) return pages;
  const chosen = new Set(numbers);
  const out: Page[] = [];
  for (const page of pages) {
    if (!chosen.has(page.number)) {
      out.push(page);
      continue;
    }
    try {
      let ocr = cache?.get(page.number);
      if (!ocr) {
        ocr = input.path
          ? await ocrPdfPage(input.path, page.number, settings, signal)
          : await ocrPdfBytes(input.bytes, page.number, settings, signal);
        cache?.set(page.number, ocr);
      }
      out.push({ ...page, text: ocr.text, lines: ocr.lines, words: ocr.words, source: 'ocr' });
    } catch (err) {
      if (signal?.aborted) throw err;
      out.push({ ...page, error: `OCR failed: ${((err as Error).message ?? String(err)).split('\n')[0].slice(0, 160)}` });
    }
  }
  return out;
}
