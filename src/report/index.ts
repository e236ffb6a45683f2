// Formatters by name: each a pure function of the report.
import type { Report } from '../types.js';
import { formatJson } from './json.js';
import { formatJsonl } from './jsonl.js';
import { formatTerminal } from './terminal.js';

export interface FormatOptions {
  color: boolean;
  explain: boolean;
  categoryName(id: string): string;
}

export const FORMATTERS: Record<string, (report: Report, options: FormatOptions) => string> = {
  terminal: formatTerminal,
  json: formatJson,
  jsonl: formatJsonl,
};
