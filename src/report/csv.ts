// --format csv: one row per finding, RFC 4180, UTF-8, every cell through escapeCsvCell
// (controls shown, formulas neutralised).
import type { Report } from '../types.js';
import type { FormatOptions } from './index.js';
import { citation } from './i18n.js';
import { escapeCsvCell } from './escape.js';

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
        .map(escapeCsvCell)
        .join(','),
    );
  }
  return rows.join('\r\n') + '\r\n';
}
