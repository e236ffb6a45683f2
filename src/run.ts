// One document: read → extract → analyse → result. Failures become coded results.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { analyseDocument } from './analyse/document.js';
import { DocumentFailure } from './errors.js';
import { extractPdfPages, PDF_EXTRACTOR_VERSION } from './extract/pdf.js';
import { TextCache } from './cache/text-cache.js';
import { OCR_VERSION, type OcrPage } from './ocr/tesseract.js';
import type { RuleSet } from './rules/load.js';
import { applyOcr, pagesToOcr, tesseractLanguages, type OcrMode } from './ocr/apply.js';
import { detectPagesLanguage } from './analyse/language.js';
import { tokenize } from './analyse/tokens.js';
import { foldString } from './text/fold.js';
import type { DocumentEntry, ExtractedDocument, Finding, Language } from './types.js';

export interface RunOptions {
  password?: string;
  maxPages?: number;
  ocr?: OcrMode;
  /** Language of the documents, when the user knows it better than detection (OCR uses it). */
  language?: Language;
  /** Folder of the text cache; no cache when absent. */
  cacheDir?: string;
}

export interface DocumentResult {
  entry: DocumentEntry;
  findings: Finding[];
}

export function errorResult(path: string, code: string, message: string, extra: Partial<DocumentEntry> = {}): DocumentResult {
  return {
    entry: {
      path,
      sha256: null,
      size: null,
      pageCount: 0,
      status: 'error',
      error: { code, message },
      pagesWithoutText: [],
      failedPages: [],
      runningLines: [],
      language: null,
      ...extra,
    },
    findings: [],
  };
}

async function readInput(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DocumentFailure('NOT_FOUND', 'no such file');
    if (code === 'EACCES' || code === 'EPERM') throw new DocumentFailure('UNREADABLE', 'permission denied');
    if (code === 'EISDIR') throw new DocumentFailure('UNREADABLE', 'is a folder');
    throw new DocumentFailure('UNREADABLE', `cannot read (${code ?? err})`);
  }
}

export async function analyseFile(path: string, rules: RuleSet, options: RunOptions = {}): Promise<DocumentResult> {
  let bytes: Buffer;
  try {
    bytes = await readInput(path);
  } catch (err) {
    const f = err as DocumentFailure;
    return errorResult(path, f.code, f.message);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const known = { sha256, size: bytes.byteLength };
  if (bytes.byteLength === 0) return errorResult(path, 'EMPTY', 'the file is empty (0 bytes)', known);
  try {
    const cache = options.cacheDir ? new TextCache(options.cacheDir) : undefined;
    const key = `pdf|${sha256}|${PDF_EXTRACTOR_VERSION}`;
    let extracted = cache?.get<ExtractedDocument>(key);
    if (extracted && options.maxPages !== undefined && extracted.pageCount > options.maxPages) {
      throw new DocumentFailure('TOO_LARGE', `${extracted.pageCount} pages, more than --max-pages ${options.maxPages}`);
    }
    if (!extracted) {
      extracted = await extractPdfPages(bytes, options);
      // Text that needed the user's password stays out of the cache.
      if (cache && !extracted.neededPassword) cache.set(key, extracted);
    }
    const ocrPages = pagesToOcr(extracted.pages, options.ocr ?? 'never');
    if (ocrPages.length > 0) {
      const detected = detectPagesLanguage(extracted.pages.map((p) => p.text), tokenize, foldString);
      const settings = { languages: tesseractLanguages(options.language, detected), dpi: 300 };
      const ocrKey = (page: number) => `ocr|${sha256}|${page}|${OCR_VERSION}|${settings.languages}|${settings.dpi}`;
      const ocrCache = cache && !extracted.neededPassword
        ? { get: (page: number) => cache.get<OcrPage>(ocrKey(page)), set: (page: number, value: OcrPage) => cache.set(ocrKey(page), value) }
        : undefined;
      extracted.pages = await applyOcr(extracted.pages, ocrPages, { path, bytes }, settings, ocrCache);
    }
    const analysis = analyseDocument(path, extracted.pages, rules);
    const failedPages = extracted.pages.filter((p) => p.error).map((p) => p.number);
    const allFailed = failedPages.length === extracted.pages.length && extracted.pages.length > 0;
    if (allFailed) {
      return errorResult(path, 'CORRUPT', `no page could be read (${extracted.pages[0].error})`, { ...known, pageCount: extracted.pageCount, failedPages });
    }
    return {
      entry: {
        path,
        ...known,
        pageCount: extracted.pageCount,
        status: failedPages.length > 0 ? 'partial' : 'ok',
        pagesWithoutText: analysis.pagesWithoutText,
        ocrPages: extracted.pages.filter((p) => p.source === 'ocr').map((p) => p.number),
        failedPages,
        runningLines: analysis.runningLines,
        language: analysis.language,
        metadata: extracted.metadata,
      },
      findings: analysis.findings,
    };
  } catch (err) {
    if (err instanceof DocumentFailure) return errorResult(path, err.code, err.message, known);
    return errorResult(path, 'INTERNAL', `unexpected failure: ${(err as Error)?.message ?? err}`, known);
  }
}
