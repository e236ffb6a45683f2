// The formats by name. Each module (terminal.ts, json.ts…) exports `format`: its `meta`, a
// `report()` and a `diff()`, pure functions of a report and of a dossier diff. What the shell
// must know before loading one (whether it streams, takes snapshots, colour…) is its meta,
// declared here: the modules are loaded on use (a JSON run never loads chalk or cli-table3).
import type { Finding, Report, ReportDiff } from '../../types.js';
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
}

export interface SnapshotRef {
  src: string;
  width: number;
  height: number;
}

export type Formatter = ((report: Report, options: FormatOptions) => string) & {
  /** Optional: does part of the work on a document's findings (in report order) as soon as they arrive. */
  prepare?(findings: Finding[], options: FormatOptions): void;
  /** Optional: the same report as UTF-8 bytes, put together from what `prepare` did. */
  bytes?(report: Report, options: FormatOptions): Uint8Array;
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
}

export interface ReportFormat {
  meta: FormatMeta;
  report: Formatter;
  diff: DiffFormatter;
}

export const FORMAT_META = {
  terminal: { streams: false, binary: false, colour: true },
  json: { streams: false, binary: false, colour: false },
  jsonl: { streams: true, binary: false, colour: false },
  markdown: { streams: false, binary: false, colour: false, snapshots: 'beside' },
  html: { streams: false, binary: false, colour: false, snapshots: 'embedded' },
  csv: { streams: false, binary: false, colour: false, excel: true },
} as const satisfies Record<string, FormatMeta>;

const LOADERS: Record<keyof typeof FORMAT_META, () => Promise<ReportFormat>> = {
  terminal: async () => (await import('./terminal.js')).format,
  json: async () => (await import('./json.js')).format,
  jsonl: async () => (await import('./jsonl.js')).format,
  markdown: async () => (await import('./markdown.js')).format,
  html: async () => (await import('./html.js')).format,
  csv: async () => (await import('./csv.js')).format,
};

export const FORMAT_NAMES: readonly string[] = Object.keys(FORMAT_META);

/** The meta of the format called `name`, or undefined when there is none. */
export function formatMeta(name: string): FormatMeta | undefined {
  return Object.hasOwn(FORMAT_META, name) ? FORMAT_META[name as keyof typeof FORMAT_META] : undefined;
}

/** The format called `name`, or undefined when there is none. */
export async function loadFormat(name: string): Promise<ReportFormat | undefined> {
  return Object.hasOwn(LOADERS, name) ? LOADERS[name as keyof typeof LOADERS]() : undefined;
}

/** The report formatter called `name`, or undefined when there is none. */
export async function loadFormatter(name: string): Promise<Formatter | undefined> {
  return (await loadFormat(name))?.report;
}
