// The procurement's facts as the human formats head a report with them: one line per field,
// each value with its citations, conflicts marked, then the recourse windows as pointers. The
// lines are plain text, unescaped: each format escapes them and lays them out in one function.
import type { CitedValue, DossierFacts, RecourseWindow } from '../types.js';
import { place, type ReportLanguage } from './i18n.js';

const FIELDS = {
  en: {
    heading: 'The procurement',
    intro: 'Facts stated by the documents, each with where it is written; a fact not found is left out, and different values of one field are all shown.',
    buyer: 'Buyer',
    identifier: 'SIRET',
    title: 'Object',
    procurementMethod: 'Procedure',
    lots: 'Lots',
    items: 'CPV codes',
    value: 'Amounts',
    contractPeriod: 'Duration',
    datePublished: 'Notice sent or published',
    endDate: 'Deadline for tenders',
    awardDate: 'Award or conclusion',
    awardNotice: 'Award notice published',
    suppliers: 'Awardee',
    conflict: 'conflicting values',
    lot: 'lot',
    recourse: 'Deadlines of recourse (pointers, not advice)',
    recourseNote: 'Computed from the dates above; check each one against the rule and the notices before relying on it.',
  },
  fr: {
    heading: 'La procédure',
    intro: "Faits indiqués par les documents, chacun avec l'endroit où il est écrit ; un fait non trouvé est omis, et les valeurs différentes d'un même champ sont toutes montrées.",
    buyer: 'Acheteur',
    identifier: 'SIRET',
    title: 'Objet',
    procurementMethod: 'Procédure',
    lots: 'Lots',
    items: 'Codes CPV',
    value: 'Montants',
    contractPeriod: 'Durée',
    datePublished: "Envoi ou publication de l'avis",
    endDate: 'Date limite de réception des offres',
    awardDate: 'Attribution ou conclusion',
    awardNotice: "Publication de l'avis d'attribution",
    suppliers: 'Attributaire',
    conflict: 'valeurs contradictoires',
    lot: 'lot',
    recourse: 'Délais de recours (repères, non des conseils)',
    recourseNote: "Calculés à partir des dates ci-dessus ; vérifiez chacun au regard de la règle et des avis avant de vous y fier.",
  },
} as const;

export interface FactLine {
  label: string;
  conflict: boolean;
  values: { text: string; citations: { document: string; page: number; place: string }[] }[];
}

export interface FactHeader {
  heading: string;
  intro: string;
  /** The words that mark a field with several values. */
  conflict: string;
  lines: FactLine[];
  recourseHeading: string;
  recourse: string[];
  recourseNote: string;
}

/** How a value reads: as written, then what was read from it when that says more. */
function shown(v: CitedValue, language: ReportLanguage, field: string): string {
  const w = FIELDS[language];
  const lot = v.lot && field !== 'lots' ? ` (${w.lot} ${v.lot})` : '';
  if (field === 'lots') return `${v.value}: ${v.text}`.replace(/^(\d+):/, language === 'fr' ? '$1 :' : '$1:');
  if (field === 'procurementMethod') return v.text;
  if (typeof v.value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v.value) && v.value !== v.text) return `${v.text} (${v.value})${lot}`;
  return `${v.text}${lot}`;
}

function recourseLine(r: RecourseWindow, language: ReportLanguage): string {
  const fr = language === 'fr';
  const colon = fr ? ' :' : ':';
  switch (r.remedy) {
    case 'refere-precontractuel':
      return fr
        ? `Référé précontractuel (${r.reference})${colon} jusqu'à la signature du contrat`
        : `Pre-contractual summary proceedings, référé précontractuel (${r.reference})${colon} until the contract is signed`;
    case 'refere-contractuel':
      if (r.from === 'award-notice') {
        return fr
          ? `Référé contractuel (${r.reference})${colon} jusqu'au ${r.until}, 31 jours après la publication de l'avis d'attribution (${r.fromDate})`
          : `Contractual summary proceedings, référé contractuel (${r.reference})${colon} until ${r.until}, 31 days after the award notice was published (${r.fromDate})`;
      }
      return fr
        ? `Référé contractuel (${r.reference})${colon} jusqu'au ${r.until}, six mois après la conclusion du contrat (${r.fromDate}) faute d'avis d'attribution ; 31 jours après sa publication s'il en est un`
        : `Contractual summary proceedings, référé contractuel (${r.reference})${colon} until ${r.until}, six months after the contract's conclusion (${r.fromDate}) without an award notice; 31 days after its publication if there is one`;
    case 'tarn-et-garonne':
      if (r.until) {
        return fr
          ? `Recours d'un tiers contre le contrat, Tarn-et-Garonne (${r.reference})${colon} jusqu'au ${r.until}, deux mois après la publicité de l'attribution (${r.fromDate})`
          : `A third party's action against the contract, Tarn-et-Garonne (${r.reference})${colon} until ${r.until}, two months after the publicity of the award (${r.fromDate})`;
      }
      return fr
        ? `Recours d'un tiers contre le contrat, Tarn-et-Garonne (${r.reference})${colon} deux mois à compter des mesures de publicité de l'attribution, dont le dossier ne donne pas la date`
        : `A third party's action against the contract, Tarn-et-Garonne (${r.reference})${colon} two months from the publicity of the award, whose date the dossier does not give`;
  }
}

/** The header of a report whose documents state facts; undefined when they state none. */
export function factHeader(dossier: DossierFacts | undefined, language: ReportLanguage): FactHeader | undefined {
  if (!dossier) return undefined;
  const w = FIELDS[language];
  const conflicts = new Set(dossier.conflicts);
  const fields: [string, string, CitedValue[]][] = [
    ['buyer', 'buyer.name', dossier.buyer.name],
    ['identifier', 'buyer.identifier', dossier.buyer.identifier],
    ['title', 'tender.title', dossier.tender.title],
    ['procurementMethod', 'tender.procurementMethod', dossier.tender.procurementMethod],
    ['lots', 'tender.lots', dossier.tender.lots],
    ['items', 'tender.items', dossier.tender.items],
    ['value', 'tender.value', dossier.tender.value],
    ['contractPeriod', 'tender.contractPeriod', dossier.tender.contractPeriod],
    ['datePublished', 'tender.datePublished', dossier.tender.datePublished],
    ['endDate', 'tender.tenderPeriod.endDate', dossier.tender.tenderPeriod.endDate],
    ['awardDate', 'awards.date', dossier.awards.date],
    ['awardNotice', 'awards.datePublished', dossier.awards.datePublished],
    ['suppliers', 'awards.suppliers', dossier.awards.suppliers],
  ];
  const lines: FactLine[] = fields
    .filter(([, , values]) => values.length > 0)
    .map(([field, path, values]) => ({
      label: w[field as keyof typeof w],
      conflict: conflicts.has(path),
      values: values.map((v) => ({
        text: shown(v, language, field),
        citations: v.citations.map((c) => ({ document: c.document, page: c.page, place: place({ page: c.page, pageLabel: c.pageLabel }, language) })),
      })),
    }));
  return { heading: w.heading, intro: w.intro, conflict: w.conflict, lines, recourseHeading: w.recourse, recourse: dossier.recourse.map((r) => recourseLine(r, language)), recourseNote: w.recourseNote };
}
