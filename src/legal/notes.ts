// Which legal notes apply to a dossier: the categories found (positive, not excluded), the
// jurisdictions of its documents' languages, and the buyer kind and date when they are known.
// A note whose conditions need an unknown buyer kind or date is listed as pending, never shown
// as applying.
import type { BuyerKind, DocumentEntry, Language, LegalEvidence, LegalNote, LegalSection, Report } from '../types.js';
import { builtinLegalPacks } from './builtin.js';
import { SEVERITIES, type Jurisdiction, type LegalPacks } from './check.js';

/** The packs that apply to documents in each language. */
const JURISDICTIONS_OF: Record<Language, Jurisdiction[]> = { fr: ['fr', 'eu'], en: ['us'] };

export interface LegalSettings {
  /** --buyer-kind and --date: they win over what the documents say. */
  buyerKind?: BuyerKind;
  date?: string;
}

/** The buyer kind and date of a dossier: the options, else the first document that says. */
export function dossierContext(documents: readonly DocumentEntry[], settings: LegalSettings): Pick<LegalSection, 'buyer' | 'date'> {
  let buyer: LegalSection['buyer'] = settings.buyerKind ? { kind: settings.buyerKind, from: 'option' } : null;
  let date: LegalSection['date'] = settings.date ? { value: settings.date, from: 'option' } : null;
  const evidence = (document: string, found: { page: number; matched: string }): LegalEvidence => ({ from: 'document', document, page: found.page, matched: found.matched });
  for (const d of documents) {
    const found = d.legalContext;
    if (!buyer && found?.buyer) buyer = { kind: found.buyer.kind, ...evidence(d.path, found.buyer) };
    // The latest date any document gives (a notice, a deadline, a signature): the dossier's.
    if (settings.date === undefined && found?.date && (!date || found.date.value > date.value)) date = { value: found.date.value, ...evidence(d.path, found.date) };
  }
  return { buyer, date };
}

const rank = (s: LegalNote['severity']) => SEVERITIES.indexOf(s);

/** The legal notes of a report (from its summary and documents, so that a streamed run has them too). */
export function legalSection(report: Pick<Report, 'documents' | 'summary'>, settings: LegalSettings = {}, packs: LegalPacks = builtinLegalPacks()): LegalSection {
  const found = new Set(Object.entries(report.summary.byCategory).filter(([, s]) => s.findings > 0).map(([c]) => c));
  const languages = new Set(report.documents.map((d) => d.language).filter((l): l is Language => l !== null));
  const jurisdictions = [...new Set([...languages].sort().flatMap((l) => JURISDICTIONS_OF[l]))];
  const { buyer, date } = dossierContext(report.documents, settings);
  const notes: LegalNote[] = [];
  const pending: LegalSection['pending'] = [];
  for (const e of packs.entries) {
    if (!jurisdictions.includes(e.jurisdiction)) continue;
    const categories = e.categories.filter((c) => found.has(c));
    if (categories.length === 0 || !(e.with ?? []).every((c) => found.has(c))) continue;
    const needs: LegalSection['pending'][number]['needs'] = [];
    if (e.buyers && !buyer) needs.push('buyer-kind');
    if ((e.from || e.until) && !date) needs.push('date');
    if (needs.length) {
      pending.push({ id: e.id, categories, needs });
      continue;
    }
    if (e.buyers && !e.buyers.includes(buyer!.kind)) continue;
    if (e.from && date!.value < e.from) continue;
    if (e.until && date!.value > e.until) continue;
    notes.push({ id: e.id, severity: e.severity, categories, reference: e.reference, summary: e.summary, source: e.source });
  }
  notes.sort((a, b) => rank(a.severity) - rank(b.severity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { packs: { version: packs.version, date: packs.date, jurisdictions }, buyer, date, notes, pending };
}

/** The notes shown under one category, conflicts first. */
export const notesOf = (legal: LegalSection | undefined, category: string): LegalNote[] => legal?.notes.filter((n) => n.categories.includes(category)) ?? [];
