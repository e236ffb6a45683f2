// Who buys and when, as the first pages of a document say it: the buyer kind (commune, EPCI,
// département, région, State service, police) from the buyer's name, and the date of the
// notice, the deadline or the signature. Legal notes depend on both (src/legal/notes.ts).
// Every pattern is a plain alternation over one line, so matching stays linear.
import type { BuyerKind, DocumentLegalContext, Page } from '../types.js';

const NAME = String.raw`\s{0,3}\p{Lu}`;
/** In the order tried on one line: the most specific first ("City of X Police Department" is police). */
const KINDS: readonly [BuyerKind, RegExp][] = [
  ['police', /\bpolice department\b|\bsheriff[’']?s (?:office|department)\b|\bpolice bureau\b/iu],
  ['state', new RegExp(String.raw`\bpr[ée]fecture\b|\bpr[ée]fet (?:de|du|des)\b|\bminist[èe]re de|\bpolice nationale\b|\bgendarmerie nationale\b|\bSGAMI\b|\bsecr[ée]tariat g[ée]n[ée]ral pour l[’']administration\b|\bstate of${NAME}|\bdepartment of (?:justice|homeland security|public safety)\b|\bstate police\b`, 'iu')],
  ['region', new RegExp(String.raw`\bconseil r[ée]gional\b|\br[ée]gion${NAME}`, 'iu')],
  ['departement', new RegExp(String.raw`\bconseil d[ée]partemental\b|\bconseil g[ée]n[ée]ral (?:de|du|des)\b|\bd[ée]partement (?:de|du|des|d[’'])${NAME}|\bcounty of${NAME}|\bcounty (?:board|commission)\b`, 'iu')],
  ['epci', /\bm[ée]tropole\b|\bcommunaut[ée] (?:d[’']agglom[ée]ration|de communes|urbaine)\b|\bsyndicat intercommunal\b|\bEPCI\b/iu],
  ['commune', new RegExp(String.raw`\b(?:ville|commune|mairie) (?:de|du|des|d[’'])${NAME}|\b(?:city|town|village|borough) of${NAME}`, 'iu')],
];

/** A line that names the buyer ("Pouvoir adjudicateur :", "Contracting authority:"): its kind wins. */
const BUYER_LABEL = /\b(?:pouvoir adjudicateur|acheteur(?: public)?|ma[îi]tre d[’']ouvrage|entit[ée] adjudicatrice|organisme acheteur|nom et adresse de l[’']acheteur|contracting (?:authority|agency)|issuing (?:agency|department)|issued by|buyer|purchaser)\s{0,3}:/iu;
/** How many lines of the first page stand for its title block. */
const TITLE_LINES = 12;
const PAGES_READ = 3;
const MAX_LINE = 300;

function kindOfLine(text: string): { kind: BuyerKind; matched: string } | undefined {
  const line = text.slice(0, MAX_LINE);
  for (const [kind, pattern] of KINDS) {
    const m = pattern.exec(line);
    if (!m) continue;
    // The buyer's name with its kind: up to the next comma, semicolon or bracket of the line.
    const rest = line.slice(m.index + m[0].length, m.index + 80);
    const stop = rest.search(/[,;()[\]]/);
    // "Anaheim Police Department": the capitalised words before the kind name the buyer too.
    const before = /(?:\p{Lu}[\p{L}’'.-]*\s){1,3}$/u.exec(line.slice(Math.max(0, m.index - 40), m.index))?.[0] ?? '';
    return { kind, matched: (before + m[0] + (stop < 0 ? rest : rest.slice(0, stop))).trim() };
  }
  return undefined;
}

/** The buyer kind: a labelled buyer line (or the line after it) of the first pages, else the first page's title block. */
export function findBuyerKind(pages: readonly Page[]): DocumentLegalContext['buyer'] {
  for (const page of pages.slice(0, PAGES_READ)) {
    const lines = page.lines.map((l) => l.text);
    for (let i = 0; i < lines.length; i++) {
      const label = BUYER_LABEL.exec(lines[i].slice(0, MAX_LINE));
      if (!label) continue;
      const found = kindOfLine(lines[i].slice(label.index + label[0].length)) ?? (i + 1 < lines.length ? kindOfLine(lines[i + 1]) : undefined);
      if (found) return { ...found, page: page.number };
    }
  }
  const first = pages.find((p) => p.text.trim() !== '');
  if (!first) return undefined;
  for (const line of first.lines.filter((l) => l.text.trim() !== '').slice(0, TITLE_LINES)) {
    const found = kindOfLine(line.text);
    if (found) return { ...found, page: first.number };
  }
  return undefined;
}

/** The kind of the first named buyer that has one ("Commune de Saint-Exemple": commune). */
function buyerFromNames(names: readonly { text: string; page: number }[]): DocumentLegalContext['buyer'] {
  for (const name of names) {
    const found = kindOfLine(name.text);
    if (found) return { ...found, page: name.page };
  }
  return undefined;
}

const MONTHS: Record<string, number> = {
  janvier: 1, fevrier: 2, février: 2, mars: 3, avril: 4, mai: 5, juin: 6, juillet: 7, aout: 8, août: 8, septembre: 9, octobre: 10, novembre: 11, decembre: 12, décembre: 12,
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
};
const MONTH = Object.keys(MONTHS).join('|');
/** A date label (notice, deadline, signature) and at most 60 characters to its date. */
const DATE_LABEL =
  /\b(?:date d[’']envoi|date de (?:publication|mise en ligne|diffusion|signature)|date d[’'][ée]mission|date (?:et heure )?limites? de (?:r[ée]ception|remise|d[ée]p[ôo]t)|fait [àa] [^,\n]{1,40},? le|date of (?:issue|publication|release)|issue date|issued(?: on)?|release date|publication date|proposals? (?:are )?due|(?:bid|proposal|response) due date|due date)\b/giu;
const DATE_FORMS = new RegExp(
  String.raw`\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b|\b(\d{4})-(\d{2})-(\d{2})\b|\b(\d{1,2})(?:er)?\s(${MONTH})\s(\d{4})\b|\b(${MONTH})\s(\d{1,2}),?\s(\d{4})\b`,
  'iu',
);

function isoDay(year: number, month: number, day: number): string | undefined {
  if (year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1) return undefined;
  return d.toISOString().slice(0, 10);
}

function parseDate(text: string): { value: string; index: number; length: number } | undefined {
  const m = DATE_FORMS.exec(text);
  if (!m) return undefined;
  const month = (name: string) => MONTHS[name.toLowerCase()];
  // An ambiguous dd/mm/yyyy is read the French way (the day first): US notices write their months.
  const value = m[1]
    ? isoDay(+m[3], +m[2], +m[1])
    : m[4]
      ? isoDay(+m[4], +m[5], +m[6])
      : m[7]
        ? isoDay(+m[9], month(m[8]), +m[7])
        : isoDay(+m[12], month(m[10]), +m[11]);
  return value ? { value, index: m.index, length: m[0].length } : undefined;
}

/** The latest labelled date of the first pages and the last one (a signature): notice, deadline, "Fait à …, le". */
export function findDossierDate(pages: readonly Page[]): DocumentLegalContext['date'] {
  const read = [...pages.slice(0, PAGES_READ), ...(pages.length > PAGES_READ ? [pages[pages.length - 1]] : [])];
  let best: DocumentLegalContext['date'];
  for (const page of read) {
    page.lines.forEach((line, i) => {
      const text = line.text.slice(0, MAX_LINE);
      for (const label of text.matchAll(DATE_LABEL)) {
        const after = text.slice(label.index! + label[0].length, label.index! + label[0].length + 60);
        let date = parseDate(after);
        let matched = date && text.slice(label.index!, label.index! + label[0].length + date.index + date.length);
        // A label alone on its line ("Date limite de remise des offres"): its date is on one of the next two.
        for (const next of page.lines.slice(i + 1, i + 3)) {
          if (date) break;
          date = parseDate(next.text.slice(0, 60));
          matched = date && `${label[0]} … ${next.text.slice(date.index, date.index + date.length)}`;
        }
        if (date && (!best || date.value > best.value)) best = { value: date.value, page: page.number, matched: matched! };
      }
    });
  }
  return best;
}

/**
 * What a document's first pages say of its buyer and its date (nothing when they say neither).
 * `buyerNames`: the buyer as the procurement facts read it (any page, labels the first pages'
 * reading does not know, such as "Nom officiel :"); its kind is taken when the first pages give none.
 */
export function findLegalContext(pages: readonly Page[], buyerNames: readonly { text: string; page: number }[] = []): DocumentLegalContext | undefined {
  const buyer = findBuyerKind(pages) ?? buyerFromNames(buyerNames);
  const date = findDossierDate(pages);
  return buyer || date ? { ...(buyer ? { buyer } : {}), ...(date ? { date } : {}) } : undefined;
}
