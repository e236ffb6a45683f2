// What a format is: the options its functions take, its `report()` and `diff()`, and its meta,
// what the shell must know before loading it (whether it streams, takes snapshots, colour…).
import type { Finding, RenderedJson, Report, ReportDiff } from '../../types.js';
import type { ReportLanguage } from '../i18n.js';
import type { PageLinker } from '../links.js';
import type { DocumentNamer } from '../names.js';

export interface FormatOptions {
  color: boolean;
  explain: boolean;
  /** Language of the human-facing formats (terminal, Markdown, HTML); JSON and CSV keep ids. */
  language: ReportLanguage;
  categoryName(id: string, language?: ReportLanguage): string;
  /** Names of the documents in citations and headings; by default computed from the report's documents. */
  documentName?: DocumentNamer;
  /** Terminal only: columns to wrap to (the terminal's width; 80 when stdout is not a terminal). */
  width?: number;
  /** Terminal only (--evidence): one line per document (short, the default) or hashes and metadata in full. */
  evidence?: 'short' | 'full';
  /** Terminal only (--summary): the dossier summary alone. */
  summaryOnly?: boolean;
  /** CSV only (--excel): a UTF-8 byte order mark first, so that spreadsheet programs read UTF-8. */
  excel?: boolean;
  /** --title: the report's title (HTML); the default title otherwise. */
  title?: string;
  /** Links to the cited pages (see links.ts); by default relative paths as the report names them. */
  pageLink?: PageLinker;
  /** --snapshots: the image of a finding's passage (a data: URL in HTML, a file beside a Markdown report). */
  snapshot?: (finding: Finding) => SnapshotRef | undefined;
  /** Said in the report when snapshots were left out (the cap). */
  snapshotNotice?: string;
  /** --snapshots: why a finding has no image (left out by the budget), said beside it; undefined when it has one or none was due. */
  snapshotMissing?: (finding: Finding) => string | undefined;
}

export interface SnapshotRef {
  src: string;
  width: number;
  height: number;
}

export type Formatter = ((report: Report, options: FormatOptions) => string) & {
  /**
   * Optional: does part of the work on a document's findings (in report order) as soon as they
   * arrive; `rendered`, what a worker already did of it (JSON). True when that was taken.
   */
  prepare?(findings: Finding[], options: FormatOptions, rendered?: RenderedJson & { of: readonly Finding[] }): boolean;
  /** Optional: the same report as UTF-8 bytes, put together from what `prepare` did. */
  bytes?(report: Report, options: FormatOptions): Uint8Array;
  /**
   * Optional: the same report piece by piece, in order (the documents and findings a few
   * hundred at a time): written one after the other, so that the whole text is never held.
   */
  pieces?(report: Report, options: FormatOptions): Iterable<string | Uint8Array>;
};

export type DiffFormatter = (diff: ReportDiff, options: FormatOptions) => string;

/** What a format can do, for the commands to ask rather than test names. */
export interface FormatMeta {
  /** Written document by document as the scan goes (the whole report is never held). */
  streams: boolean;
  /** Bytes rather than text (none of today's formats). */
  binary: boolean;
  /** Coloured at a terminal (--color). */
  colour: boolean;
  /** --snapshots: images embedded in the file, or written as files beside it (then -o FILE is needed). */
  snapshots?: 'embedded' | 'beside';
  /** --excel applies (a byte order mark first). */
  excel?: boolean;
  /** What `-o FILE` ends with for this format: `-o report.json` picks json when -f is not given. */
  extensions: readonly string[];
  /** The pool's workers render each document's findings as its items (renderJsonItems). */
  workerItems?: boolean;
}

export interface ReportFormat {
  meta: FormatMeta;
  report: Formatter;
  diff: DiffFormatter;
}

export const FORMAT_META = {
  terminal: { streams: false, binary: false, colour: true, extensions: ['.txt'] },
  json: { streams: false, binary: false, colour: false, extensions: ['.json'], workerItems: true },
  jsonl: { streams: true, binary: false, colour: false, extensions: ['.jsonl', '.ndjson'] },
  markdown: { streams: false, binary: false, colour: false, snapshots: 'beside', extensions: ['.md', '.markdown'] },
  html: { streams: false, binary: false, colour: false, snapshots: 'embedded', extensions: ['.html', '.htm'] },
  csv: { streams: false, binary: false, colour: false, excel: true, extensions: ['.csv'] },
} as const satisfies Record<string, FormatMeta>;
