// Words of the human-facing reports, in French and English, and citations built from them.
import type { Finding, Report } from '../types.js';

export type ReportLanguage = 'fr' | 'en';

export const WORDS = {
  en: {
    title: 'tenderscan report',
    generated: 'Generated',
    tool: 'Tool',
    rulePacks: 'Rule packs',
    summary: 'Summary',
    category: 'Category',
    findings: 'Findings',
    negated: 'Negated',
    optional: 'optional',
    negatedTag: 'negated',
    pages: 'Pages',
    documents: 'Documents',
    document: 'Document',
    fusion: 'Crossing of data sources',
    fusionIntro: 'Passages that plan to cross, aggregate or interconnect several data sources:',
    noFindings: 'no findings',
    evidence: 'Evidence',
    sha256: 'SHA-256',
    size: 'Size',
    pageCount: 'Pages',
    titleMeta: 'Title',
    author: 'Author',
    producer: 'Producer',
    created: 'Created',
    modified: 'Modified',
    withoutText: 'Pages without text',
    status: 'Status',
    error: 'Error',
    page: 'p.',
    article: 'sec.',
    paragraph: '¶',
    ocr: 'OCR',
    ocrNote: 'quotation from OCR: check it against the page image',
    bytes: 'bytes',
    filters: 'Show',
    showNegated: 'negated findings',
    showOptional: 'optional findings',
    runDate: 'Run date',
    language: 'language',
    noTextOn: 'no text on',
    unreadablePages: 'unreadable',
    confirmed: 'confirmed',
    falsePositive: 'false positive',
    review: 'Review',
    reviewCounts: (r: { confirmed: number; falsePositives: number; hidden: number; unreviewed: number }) =>
      `${r.confirmed} confirmed, ${r.falsePositives} false positive${r.falsePositives === 1 ? '' : 's'}, ${r.unreviewed} unreviewed; ${r.hidden} hidden`,
  },
  fr: {
    title: 'Rapport tenderscan',
    generated: 'Généré le',
    tool: 'Outil',
    rulePacks: 'Jeux de règles',
    summary: 'Synthèse',
    category: 'Catégorie',
    findings: 'Occurrences',
    negated: 'Exclues',
    optional: 'en option',
    negatedTag: 'exclu',
    pages: 'Pages',
    documents: 'Documents',
    document: 'Document',
    fusion: 'Croisements de sources de données',
    fusionIntro: 'Passages qui prévoient de croiser, agréger ou interconnecter plusieurs sources de données :',
    noFindings: 'aucune occurrence',
    evidence: 'Éléments de preuve',
    sha256: 'SHA-256',
    size: 'Taille',
    pageCount: 'Pages',
    titleMeta: 'Titre',
    author: 'Auteur',
    producer: 'Producteur',
    created: 'Créé le',
    modified: 'Modifié le',
    withoutText: 'Pages sans texte',
    status: 'Statut',
    error: 'Erreur',
    page: 'p.',
    article: 'art.',
    paragraph: '§',
    ocr: 'OCR',
    ocrNote: 'citation issue de l’OCR : à vérifier sur l’image de la page',
    bytes: 'octets',
    filters: 'Afficher',
    showNegated: 'les mentions exclues',
    showOptional: 'les options',
    runDate: 'Date de l’analyse',
    language: 'langue',
    noTextOn: 'sans texte :',
    unreadablePages: 'illisibles :',
    confirmed: 'confirmé',
    falsePositive: 'faux positif',
    review: 'Revue',
    reviewCounts: (r: { confirmed: number; falsePositives: number; hidden: number; unreviewed: number }) =>
      `${r.confirmed} confirmée${r.confirmed > 1 ? 's' : ''}, ${r.falsePositives} faux positif${r.falsePositives > 1 ? 's' : ''}, ${r.unreviewed} non revue${r.unreviewed > 1 ? 's' : ''} ; ${r.hidden} masquée${r.hidden > 1 ? 's' : ''}`,
  },
} as const;

export type Words = (typeof WORDS)[ReportLanguage];

/** The report language: --report-lang, else LC_ALL / LC_MESSAGES / LANG, else English. */
export function reportLanguageFrom(env: NodeJS.ProcessEnv, requested?: string): ReportLanguage {
  if (requested === 'fr' || requested === 'en') return requested;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^fr/i.test(locale) ? 'fr' : 'en';
}

export function baseName(path: string): string {
  const inArchive = path.split('!/');
  const last = inArchive[inArchive.length - 1];
  return inArchive.length > 1 ? `${inArchive[0].split('/').pop()}!/${last}` : last.split('/').pop() ?? path;
}

/** The review line of a report made with a review file ("Review: 2 confirmed, …"), or undefined. */
export function reviewLine(report: Report, language: ReportLanguage): string | undefined {
  const r = report.summary.review;
  return r ? `${WORDS[language].review}: ${WORDS[language].reviewCounts(r)} (${r.file})` : undefined;
}

/** "CCTP.pdf, p. 22 (art. 2.3)" — or "¶ 14" for formats without pages. */
export function citation(f: Finding, language: ReportLanguage): string {
  const w = WORDS[language];
  const where = f.location ? `${w.paragraph} ${f.location.paragraph}` : `${w.page} ${f.pageLabel ?? f.page}`;
  const section = f.sectionNumber ? ` (${w.article} ${f.sectionNumber})` : '';
  return `${baseName(f.document)}, ${where}${section}`;
}

export function formatDate(iso: string | undefined, language: ReportLanguage): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(date) + ' UTC';
}
