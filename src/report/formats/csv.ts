// --format csv: one row per finding (then one per mention by name, `kind` "mention"), RFC 4180, UTF-8, every cell through escapeCsvCell
// (controls shown, formulas neutralised); a row per failed document and per document with
// pages not read, so that no document is missing from the sheet. --excel adds a byte order
// mark: without it Excel reads UTF-8 as Windows-1252 ("biomÃ©trie").
import type { Report } from '../../types.js';
import { FORMAT_META, type FormatOptions, type ReportFormat } from './meta.js';
import { citation, unreadNote } from '../i18n.js';
import { escapeCsvCell } from '../escape.js';
import { namerFor } from '../names.js';
import { pageRanges, unreadPages } from '../text.js';
import type { ReportDiff } from '../../types.js';
import { cite, flat, missingChanges, shownOf } from '../diff-words.js';
import { findingState } from '../model/compare.js';

const COLUMNS = [
  'document', 'page', 'page_label', 'section', 'category', 'rule', 'matched', 'excerpt', 'start', 'end',
  'negated', 'modality', 'language', 'source', 'ocr_confidence', 'citation', 'sha256', 'id', 'review', 'review_comment', 'error_code', 'error_message',
  // At the end, so that every earlier column keeps its place: "finding", "mention" (a mention
  // by name, not a finding) or "document" (a document's own row); `mention` flags a finding
  // or mention made inside a citation; "missing" is an item of "Not in this dossier".
  'mention', 'kind',
  // How firmly the dossier commits to the finding, and the ids of the legal notes of its
  // category (positive findings only; docs/legal-notes.md).
  'commitment', 'legal_notes',
] as const;

/** The `rule` of the row that tells a document's unread pages (no category, no finding). */
export const UNREAD_ROW_RULE = 'tenderscan.pages-not-read';
/** The `rule` of the row of a document that could not be analysed (its code and message in error_*). */
export const FAILED_ROW_RULE = 'tenderscan.document-failed';

/** A row of the document's own, not a finding: the cells given, the others empty. */
function documentRow(cells: Partial<Record<(typeof COLUMNS)[number], unknown>>): string {
  return COLUMNS.map((c) => escapeCsvCell(cells[c] ?? '')).join(',');
}

/** The ids of the legal notes shown under a positive finding's category, space-separated. */
function legalNoteIds(report: Report, f: Report['findings'][number]): string {
  if (f.negated || f.mention) return '';
  return (report.legal?.notes ?? []).filter((n) => n.categories.includes(f.category)).map((n) => n.id).join(' ');
}

/** Rows handed out this many at a time (each chunk ends with its line break). */
const ROW_BATCH = 256;

/**
 * The report's CSV in chunks of rows, in order: written one after the other they are
 * formatCsv's text, and no text of the whole sheet is built.
 */
export function* csvChunks(report: Report, options: FormatOptions): Generator<string> {
  const nameOf = namerFor(report, options.documentName);
  const sha = new Map(report.documents.map((d) => [d.path, d.sha256]));
  let rows: string[] = [(options.excel ? '\uFEFF' : '') + COLUMNS.join(',')];
  const flush = function* (force = false) {
    if (rows.length === 0 || (!force && rows.length < ROW_BATCH)) return;
    yield rows.join('\r\n') + '\r\n';
    rows = [];
  };
  for (const [kind, list] of [['finding', report.findings], ['mention', report.mentions ?? []]] as const) {
    for (const f of list) {
      rows.push(
        [
          f.document, f.page, f.pageLabel, f.section, f.category, f.rule, f.matched, f.excerpt.replace(/\s+/g, ' '), f.start, f.end,
          f.negated, f.modality, f.language, f.source, f.ocrConfidence, citation(f, 'en', nameOf(f.document)), sha.get(f.document), f.id, f.review?.status, f.review?.comment,
          // error_code, error_message: a finding's row has every column too (RFC 4180).
          '', '',
          f.mention === true, kind,
          f.commitment, legalNoteIds(report, f),
        ]
          .map(escapeCsvCell)
          .join(','),
      );
      yield* flush();
    }
  }
  // A document whose pages were not read, or that failed, says so in a row of its own: a scan
  // without findings or a corrupt file would otherwise be absent from the sheet.
  for (const d of report.documents) {
    if (d.status === 'error') {
      rows.push(documentRow({ document: d.path, rule: FAILED_ROW_RULE, sha256: d.sha256, error_code: d.error?.code, error_message: d.error?.message, kind: 'document' }));
    } else {
      const note = unreadNote(d, 'en');
      if (note) rows.push(documentRow({ document: d.path, page_label: pageRanges(unreadPages(d)), rule: UNREAD_ROW_RULE, excerpt: note, sha256: d.sha256, kind: 'document' }));
    }
    yield* flush();
  }
  rows.push(...missingRows(report, nameOf));
  yield* flush(true);
}

