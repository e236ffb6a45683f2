// --format csv: one row per finding, RFC 4180, UTF-8. Cells that a spreadsheet would run as a
// formula (starting with = + - @, or a tab or carriage return) are neutralised with a quote.
import type { Report } from '../types.js';
import type { FormatOptions } from './index.js';
import { citation } from './i18n.js';

export function csvCell(value: unknown): string {
  let text = value === undefined || value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const COLUMNS = [
  'document', 'page', 'page_label', 'section', 'category', 'rule', 'matched', 'excerpt', 'start', 'end',
  'negated', 'modality', 'language', 'source', 'ocr_confidence', 'citation', 'sha256', 'id', 'review', 'review_comment',
] as const;

export function formatCsv(report: Report, _options: FormatOptions): string {
  const sha = new Map(report.documents.map((d) => [d.path, d.sha256]));
  const rows = [COLUMNS.join(',')];
  for (const f of report.findings) {
    rows.push(
      [
        f.document, f.page, f.pageLabel, f.section, f.category, f.rule, f.matched, f.excerpt.replace(/\s+/g, ' '), f.start, f.end,
        f.negated, f.modality, f.language, f.source, f.ocrConfidence, citation(f, 'en'), sha.get(f.document), f.id, f.review?.status, f.review?.comment,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return rows.join('\r\n') + '\r\n';
}
