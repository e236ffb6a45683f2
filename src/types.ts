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
  /** PDF: dark filled boxes over the page with no text inside them (redactions), when there are some. */
  darkBoxes?: number;
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
  /** PDF only: what is wrong with its cross-reference structure (pdf.js rebuilt it), if anything. */
  damaged?: string;
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
  /**
   * The procurement's facts the document states (buyer, lots, CPV codes, amounts, dates…),
   * each located; absent when it states none. Reports gather them into `Report.dossier`.
   */
  facts?: Fact[];
}

/** What a fact of the procurement is about (see analyse/facts.ts and docs/dossier-facts.md). */
export type FactField =
  | 'buyer'
  | 'buyerId'
  | 'title'
  | 'procedure'
  | 'lot'
  | 'cpv'
  | 'amount'
  | 'duration'
  | 'published'
  | 'deadline'
  | 'awardDate'
  | 'awardNotice'
  | 'awardee';

/** One fact of the procurement as a document writes it, and where. */
export interface Fact {
  field: FactField;
  /** The value, verbatim from the page text. */
  text: string;
  /**
   * The value read: an ISO date (YYYY-MM-DD), an amount, a CPV code (NNNNNNNN-N), a SIRET's 14
   * digits, an OCDS procurement method (open, selective, limited, direct), an ISO 8601 duration
   * (P12M), a lot number; absent for names and titles (their text is the value).
   */
  value?: string | number;
  /** The procedure as the document names it, in a normal form ("appel d'offres ouvert"). */
  details?: string;
  /** Amounts: the currency (ISO 4217) and whether the document says HT or TTC. */
  currency?: string;
  tax?: 'HT' | 'TTC';
  /** The lot the fact belongs to (its number), when it is written in a lot's line. */
  lot?: string;
  page: number;
  pageLabel: string;
  /** 0-based offsets of `text` in the page text. */
  start: number;
  end: number;
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

/** The dossier's facts gathered from its documents (report/model/facts.ts). */
export interface FactCitation {
  document: string;
  page: number;
  pageLabel: string;
  start: number;
  end: number;
  /** JSON only: "AAPC.pdf, p. 1", as findings are cited. */
  citation?: string;
}

/** One value of a field, as first written, with every place it is stated. */
export interface CitedValue {
  text: string;
  value?: string | number;
  details?: string;
  currency?: string;
  tax?: 'HT' | 'TTC';
  lot?: string;
  citations: FactCitation[];
}

export interface DossierFacts {
  buyer: { name: CitedValue[]; identifier: CitedValue[] };
  tender: {
    title: CitedValue[];
    procurementMethod: CitedValue[];
    lots: CitedValue[];
    /** CPV codes: `value` is the code (the OCDS item's classification id, scheme CPV). */
    items: CitedValue[];
    value: CitedValue[];
    contractPeriod: CitedValue[];
    datePublished: CitedValue[];
    tenderPeriod: { endDate: CitedValue[] };
  };
  awards: { date: CitedValue[]; datePublished: CitedValue[]; suppliers: CitedValue[] };
  /** Deadlines of recourse computed from a single stated award date (pointers, not advice). */
  recourse: RecourseWindow[];
  /** Fields with more than one value (lots, CPV codes and amounts apart, which are lists). */
  conflicts: string[];
}

export type Remedy = 'refere-precontractuel' | 'refere-contractuel' | 'tarn-et-garonne';

export interface RecourseWindow {
  remedy: Remedy;
  /** The rule, as a lawyer looks it up. */
  reference: string;
  /** What starts the window: the award notice's publication, the contract's conclusion, or nothing known. */
  from: 'signature' | 'award-notice' | 'award' | null;
  /** The date it starts from (YYYY-MM-DD), as the dossier states it. */
  fromDate: string | null;
  /** The last day (YYYY-MM-DD); null when the window ends with an event (signature) or its start is not stated. */
  until: string | null;
  /** How long, as the rule says it: "until signature", "31 days", "6 months", "2 months". */
  period: string;
  pointer: true;
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
  /** The project config file the run applied (.tenderscan.yaml), as found or given; absent when none. */
  config?: string;
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
  /** The procurement's facts stated by the documents, each cited; absent when none is. */
  dossier?: DossierFacts;
  /**
   * Not in this dossier: documents it refers to and does not contain, and content withheld
   * from the documents it does contain (report/model/missing.ts). Absent when there is none.
   */
  missing?: MissingItem[];
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
  /** Items of "Not in this dossier" listed by one side only, by id; absent when there are none. */
  missing?: { added: MissingItem[]; removed: MissingItem[] };
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

/** What `tenderscan find` looks for: a literal (default) or an RE2 regular expression. */
export interface SearchQuery {
  pattern: string;
  regexp: boolean;
  ignoreCase: boolean;
  /** -w: the match is a whole word (a non-word character or a line's edge on each side). */
  word: boolean;
  /** Accents, ligatures and typographic apostrophes count (by default they are folded away). */
  strictAccents: boolean;
}

/** A line of a page around a search hit (find -C). */
export interface SearchContextLine {
  line: number;
  text: string;
  location?: Location;
}

/** The lines of a page holding matches of a search (several when a match runs across lines). */
export interface SearchHit {
  page: number;
  /** Printed page label when the PDF defines one, else the page number. */
  pageLabel: string;
  /** 1-based number of the first line on the page, and of the last when the hit spans several. */
  line: number;
  lastLine?: number;
  /** Formats without pages: where the first line sits (paragraph, table row, sheet row…). */
  location?: Location;
  /** The hit's lines, verbatim from the page text, and the offset of their start in it. */
  text: string;
  start: number;
  /** Each match: 0-based offsets in the page text. */
  matches: { start: number; end: number }[];
  source: 'text' | 'ocr';
  before?: SearchContextLine[];
  after?: SearchContextLine[];
}

/** What the analysis of one document returns (a failed document too: see errorResult). */
export interface DocumentResult {
  entry: DocumentEntry;
  findings: Finding[];
  /** `find`: the hits of the search, in page order (the document is then searched, not analysed). */
  hits?: SearchHit[];
  /** Mentions by name set aside by the analysis (see Report.mentions); absent when none. */
  mentions?: Finding[];
  fusion?: FusionItem[];
  /** What the document says of other documents and of content withheld from it (analyse/references.ts). */
  dossier?: DossierClues;
  /** --snapshots: images of the passages of the findings, at most one render per page. */
  snapshots?: PageSnapshot[];
  /** Where the time went (for the benchmark): reading and extraction, then everything after. */
  timings?: { extractMs: number; analyseMs: number; snapshotMs?: number; snapshotPages?: number; basisCached?: boolean; pagesReused?: number; rulesCompiled?: number };
  /**
   * `findings` (then in report order) rendered by the pool worker as the items of a JSON
   * report's findings, for --format json (see RunOptions.renderJson).
   */
  json?: RenderedJson;
}

/** A document's findings as JSON report items: cited by `name`, with `explain` or without. */
export interface RenderedJson {
  name: string;
  explain: boolean;
  bytes: Uint8Array[];
}

/** A kind of document a dossier refers to ("cctp", "annex", "exhibit"…) and its number or letter. */
export interface DocumentRef {
  kind: string;
  /** "3", "B", "II"; null for a document without one ("cctp", "plans"). */
  number: string | null;
}

/** Why an item is listed as not in the dossier. */
export type MissingReason =
  | 'listed'
  | 'referenced'
  | 'on-request'
  | 'not-communicated'
  | 'sent-to-holder'
  | 'redaction-mark'
  | 'blacked-out';

/** Where a dossier cites a missing document, or shows withheld content: a page and the words there, verbatim. */
export interface MissingCitation {
  document: string;
  page: number;
  pageLabel: string;
  /** Formats without pages: the paragraph, table row… of the words. */
  location?: FindingLocation;
  /** The citing words, verbatim from the page text (at most about 160 characters). */
  quote: string;
  /** 0-based offsets of `quote` in the page text. */
  start: number;
  end: number;
}

/** One document's clues for the dossier-wide list of what is missing (DocumentResult.dossier). */
export interface DossierClues {
  /** What the document is, from its file name and the title of its first page. */
  identities: DocumentRef[];
  /** Annexes and other parts the document holds under a heading of their own ("ANNEXE 3 – Plans"). */
  holds: DocumentRef[];
  /** The documents it refers to. */
  references: { ref: DocumentRef | null; title: string; reason: MissingReason; at: MissingCitation }[];
  /** Content withheld from it: marks such as "[REDACTED]", dark boxes over the page. */
  withheld: { reason: 'redaction-mark' | 'blacked-out'; at: MissingCitation }[];
}

/**
 * An item of "Not in this dossier": a document the dossier refers to and does not contain
 * (`type: "document"`), or content withheld from one of its documents (`type: "withheld"`).
 */
export interface MissingItem {
  /** Stable id (12 hex digits) for review files and diffs: what is missing, never where it is cited. */
  id: string;
  type: 'document' | 'withheld';
  /** What the request asks for: "CCTP", "Annexe 3", "Exhibit B", or the document content is withheld from. */
  title: string;
  /** document: its kind and number, when the dossier names one. */
  ref?: DocumentRef;
  /** The strongest reason (the order of MissingReason: a list in the RC first). */
  reason: MissingReason;
  /** Where the dossier cites it, or the pages withheld content is on, in document and page order (at most 20). */
  citations: MissingCitation[];
  /** withheld: the pages, ascending. */
  pages?: number[];
  /** Set when a review file holds a judgement of this item. */
  review?: FindingReview;
}
