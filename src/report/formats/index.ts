// Formatters by name: each a pure function of the report.
import type { Finding, Report } from '../../types.js';
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

// Loaded on use: a JSON run never loads chalk, cli-table3 or the HTML template.
const LOADERS: Record<string, () => Promise<Formatter>> = {
  terminal: async () => (await import('./terminal.js')).formatTerminal,
  json: async () => (await import('./json.js')).formatJson,
  jsonl: async () => (await import('./jsonl.js')).formatJsonl,
  markdown: async () => (await import('./markdown.js')).formatMarkdown,
  html: async () => (await import('./html.js')).formatHtml,
  csv: async () => (await import('./csv.js')).formatCsv,
};

export const FORMAT_NAMES: readonly string[] = Object.keys(LOADERS);

/** The formatter called `name`, or undefined when there is none. */
export async function loadFormatter(name: string): Promise<Formatter | undefined> {
  return Object.hasOwn(LOADERS, name) ? LOADERS[name]() : undefined;
}
