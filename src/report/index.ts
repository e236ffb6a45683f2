// Formatters by name: each a pure function of the report.
import type { Report } from '../types.js';
import { formatCsv } from './csv.js';
import { formatHtml } from './html.js';
import type { ReportLanguage } from './i18n.js';
import { formatJson } from './json.js';
import { formatJsonl } from './jsonl.js';
import { formatMarkdown } from './markdown.js';
import { formatTerminal } from './terminal.js';

export interface FormatOptions {
  color: boolean;
  explain: boolean;
  /** Language of the human-facing formats (terminal, Markdown, HTML); JSON and CSV keep ids. */
  language: ReportLanguage;
  categoryName(id: string, language?: ReportLanguage): string;
}

export const FORMATTERS: Record<string, (report: Report, options: FormatOptions) => string> = {
  terminal: formatTerminal,
  json: formatJson,
  jsonl: formatJsonl,
  markdown: formatMarkdown,
  html: formatHtml,
  csv: formatCsv,
};
