// Plain data shared by every stage. This module imports nothing.

export type Language = 'fr' | 'en';

/** One line of a page as rebuilt from the PDF text items. Offsets index the page text. */
export interface Line {
  /** 1-based line number on the page. */
  number: number;
  start: number;
  end: number;
  text: string;
  /** Formats without pages: where the line sits in the document (it stands for one passage unit). */
  location?: Location;
  /** The line is a whole paragraph, table row or sheet row: no passage runs across its end. */
  wholeBlock?: boolean;
  /** The file marks the line as a heading (a DOCX heading style, an ODT text:h). */
  heading?: boolean;
  /** Spreadsheet rows: each cell's span in the page text and its column (header text or letter). */
  cells?: { start: number; end: number; column: string }[];
}

/**
 * Where a passage of a document without pages sits: one model for every format, rendered by
 * one citation function (report/i18n.ts). Word processing kinds carry `paragraph`, the 1-based
 * number of the body paragraph (or table row) in the document, or the one a note, comment or
 * text box is anchored to.
 */
export type LocationKind =
  | 'paragraph'
  | 'table-row'
  | 'text-box'
  | 'header'
  | 'footer'
  | 'footnote'
  | 'endnote'
  | 'comment'
  | 'deleted-text'
  | 'sheet-row';

export interface Location {
  kind: LocationKind;
  paragraph?: number;
  /** table-row: 1-based table number in the document and row number in the table. */
  table?: number;
  /** table-row and sheet-row: 1-based row number (a sheet's own row number). */
  row?: number;
  /** footnote, endnote: the note's number as the reader sees it. */
  note?: number;
  /** comment, deleted-text: who wrote the comment or deleted the text, when the file says. */
  author?: string;
  /** sheet-row: the sheet's name, whether the workbook hides it, and the matched cell's column. */
  sheet?: string;
  hidden?: boolean;
  column?: string;
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
  /** Formats without pages (DOCX, ODT, spreadsheets, text): number of the page's first paragraph or row. */
  firstParagraph?: number;
}

export type FindingLocation = Location & { heading: string | null };

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
/**
 * How firmly the dossier commits to a finding: ordered, kept as an option (tranche
 * optionnelle, PSE, variante), kept for later (évolutif, ready for), or excluded (negated).
 * "optional" and "future" findings have modality "optional"; "excluded" ones are negated.
 */
export type Commitment = 'required' | 'optional' | 'future' | 'excluded';

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
  /** The buyer kind and the date its first pages give, when they give one. */
  legalContext?: DocumentLegalContext;
}

export interface Explanation {
  rule: string;
  kind: string;
  /** Words of the passage the rule matched on. */
  words: string[];
  /** The product entry whose name made the finding (kind "product"). */
  product?: { description: string; source: string };
  negation?: { trigger: string; position: 'before' | 'after' };
  modality?: { trigger: string; commitment?: 'optional' | 'future' };
}

/** Who buys: the kinds of buyer legal notes can depend on (see src/legal/packs/). */
export type BuyerKind = 'commune' | 'epci' | 'departement' | 'region' | 'state' | 'police' | 'private';
export type LegalSeverity = 'note' | 'check' | 'conflict';

/** Where the buyer kind or the dossier date of a report came from: an option, or a document's page. */
export interface LegalEvidence {
  from: 'option' | 'document';
  document?: string;
  page?: number;
  /** The words it was read from, verbatim. */
  matched?: string;
}

/** One legal note that applies to the categories found (a pointer for a reader, not legal advice). */
export interface LegalNote {
  id: string;
  severity: LegalSeverity;
  /** The categories found that it is shown under. */
  categories: string[];
  reference: string;
  summary: { fr: string; en: string };
  source: string;
}

/** The legal notes of a report, and what they were evaluated against. */
export interface LegalSection {
  packs: { version: string; date: string; jurisdictions: string[] };
  buyer: ({ kind: BuyerKind } & LegalEvidence) | null;
  date: ({ value: string } & LegalEvidence) | null;
  /** Conflicts first, then checks, then notes; by id within each. */
  notes: LegalNote[];
  /** Notes that would depend on an unknown buyer kind or date: not shown as applying. */
  pending: { id: string; categories: string[]; needs: ('buyer-kind' | 'date')[] }[];
}

/** What the first pages of a document say of its buyer and its date (see analyse/buyer.ts). */
export interface DocumentLegalContext {
  buyer?: { kind: BuyerKind; page: number; matched: string };
  date?: { value: string; page: number; matched: string };
}

/** A person's judgement of a finding, recorded in a review file (see review/file.ts). */
export type ReviewStatus = 'false-positive' | 'confirmed';

export interface FindingReview {
  status: ReviewStatus;
  comment?: string;
  /** The day of the judgement (YYYY-MM-DD). */
  date?: string;
}

