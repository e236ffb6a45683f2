// The dossier summary every report starts with: how many documents were analysed, which
// failed or were left unfinished, which pages nobody read, how many crossings of sources.
// Counts come from the summary and the document entries, never from `findings`, so they stay
// right when a streamed run let the findings go (JSON Lines).
import type { Report } from '../types.js';
import { unreadPages, pageRanges } from './text.js';
import { interruptedLine, WORDS, type ReportLanguage } from './i18n.js';

export interface DossierSummary {
  /** Documents in the report, failed ones included. */
  documents: number;
  /** Documents whose text was analysed ("ok" or "partial"). */
  analysed: number;
  /** Documents that failed (corrupt, encrypted, too large…), in report order; interrupted ones apart. */
  failed: { path: string; code: string; message: string }[];
  /** Documents an interruption (Ctrl-C, SIGTERM…) left unfinished. */
  interrupted: string[];
  /** Pages without usable text that OCR did not read either, and the documents they are in. */
  notRead: { pages: number; documents: { path: string; pages: number[] }[] };
  /** Positive (not negated) findings, and negated ones. */
  findings: number;
  negated: number;
  /** Passages that cross several data sources. */
  fusion: number;
}

export const INTERRUPTED = 'INTERRUPTED';

export function dossierSummary(report: Pick<Report, 'documents' | 'summary' | 'fusion'>): DossierSummary {
  const failed: DossierSummary['failed'] = [];
  const interrupted: string[] = [];
  const notRead: DossierSummary['notRead'] = { pages: 0, documents: [] };
  for (const d of report.documents) {
    if (d.status === 'error') {
      if (d.error?.code === INTERRUPTED) interrupted.push(d.path);
      else failed.push({ path: d.path, code: d.error?.code ?? 'ERROR', message: d.error?.message ?? '' });
      continue;
    }
    const pages = unreadPages(d);
    if (pages.length) {
      notRead.pages += pages.length;
      notRead.documents.push({ path: d.path, pages });
    }
  }
  let findings = 0;
  let negated = 0;
  for (const s of Object.values(report.summary.byCategory)) {
    findings += s.findings;
    negated += s.negated;
  }
  return {
    documents: report.documents.length,
    analysed: report.documents.length - failed.length - interrupted.length,
    failed,
    interrupted,
    notRead,
    findings,
    negated,
    fusion: report.fusion.length,
  };
}

/**
 * The summary in words, one line each, unescaped (each format escapes them): counts first,
 * then the failed documents, the pages not read and the unfinished documents, all named.
 */
export function dossierLines(s: DossierSummary, language: ReportLanguage, nameOf: (path: string) => string): string[] {
  const w = WORDS[language];
  const colon = language === 'fr' ? ' :' : ':';
  const counts = [s.negated ? `${w.nFindings(s.findings)}, ${w.nNegated(s.negated)}` : w.nFindings(s.findings), w.analysedOf(s.analysed, s.documents)];
  if (s.fusion) counts.push(w.nFusion(s.fusion));
  const lines = [counts.join(' · ')];
  if (s.failed.length) lines.push(`${w.nFailed(s.failed.length)}${colon} ${s.failed.map((f) => `${nameOf(f.path)} (${f.code})`).join(', ')}`);
  if (s.notRead.pages) {
    const where = s.notRead.documents.map((d) => `${nameOf(d.path)}, ${w.page} ${pageRanges(d.pages)}`).join(language === 'fr' ? ' ; ' : '; ');
    lines.push(`${w.notRead(s.notRead.pages)} ${w.notReadIn(s.notRead.documents.length)} (${where})${language === 'fr' ? ' ;' : ';'} ${w.useOcr}`);
  }
  const unfinished = interruptedLine(s.interrupted.map(nameOf), language);
  if (unfinished) lines.push(unfinished);
  return lines;
}
