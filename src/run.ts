// One document: read → extract → analyse → result. Failures become coded results.
import { createHash } from 'node:crypto';
import { analyseDocument } from './analyse/document.js';
import { DocumentFailure, errorResult } from './errors.js';
import { extractPdfPages, looksLikePdf, PDF_EXTRACTOR_VERSION } from './extract/pdf.js';
import { extractDocx, extractOdt, extractPlainText, OFFICE_EXTRACTOR_VERSION } from './extract/office.js';
import { isZip, listZip } from './sources/zip.js';
import { readInputBytes } from './sources/read.js';
import type { Input } from './sources/expand.js';
import { TextCache } from './cache/text-cache.js';
import { OCR_VERSION, type OcrPage, type OcrResources } from './ocr/tesseract.js';
import type { RuleSet } from './rules/load.js';
import { applyOcr, pagesToOcr, tesseractLanguages, type OcrMode } from './ocr/apply.js';
import { detectPagesLanguage } from './analyse/language.js';
import { tokenize } from './analyse/tokens.js';
import { foldString } from './text/fold.js';
import type { SnapshotLimits } from './extract/snapshots.js';
import { unreadPages } from './report/text.js';
import { ownReportFormat } from './sources/own-report.js';
import type { DocumentResult, ExtractedDocument, Language, PageSnapshot } from './types.js';

export interface RunOptions {
  password?: string;
  maxPages?: number;
  ocr?: OcrMode;
  /** Language of the documents, when the user knows it better than detection (OCR uses it). */
  language?: Language;
  /** Folder of the text cache; no cache when absent. */
  cacheDir?: string;
  /** Files larger than this (bytes) end as TOO_LARGE, hashed but not analysed. */
  maxFileSize?: number;
  /** --snapshots: images of the findings' passages (PDF only). */
  snapshots?: SnapshotLimits;
}

/** Resolution OCR renders pages at (snapshots of OCR'd pages are cut from the same image). */
const OCR_DPI = 300;

type Format = 'pdf' | 'docx' | 'odt' | 'text';

const EXTRACTOR_VERSIONS: Record<Format, string> = {
  pdf: PDF_EXTRACTOR_VERSION,
  docx: OFFICE_EXTRACTOR_VERSION,
  odt: OFFICE_EXTRACTOR_VERSION,
  text: OFFICE_EXTRACTOR_VERSION,
};

/** The document's format, from its bytes (the name only tells plain text apart). */
function detectFormat(bytes: Uint8Array, name: string): Format {
  if (looksLikePdf(bytes)) return 'pdf';
  if (isZip(bytes)) {
    const names = new Set(listZip(bytes).map((e) => e.name));
    if (names.has('word/document.xml')) return 'docx';
    if (names.has('content.xml') && names.has('mimetype')) return 'odt';
    throw new DocumentFailure('UNSUPPORTED', 'a ZIP archive that is neither DOCX nor ODT');
  }
  if (/\.(txt|md)$/i.test(name)) {
    // Files on disk were looked at when the inputs were listed; archive entries are looked at here.
    const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 64 * 1024)).toString('utf8');
    const tail = Buffer.from(bytes.buffer, bytes.byteOffset + Math.max(0, bytes.byteLength - 64 * 1024)).toString('utf8');
    const report = ownReportFormat(head, tail);
    if (report) throw new DocumentFailure('UNSUPPORTED', `a report written by tenderscan (${report}), not a document`);
    return 'text';
  }
  const kind = bytes[0] === 0x89 && bytes[1] === 0x50 ? 'a PNG image' : bytes[0] === 0xff && bytes[1] === 0xd8 ? 'a JPEG image' : 'not a PDF';
  throw new DocumentFailure('UNSUPPORTED', `${kind} (no %PDF header)`);
}

async function extract(format: Format, bytes: Buffer, options: RunOptions): Promise<ExtractedDocument> {
  switch (format) {
    case 'pdf':
      return extractPdfPages(bytes, options);
    case 'docx':
      return extractDocx(bytes);
    case 'odt':
      return extractOdt(bytes);
    case 'text':
      return extractPlainText(bytes);
  }
}

export interface AnalyseHooks {
  /** Told once the input is read and hashed, before any extraction (a TIMEOUT keeps the hash). */
  onRead?(known: { sha256: string; size: number }): void;
  /** Told when a document needs extraction (it was not in the text cache): the slow case. */
  onExtract?(): void;
  /** Told of the OCR's processes and temporary folders (see OcrResources). */
  ocrResources?: OcrResources;
}

