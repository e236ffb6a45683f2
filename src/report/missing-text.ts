// The words of "Not in this dossier" in French and English, and each item as plain text lines
// that every human format escapes for itself (terminal, Markdown, HTML). Kept apart from
// i18n.ts so that the section is one piece in each format.
import type { MissingItem, MissingReason, Report } from '../types.js';
import { citation, type ReportLanguage } from './i18n.js';
import type { DocumentNamer } from './names.js';
import { pageRanges } from './text.js';

export const MISSING_WORDS = {
  en: {
    heading: 'Not in this dossier',
    intro: 'Documents the dossier refers to and does not contain, and content withheld from its documents; ask for them with tenderscan request.',
    documents: 'Documents referred to and not present',
    withheld: 'Withheld content',
    citedAt: 'cited at',
    more: (n: number) => `and ${n} more`,
    reasons: {
      listed: 'listed among the consultation documents',
      referenced: 'referred to',
      'on-request': 'available on request',
      'not-communicated': 'said not to be communicated',
      'sent-to-holder': 'to be sent to the contract holder only',
      'redaction-mark': 'redaction marks',
      'blacked-out': 'blacked-out areas over the page',
    } satisfies Record<MissingReason, string>,
    confirmed: 'confirmed',
    falsePositive: 'false positive',
  },
  fr: {
    heading: 'Absent de ce dossier',
    intro: "Documents auxquels le dossier renvoie sans les contenir, et contenu occulté de ses documents ; demandez-les avec tenderscan request.",
    documents: 'Documents cités et absents',
    withheld: 'Contenu occulté',
    citedAt: 'cité',
    more: (n: number) => `et ${n} autre${n > 1 ? 's' : ''}`,
    reasons: {
      listed: 'listé parmi les documents de la consultation',
      referenced: 'cité en référence',
      'on-request': 'disponible sur demande',
      'not-communicated': 'dit non communiqué',
      'sent-to-holder': 'transmis au seul titulaire',
      'redaction-mark': "marques d'occultation",
      'blacked-out': 'zones noircies sur la page',
    } satisfies Record<MissingReason, string>,
    confirmed: 'confirmé',
    falsePositive: 'faux positif',
  },
} as const;

/** Citations shown per item in the human formats (JSON keeps up to MAX_CITATIONS). */
export const SHOWN_CITATIONS = 3;

export interface MissingLine {
  item: MissingItem;
  /** "Annexe 3", or the document's name for withheld content. */
  title: string;
  /** "said not to be communicated", "redaction marks, pages 3, 5". */
  what: string;
  /** "CCTP.pdf, p. 4" each, with the words there. */
  citations: { place: string; quote: string; document: string; page: number }[];
  /** "and 4 more", when there are. */
  more?: string;
  review?: string;
}

/** The items of a report as lines to render: documents first, then withheld content. */
export function missingLines(report: Pick<Report, 'missing'>, language: ReportLanguage, nameOf: DocumentNamer): { documents: MissingLine[]; withheld: MissingLine[] } {
  const w = MISSING_WORDS[language];
  const lineOf = (item: MissingItem): MissingLine => {
    const shown = item.citations.slice(0, SHOWN_CITATIONS);
    const pages = item.pages?.length ? `, p. ${pageRanges(item.pages)}` : '';
    return {
      item,
      title: item.type === 'withheld' ? nameOf(item.title) : item.title,
      what: `${w.reasons[item.reason]}${pages}`,
      citations: shown.map((c) => ({ place: citation({ page: c.page, pageLabel: c.pageLabel, sectionNumber: null, location: c.location }, language, nameOf(c.document)), quote: c.quote, document: c.document, page: c.page })),
      ...(item.citations.length > shown.length ? { more: w.more(item.citations.length - shown.length) } : {}),
      ...(item.review ? { review: item.review.status === 'confirmed' ? w.confirmed : w.falsePositive } : {}),
    };
  };
  const items = report.missing ?? [];
  return { documents: items.filter((i) => i.type === 'document').map(lineOf), withheld: items.filter((i) => i.type === 'withheld').map(lineOf) };
}
