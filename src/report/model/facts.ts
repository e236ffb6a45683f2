// The dossier's facts: every document's facts gathered into one block named after the Open
// Contracting Data Standard where a name fits (buyer, tender.title, tender.procurementMethod,
// tender.lots, tender.items, tender.value, tender.tenderPeriod.endDate, awards). A value stated
// in several places is one entry with all its citations; different values of one field are all
// kept, each with its own, so that a conflict shows rather than being settled by the tool.
import type { CitedValue, DocumentEntry, DossierFacts, Fact, FactField } from '../../types.js';
import { recourseWindows } from './recourse.js';

/** Where each field goes, by its OCDS-like path. */
const PATHS: Record<FactField, string> = {
  buyer: 'buyer.name',
  buyerId: 'buyer.identifier',
  title: 'tender.title',
  procedure: 'tender.procurementMethod',
  lot: 'tender.lots',
  cpv: 'tender.items',
  amount: 'tender.value',
  duration: 'tender.contractPeriod',
  published: 'tender.datePublished',
  deadline: 'tender.tenderPeriod.endDate',
  awardDate: 'awards.date',
  awardNotice: 'awards.datePublished',
  awardee: 'awards.suppliers',
};

/** Fields that hold one value: two values are a conflict. */
const SINGLE = new Set<FactField>(['buyer', 'buyerId', 'title', 'procedure', 'duration', 'published', 'deadline', 'awardDate', 'awardNotice', 'awardee']);

const sameValue = (f: Fact): string =>
  JSON.stringify([f.field, f.details ?? f.value ?? f.text.replace(/\s+/g, ' ').toLowerCase(), f.field === 'procedure' ? '' : (f.lot ?? ''), f.tax ?? '', f.currency ?? '']);

/** The facts of the documents (in report order) as one block; undefined when no document states any. */
export function dossierFacts(documents: DocumentEntry[]): DossierFacts | undefined {
  const groups = new Map<string, { field: FactField; value: CitedValue }>();
  for (const d of documents) {
    for (const f of d.facts ?? []) {
      const key = sameValue(f);
      const citation = { document: d.path, page: f.page, pageLabel: f.pageLabel, start: f.start, end: f.end };
      const group = groups.get(key);
      if (group) {
        if (!group.value.citations.some((c) => c.document === d.path && c.page === f.page)) group.value.citations.push(citation);
        continue;
      }
      const value: CitedValue = {
        text: f.text,
        ...(f.value !== undefined ? { value: f.value } : {}),
        ...(f.details ? { details: f.details } : {}),
        ...(f.currency ? { currency: f.currency } : {}),
        ...(f.tax ? { tax: f.tax } : {}),
        ...(f.lot ? { lot: f.lot } : {}),
        citations: [citation],
      };
      groups.set(key, { field: f.field, value });
    }
  }
  if (groups.size === 0) return undefined;
  const of = (field: FactField) => [...groups.values()].filter((g) => g.field === field).map((g) => g.value);
  const single = (values: CitedValue[]) => [...new Set(values.map((v) => String(v.value)))];
  const awards = single(of('awardDate'));
  const notices = single(of('awardNotice'));
  const conflicts = [...SINGLE].filter((field) => {
    const values = of(field);
    // The procedure: one method named with different words is not a conflict.
    return field === 'procedure' ? new Set(values.map((v) => v.details)).size > 1 : values.length > 1;
  });
  return {
    buyer: { name: of('buyer'), identifier: of('buyerId') },
    tender: {
      title: of('title'),
      procurementMethod: of('procedure'),
      lots: of('lot'),
      items: of('cpv'),
      value: of('amount'),
      contractPeriod: of('duration'),
      datePublished: of('published'),
      tenderPeriod: { endDate: of('deadline') },
    },
    awards: { date: of('awardDate'), datePublished: of('awardNotice'), suppliers: of('awardee') },
    // A window is computed only from a date the dossier states once: two award dates are a
    // conflict for the reader to settle, not a deadline to pick.
    recourse: awards.length > 1 || notices.length > 1 ? [] : recourseWindows(awards[0], notices[0]),
    conflicts: conflicts.map((f) => PATHS[f]),
  };
}

/** The entry without its facts (the report shows them once, in `dossier`). */
export function withoutFacts(entry: DocumentEntry): DocumentEntry {
  if (!entry.facts) return entry;
  const { facts: _facts, ...rest } = entry;
  return rest;
}
