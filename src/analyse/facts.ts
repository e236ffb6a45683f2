// The procurement's facts a document states: buyer, SIRET, object, procedure, lots, CPV codes,
// amounts, duration, dates, award and awardee. Precision first: a fact is taken only behind a
// label that names it ("Date limite de réception des offres :", "Code CPV principal") or in a
// phrase that is one (a procedure's name), and only when its value checks (a real date, a
// SIRET's Luhn key, a CPV division); what is not found is absent, never guessed. Every fact is
// located by its offsets in the page text, so that it is quoted verbatim and cited to its page.
// Matching is line by line with bounded patterns: linear in the text.
import type { Fact, FactField, Page } from '../types.js';

/** A value longer than this is a paragraph, not a name or a title. */
const VALUE_MAX = 160;
/** Facts of one field kept per document: beyond it, a page of lists is not a dossier's facts. */
const PER_FIELD_MAX = 40;

const MONTHS_FR = ['janvier', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'aout', 'septembre', 'octobre', 'novembre', 'decembre'];
const MONTHS_EN = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** Folded non-ASCII characters (code points), as fold() writes them. */
const foldedChars = new Map<string, string>();

/** Lower case without accents, the same length as the input (offsets stay valid). */
function fold(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; ) {
    // A run of ASCII is lower-cased at once; other characters one code point at a time.
    let end = i;
    while (end < text.length && text.charCodeAt(end) < 0x80) end++;
    if (end > i) {
      out += text.slice(i, end).toLowerCase();
      i = end;
      if (i >= text.length) break;
    }
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    let folded = foldedChars.get(ch);
    if (folded === undefined) {
      const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      // A character whose base form has another length (a ligature) keeps its place as a space.
      foldedChars.set(ch, (folded = base.length === ch.length ? base.toLowerCase() : ' '.repeat(ch.length)));
    }
    out += folded;
    i += ch.length;
  }
  return out.replace(/[\u2019\u2018`]/g, "'");
}

// ---------------------------------------------------------------- identifiers

/** The Luhn check that SIREN and SIRET numbers carry (La Poste's establishments use their own rule). */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** A SIRET: 14 digits with a valid Luhn key, or La Poste's (SIREN 356000000) whose digits sum to a multiple of 5. */
export function siretValid(digits: string): boolean {
  if (!/^\d{14}$/.test(digits) || /^0+$/.test(digits)) return false;
  if (digits.startsWith('356000000')) return [...digits].reduce((s, d) => s + Number(d), 0) % 5 === 0;
  return luhnValid(digits);
}

/** The 45 divisions of the CPV 2008 (Regulation (EC) No 213/2008): a code outside them is not a CPV code. */
const CPV_DIVISIONS = new Set(
  '03 09 14 15 16 18 19 22 24 30 31 32 33 34 35 37 38 39 41 42 43 44 45 48 50 51 55 60 63 64 65 66 70 71 72 73 75 76 77 79 80 85 90 92 98'.split(' '),
);

/**
 * A CPV code of the main vocabulary: NNNNNNNN-N, a division of the CPV 2008, and the tree's
 * shape (once a level is 0 the finer ones are 0 too, "45230000", never "45030200"). The ninth
 * digit is not recomputed: the published algorithm does not give the codes the regulation lists
 * (see docs/dossier-facts.md), so checking it would reject real codes.
 */
export function cpvValid(code: string): boolean {
  const m = /^(\d{8})-(\d)$/.exec(code);
  if (!m || !CPV_DIVISIONS.has(m[1].slice(0, 2))) return false;
  // Group, class and category digits (3rd to 5th): a zero is followed by zeros.
  const levels = m[1].slice(2, 5);
  return !/0[1-9]/.test(levels);
}

// ---------------------------------------------------------------- dates, amounts, durations

function isoDate(year: number, month: number, day: number): string | undefined {
  if (year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1) return undefined;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > last) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const DATE_PATTERNS: { re: RegExp; read(m: RegExpExecArray): string | undefined }[] = [
  // 15/03/2024, 15.03.2024, 15-03-2024
  { re: /\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b/g, read: (m) => isoDate(+m[3], +m[2], +m[1]) },
  // 2024-03-15
  { re: /\b(\d{4})-(\d{2})-(\d{2})\b/g, read: (m) => isoDate(+m[1], +m[2], +m[3]) },
  // 15 mars 2024, 1er mars 2024, 15 March 2024
  {
    re: /\b(\d{1,2})(?:er)? ([a-z]{3,9}) (\d{4})\b/g,
    read: (m) => {
      const month = monthOf(m[2]);
      return month ? isoDate(+m[3], month, +m[1]) : undefined;
    },
  },
  // March 15, 2024
  {
    re: /\b([a-z]{3,9}) (\d{1,2}),? (\d{4})\b/g,
    read: (m) => {
      const month = MONTHS_EN.indexOf(m[1]) + 1;
      return month ? isoDate(+m[3], month, +m[2]) : undefined;
    },
  },
];

function monthOf(word: string): number {
  const fr = MONTHS_FR.indexOf(word);
  if (fr >= 0) return fr + 1;
  return MONTHS_EN.indexOf(word) + 1;
}

interface Found {
  start: number;
  end: number;
  value: string;
}

/** Values are looked for this far after their label: a long line costs no more. */
const WINDOW = 200;

/** The first real date in folded[from, to). */
function firstDate(folded: string, from: number, to: number): Found | undefined {
  to = Math.min(to, from + WINDOW);
  let best: Found | undefined;
  const window = folded.slice(from, to);
  for (const { re, read } of DATE_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(window); m; m = re.exec(window)) {
      const value = read(m);
      if (value && (!best || from + m.index < best.start)) best = { start: from + m.index, end: from + m.index + m[0].length, value };
      if (value) break;
    }
  }
  return best;
}

/** A number as written in French or English: "1 250 000,00", "1.250.000,00", "1,250,000.00", "150000". */
export function parseAmount(written: string): number | undefined {
  const s = written.replace(/[\s\u00a0\u202f]/g, '');
  let normal: string;
  if (/^\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?$/.test(s)) normal = s.replace(/\./g, '').replace(',', '.');
  else if (/^\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?$/.test(s)) normal = s.replace(/,/g, '');
  else if (/^\d+(?:,\d{1,2})?$/.test(s)) normal = s.replace(',', '.');
  else if (/^\d+(?:\.\d{1,2})?$/.test(s)) normal = s;
  else return undefined;
  const n = Number(normal);
  return Number.isFinite(n) ? n : undefined;
}

/** An amount with its currency after (150 000 € HT, 1 200 euros TTC, 50 000 EUR) or before ($50,000, € 10 000). */
const AMOUNT_AFTER = /(?<![\d.,])(\d{1,3}(?:[ \u00a0\u202f.,]\d{3})*(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?) ?(€|euros?(?:\(s\))?(?![a-z])|eur\b)(?: ?\(?(ht|h\.t\.|ttc|t\.t\.c\.|hors taxes?|toutes taxes comprises)(?![a-z])\)?)?/g;
const AMOUNT_BEFORE = /(\$|€|\busd\b|\beur\b) ?(\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)/g;

interface FoundAmount extends Found {
  amount: number;
  currency: string;
  tax?: 'HT' | 'TTC';
}

function firstAmount(folded: string, from: number, to: number): FoundAmount | undefined {
  to = Math.min(to, from + WINDOW);
  const window = folded.slice(from, to);
  AMOUNT_AFTER.lastIndex = 0;
  for (let m = AMOUNT_AFTER.exec(window); m; m = AMOUNT_AFTER.exec(window)) {
    const amount = parseAmount(m[1]);
    if (amount === undefined || amount === 0) continue;
    const tax = m[3] ? (m[3].startsWith('t') ? 'TTC' : 'HT') : undefined;
    return { start: from + m.index, end: from + m.index + m[0].length, value: m[0], amount, currency: 'EUR', ...(tax ? { tax } : {}) };
  }
  AMOUNT_BEFORE.lastIndex = 0;
  for (let m = AMOUNT_BEFORE.exec(window); m; m = AMOUNT_BEFORE.exec(window)) {
    const amount = parseAmount(m[2]);
    if (amount === undefined || amount === 0) continue;
    return { start: from + m.index, end: from + m.index + m[0].length, value: m[0], amount, currency: m[1] === '$' || m[1] === 'usd' ? 'USD' : 'EUR' };
  }
  return undefined;
}

const DURATION = /\b(\d{1,3}) ?(mois|months?|ans|annees|an|years?|jours|days|semaines|weeks)\b/g;

function firstDuration(folded: string, from: number, to: number): Found | undefined {
  DURATION.lastIndex = 0;
  const m = DURATION.exec(folded.slice(from, to));
  if (!m || +m[1] === 0) return undefined;
  const unit = m[2].startsWith('mo') ? 'M' : /^(an|annee|year)/.test(m[2]) ? 'Y' : /^(jour|day)/.test(m[2]) ? 'D' : 'W';
  return { start: from + m.index, end: from + m.index + m[0].length, value: `P${+m[1]}${unit}` };
}

// ---------------------------------------------------------------- labels

/**
 * Labels that introduce a fact, on folded text (lower case, no accents). Each is anchored at a
 * line's start (after a numbering such as "II.1.1)" or a bullet) and ends at its colon or at
 * the line's end: a word inside a sentence is not a label.
 */
interface Label {
  field: FactField;
  re: RegExp;
  /** What follows: a value to the end of the line, a date, an amount, a duration, a SIRET. */
  reads: 'text' | 'date' | 'amount' | 'duration' | 'siret';
  /** The value may be on the next line when the label ends its line. */
  nextLine?: boolean;
}

// A numbering ("II.1.1)", "3.2 -") or a bullet; tokens and separators alternate, so that
// matching stays linear whatever a line holds.
const LEAD = String.raw`^[ \t]*(?:(?:(?:[ivx]+|\d+)(?:[.)](?:[ivx]+|\d+))*[.)]?|[-•*–])[ \t]*(?:[-–—][ \t]*)?)?`;
const label = (field: FactField, words: string, reads: Label['reads'], nextLine = false): Label => ({
  field,
  // The label, a parenthesis at most ("Acheteur (nom et adresse) :"), then its colon.
  re: new RegExp(`${LEAD}(?:${words})(?:[ \\t]+(?:n[°o]?[ \\t]*)?\\d{1,3})?(?:[ \\t]*\\([^)\\n]{0,60}\\))?[ \\t]*:`, 'gm'),
  reads,
  nextLine,
});

const LABELS: Label[] = [
  label('buyer', String.raw`nom et adresses? (?:officiels? )?de l'(?:organisme acheteur|acheteur|entite adjudicatrice|pouvoir adjudicateur)|nom officiel|nom (?:complet )?de l'acheteur|identification de l'(?:organisme|acheteur|entite)[^:\n]{0,40}|pouvoir adjudicateur|organisme acheteur|acheteur public|(?:nom de l')?acheteur|maitre d'ouvrage|entite adjudicatrice|contracting authority|name of (?:the )?contracting authority|buyer|issuing (?:agency|department)`, 'text', true),
  label('buyerId', String.raw`(?:n°|numero |no )?(?:siret|siren)(?: de l'acheteur)?|(?:type de )?numero national d'identification`, 'siret'),
  label('title', String.raw`objet (?:du marche|de la consultation|de l'accord-cadre|de l'accord cadre|du contrat|de l'achat)|intitule (?:du marche|de la consultation|de l'accord-cadre)|titre du marche|(?:project|contract|solicitation|tender) title|title of (?:the )?(?:contract|project|procurement|solicitation)`, 'text', true),
  label('deadline', String.raw`dates? (?:et heure )?limites? de (?:reception|remise|depot) des (?:offres|plis|candidatures)|date limite|(?:proposals?|bids?|responses?|offers?) (?:are )?due|(?:submission|closing) (?:deadline|date)|deadline for (?:receipt|submission)`, 'date', true),
  label('published', String.raw`date d'envoi (?:du present avis|de l'avis|a la publication)|date de (?:la )?publication(?: de l'avis)?|(?:date of |)publication date|date of publication|issue date|release date`, 'date', true),
  label('awardDate', String.raw`date (?:d'attribution|de notification|de signature|de conclusion)(?: du (?:marche|contrat|lot))?|date de la decision d'attribution|(?:date of (?:contract )?award|award date|contract award date|date of conclusion of the contract)`, 'date', true),
  label('awardNotice', String.raw`date (?:de publication|d'envoi) de l'avis d'attribution|avis d'attribution publie le|award notice (?:published|publication date)`, 'date', true),
  label('awardee', String.raw`attributaire|titulaire(?: du marche)?|nom (?:et adresse )?du titulaire|nom (?:officiel )?du titulaire|marche attribue a|awarded to|awardee|successful (?:bidder|tenderer)|name (?:and address )?of the contractor`, 'text', true),
  label('amount', String.raw`montant (?:total |global |previsionnel |estimatif |estime |maximum |minimum |annuel )*(?:du marche|de l'accord-cadre|du lot|de l'offre|attribue)?|valeur (?:totale |estimee |maximale )*(?:du marche|de l'accord-cadre|du lot|hors tva|hors taxes)?|estimated (?:total )?value|total value|contract (?:value|amount|price)|not[- ]to[- ]exceed`, 'amount', true),
  label('duration', String.raw`duree (?:du marche|de l'accord-cadre|du contrat|d'execution|initiale)?|(?:contract )?(?:term|duration|period of performance)`, 'duration', true),
];

