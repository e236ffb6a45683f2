// The legal notes of a report (report.legal) as the human formats show them: the buyer and
// the date and where they came from, then under each category found its notes, conflicts first,
// then the notes left pending and the warning that notes are pointers, not legal advice. Each
// format renders these plain strings with its own escaping.
import type { BuyerKind, LegalEvidence, LegalNote, LegalSection, Report } from '../types.js';
import type { ReportLanguage } from './i18n.js';

const WORDS = {
  en: {
    title: 'Legal notes',
    buyer: 'Buyer',
    date: 'Dossier date',
    kinds: { commune: 'commune (city)', epci: 'EPCI (intercommunal body)', departement: 'département (county)', region: 'région', state: 'State service', police: 'police force', private: 'private buyer' } satisfies Record<BuyerKind, string>,
    option: (name: string) => `given with ${name}`,
    readIn: (doc: string, page: number | undefined, matched: string | undefined) => `read in ${doc}${page ? `, p. ${page}` : ''}${matched ? `: “${matched}”` : ''}`,
    unknownBuyer: 'Buyer kind: unknown (give --buyer-kind)',
    unknownDate: 'Dossier date: unknown (give --date)',
    severity: { conflict: 'CONFLICT', check: 'check', note: 'note' },
    pending: (n: number, needs: string) => `${n} note${n > 1 ? 's' : ''} not shown: ${n > 1 ? 'they depend' : 'it depends'} on ${needs}, unknown`,
    needs: { 'buyer-kind': 'the buyer kind', date: 'the date' },
    and: ' and ',
    disclaimer: (date: string, version: string) => `These notes are pointers for a reader, not legal advice: read each source. Legal packs of ${date} (version ${version}).`,
  },
  fr: {
    title: 'Notes juridiques',
    buyer: 'Acheteur',
    date: 'Date du dossier',
    kinds: { commune: 'commune', epci: 'EPCI', departement: 'département', region: 'région', state: 'service de l’État', police: 'police', private: 'acheteur privé' } satisfies Record<BuyerKind, string>,
    option: (name: string) => `donné par ${name}`,
    readIn: (doc: string, page: number | undefined, matched: string | undefined) => `lu dans ${doc}${page ? `, p. ${page}` : ''}${matched ? ` : « ${matched} »` : ''}`,
    unknownBuyer: 'Acheteur : inconnu (indiquez --buyer-kind)',
    unknownDate: 'Date du dossier : inconnue (indiquez --date)',
    severity: { conflict: 'CONFLIT', check: 'à vérifier', note: 'note' },
    pending: (n: number, needs: string) => `${n} note${n > 1 ? 's' : ''} non affichée${n > 1 ? 's' : ''} : ${n > 1 ? 'elles dépendent' : 'elle dépend'} de ${needs}, inconnu${needs.includes(' et ') ? 's' : ''}`,
    needs: { 'buyer-kind': 'la nature de l’acheteur', date: 'la date' },
    and: ' et ',
    disclaimer: (date: string, version: string) => `Ces notes sont des pistes pour un lecteur, pas un avis juridique : lisez chaque source. Notes juridiques du ${date} (version ${version}).`,
  },
} as const;

/** A source that can be a link as it is: https, no space, quote or angle bracket (a report read back may hold anything). */
export const linkableSource = (url: string): boolean => /^https:\/\/[^\s<>"'`\\]+$/.test(url);

export interface LegalNoteView {
  note: LegalNote;
  /** "CONFLICT", "check", "note" in the report's language. */
  label: string;
  summary: string;
}

export interface LegalView {
  title: string;
  /** The buyer line and the date line. */
  context: string[];
  /** Under each category found that has notes (in the summary's order), its notes, conflicts first. */
  groups: { category: string; notes: LegalNoteView[] }[];
  pending?: string;
  disclaimer: string;
}

function origin(e: LegalEvidence, option: string, language: ReportLanguage, nameOf: (path: string) => string): string {
  const w = WORDS[language];
  return e.from === 'option' ? w.option(option) : w.readIn(nameOf(e.document ?? ''), e.page, e.matched);
}

/** What the human formats show of the legal notes; undefined when the report has none to show. */
export function legalView(report: Pick<Report, 'legal' | 'summary'>, language: ReportLanguage, nameOf: (path: string) => string): LegalView | undefined {
  const legal: LegalSection | undefined = report.legal;
  if (!legal || (legal.notes.length === 0 && legal.pending.length === 0)) return undefined;
  const w = WORDS[language];
  const colon = language === 'fr' ? ' : ' : ': ';
  const context = [
    legal.buyer ? `${w.buyer}${colon}${w.kinds[legal.buyer.kind]} (${origin(legal.buyer, '--buyer-kind', language, nameOf)})` : w.unknownBuyer,
    legal.date ? `${w.date}${colon}${legal.date.value} (${origin(legal.date, '--date', language, nameOf)})` : w.unknownDate,
  ];
  const groups = Object.keys(report.summary.byCategory)
    .map((category) => ({
      category,
      notes: legal.notes.filter((n) => n.categories.includes(category)).map((note) => ({ note, label: w.severity[note.severity], summary: note.summary[language] })),
    }))
    .filter((g) => g.notes.length > 0);
  const needs = [...new Set(legal.pending.flatMap((p) => p.needs))].map((n) => w.needs[n]).join(w.and);
  return {
    title: w.title,
    context,
    groups,
    ...(legal.pending.length ? { pending: `${w.pending(legal.pending.length, needs)} (${legal.pending.map((p) => p.id).join(', ')})` } : {}),
    disclaimer: w.disclaimer(legal.packs.date, legal.packs.version),
  };
}
