// --format csv: one row per finding, RFC 4180, UTF-8, every cell through escapeCsvCell
// (controls shown, formulas neutralised).
import type { Report } from '../types.js';
import type { FormatOptions } from './index.js';
import { citation, unreadNote } from './i18n.js';
import { escapeCsvCell } from './escape.js';
import { namerFor } from './names.js';
import { pageRanges, unreadPages } from './text.js';

const COLUMNS = [
  'document', 'page', 'page_label', 'section', 'category', 'rule', 'matched', 'excerpt', 'start', 'end',
  'negated', 'modality', 'language', 'source', 'ocr_confidence', 'citation', 'sha256',
] as const;

/** The `rule` of the row that tells a document's unread pages (no category, no finding). */
export const UNREAD_ROW_RULE = 'tenderscan.pages-not-read';

export function formatCsv(report: Report, options: FormatOptions): string {
  const nameOf = namerFor(report, options.documentName);
  const sha = new Map(report.documents.map((d) => [d.path, d.sha256]));
  const rows = [COLUMNS.join(',')];
  for (const f of report.findings) {
    rows.push(
      [
        f.document, f.page, f.pageLabel, f.section, f.category, f.rule, f.matched, f.excerpt.replace(/\s+/g, ' '), f.start, f.end,
        f.negated, f.modality, f.language, f.source, f.ocrConfidence, citation(f, 'en', nameOf(f.document)), sha.get(f.document),
      ]
        .map(escapeCsvCell)
        .join(','),
    );
  }
  // A document whose pages were not read says so in a row of its own: a scan without findings
  // would otherwise be absent from the sheet.
  for (const d of report.documents) {
    const note = unreadNote(d, 'en');
    if (!note) continue;
    const row: Record<(typeof COLUMNS)[number], unknown> = Object.fromEntries(COLUMNS.map((c) => [c, ''])) as never;
    Object.assign(row, { document: d.path, page_label: pageRanges(unreadPages(d)), rule: UNREAD_ROW_RULE, excerpt: note, sha256: d.sha256 });
    rows.push(COLUMNS.map((c) => escapeCsvCell(row[c])).join(','));
  }
  return rows.join('\r\n') + '\r\n';
}