export interface Finding {
  /**
   * Stable id (12 hex digits): a hash of the document's base name, category, rule and the
   * normalised excerpt, with an occurrence index for identical passages. It survives a
   * re-run and a re-published file whose pages moved. Set by engine/document.ts (see review/ids.ts).
   */
  id?: string;
  document: string;
  page: number;
  /** Printed page number when the PDF defines page labels, else the physical page number. */
  pageLabel: string;
  /** Nearest article or numbered heading above the passage ("Article 2 – Sources de données"). */
  section: string | null;
  /** Its number ("2.3"), for short citations ("art. 2.3"). */
  sectionNumber: string | null;
  /** Formats without pages: where the match is (paragraph, table row, note, sheet row…) and its heading. */
  location?: FindingLocation;
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
  /**
   * Set when the category is named only inside a citation (a statute, a decision, a code or a
   * records schedule named for reference) and the page also has other evidence of it.
   */
  mention?: boolean;
  modality: Modality;
  /** Set by the analysis; reports written before it existed are read with it derived (see report/model/merge.ts). */
  commitment: Commitment;
  language: Language;
  /** "ocr" when the quotation comes from OCR: check it against the page image. */
  source: 'text' | 'ocr';
  /** OCR only: mean word confidence (0-100) of the excerpt. */
  ocrConfidence?: number;
  explain?: Explanation;
  /** Set when a review file holds a judgement of this finding. */
  review?: FindingReview;
}

/** A passage that plans to cross several data sources (the danger of a "big data" platform). */
export interface FusionItem {
  document: string;
  page: number;
  pageLabel: string;
  section: string | null;
  sectionNumber: string | null;
  /** The positive source categories named in the crossing word's clause (all of an article's crossings together). */
  categories: string[];
  /** The crossing word ("croisement", "interconnexion", "correlate"…). */
  cue: string;
  /** The crossing passage, verbatim, and its 0-based offsets in the page text. */
  excerpt: string;
  excerptStart: number;
  excerptEnd: number;
  /** Formats without pages: where the crossing passage is. */
  location?: FindingLocation;
  /** What makes the crossing (shown with --explain, like a finding's `explain`). */
  explain?: FusionExplain;
}

/** The words and passages behind a crossing of data sources. */
export interface FusionExplain {
  /** The crossing verb or noun, as the passage spells it ("croise", "correlate"). */
  verb: string;
  /** The data-source words in the verb's clause, by category (sorted), as the passages spell them. */
  sources: { category: string; words: string[] }[];
  /** Every crossing passage of the article behind the item, in page order. */
  passages: { document: string; page: number; pageLabel: string; text: string }[];
}

export interface CategorySummary {
  findings: number;
  negated: number;
  /** Pages with a positive finding, by document path (as in `findings[].document`), ascending. */
  pages: Record<string, number[]>;
}

export interface Report {
  schemaVersion: 2;
  tool: { name: 'tenderscan'; version: string };
  generatedAt: string;
  rulePacks: { hash: string; files: string[] };
  documents: DocumentEntry[];
  findings: Finding[];
  /**
   * Mentions by name: findings made only inside a citation (a statute, decision, code article
   * or records schedule named for reference) on a page with no other evidence of their
   * category. Not findings: never counted, never a --fail-on hit. Absent when there are none,
   * so that the report of a dossier without them is what it was before the field existed.
   */
  mentions?: Finding[];
  /** Crossings of two or more source categories, shown first in every format. */
  fusion: FusionItem[];
  summary: { byCategory: Record<string, CategorySummary>; review?: ReviewSummary };
  /** Legal notes of the categories found (absent from reports read back from before they existed). */
  legal?: LegalSection;
}

/** What a review file did to a report (scan --review-file). */
export interface ReviewSummary {
  file: string;
  /** Findings judged false positives (not counted in byCategory), and how many of them are hidden. */
  falsePositives: number;
  hidden: number;
  confirmed: number;
  unreviewed: number;
}

/** What a finding says of its category: planned, planned as an option, or excluded. */
export type FindingState = 'asserted' | 'optional' | 'future' | 'negated';

/** A document of a dossier diff, matched by name between the two sides, compared by SHA-256. */
export interface DocumentChange {
  /** Its name within its side (the folder both sides were given is left out). */
  name: string;
  change: 'added' | 'removed' | 'changed' | 'unchanged';
  old: { path: string; sha256: string | null; status: DocumentStatus } | null;
  new: { path: string; sha256: string | null; status: DocumentStatus } | null;
}

/**
 * A finding of a dossier diff. Matched by category and normalised excerpt (so a page shift is
 * not a change: "moved" tells it); "flipped" is the same clause whose negation or modality
 * changed, "reworded" the same clause in other words.
 */
export interface FindingChange {
  change: 'added' | 'removed' | 'flipped' | 'reworded' | 'moved';
  /** The document's name (DocumentChange.name). */
  document: string;
  category: string;
  old: Finding | null;
  new: Finding | null;
}

export interface DiffSide {
  /** The report file, or the paths scanned. */
  source: string;
  generatedAt: string;
  rulePacks: { hash: string; files: string[] };
  documents: number;
  findings: number;
}

export interface ReportDiff {
  kind: 'tenderscan-diff';
  schemaVersion: 1;
  tool: { name: 'tenderscan'; version: string };
  generatedAt: string;
  old: DiffSide;
  new: DiffSide;
  documents: DocumentChange[];
  findings: FindingChange[];
  summary: {
    documents: Record<DocumentChange['change'], number>;
    findings: Record<FindingChange['change'] | 'unchanged', number>;
    /** New positive (not negated) findings by category: added ones, and flips away from negated. */
    newPositive: Record<string, number>;
  };
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
  /** Mentions by name set aside by the analysis (see Report.mentions); absent when none. */
  mentions?: Finding[];
  fusion?: FusionItem[];
  /** --snapshots: images of the passages of the findings, at most one render per page. */
  snapshots?: PageSnapshot[];
  /** Where the time went (for the benchmark): reading and extraction, then everything after. */
  timings?: { extractMs: number; analyseMs: number; snapshotMs?: number; snapshotPages?: number };
}
