// Plain data shared by every stage. This module imports nothing.

export type Language = 'fr' | 'en';

/** One line of a page as rebuilt from the PDF text items. Offsets index the page text. */
export interface Line {
  /** 1-based line number on the page. */
  number: number;
  start: number;
  end: number;
  text: string;
  /** DOCX/ODT/text only: the 1-based paragraph number in the whole document. */
  paragraph?: number;
}

export interface Page {
  /** 1-based physical page number. */
  number: number;
  /** Page text: lines joined with "\n". Every offset of a finding indexes this string. */
  text: string;
  lines: Line[];
  /** Printed page label when the PDF defines one. */
  label?: string;
  /** Set when extracting this page failed; the other pages are still analysed. */
  error?: string;
  /** Where the text comes from: the PDF's text layer (default) or OCR of the rendered page. */
  source?: 'text' | 'ocr';
  /** OCR only: each word's span in `text` and Tesseract's confidence (0-100). */
  words?: { start: number; end: number; confidence: number; box?: [number, number, number, number] }[];
  /** Share of the page (0-1) covered by images; measured only on pages with little text. */
  imageCoverage?: number;
  /** DOCX/ODT/text only: number of the page's first paragraph in the document. */
  firstParagraph?: number;
}

export interface DocumentMetadata {
  title?: string;
  author?: string;
  producer?: string;
  creator?: string;
  /** ISO 8601, or null when the document holds a date that is not one. */
  creationDate?: string | null;
  modificationDate?: string | null;
}

/** Extraction result for one input file. */
export interface ExtractedDocument {
  pageCount: number;
  pages: Page[];
  metadata: DocumentMetadata;
  /** The document could only be opened with the user's password (never cached then). */
  neededPassword?: boolean;
}

export type DocumentStatus = 'ok' | 'partial' | 'error';
export type Modality = 'asserted' | 'optional';

export interface DocumentError {
  code: string;
  message: string;
}

export interface DocumentEntry {
  path: string;
  sha256: string | null;
  size: number | null;
  pageCount: number;
  status: DocumentStatus;
  error?: DocumentError;
  pagesWithoutText: number[];
  /** Pages whose extraction failed ("partial" documents). */
  failedPages: number[];
  /** Pages read by OCR (--ocr); their findings have `source: "ocr"`. */
  ocrPages?: number[];
  /** Pages without usable text that OCR did not read either (only when there are some). */
  notRead?: { count: number; pages: number[]; hint: string };
  /** Pages whose running header/footer lines were left out of the analysis. */
  runningLines: string[];
  language: Language | null;
  metadata?: DocumentMetadata;
}

export interface Explanation {
  rule: string;
  kind: string;
  /** Words of the passage the rule matched on. */
  words: string[];
  negation?: { trigger: string; position: 'before' | 'after' };
  modality?: { trigger: string };
}

export interface Finding {
  document: string;
  page: number;
  /** Printed page number when the PDF defines page labels, else the physical page number. */
  pageLabel: string;
  /** Nearest article or numbered heading above the passage ("Article 2 – Sources de données"). */
  section: string | null;
  /** Its number ("2.3"), for short citations ("art. 2.3"). */
  sectionNumber: string | null;
  /** DOCX/ODT/text, which have no pages: the paragraph of the match and its heading. */
  location?: { paragraph: number; heading: string | null };
  category: string;
  rule: string;
  /** The matched words, verbatim from the page text. */
  matched: string;
  /** The sentence around the match, verbatim (about 300 characters at most). */
  excerpt: string;
  /** 0-based offsets of the match in the page text. */
  start: number;
  end: number;
  /** 0-based offsets of the excerpt in the page text. */
  excerptStart: number;
  excerptEnd: number;
  negated: boolean;
  modality: Modality;
  language: Language;
  /** "ocr" when the quotation comes from OCR: check it against the page image. */
  source: 'text' | 'ocr';
  /** OCR only: mean word confidence (0-100) of the excerpt. */
  ocrConfidence?: number;
  explain?: Explanation;
}

/** A passage that plans to cross several data sources (the danger of a "big data" platform). */
export interface FusionItem {
  document: string;
  page: number;
  pageLabel: string;
  section: string | null;
  sectionNumber: string | null;
  /** The positive source categories named in the same article (or paragraph). */
  categories: string[];
  /** The crossing word ("croisement", "interconnexion", "correlate"…). */
  cue: string;
  /** The crossing passage, verbatim, and its 0-based offsets in the page text. */
  excerpt: string;
  excerptStart: number;
  excerptEnd: number;
  /** DOCX/ODT/text, which have no pages: the paragraph of the crossing passage. */
  location?: { paragraph: number; heading: string | null };
}

export interface CategorySummary {
  findings: number;
  negated: number;
  pages: number[];
}

export interface Report {
  schemaVersion: 1;
  tool: { name: 'tenderscan'; version: string };
  generatedAt: string;
  rulePacks: { hash: string; files: string[] };
  documents: DocumentEntry[];
  findings: Finding[];
  /** Crossings of two or more source categories, shown first in every format. */
  fusion: FusionItem[];
  summary: { byCategory: Record<string, CategorySummary> };
}

/** An image of the page region around a finding's passage (--snapshots), the matched words outlined. */
export interface PageSnapshot {
  page: number;
  /** The finding it shows: its match and excerpt offsets in the page text. */
  start: number;
  end: number;
  excerptStart: number;
  png: Uint8Array;
  width: number;
  height: number;
  /** "ocr": cut from the image OCR read. */
  source: 'text' | 'ocr';
}

/** What the analysis of one document returns (a failed document too: see errorResult). */
export interface DocumentResult {
  entry: DocumentEntry;
  findings: Finding[];
  fusion?: FusionItem[];
  /** --snapshots: images of the passages of the findings, at most one render per page. */
  snapshots?: PageSnapshot[];
  /** Where the time went (for the benchmark): reading and extraction, then everything after. */
  timings?: { extractMs: number; analyseMs: number; snapshotMs?: number; snapshotPages?: number };
}
