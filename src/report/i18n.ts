// Words of the human-facing reports, in French and English, and citations built from them.
import type { DocumentEntry, Finding, FindingLocation, Report } from '../types.js';
import { pageRanges, unreadPages } from './text.js';

export type ReportLanguage = 'fr' | 'en';

/** Whether a count takes the plural: in English all but 1 ("0 findings"), in French from 2 on ("0 page", "1 page"). */
export function isPlural(n: number, language: ReportLanguage): boolean {
  return language === 'fr' ? Math.abs(n) >= 2 : n !== 1;
}
const en = (n: number) => (isPlural(n, 'en') ? 's' : '');
const fr = (n: number) => (isPlural(n, 'fr') ? 's' : '');

/** A list of names cut after `max`: "a.pdf, b.pdf, c.pdf, …". */
export function someNames(names: string[], max = 3): string {
  return names.slice(0, max).join(', ') + (names.length > max ? ', …' : '');
}

export const WORDS = {
  en: {
    title: 'tenderscan report',
    generated: 'Generated',
    tool: 'Tool',
    rulePacks: 'Rule packs',
    config: 'Config file',
    summary: 'Summary',
    category: 'Category',
    findings: 'Findings',
    negated: 'Negated',
    optional: 'optional',
    future: 'for later',
    negatedTag: 'negated',
    pages: 'Pages',
    documents: 'Documents',
    document: 'Document',
    fusion: 'Crossing of data sources',
    fusionIntro: 'Passages that plan to cross, aggregate or interconnect several data sources:',
    noFindings: 'no findings',
    mentions: 'Mentions by name (not counted as findings)',
    mentionTag: 'mention by name',
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
    pdfPage: (n: string) => `PDF p. ${n}`,
    article: 'sec.',
    paragraph: '¶',
    table: 'table',
    row: 'row',
    column: 'column',
    sheet: 'sheet',
    hidden: 'hidden',
    textBox: 'text box',
    header: 'header',
    footer: 'footer',
    footnote: 'footnote',
    endnote: 'endnote',
    comment: 'comment',
    deletedText: 'deleted text',
    by: 'by',
    quote: (s: string) => `"${s}"`,
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
    notRead: (n: number) => `${n} page${en(n)} not read`,
    notReadWhy: 'no usable text, scanned?',
    notReadIn: (n: number) => `in ${n} document${en(n)}`,
    nFindings: (n: number) => `${n} finding${en(n)}`,
    nNegated: (n: number) => `${n} negated`,
    nPages: (n: number) => `${n} page${en(n)}`,
    nDocuments: (n: number) => `${n} document${en(n)}`,
    nFusion: (n: number) => `${n} crossing${en(n)} of data sources`,
    analysedOf: (analysed: number, all: number) => `${analysed} of ${all} document${en(all)} analysed`,
    nFailed: (n: number) => `${n} failed`,
    nInterrupted: (n: number) => `${n} document${en(n)} not analysed (interrupted)`,
    dossier: 'Dossier',
    categories: 'Categories',
    failedDocuments: 'Failed documents',
    unreadDocuments: 'Pages not read',
    useOcr: 'run again with --ocr auto',
    evidenceFull: '--evidence full: the whole SHA-256 and the metadata of each document',
    markHelp: 'Each finding ends with its id; to record one as a false positive (or confirmed) in the review file, run:',
  },
  fr: {
    title: 'Rapport tenderscan',
    generated: 'Généré le',
    tool: 'Outil',
    rulePacks: 'Jeux de règles',
    config: 'Fichier de configuration',
    summary: 'Synthèse',
    category: 'Catégorie',
    findings: 'Occurrences',
    negated: 'Exclues',
    optional: 'en option',
    future: 'à terme',
    negatedTag: 'exclu',
    pages: 'Pages',
    documents: 'Documents',
    document: 'Document',
    fusion: 'Croisements de sources de données',
    fusionIntro: 'Passages qui prévoient de croiser, agréger ou interconnecter plusieurs sources de données :',
    noFindings: 'aucune occurrence',
    mentions: 'Mentions par leur nom (non comptées comme occurrences)',
    mentionTag: 'mention par le nom',
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
    pdfPage: (n: string) => `p. ${n} du PDF`,
    article: 'art.',
    paragraph: '§',
    table: 'tableau',
    row: 'ligne',
    column: 'colonne',
    sheet: 'feuille',
    hidden: 'masquée',
    textBox: 'zone de texte',
    header: 'en-tête',
    footer: 'pied de page',
    footnote: 'note',
    endnote: 'note de fin',
    comment: 'commentaire',
    deletedText: 'texte supprimé',
    by: 'par',
    quote: (s: string) => `« ${s} »`,
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
    notRead: (n: number) => `${n} page${fr(n)} non lue${fr(n)}`,
    notReadWhy: 'pas de texte exploitable, scan ?',
    notReadIn: (n: number) => `dans ${n} document${fr(n)}`,
    nFindings: (n: number) => `${n} occurrence${fr(n)}`,
    nNegated: (n: number) => `${n} exclue${fr(n)}`,
    nPages: (n: number) => `${n} page${fr(n)}`,
    nDocuments: (n: number) => `${n} document${fr(n)}`,
    nFusion: (n: number) => `${n} croisement${fr(n)} de sources`,
    analysedOf: (analysed: number, all: number) => `${analysed} document${fr(analysed)} analysé${fr(analysed)} sur ${all}`,
    nFailed: (n: number) => `${n} en échec`,
    nInterrupted: (n: number) => `${n} document${fr(n)} non analysé${fr(n)} (interruption)`,
    dossier: 'Dossier',
    categories: 'Catégories',
    failedDocuments: 'Documents en échec',
    unreadDocuments: 'Pages non lues',
    useOcr: 'relancer avec --ocr auto',
    evidenceFull: '--evidence full : le SHA-256 entier et les métadonnées de chaque document',
    markHelp: 'Chaque occurrence se termine par son identifiant ; pour la consigner comme faux positif (ou confirmée) dans le fichier de revue :',
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
 * The command that marks a finding, with a real id of the report as the example: the id each
 * finding shows is what `review --finding` takes. Undefined when no finding has an id.
 */
export function markCommand(report: Pick<Report, 'findings'>): string | undefined {
  const id = report.findings.find((f) => f.id && /^[0-9a-f]+$/.test(f.id))?.id;
  return id && `tenderscan review --mark false-positive --finding ${id} DOCUMENTS…`;
}

/** The review line of a report made with a review file ("Review: 2 confirmed, …"), or undefined. */
export function reviewLine(report: Report, language: ReportLanguage): string | undefined {
  const r = report.summary.review;
  return r ? `${WORDS[language].review}: ${WORDS[language].reviewCounts(r)} (${r.file})` : undefined;
}

/**
 * Where a passage is, for every format: "p. 22" in a PDF; in formats without pages "¶ 14",
 * "table 2, row 3", "footnote 3", "comment by Alice (¶ 5)", "deleted text by Bob, ¶ 9",
 * 'sheet "Lot 1" (hidden), row 14, column "Désignation"'.
 */
export function place(at: { page: number; pageLabel?: string; location?: FindingLocation }, language: ReportLanguage): string {
  const w = WORDS[language];
  const l = at.location;
  if (!l) return pageCitation(at.page, at.pageLabel, language);
  const paragraph = l.paragraph !== undefined ? `${w.paragraph} ${l.paragraph}` : '';
  const by = l.author ? ` ${w.by} ${l.author}` : '';
  const joined = (...parts: string[]) => parts.filter(Boolean).join(', ');
  switch (l.kind) {
    case 'table-row':
      return joined(`${w.table} ${l.table}`, `${w.row} ${l.row}`);
    case 'text-box':
      return joined(w.textBox, paragraph);
    case 'header':
    case 'footer':
      return w[l.kind];
    case 'footnote':
    case 'endnote':
      return l.note !== undefined ? `${w[l.kind]} ${l.note}` : w[l.kind];
    case 'comment':
      return `${w.comment}${by}${paragraph ? ` (${paragraph})` : ''}`;
    case 'deleted-text':
      return joined(`${w.deletedText}${by}`, paragraph);
    case 'sheet-row':
      return joined(`${w.sheet} ${w.quote(l.sheet ?? '')}${l.hidden ? ` (${w.hidden})` : ''}`, `${w.row} ${l.row}`, l.column ? `${w.column} ${w.quote(l.column)}` : '');
    default:
      return paragraph;
  }
}

/**
 * A page cited as a reader finds it: the printed label first, then the PDF page when they
 * differ ("p. 1 (PDF p. 2)", "p. 1 (p. 2 du PDF)"), so that a court can check either.
 * Every format cites pages through this function (and `pageList` for lists of pages).
 */
export function pageCitation(page: number, label: string | undefined, language: ReportLanguage): string {
  const w = WORDS[language];
  return !label || label === String(page) ? `${w.page} ${page}` : `${w.page} ${label} (${w.pdfPage(String(page))})`;
}

/**
 * Pages as a list of citations without the leading "p.": "3-5, 9" when the printed labels
 * are the PDF page numbers; "1-3 (PDF p. 2-4), iv (PDF p. 7)" when they are not. Runs of
 * numeric labels that follow the pages one for one are shown as one range.
 */
export function pageList(pages: number[], labelOf: (page: number) => string | undefined, language: ReportLanguage): string {
  const w = WORDS[language];
  const sorted = [...new Set(pages)].sort((a, b) => a - b);
  const offset = (page: number) => {
    const label = labelOf(page) ?? String(page);
    return /^\d{1,9}$/.test(label) ? Number(label) - page : undefined;
  };
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const first = sorted[i];
    const shift = offset(first);
    let j = i;
    while (shift !== undefined && j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1 && offset(sorted[j + 1]) === shift) j++;
    const last = sorted[j];
    const span = (a: number, b: number) => (a === b ? `${a}` : `${a}-${b}`);
    if (shift === 0) parts.push(span(first, last));
    else if (shift !== undefined) parts.push(`${span(first + shift, last + shift)} (${w.pdfPage(span(first, last))})`);
    else parts.push(`${labelOf(first)} (${w.pdfPage(String(first))})`);
    i = j;
  }
  return parts.join(', ');
}

/** The printed labels of the pages a report cites, by document: what `pageList` asks. */
export function pageLabels(report: Pick<Report, 'findings'> & { mentions?: Finding[] }): (document: string) => (page: number) => string | undefined {
  const labels = new Map<string, Map<number, string>>();
  for (const f of [...report.findings, ...(report.mentions ?? [])]) {
    if (f.location) continue;
    let map = labels.get(f.document);
    if (!map) labels.set(f.document, (map = new Map()));
    map.set(f.page, f.pageLabel);
  }
  return (document) => (page) => labels.get(document)?.get(page);
}

/**
 * "CCTP.pdf, p. 22 (art. 2.3)", 'BPU.xlsx, sheet "Lot 1", row 14': a finding or crossing passage
 * cited. `name` is the document's name in the report (see names.ts: "lot1/CCTP.pdf" when two
 * documents share a file name).
 */
export function citation(f: Pick<Finding, 'page' | 'pageLabel' | 'sectionNumber' | 'location'>, language: ReportLanguage, name: string): string {
  return `${name}, ${findingPlace(f, language)}`;
}

/** The citation without the document: "p. 22 (art. 2.3)", "¶ 14", 'sheet "Lot 1", row 14'. */
export function findingPlace(f: Pick<Finding, 'page' | 'pageLabel' | 'sectionNumber' | 'location'>, language: ReportLanguage): string {
  const section = f.sectionNumber ? ` (${WORDS[language].article} ${f.sectionNumber})` : '';
  return `${place(f, language)}${section}`;
}

/** One line for the documents an interruption left unfinished: "3 documents not analysed (interrupted): a.pdf, b.pdf, c.pdf". */
export function interruptedLine(names: string[], language: ReportLanguage): string | undefined {
  if (names.length === 0) return undefined;
  return `${WORDS[language].nInterrupted(names.length)}${language === 'fr' ? ' :' : ':'} ${someNames(names)}`;
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

const MONTHS: Record<ReportLanguage, readonly string[]> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
};

/**
 * "6 December 2026 at 06:01 UTC", "6 décembre 2026 à 06:01 UTC": what Intl.DateTimeFormat
 * writes (en-GB, fr-FR, long date, short time), spelt out here for four-digit years, since
 * the first Intl formatter costs a one-page scan 10–40 ms of loading ICU's locale data.
 */
export function formatDate(iso: string | undefined, language: ReportLanguage): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const year = date.getUTCFullYear();
  if (year < 1000 || year > 9999) return new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(date) + ' UTC';
  const time = `${String(date.getUTCHours()).padStart(2, '0')}:${String(date.getUTCMinutes()).padStart(2, '0')}`;
  return `${date.getUTCDate()} ${MONTHS[language][date.getUTCMonth()]} ${year} ${language === 'fr' ? 'à' : 'at'} ${time} UTC`;
}
