// --format csv: one row per finding, RFC 4180, UTF-8, every cell through escapeCsvCell
// (controls shown, formulas neutralised); a row per failed document and per document with
// pages not read, so that no document is missing from the sheet. --excel adds a byte order
// mark: without it Excel reads UTF-8 as Windows-1252 ("biomÃ©trie").
import type { Report } from '../../types.js';
import type { FormatOptions } from './index.js';
import { citation, unreadNote } from '../i18n.js';
import { escapeCsvCell } from '../escape.js';
import { namerFor } from '../names.js';
import { pageRanges, unreadPages } from '../text.js';

const COLUMNS = [
  'document', 'page', 'page_label', 'section', 'category', 'rule', 'matched', 'excerpt', 'start', 'end',
  'negated', 'modality', 'language', 'source', 'ocr_confidence', 'citation', 'sha256', 'id', 'review', 'review_comment', 'error_code', 'error_message',
] as const;

/** The `rule` of the row that tells a document's unread pages (no category, no finding). */
export const UNREAD_ROW_RULE = 'tenderscan.pages-not-read';
/** The `rule` of the row of a document that could not be analysed (its code and message in error_*). */
export const FAILED_ROW_RULE = 'tenderscan.document-failed';

/** A row of the document's own, not a finding: the cells given, the others empty. */
function documentRow(cells: Partial<Record<(typeof COLUMNS)[number], unknown>>): string {
  return COLUMNS.map((c) => escapeCsvCell(cells[c] ?? '')).join(',');
}

export function formatCsv(report: Report, options: FormatOptions): string {
  const nameOf = namerFor(report, options.documentName);
  const sha = new Map(report.documents.map((d) => [d.path, d.sha256]));
  const rows = [COLUMNS.join(',')];
  for (const f of report.findings) {
    rows.push(
      [
        f.document, f.page, f.pageLabel, f.section, f.category, f.rule, f.matched, f.excerpt.replace(/\s+/g, ' '), f.start, f.end,
        f.negated, f.modality, f.language, f.source, f.ocrConfidence, citation(f, 'en', nameOf(f.document)), sha.get(f.document), f.id, f.review?.status, f.review?.comment,
        // error_code, error_message: a finding's row has every column too (RFC 4180).
        '', '',
      ]
        .map(escapeCsvCell)
        .join(','),
    );
  }
  // A document whose pages were not read, or that failed, says so in a row of its own: a scan
  // without findings or a corrupt file would otherwise be absent from the sheet.
  for (const d of report.documents) {
    if (d.status === 'error') {
      rows.push(documentRow({ document: d.path, rule: FAILED_ROW_RULE, sha256: d.sha256, error_code: d.error?.code, error_message: d.error?.message }));
      continue;
    }
    const note = unreadNote(d, 'en');
    if (note) rows.push(documentRow({ document: d.path, page_label: pageRanges(unreadPages(d)), rule: UNREAD_ROW_RULE, excerpt: note, sha256: d.sha256 }));
  }
  return (options.excel ? '\uFEFF' : '') + rows.join('\r\n') + '\r\n';
}
