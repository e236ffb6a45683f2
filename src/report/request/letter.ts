// tenderscan request: the access request for what a dossier lacks, as Markdown ready to send.
// French: a request under the CRPA (articles L311-1 ff.), then the referral to the CADA to send
// when a month passes without an answer. English: a public-records request whose statute the
// user fills in. The letter quotes nothing from the dossier but titles and citations (document,
// page), each through escapeMarkdown, and marks in capitals between brackets what the user fills.
import type { MissingItem, Report } from '../../types.js';
import { citation, type ReportLanguage } from '../i18n.js';
import { escapeMarkdown } from '../escape.js';
import { namerFor } from '../names.js';
import { pageRanges } from '../text.js';
import { KIND_TITLES } from '../../analyse/references.js';

export interface RequestSettings {
  /** The authority asked ("Ville de X"). */
  to: string;
  language: ReportLanguage;
  /** The day the request is sent (YYYY-MM-DD). */
  date: string;
}

/** The dates a request sets off: an answer is due a month later; the CADA may be asked two months after that. */
export interface RequestDates {
  sent: string;
  /** French: silence until this day is an implicit refusal (CRPA R311-12, R311-13). English: the day to follow up. */
  answerDue: string;
  /** French only: the last day to refer the refusal to the CADA (CRPA R343-1). */
  cadaDeadline?: string;
}

/** `date` (YYYY-MM-DD) plus `months`, the day kept or, past the month's end, its last day (31 Jan + 1 month = 28 or 29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

export function requestDates(settings: Pick<RequestSettings, 'date' | 'language'>): RequestDates {
  const answerDue = addMonths(settings.date, 1);
  return { sent: settings.date, answerDue, ...(settings.language === 'fr' ? { cadaDeadline: addMonths(answerDue, 2) } : {}) };
}

const FR_MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function longDate(date: string, language: ReportLanguage): string {
  const [y, m, d] = date.split('-').map(Number);
  return language === 'fr' ? `${d === 1 ? '1er' : d} ${FR_MONTHS[m - 1]} ${y}` : `${d} ${EN_MONTHS[m - 1]} ${y}`;
}

const md = escapeMarkdown;

/** One line per document asked for: its title, then where the dossier cites it. */
function documentLines(items: MissingItem[], language: ReportLanguage, nameOf: (path: string) => string): string[] {
  const cited = language === 'fr' ? 'citation :' : 'cited in';
  return items.map((item, i) => {
    const places = item.citations.slice(0, 3).map((c) => md(citation({ page: c.page, pageLabel: c.pageLabel, sectionNumber: null, location: c.location }, language, nameOf(c.document))));
    const more = item.citations.length > 3 ? (language === 'fr' ? ` et ${item.citations.length - 3} autre(s) endroit(s)` : ` and ${item.citations.length - 3} more place(s)`) : '';
    // A kind of the consultation documents by its full name ("Acte d'engagement (AE)"); others as the dossier titles them.
    const full = item.ref && !item.ref.number && item.ref.kind !== 'plans' ? KIND_TITLES[item.ref.kind]?.[language] : undefined;
    return `${i + 1}. **${md(full ?? item.title)}** (${cited} ${places.join(' ; ')}${more})`;
  });
}

/** One line per document with withheld content: its name and the pages. */
function withheldLines(items: MissingItem[], language: ReportLanguage, nameOf: (path: string) => string): string[] {
  const byDocument = new Map<string, Set<number>>();
  for (const item of items) {
    const pages = byDocument.get(item.title) ?? new Set<number>();
    for (const p of item.pages ?? []) pages.add(p);
    byDocument.set(item.title, pages);
  }
  const word = language === 'fr' ? 'p.' : 'p.';
  return [...byDocument].map(([path, pages]) => `- **${md(nameOf(path))}**, ${word} ${pageRanges([...pages].sort((a, b) => a - b))}`);
}

/** The request as Markdown: the letter, and in French the referral to the CADA after it. */
export function requestLetter(report: Pick<Report, 'missing' | 'documents'>, settings: RequestSettings): string {
  const nameOf = namerFor(report as Report);
  const items = (report.missing ?? []).filter((i) => i.review?.status !== 'false-positive');
  const documents = documentLines(items.filter((i) => i.type === 'document'), settings.language, nameOf);
  const withheld = withheldLines(items.filter((i) => i.type === 'withheld'), settings.language, nameOf);
  const dates = requestDates(settings);
  return (settings.language === 'fr' ? frenchLetter : englishLetter)(md(settings.to.replace(/\s+/g, ' ').trim()), documents, withheld, dates);
}