export async function analyseFile(input: Input | string, rules: RuleSet, options: RunOptions = {}, hooks: AnalyseHooks = {}): Promise<DocumentResult> {
  const source: Input = typeof input === 'string' ? { path: input, file: input } : input;
  const { path, file, entry } = source;
  let bytes: Buffer;
  try {
    const read = readInputBytes(source, options.maxFileSize);
    if ('tooLarge' in read) {
      return errorResult(path, 'TOO_LARGE', `${read.tooLarge.size} bytes, more than --max-file-size ${options.maxFileSize}`, read.tooLarge);
    }
    bytes = read.bytes;
  } catch (err) {
    if (err instanceof DocumentFailure) return errorResult(path, err.code, err.message);
    return errorResult(path, 'INTERNAL', `unexpected failure: ${(err as Error)?.message ?? err}`);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const known = { sha256, size: bytes.byteLength };
  hooks.onRead?.(known);
  if (bytes.byteLength === 0) return errorResult(path, 'EMPTY', 'the file is empty (0 bytes)', known);
  try {
    const started = performance.now();
    const format = detectFormat(bytes, entry ? entry[entry.length - 1] : file);
    const cache = options.cacheDir ? new TextCache(options.cacheDir) : undefined;
    const key = `${format}|${sha256}|${EXTRACTOR_VERSIONS[format]}`;
    let extracted = cache?.get<ExtractedDocument>(key);
    if (extracted && options.maxPages !== undefined && extracted.pageCount > options.maxPages) {
      throw new DocumentFailure('TOO_LARGE', `${extracted.pageCount} pages, more than --max-pages ${options.maxPages}`);
    }
    if (!extracted) {
      hooks.onExtract?.();
      extracted = await extract(format, bytes, options);
      // Text that needed the user's password stays out of the cache.
      if (cache && !extracted.neededPassword) cache.set(key, extracted);
    }
    const ocrPages = format === 'pdf' ? pagesToOcr(extracted.pages, options.ocr ?? 'never') : [];
    if (ocrPages.length > 0) {
      const detected = detectPagesLanguage(extracted.pages.map((p) => p.text), tokenize, foldString);
      const settings = { languages: tesseractLanguages(options.language, detected), dpi: OCR_DPI };
      const ocrKey = (page: number) => `ocr|${sha256}|${page}|${OCR_VERSION}|${settings.languages}|${settings.dpi}`;
      const ocrCache = cache && !extracted.neededPassword
        ? { get: (page: number) => cache.get<OcrPage>(ocrKey(page)), set: (page: number, value: OcrPage) => cache.set(ocrKey(page), value) }
        : undefined;
      extracted.pages = await applyOcr(extracted.pages, ocrPages, bytes, settings, { cache: ocrCache, resources: hooks.ocrResources });
    }
    const extractedAt = performance.now();
    const analysis = analyseDocument(path, extracted.pages, rules);
    const timings: NonNullable<DocumentResult['timings']> = { extractMs: extractedAt - started, analyseMs: performance.now() - extractedAt };
    let snapshots: PageSnapshot[] | undefined;
    if (options.snapshots && format === 'pdf' && analysis.findings.length > 0) {
      const drawStarted = performance.now();
      try {
        const { pageSnapshots } = await import('./extract/snapshots.js');
        snapshots = await pageSnapshots(bytes, analysis.findings, extracted.pages, { password: options.password, limits: options.snapshots, ocrDpi: OCR_DPI, resources: hooks.ocrResources });
      } catch {
        // A page that cannot be drawn costs its images, never the findings.
        snapshots = [];
      }
      timings.snapshotMs = performance.now() - drawStarted;
      timings.snapshotPages = new Set(analysis.findings.map((f) => f.page)).size;
    }
    const failedPages = extracted.pages.filter((p) => p.error).map((p) => p.number);
    const allFailed = failedPages.length === extracted.pages.length && extracted.pages.length > 0;
    if (allFailed) {
      return errorResult(path, 'CORRUPT', `no page could be read (${extracted.pages[0].error})`, { ...known, pageCount: extracted.pageCount, failedPages });
    }
    const ocrPageNumbers = extracted.pages.filter((p) => p.source === 'ocr').map((p) => p.number);
    const notRead = unreadPages({ pagesWithoutText: analysis.pagesWithoutText, ocrPages: ocrPageNumbers });
    return {
      entry: {
        path,
        ...known,
        pageCount: extracted.pageCount,
        status: failedPages.length > 0 ? 'partial' : 'ok',
        pagesWithoutText: analysis.pagesWithoutText,
        ocrPages: ocrPageNumbers,
        ...(notRead.length ? { notRead: { count: notRead.length, pages: notRead, hint: 'run again with --ocr auto' } } : {}),
        failedPages,
        runningLines: analysis.runningLines,
        language: analysis.language,
        metadata: extracted.metadata,
      },
      findings: analysis.findings,
      fusion: analysis.fusion,
      ...(snapshots ? { snapshots } : {}),
      timings,
    };
  } catch (err) {
    if (err instanceof DocumentFailure) return errorResult(path, err.code, err.message, known);
    return errorResult(path, 'INTERNAL', `unexpected failure: ${(err as Error)?.message ?? err}`, known);
  }
}
