// What the diff formats share (each format's diff() is in its module in formats/): the words,
// the marks and the lines that say what changed. Document text is escaped by each format.
import type { DocumentChange, Finding, FindingChange, MissingItem, ReportDiff } from '../types.js';
import { MISSING_WORDS } from './missing-text.js';
import { findingState } from './model/compare.js';
import { citation, pageCitation, type ReportLanguage } from './i18n.js';

export const WORDS = {
  en: {
    title: 'tenderscan diff',
    documents: 'Documents',
    findings: 'Findings',
    newPositive: 'new positive findings',
    none: 'no change in the findings',
    was: 'was',
    states: { asserted: 'planned', optional: 'optional', future: 'for later', negated: 'excluded' },
    documentChanges: { added: 'added', removed: 'removed', changed: 'changed', unchanged: 'unchanged' },
    changes: { added: 'added', removed: 'removed', flipped: 'negation or modality flipped', reworded: 'reworded', moved: 'moved to another page' },
    counts: { added: 'added', removed: 'removed', flipped: 'flipped', reworded: 'reworded', moved: 'moved', unchanged: 'unchanged' },
    missing: { added: 'newly missing', removed: 'no longer missing' },
  },
  fr: {
    title: 'Comparaison tenderscan',
    documents: 'Documents',
    findings: 'Occurrences',
    newPositive: 'nouvelles occurrences positives',
    none: 'aucun changement dans les occurrences',
    was: 'avant',
    states: { asserted: 'prévu', optional: 'en option', future: 'pour plus tard', negated: 'exclu' },
    documentChanges: { added: 'ajouté', removed: 'retiré', changed: 'modifié', unchanged: 'inchangé' },
    changes: { added: 'ajoutée', removed: 'retirée', flipped: 'négation ou modalité inversée', reworded: 'reformulée', moved: 'déplacée sur une autre page' },
    counts: { added: 'ajoutées', removed: 'retirées', flipped: 'inversées', reworded: 'reformulées', moved: 'déplacées', unchanged: 'inchangées' },
    missing: { added: 'nouvellement absent', removed: 'plus signalé absent' },
  },
} as const;

export const MARK: Record<FindingChange['change'], string> = { added: '+', removed: '-', flipped: '!', reworded: '~', moved: '>' };
export const DOC_MARK: Record<DocumentChange['change'], string> = { added: '+', removed: '-', changed: '~', unchanged: '=' };

export const flat = (text: string) => text.replace(/\s+/g, ' ').trim();
export const cite = (f: Finding | null, language: ReportLanguage, name: string) => (f ? citation(f, language, name) : '');
export const shownOf = (c: FindingChange) => (c.new ?? c.old)!;
/** A flipped or reworded clause whose wording changed: its old excerpt is shown under the new. */
export const showsOld = (f: FindingChange) => (f.change === 'flipped' || f.change === 'reworded') && flat(f.old!.excerpt) !== flat(f.new!.excerpt);
/** Where the clause is ("CCTP.pdf, p. 4"), and where it went when it moved ("… → CCTP.pdf, p. 6"). */
export const placeOf = (c: FindingChange, language: ReportLanguage) =>
  c.old && c.new && c.old.page !== c.new.page ? `${cite(c.old, language, c.document)} → ${cite(c.new, language, c.document)}` : cite(shownOf(c), language, c.document);
/** " (new: error)": a side that could not be read, whose findings were not compared. */
export const failed = (d: DocumentChange) =>
  [d.old?.status === 'error' ? 'old' : '', d.new?.status === 'error' ? 'new' : ''].filter(Boolean).map((side) => ` (${side}: error, findings not compared)`).join('');

/** "planned → excluded", "p. 4 → p. 6": what changed, in words. */
export function changeDetail(c: FindingChange, language: ReportLanguage): string {
  const w = WORDS[language];
  if (c.change === 'flipped') return `${w.states[findingState(c.old!)]} → ${w.states[findingState(c.new!)]}`;
  if (c.change === 'moved' || (c.old && c.new && c.old.page !== c.new.page)) return `${pageCitation(c.old!.page, c.old!.pageLabel, language)} → ${pageCitation(c.new!.page, c.new!.pageLabel, language)}`;
  return w.states[findingState(shownOf(c))];
}

export function summaryLine(diff: ReportDiff, language: ReportLanguage): string {
  const w = WORDS[language];
  const d = diff.summary.documents;
  const f = diff.summary.findings;
  const docs = (['added', 'removed', 'changed', 'unchanged'] as const).map((k) => `${d[k]} ${w.documentChanges[k]}`).join(', ');
  const finds = (['added', 'removed', 'flipped', 'reworded', 'moved', 'unchanged'] as const).map((k) => `${f[k]} ${w.counts[k]}`).join(', ');
  const positive = Object.entries(diff.summary.newPositive).map(([c, n]) => `${c} ${n}`).join(', ');
  return `${w.documents}: ${docs} · ${w.findings}: ${finds}${positive ? ` · ${w.newPositive}: ${positive}` : ''}`;
}


export interface MissingChange {
  change: 'added' | 'removed';
  /** "+" listed by the new version only, "-" by the old one only. */
  mark: string;
  /** "newly missing", "no longer missing". */
  label: string;
  item: MissingItem;
  /** "Annexe 3 — listed among the consultation documents": unescaped, each format escapes it. */
  text: string;
}

/** The heading of the diff's "Not in this dossier" part, in the report's words. */
export const missingHeading = (language: ReportLanguage) => MISSING_WORDS[language].heading;

/** Items of "Not in this dossier" listed by one version only: the new version's first. */
export function missingChanges(diff: Pick<ReportDiff, 'missing'>, language: ReportLanguage): MissingChange[] {
  const w = WORDS[language];
  const line = (change: 'added' | 'removed', item: MissingItem): MissingChange => ({
    change,
    mark: change === 'added' ? '+' : '-',
    label: w.missing[change],
    item,
    text: `${item.title} — ${MISSING_WORDS[language].reasons[item.reason]}`,
  });
  return [...(diff.missing?.added ?? []).map((i) => line('added', i)), ...(diff.missing?.removed ?? []).map((i) => line('removed', i))];
}