/** Procedures by their names (folded), with the OCDS procurement method they are. */
const PROCEDURES: { re: RegExp; details: string; method: 'open' | 'selective' | 'limited' | 'direct' }[] = [
  { re: /\bappel d'offres? ouvert\b/g, details: "appel d'offres ouvert", method: 'open' },
  { re: /\bappel d'offres? restreint\b/g, details: "appel d'offres restreint", method: 'selective' },
  { re: /\bprocedure adaptee\b/g, details: 'procédure adaptée', method: 'open' },
  { re: /\bprocedure (?:concurrentielle )?avec negociation\b/g, details: 'procédure avec négociation', method: 'selective' },
  { re: /\b(?:procedure negociee|marche negocie) sans publicite (?:ni|et sans) mise en concurrence\b/g, details: 'marché négocié sans publicité ni mise en concurrence', method: 'limited' },
  { re: /\bdialogue competitif\b/g, details: 'dialogue compétitif', method: 'selective' },
  { re: /\bopen procedure\b/g, details: 'open procedure', method: 'open' },
  { re: /\brestricted procedure\b/g, details: 'restricted procedure', method: 'selective' },
  { re: /\bcompetitive dialogue\b/g, details: 'competitive dialogue', method: 'selective' },
  { re: /\bcompetitive procedure with negotiation\b/g, details: 'competitive procedure with negotiation', method: 'selective' },
  { re: /\bnegotiated procedure without (?:prior )?publication\b/g, details: 'negotiated procedure without publication', method: 'limited' },
];

/** "Lot n° 2 : Vidéoprotection", "LOT 02 - Maintenance", "Lot 3 – …" at a line's start. */
const LOT_LINE = /^[ \t]*lot[ \t]+(?:n[°o]?[ \t]*)?(\d{1,3})[ \t]*[:\-–—.)][ \t]*(\S.*)$/;
/** A value that is a form's blank or a placeholder, not a value. */
const PLACEHOLDER = /^[\s._…\-–—]*$|^\[|^\(|^<|^x{3,}|a completer|a renseigner|to be (?:completed|determined)|^n\/?a$|^neant$|^sans objet$|\\|docusign envelope/;
/** Table-of-contents leaders and the page number they end with. */
const LEADERS = /[ \t]*(?:\.{3,}|…{2,}|_{3,})[ \t.…_]*\d*[ \t]*$/;

/** The value after a label on its line, trimmed; offsets in the page text. */
function lineValue(text: string, folded: string, from: number, lineEnd: number): Found | undefined {
  let start = from;
  let end = lineEnd;
  while (start < end && /\s/.test(text[start])) start++;
  if (end - start > VALUE_MAX + WINDOW) return undefined;
  const leader = LEADERS.exec(text.slice(start, end));
  if (leader) end = start + leader.index;
  while (end > start && /[\s;,.]/.test(text[end - 1])) end--;
  if (end <= start || end - start > VALUE_MAX) return undefined;
  const value = text.slice(start, end);
  if (PLACEHOLDER.test(folded.slice(start, end)) || !/\p{L}/u.test(value)) return undefined;
  return { start, end, value };
}

function readLabelled(page: Page, folded: string, lineStarts: number[], facts: Fact[]): void {
  const { text } = page;
  const lineAt = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const lineEnd = (i: number) => (i + 1 < lineStarts.length ? lineStarts[i + 1] - 1 : text.length);
  for (const l of LABELS) {
    const re = l.re;
    re.lastIndex = 0;
    for (let m = re.exec(folded); m; m = re.exec(folded)) {
      const after = m.index + m[0].length;
      const line = lineAt(m.index);
      let end = lineEnd(line);
      // The value on the label's line, else (for labels that may stand alone) on the next one.
      let from = after;
      if (l.nextLine && folded.slice(after, end).trim() === '' && line + 1 < lineStarts.length) {
        from = lineStarts[line + 1];
        end = lineEnd(line + 1);
        // A next line that is a label of its own ("Objet de la consultation : …") is not this one's value.
        if (l.reads === 'text' && /^[ \t]*[^:\n]{1,60}:/.test(folded.slice(from, end))) continue;
      }
      const fact = readValue(l, page, text, folded, from, end);
      // "Montant estimé du lot 2 :": the fact is the lot's.
      const lot = /\blot[ \t]+(?:n[°o]?[ \t]*)?(\d{1,3})\b/.exec(m[0]);
      if (fact && lot) fact.lot = String(+lot[1]);
      if (fact) facts.push(fact);
    }
  }
}

function readValue(l: Label, page: Page, text: string, folded: string, from: number, end: number): Fact | undefined {
  const at = (found: Found, extra: Partial<Fact> = {}): Fact => ({
    field: l.field,
    text: text.slice(found.start, found.end),
    ...extra,
    page: page.number,
    pageLabel: page.label ?? String(page.number),
    start: found.start,
    end: found.end,
  });
  switch (l.reads) {
    case 'text': {
      const found = lineValue(text, folded, from, end);
      return found ? at(found) : undefined;
    }
    case 'date': {
      const found = firstDate(folded, from, end);
      return found ? at(found, { value: found.value }) : undefined;
    }
    case 'duration': {
      const found = firstDuration(folded, from, Math.min(end, from + 80));
      return found ? at(found, { value: found.value }) : undefined;
    }
    case 'amount': {
      const found = firstAmount(folded, from, end);
      return found ? at(found, { value: found.amount, currency: found.currency, ...(found.tax ? { tax: found.tax } : {}) }) : undefined;
    }
    case 'siret': {
      // The number may follow a type ("Type : SIRET - N° : 213 300 635 00017").
      const m = /(?<![\d])((?:\d[ \t\u00a0]?){13}\d)(?!\d)/.exec(folded.slice(from, Math.min(end, from + 60)));
      if (!m) return undefined;
      const digits = m[1].replace(/\D/g, '');
      if (!siretValid(digits)) return undefined;
      const start = from + m.index + m[0].length - m[1].length;
      return at({ start, end: start + m[1].length, value: digits }, { value: digits });
    }
  }
}

function readProcedures(page: Page, folded: string, facts: Fact[]): void {
  for (const p of PROCEDURES) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(folded); m; m = p.re.exec(folded)) {
      facts.push({
        field: 'procedure',
        text: page.text.slice(m.index, m.index + m[0].length),
        value: p.method,
        details: p.details,
        page: page.number,
        pageLabel: page.label ?? String(page.number),
        start: m.index,
        end: m.index + m[0].length,
      });
    }
  }
}

/** CPV codes, only on a page that names the CPV (a bare "12345678-9" may be anything). */
function readCpv(page: Page, folded: string, facts: Fact[]): void {
  if (!/\bcpv\b/.test(folded)) return;
  const re = /(?<![\d-])(\d{8})[ \t]?-[ \t]?(\d)(?![\d-])/g;
  for (let m = re.exec(folded); m; m = re.exec(folded)) {
    const code = `${m[1]}-${m[2]}`;
    if (!cpvValid(code)) continue;
    facts.push({ field: 'cpv', text: page.text.slice(m.index, m.index + m[0].length), value: code, page: page.number, pageLabel: page.label ?? String(page.number), start: m.index, end: m.index + m[0].length });
  }
}

/** Lots by their lines, and the amounts written on a lot's line (a table row "Lot 2 : … 40 000 € HT"). */
function readLots(page: Page, folded: string, lineStarts: number[], facts: Fact[]): void {
  for (let i = 0; i < lineStarts.length; i++) {
    const start = lineStarts[i];
    const end = i + 1 < lineStarts.length ? lineStarts[i + 1] - 1 : page.text.length;
    const m = LOT_LINE.exec(folded.slice(start, end));
    if (!m) continue;
    const titleFrom = start + m[0].length - m[2].length;
    const amount = firstAmount(folded, titleFrom, end);
    const title = lineValue(page.text, folded, titleFrom, amount ? amount.start : end);
    if (!title) continue;
    const lot = String(+m[1]);
    const base = { page: page.number, pageLabel: page.label ?? String(page.number) };
    facts.push({ field: 'lot', text: title.value, value: lot, lot, ...base, start: title.start, end: title.end });
    if (amount) facts.push({ field: 'amount', text: page.text.slice(amount.start, amount.end), value: amount.amount, currency: amount.currency, ...(amount.tax ? { tax: amount.tax } : {}), lot, ...base, start: amount.start, end: amount.end });
  }
}

/** The facts of a document's pages, in page order, then by offset. */
export function extractFacts(pages: Page[]): Fact[] {
  const facts: Fact[] = [];
  for (const page of pages) {
    if (page.error || !page.text) continue;
    const folded = fold(page.text);
    const lineStarts = [0];
    for (let i = folded.indexOf('\n'); i >= 0; i = folded.indexOf('\n', i + 1)) lineStarts.push(i + 1);
    const found: Fact[] = [];
    readLabelled(page, folded, lineStarts, found);
    readProcedures(page, folded, found);
    readCpv(page, folded, found);
    readLots(page, folded, lineStarts, found);
    found.sort((a, b) => a.start - b.start || a.field.localeCompare(b.field));
    facts.push(...withoutOverlaps(found));
  }
  const perField = new Map<FactField, number>();
  return facts.filter((f) => {
    const n = (perField.get(f.field) ?? 0) + 1;
    perField.set(f.field, n);
    return n <= PER_FIELD_MAX;
  });
}

/** Two labels reading the same words (a date that is both "date limite" and "date de…") keep the first. */
function withoutOverlaps(facts: Fact[]): Fact[] {
  const out: Fact[] = [];
  for (const f of facts) {
    if (out.some((o) => o.start === f.start && o.end === f.end && o.field !== f.field && o.field !== 'lot' && f.field !== 'lot')) continue;
    out.push(f);
  }
  return out;
}
