// Results of every document → one Report: sorted findings and a summary by category.
import type { CategorySummary, DocumentEntry, Finding, FusionItem, Report } from '../../types.js';
import { dossierFacts } from './facts.js';

export const TOOL_VERSION = '0.1.0';

export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.document < b.document ? -1 : a.document > b.document ? 1 : 0) ||
    a.page - b.page ||
    a.start - b.start ||
    (a.category < b.category ? -1 : a.category > b.category ? 1 : 0)
  );
}

/**
 * An empty summary: an object without prototype, so that a category named "__proto__" or
 * "constructor" (from a rule pack or a merged shard) is a key like any other.
 */
export function emptySummary(): Record<string, CategorySummary> {
  return Object.create(null) as Record<string, CategorySummary>;
}

export function summarise(findings: Finding[], into: Record<string, CategorySummary> = emptySummary()): Record<string, CategorySummary> {
  const out = into;
  for (const f of findings) {
    // A finding a person judged a false positive is not a finding (the review summary counts it).
    if (f.review?.status === 'false-positive') continue;
    // `pages` without prototype too: a document path is a key like any other.
    const s = (out[f.category] ??= { findings: 0, negated: 0, pages: Object.create(null) as Record<string, number[]> });
    // Negated mentions are counted apart: never as a plain positive finding.
    if (f.negated) s.negated++;
    else {
      s.findings++;
      const pages = (s.pages[f.document] ??= []);
      if (!pages.includes(f.page)) pages.push(f.page);
    }
  }
  return out;
}

export function sortSummary(summary: Record<string, CategorySummary>): Record<string, CategorySummary> {
  const sorted = emptySummary();
  for (const key of Object.keys(summary).sort()) {
    const pages = Object.create(null) as Record<string, number[]>;
    for (const [document, list] of Object.entries(summary[key].pages)) pages[document] = [...list].sort((a, b) => a - b);
    sorted[key] = { ...summary[key], pages };
  }
  return sorted;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 date-time that is a real date, else null. */
export function isoDateOrNull(value: unknown): string | null {
  return typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value)) ? value : null;
}

/**
 * Metadata dates as the report promises them, ISO 8601 or null, whatever wrote the entry: a
 * text cache of an earlier version or a merged shard may hold a document's date as it came.
 */
export function withCheckedDates(entry: DocumentEntry): DocumentEntry {
  const m = entry.metadata;
  if (!m) return entry;
  const dates: Partial<Record<'creationDate' | 'modificationDate', string | null>> = {};
  for (const key of ['creationDate', 'modificationDate'] as const) if (m[key] !== undefined && m[key] !== isoDateOrNull(m[key])) dates[key] = isoDateOrNull(m[key]);
  return Object.keys(dates).length ? { ...entry, metadata: { ...m, ...dates } } : entry;
}

/** The report with the config file its run applied, named in its evidence (after the rule packs). */
export function withConfig(report: Report, config: string | undefined): Report {
  if (config === undefined) return report;
  const { schemaVersion, tool, generatedAt, rulePacks, ...rest } = report;
  return { schemaVersion, tool, generatedAt, rulePacks, config, ...rest };
}

export function buildReport(
  documents: DocumentEntry[],
  findings: Finding[],
  rulePacks: { hash: string; files: string[] },
  generatedAt: Date = new Date(),
  /** A summary accumulated while streaming, when `findings` were let go. */
  summary?: Record<string, CategorySummary>,
  fusion: FusionItem[] = [],
  /** Mentions by name (not findings): left out of the report when there are none. */
  mentions: Finding[] = [],
): Report {
  const sorted = [...findings].sort(compareFindings);
  // The documents' facts gathered in `dossier` (absent when none is stated); JSON shows them there only.
  const dossier = dossierFacts(documents);
  return {
    schemaVersion: 2,
    tool: { name: 'tenderscan', version: TOOL_VERSION },
    generatedAt: generatedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    rulePacks,
    documents: documents.map(withCheckedDates),
    findings: sorted,
    ...(mentions.length ? { mentions: [...mentions].sort(compareFindings) } : {}),
    fusion,
    ...(dossier ? { dossier } : {}),
    summary: { byCategory: sortSummary(summary ?? summarise(sorted)) },
  };
}
