// --only, --hide-negated and --min-modality: the report as they let it be seen, its summary
// counted again from the findings kept.
import type { Finding, Report } from '../../types.js';
import { sortSummary, summarise } from './build.js';

export interface ReportFilters {
  /** Keep only these categories. */
  only?: string[];
  hideNegated?: boolean;
  /** "asserted": drop optional findings. */
  minModality?: 'asserted' | 'optional';
}

/** The report as the filters let it be seen (--only, --hide-negated, --min-modality). */
export function filterReport(report: Report, filters: ReportFilters): Report {
  const keep = (f: Finding) =>
    (!filters.only || filters.only.includes(f.category)) &&
    !(filters.hideNegated && f.negated) &&
    !(filters.minModality === 'asserted' && f.modality === 'optional');
  if (!filters.only && !filters.hideNegated && filters.minModality !== 'asserted') return report;
  const findings = report.findings.filter(keep);
  const fusion = filters.only ? report.fusion.filter((x) => x.categories.some((c) => filters.only!.includes(c))) : report.fusion;
  // Mentions by name are seen through the same filters (--only names categories to show), and
  // stay out of the summary whatever they are.
  const mentions = report.mentions?.filter(keep);
  const shown: Report = { ...report, findings, fusion, summary: { ...report.summary, byCategory: sortSummary(summarise(findings)) } };
  if (mentions?.length) shown.mentions = mentions;
  else delete shown.mentions;
  return shown;
}