function frenchLetter(to: string, documents: string[], withheld: string[], dates: RequestDates): string {
  const out = [
    '[VOS NOM ET PRÉNOM — À COMPLÉTER]  ',
    '[VOTRE ADRESSE POSTALE — À COMPLÉTER]  ',
    '[VOTRE ADRESSE ÉLECTRONIQUE — À COMPLÉTER]',
    '',
    `${to}  `,
    "[ADRESSE DU SERVICE — À COMPLÉTER]",
    '',
    `Le ${longDate(dates.sent, 'fr')}`,
    '',
    "**Objet : demande de communication de documents administratifs (articles L311-1 et suivants du code des relations entre le public et l'administration)**",
    '',
    'Madame, Monsieur,',
    '',
  ];
  if (documents.length) {
    out.push(
      "En application des articles L311-1 et suivants du code des relations entre le public et l'administration (CRPA), je vous prie de bien vouloir me communiquer les documents suivants, auxquels renvoient les pièces du marché dont je dispose sans que ces documents y figurent :",
      '',
      ...documents,
      '',
    );
  }
  if (withheld.length) {
    out.push(
      `${documents.length ? 'Je vous prie également de me communiquer' : "En application des articles L311-1 et suivants du code des relations entre le public et l'administration (CRPA), je vous prie de bien vouloir me communiquer"} dans leur intégralité les pages suivantes, dont une partie du contenu a été occultée, ou, si une occultation est maintenue, de m'en indiquer le motif pour chacune (article L311-14 du CRPA) :`,
      '',
      ...withheld,
      '',
    );
  }
  out.push(
    "Je souhaite recevoir ces documents par courrier électronique, dans un format numérique et ouvert, à l'adresse indiquée ci-dessus.",
    '',
    `À défaut de réponse dans le délai d'un mois à compter de la réception de cette demande (au plus tôt le ${longDate(dates.answerDue, 'fr')}), votre silence vaudra décision implicite de refus (articles R311-12 et R311-13 du CRPA). Je pourrai alors saisir la Commission d'accès aux documents administratifs (CADA) dans un délai de deux mois (article R343-1 du CRPA), saisine préalable obligatoire à tout recours contentieux (article L342-1 du CRPA).`,
    '',
    "Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées.",
    '',
    '[SIGNATURE]',
    '',
    '---',
    '',
    `## Saisine de la CADA — à envoyer si aucune réponse n'est reçue le ${longDate(dates.answerDue, 'fr')}, au plus tard le ${longDate(dates.cadaDeadline!, 'fr')}`,
    '',
    '[VOS NOM ET PRÉNOM — À COMPLÉTER]  ',
    '[VOTRE ADRESSE POSTALE — À COMPLÉTER]  ',
    '[VOTRE ADRESSE ÉLECTRONIQUE — À COMPLÉTER]',
    '',
    "Commission d'accès aux documents administratifs  ",
    '[ADRESSE DE LA CADA, OU SAISINE EN LIGNE SUR cada.fr — À COMPLÉTER]',
    '',
    '[DATE D\'ENVOI — À COMPLÉTER]',
    '',
    `**Objet : saisine de la Commission d'accès aux documents administratifs (article L342-1 du CRPA)**`,
    '',
    'Madame, Monsieur,',
    '',
    `Le ${longDate(dates.sent, 'fr')}, j'ai demandé à : ${to} la communication des documents administratifs listés ci-dessous. Cette demande est restée sans réponse pendant plus d'un mois, ce qui vaut décision implicite de refus (articles R311-12 et R311-13 du CRPA) [OU : m'a été refusée par une décision du [DATE] — À ADAPTER].`,
    '',
    "Ces documents sont cités par les pièces du marché public dont je dispose, qui y renvoient sans les contenir :",
    '',
    ...(documents.length ? documents : []),
    ...(documents.length && withheld.length ? [''] : []),
    ...(withheld.length ? ["Pages dont le contenu a été occulté et dont je demande la communication intégrale :", '', ...withheld] : []),
    '',
    "Je sollicite l'avis de la Commission sur le caractère communicable de ces documents. Vous trouverez ci-joint une copie de ma demande initiale [ET DE LA DÉCISION DE REFUS, LE CAS ÉCHÉANT].",
    '',
    '[CONTEXTE DE LA DEMANDE EN QUELQUES LIGNES — RECOMMANDÉ]',
    '',
    "Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées.",
    '',
    '[SIGNATURE]',
  );
  return out.join('\n') + '\n';
}

function englishLetter(to: string, documents: string[], withheld: string[], dates: RequestDates): string {
  const out = [
    '[YOUR NAME — TO BE COMPLETED]  ',
    '[YOUR POSTAL ADDRESS — TO BE COMPLETED]  ',
    '[YOUR EMAIL ADDRESS — TO BE COMPLETED]',
    '',
    `${to}  `,
    '[RECORDS OFFICER AND ADDRESS — TO BE COMPLETED]',
    '',
    longDate(dates.sent, 'en'),
    '',
    '**Re: Public records request**',
    '',
    'Dear Records Officer,',
    '',
  ];
  if (documents.length) {
    out.push(
      'Pursuant to [STATE PUBLIC RECORDS STATUTE AND SECTION — TO BE COMPLETED], I request copies of the following records, which the procurement documents in my possession refer to but do not contain:',
      '',
      ...documents,
      '',
    );
  }
  if (withheld.length) {
    out.push(
      `${documents.length ? 'I also request' : 'Pursuant to [STATE PUBLIC RECORDS STATUTE AND SECTION — TO BE COMPLETED], I request'} complete copies of the following pages, parts of which were withheld or redacted. If any part remains withheld, please state the specific exemption relied on for each redaction:`,
      '',
      ...withheld,
      '',
    );
  }
  out.push(
    'I ask that the records be provided electronically, in an open digital format, at the email address above.',
    '',
    `Please respond within the time the statute allows: [RESPONSE DEADLINE UNDER THE STATUTE — TO BE COMPLETED]. If you expect a delay or a fee, please tell me before proceeding. I will follow up on ${longDate(dates.answerDue, 'en')} if I have not heard from you.`,
    '',
    'Sincerely,',
    '',
    '[SIGNATURE]',
  );
  return out.join('\n') + '\n';
}
