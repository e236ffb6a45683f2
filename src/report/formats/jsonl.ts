// --format jsonl: JSON Lines as ripgrep writes them. Per document a "begin" line, a "finding"
// line per finding, a "mention" line per mention by name (not a finding) and an "end" line
// with its status and counts; then one "summary" line.
// The per-event functions let the CLI stream documents as they finish.
import type { DocumentEntry, Finding, FusionItem, MissingItem, Report } from '../../types.js';
import { FORMAT_META, type FormatOptions, type ReportFormat } from './meta.js';
import { withCheckedDates } from '../model/build.js';
import { dossierSummary } from '../dossier.js';
import type { ReportDiff } from '../../types.js';
import { jsonFusion } from './json.js';

export type JsonlEvent =
  | { type: 'begin'; data: { path: string } }
  | { type: 'finding'; data: Finding }
  | { type: 'mention'; data: Finding }
  | { type: 'missing'; data: MissingItem }
  | { type: 'end'; data: { document: DocumentEntry; counts: { findings: number; negated: number; mentions?: number }; fusion: FusionItem[] } }
  | {
      type: 'summary';
      data: Omit<Report, 'documents' | 'findings' | 'mentions' | 'fusion' | 'missing'> & {
        documents: number; analysed: number; failed: number; findings: number; negated: number; fusion: number;
        shard?: { index: number; count: number; source?: string };
      };
    };

const line = (event: JsonlEvent) => JSON.stringify(event) + '\n';

export function jsonlBegin(document: DocumentEntry): string {
  return line({ type: 'begin', data: { path: document.path } });
}

export function jsonlFinding(finding: Finding, explain: boolean, type: 'finding' | 'mention' = 'finding'): string {
  const { explain: details, ...rest } = finding;
  return line({ type, data: explain && details ? { ...rest, explain: details } : (rest as Finding) });
}

/** `counts.mentions` only when the document has some: other documents' lines are as they were. */
export function jsonlEnd(document: DocumentEntry, findings: Finding[], fusion: FusionItem[] = [], explain = false, mentions: Finding[] = []): string {
  const negated = findings.filter((f) => f.negated).length;
  const counts = { findings: findings.length - negated, negated, ...(mentions.length ? { mentions: mentions.length } : {}) };
  const crossings = fusion.map((x) => jsonFusion(x, explain));
  return line({ type: 'end', data: { document: withCheckedDates(document), counts, fusion: crossings } });
}

/**
 * The last line. Its counts come from the summary and the entries (dossierSummary), not from
 * `findings`: a streamed run has let each document's findings go once their lines were written.
 * A --shard run records its shard (merge checks that all N are there).
 */
export function jsonlSummary(report: Report, shard?: { index: number; count: number; source?: string }): string {
  const { documents: _documents, findings: _findings, mentions: _mentions, fusion: _fusion, missing: _missing, ...rest } = report;
  const d = dossierSummary(report);
  const counts = { documents: d.documents, analysed: d.analysed, failed: d.documents - d.analysed, findings: d.findings, negated: d.negated, fusion: d.fusion };
  return line({ type: 'summary', data: shard ? { ...rest, ...counts, shard: { index: shard.index, count: shard.count, source: shard.source } } : { ...rest, ...counts } });
}

/**
 * "Not in this dossier": a "missing" line per item, after the documents and before the summary
 * (the dossier-wide list is known only once every document is read).
 */
export function jsonlMissing(report: Pick<Report, 'missing'>): string {
  return (report.missing ?? []).map((data) => line({ type: 'missing', data })).join('');
}

/** The lines of one document, in order. */
export function jsonlDocument(document: DocumentEntry, findings: Finding[], explain: boolean, fusion: FusionItem[] = [], mentions: Finding[] = []): string {
  return (
    jsonlBegin(document) +
    findings.map((f) => jsonlFinding(f, explain)).join('') +
    mentions.map((f) => jsonlFinding(f, explain, 'mention')).join('') +
    jsonlEnd(document, findings, fusion, explain, mentions)
  );
}

export function formatJsonl(report: Report, options: FormatOptions): string {
  let out = '';
  for (const document of report.documents) {
    out += jsonlDocument(
      document,
      report.findings.filter((f) => f.document === document.path),
      options.explain,
      report.fusion.filter((x) => x.document === document.path),
      report.mentions?.filter((f) => f.document === document.path),
    );
  }
  return out + jsonlMissing(report) + jsonlSummary(report);
}

/** tenderscan diff in this format. */
/** One line per document, one per finding change, then a summary line (like the report's JSON Lines). */
export function formatDiffJsonl(diff: ReportDiff): string {
  const { documents, findings, ...rest } = diff;
  const lines = [
    ...documents.map((data) => ({ type: 'document', data })),
    ...findings.map((data) => ({ type: 'finding', data })),
    { type: 'summary', data: rest },
  ];
  return lines.map((l) => JSON.stringify(l) + '\n').join('');
}

export const format: ReportFormat = { meta: FORMAT_META.jsonl, report: formatJsonl, diff: formatDiffJsonl };
