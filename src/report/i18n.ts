// Words of the human-facing reports, in French and English, and citations built from them.
import type { DocumentEntry, Finding } from '../types.js';
import { pageRanges, unreadPages } from './text.js';

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
    notRead: (n: number) => `${n} page${n > 1 ? 's' : ''} not read`,
    notReadWhy: 'no usable text, scanned?',
    notReadIn: (n: number) => `in ${n} document${n > 1 ? 's' : ''}`,
    useOcr: 'run again with --ocr auto',
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
    notRead: (n: number) => `${n} page${n > 1 ? 's' : ''} non lue${n > 1 ? 's' : ''}`,
    notReadWhy: 'pas de texte exploitable, scan ?',
    notReadIn: (n: number) => `dans ${n} document${n > 1 ? 's' : ''}`,
    useOcr: 'relancer avec --ocr auto',
  },
} as const;

export type Words = (typeof WORDS)[ReportLanguage];

/** The report language: --report-lang, else LC_ALL / LC_MESSAGES / LANG, else English. */
export function reportLanguageFrom(env: NodeJS.ProcessEnv, requested?: string): ReportLanguage {
  if (requested === 'fr' || requested === 'en') return requested;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^fr/i.test(locale) ? 'fr' : 'en';
}

/**
 * "CCTP.pdf, p. 22 (art. 2.3)" — or "¶ 14" for formats without pages. `name` is the document's
 * name in the report (see names.ts: "lot1/CCTP.pdf" when two documents share a file name).
 */
export function citation(f: Finding, language: ReportLanguage, name: string): string {
  const w = WORDS[language];
  const where = f.location ? `${w.paragraph} ${f.location.paragraph}` : `${w.page} ${f.pageLabel ?? f.page}`;
  const section = f.sectionNumber ? ` (${w.article} ${f.sectionNumber})` : '';
  return `${name}, ${where}${section}`;
}

/** "5 pages not read (no usable text (scanned?)): p. 2-6; run again with --ocr auto", or nothing. */
export function unreadNote(doc: Pick<DocumentEntry, 'pagesWithoutText' | 'ocrPages'>, language: ReportLanguage): string | undefined {
  const pages = unreadPages(doc);
  if (pages.length === 0) return undefined;
  const w = WORDS[language];
  const colon = language === 'fr' ? ' :' : ':';
  return `${w.notRead(pages.length)} (${w.notReadWhy})${colon} ${w.page} ${pageRanges(pages)}${language === 'fr' ? ' ;' : ';'} ${w.useOcr}`;
}

/** The report-wide count for summary lines: "18 pages not read in 1 document; run again with --ocr auto". */
export function unreadSummary(docs: Pick<DocumentEntry, 'pagesWithoutText' | 'ocrPages'>[], language: ReportLanguage): string | undefined {
  const counts = docs.map((d) => unreadPages(d).length).filter((n) => n > 0);
  if (counts.length === 0) return undefined;
  const w = WORDS[language];
  return `${w.notRead(counts.reduce((a, b) => a + b, 0))} ${w.notReadIn(counts.length)}${language === 'fr' ? ' ;' : ';'} ${w.useOcr}`;
}

export function formatDate(iso: string | undefined, language: ReportLanguage): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(date) + ' UTC';
}