export function formatCsv(report: Report, options: FormatOptions): string {
  return [...csvChunks(report, options)].join('');
}

formatCsv.pieces = csvChunks;

/** The `rule` of a "Not in this dossier" row: tenderscan.missing.<reason>. */
export const MISSING_ROW_RULE = 'tenderscan.missing';

/**
 * "Not in this dossier": one row per item, `kind` "missing", at its first citation: `matched`
 * holds what is missing ("Annexe 3", or the document content is withheld from), `excerpt` the
 * citing words, `page_label` the pages of withheld content.
 */
function missingRows(report: Report, nameOf: (path: string) => string): string[] {
  return (report.missing ?? []).map((item) => {
    const at = item.citations[0];
    const place = at ? citation({ page: at.page, pageLabel: at.pageLabel, sectionNumber: null, location: at.location }, 'en', nameOf(at.document)) : '';
    return documentRow({
      document: at?.document ?? item.title, page: at?.page, page_label: item.pages ? pageRanges(item.pages) : at?.pageLabel,
      rule: `${MISSING_ROW_RULE}.${item.reason}`, matched: item.title, excerpt: at?.quote, start: at?.start, end: at?.end,
      citation: place, sha256: at ? report.documents.find((d) => d.path === at.document)?.sha256 : undefined, id: item.id, review: item.review?.status, review_comment: item.review?.comment, kind: 'missing',
    });
  });
}

/** tenderscan diff in this format. */
const DIFF_CSV_COLUMNS = ['kind', 'change', 'document', 'category', 'rule', 'old_state', 'new_state', 'old_page', 'new_page', 'old_citation', 'new_citation', 'excerpt', 'old_excerpt', 'old_id', 'new_id', 'old_sha256', 'new_sha256'] as const;

/** One row per document and per finding change, RFC 4180 (cells neutralised as in the report's CSV). */
export function formatDiffCsv(diff: ReportDiff): string {
  const rows = [DIFF_CSV_COLUMNS.join(',')];
  for (const d of diff.documents) rows.push(['document', d.change, d.name, '', '', '', '', '', '', '', '', '', '', '', '', d.old?.sha256, d.new?.sha256].map(escapeCsvCell).join(','));
  for (const f of diff.findings) {
    const o = f.old;
    const n = f.new;
    rows.push(
      ['finding', f.change, f.document, f.category, shownOf(f).rule, o && findingState(o), n && findingState(n), o?.page, n?.page, cite(o, 'en', f.document), cite(n, 'en', f.document), flat(shownOf(f).excerpt), o && n ? flat(o.excerpt) : '', o?.id, n?.id, '', '']
        .map(escapeCsvCell)
        .join(','),
    );
  }
  // "Not in this dossier": the item's title in the document column, its reason as the excerpt.
  for (const m of missingChanges(diff, 'en')) {
    const [oldId, newId] = m.change === 'added' ? ['', m.item.id] : [m.item.id, ''];
    rows.push(['missing', m.change, m.item.title, '', '', '', '', '', '', '', '', flat(m.text), '', oldId, newId, '', ''].map(escapeCsvCell).join(','));
  }
  return rows.join('\r\n') + '\r\n';
}

export const format: ReportFormat = { meta: FORMAT_META.csv, report: formatCsv, diff: formatDiffCsv };
