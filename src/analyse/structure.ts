// Document structure beside the sentences: citations (a statute, a decision, a records
// schedule, a code named for reference) and the document's own issuer.
import type { Span } from './passages.js';

// ---------------------------------------------------------------------------------------------
// Citations. A category word inside a citation names the text cited; it does not say that a
// system is fed by that data (taxonomy: "citations are mentions by name"). Patterns work on the
// folded text (lower case, no accents); `original` gives the printed character for capitals.

const FR_ACT = String.raw`(?:loi|decret|ordonnance|arrete|directive|reglement|circulaire|deliberation)(?:\s+(?:organique|ministeriel|prefectoral|d'execution|delegue|cadre))?`;
const NUMBER = String.raw`(?:\s*\(?(?:ue|ce|eu|cee)\)?)?\s*(?:n\s*[°o]\.?|no\.?|numero)?\s*\d[\w./-]*`;
const DATE = String.raw`(?:\s+(?:du|of)\s+(?:\d{1,2}(?:er)?\s+)?[a-z]+\s+\d{4})`;
const TITLE_START = String.raw`(?:,?\s+(?:relati(?:f|ve|fs|ves)|portant|reglementant|modifiant|pris\s+pour|concernant|tendant|d'orientation|pour\s+une?|visant|sur\s+l[ae']|on\s+the|regarding|concerning))`;
// "loi n° 83-629 du 12 juillet 1983 réglementant…", "décret du 6 mai 2017 relatif…", "règlement (UE) 2016/679"
const FR_STATUTE = new RegExp(String.raw`\b${FR_ACT}(?:${NUMBER}${DATE}?|${DATE})(${TITLE_START})?`, 'gu');
// "CE, 27 juin 2016, n° 385091", "Cons. const., 23 juillet 2015, n° 2015-713 DC", "décision n° 2015-713 DC"
const DECISION = new RegExp(
  String.raw`\b(?:(?:ce|c\.\s?e\.|cons\.\s?const\.|cedh|cour edh|cjue|cjce|cass\.?(?:\s+(?:crim|civ|soc|com)\.?)?|caa\s+\p{L}{1,200}|ta\s+\p{L}{1,200})(?:,\s*(?:ass|sect|ord|ref)\.?)?,?\s+\d{1,2}(?:er)?\s+[a-z]+\s+\d{4},?\s*(?:n\s*[°o]s?\.?|nos?\.?)\s*[\d-]+(?:\s*(?:dc|qpc))?|decision\s+(?:n\s*[°o]\.?|no\.?)\s*[\d-]+\s*(?:dc|qpc)?)`,
  'gu',
);
// French codes cited by name: "code des postes et des communications électroniques", "code de la santé publique".
const FR_CODE = new RegExp(
  String.raw`\bcode\s+(?:de\s+la\s+securite\s+interieure|des\s+postes\s+et\s+(?:des\s+)?communications\s+electroniques|de\s+la\s+sante\s+publique|de\s+procedure\s+penale|penal|civil|de\s+la\s+route|general\s+des\s+collectivites\s+territoriales|de\s+la\s+commande\s+publique|des\s+relations\s+entre\s+le\s+public\s+et\s+l'administration|de\s+la\s+defense|du\s+travail|du\s+patrimoine|de\s+justice\s+administrative|de\s+l'entree\s+et\s+du\s+sejour\s+des\s+etrangers[\p{L}\s']{0,200}?|des\s+transports|de\s+l'action\s+sociale\s+et\s+des\s+familles|de\s+la\s+securite\s+sociale)\b|\b(?:csi|cpce|cpp|csp|cgct)\b`,
  'gu',
);
// "Cal. Gov. Code § 7284", "Penal Code section 1798.90.5", "42 U.S.C. § 1983", "Pub. L. 107-56"
const EN_CODE_SECTION = /\b(?:[a-z]+\.?\s+){0,3}(?:code|u\.s\.c\.|c\.f\.r\.)\s*,?\s*(?:§+|sec(?:tion|s)?\.?|s\.)\s*[\d.()a-z-]*\d|\bpub(?:lic)?\.?\s+l(?:aw)?\.?\s+(?:no\.?\s*)?\d+-\d+/gu;
// A records schedule, a retention schedule, a disposition authority: the titles near it are titles.
const RECORDS_SCHEDULE =
  /\b(?:(?:general\s+)?records?\s+(?:retention\s+)?schedules?|retention\s+schedules?|records?\s+disposition|disposition\s+authority|schedule\s+(?:number|no\.?)|grs\s+\d|gs\s+\d|n1-\d|daa-\d|tableau\s+de\s+gestion|calendrier\s+de\s+conservation|referentiel\s+de\s+conservation)/u;
// Words a cited English title ends with ("… Privacy Act", "… Vehicle Code", "… Records Schedule").
const TITLE_ENDS = new Set(['act', 'acts', 'code', 'schedule', 'regulation', 'regulations', 'directive', 'ordinance', 'statute', 'decree']);
const TITLE_MINOR = new Set(['of', 'and', 'the', 'for', 'on', 'in', 'to', 'de', 'du', 'des', 'la', 'le', 'et', "&"]);
const RECORD_TITLE_ENDS = new Set(['file', 'files', 'records', 'record', 'schedule', 'series', 'system']);

/**
 * Each pattern with what every match of it holds: a passage without that is not searched (the
 * English section pattern tries three words before "code" at every word of every passage).
 */
const CITATION_PATTERNS: [RegExp, RegExp][] = [
  [DECISION, /decision|\d{4}/],
  [FR_CODE, /code|csi|cpce|cpp|csp|cgct/],
  [EN_CODE_SECTION, /code|u\.s\.c\.|c\.f\.r\.|pub/],
];

// A visa opens the passage and names a legal text, a decision or an opinion ("Vu la loi…",
// "Vu l'avis de la commission…", "Having regard to Article 58…"); a visa of a request or a file
// ("Vu la demande présentée par le maire…") is not taken: it may be the decision's own subject.
const VISA = new RegExp(
  String.raw`^\s*(?:vu\s+(?:le|la|les|l'|l’)\s*(?:code|loi|decret|ordonnance|arrete|circulaire|deliberation|decision|avis|reglement|directive|convention|charte|constitution|traite)s?\b|having\s+regard\s+to\s+(?:the\s+)?(?:article|articles|regulation|directive|convention|charter|treaty|law|act|decision|opinion)\b)`,
  'u',
);

// A prefectoral order authorising, renewing or changing one installation (the individual
// authorisation of CSI L252-1: "Vu l'arrêté préfectoral n° … portant autorisation du système de
// vidéoprotection de la gare") is no text cited for reference: it names the system the council
// extends or the site holds, so its words are read as the page's own.
const INDIVIDUAL_AUTHORISATION = /^(?:vu\s+(?:l'|l’)\s*)?arretes?\s+prefectora(?:l|ux)\b[^;]{0,80}?\b(?:portant|autorisant)\s+(?:autorisation|renouvellement|modification|l'installation)\b/u;

/** Character spans (folded offsets) of the citations inside one passage. */
export function findCitations(folded: string, passage: Span, original: (i: number) => string): Span[] {
  const text = folded.slice(passage.start, passage.end);
  const spans: Span[] = [];
  const add = (start: number, end: number) => {
    if (!INDIVIDUAL_AUTHORISATION.test(text.slice(start, end))) spans.push({ start: passage.start + start, end: passage.start + end });
  };
  for (const m of text.matchAll(FR_STATUTE)) {
    const end = m[1] ? titleEnd(text, m.index + m[0].length) : m.index + m[0].length;
    add(m.index, end);
  }
  for (const [re, needs] of CITATION_PATTERNS) if (needs.test(text)) for (const m of text.matchAll(re)) add(m.index, m.index + m[0].length);
  // The visas of a decision, an order or an opinion ("Vu le code de la sécurité intérieure,
  // notamment ses articles L251-1 et suivants relatifs à la vidéoprotection ;", "Having regard
  // to Regulation (EU) 2016/679…"): the whole visa names a text, up to its ";" or full stop.
  const visa = VISA.exec(text);
  if (visa) add(visa.index, titleEnd(text, visa.index + visa[0].length));
  // Capitalised titles: "Electronic Communications Privacy Act", "California Vehicle Code";
  // with a records schedule in the passage, every capitalised or upper-case run is a title.
  const schedule = RECORDS_SCHEDULE.test(text);
  for (const run of capitalisedRuns(folded, passage, original)) {
    const last = run.words[run.words.length - 1];
    if (run.words.length < 2) continue;
    if (TITLE_ENDS.has(last) || (schedule && (run.upper || RECORD_TITLE_ENDS.has(last)))) spans.push({ start: run.start, end: run.end });
  }
  return spans;
}

// A verb of which the cited text is the subject ends its title: "la loi n° 2021-646 … pour une
// sécurité globale préservant les libertés a modifié le code…", "the Regulation … requires…".
// Titles name, they do not conjugate.
const TITLE_VERB =
  /\s(?:(?:a|ont|avait|avaient)\s+(?:ouvert|modifie|cree|prevu|autorise|introduit|permis|institue|etendu|complete|instaure|consacre|precise|fixe|defini|encadre|habilite|confie|abroge|remplace|insere|renforce|elargi|pose|reconnu|organise)|prevoit|prevoient|dispose|disposent|autorise|autorisent|permet|permettent|ouvre|ouvrent|impose|imposent|interdit|interdisent|requires|require|provides|allows|permits|prohibits|authori[sz]es|establishes)\b/u;

/** Where a cited title ends: at ";", a closing bracket, the end of the sentence, "," before a new clause or a verb it is the subject of. */
function titleEnd(text: string, from: number): number {
  const rest = text.slice(from);
  // An abbreviation's full stop ("L. 251-1", "art. 9", "al. 2") does not end the title.
  const stop = /;|\)|(?<!\b(?:[a-z]|art|arts|al|cf|ann|chap|sect|sec|no|nos|pp?))\.(?:\s|$)|,\s+(?:le|la|les|l'|il|elle|ils|ce|cet|cette|ces|un|une|des|the|this|these|it|a|an|each|all|which|who|que|qui|dont|lorsque|when|where|afin|en\s+vue|so\s+that|in\s+order)\b/u.exec(rest);
  const verb = TITLE_VERB.exec(rest);
  const at = Math.min(stop ? stop.index : rest.length, verb ? verb.index : rest.length);
  return from + at;
}

interface Run {
  start: number;
  end: number;
  words: string[];
  upper: boolean;
}

/** Runs of capitalised words (minor words allowed inside), folded offsets. */
function capitalisedRuns(folded: string, passage: Span, original: (i: number) => string): Run[] {
  const runs: Run[] = [];
  // Bounded: an unbounded run over millions of letters overflows V8's regular expression stack.
  const word = /[\p{L}][\p{L}'’-]{0,199}|&/gu;
  word.lastIndex = passage.start;
  let current: Run | null = null;
  let pendingMinor: string[] = [];
  const close = () => {
    if (current) runs.push(current);
    current = null;
    pendingMinor = [];
  };
  for (let m = word.exec(folded); m && m.index < passage.end; m = word.exec(folded)) {
    const w = m[0];
    const between = current ? folded.slice(current.end, m.index) : '';
    if (current && !/^\s*$/.test(between)) close();
    // Most words are in lower case: their first printed character says so, and the word is
    // not spelt out again from the page text.
    const first = original(m.index);
    const lower = first !== undefined && w.length > 0 && !(first >= '\ud800' && first <= '\udbff') && !/^\p{Lu}/u.test(first);
    let printed = '';
    if (!lower) for (let i = 0; i < w.length; i++) printed += original(m.index + i) ?? '';
    const capital = !lower && /^\p{Lu}/u.test(printed);
    if (capital) {
      const upper = printed.length > 1 && printed === printed.toUpperCase();
      if (!current) current = { start: m.index, end: m.index + w.length, words: [w], upper };
      else {
        for (const minor of pendingMinor) current.words.push(minor);
        current.words.push(w);
        current.end = m.index + w.length;
        current.upper &&= upper;
      }
      pendingMinor = [];
    } else if (current && TITLE_MINOR.has(w) && pendingMinor.length < 2) pendingMinor.push(w);
    else close();
  }
  close();
  return runs;
}

// ---------------------------------------------------------------------------------------------
// The issuer: the buyer or author of the document, read from its first page and running lines.
// It is never a public or private partner of itself ("La préfecture fournira au prestataire…").

/** Institutions that issue documents, by the words that head their name (folded; longest first where one starts another). */
const FR_HEADS = [
  'prefecture',
  'mairie',
  'ville',
  'commune',
  'departement',
  'region',
  'metropole',
  'eurometropole',
  "communaute d'agglomeration",
  'communaute de communes',
  'communaute urbaine',
  'communaute',
  'agglomeration',
  'ministere',
  'fondation',
  'universite',
  'etablissement public',
  'centre hospitalier',
  'syndicat',
  'conseil departemental',
  'conseil regional',
  'police municipale',
];
const EN_HEADS = ['city', 'county', 'town', 'village', 'state', 'department', 'police department', "sheriff's office", "sheriff's department", 'sheriff', 'agency', 'office'];
const LABELLED_ISSUER = /^(?:pouvoir adjudicateur|entite adjudicatrice|acheteur|maitre d'ouvrage|personne publique|issued by|issuing agency|contracting authority)\s*:?\s*(.{3,80})$/u;
const FR_NAMED = new RegExp(String.raw`^(?:${FR_HEADS.join('|')})\b(?:\s+(?:de|du|des|d'|de la|de l')\s*[\p{L}' -]{2,60})?$`, 'u');
const EN_NAMED = /^(?:(?:the\s+)?(?:city|county|town|village|state)\s+of\s+[\p{L} .'-]{2,40}|[\p{L} .'-]{2,40}\s+(?:police department|sheriff's (?:office|department)|police|department of [\p{L} ]{2,30}))$/u;
/**
 * A word every EN_NAMED line has, between spaces or the line's ends: a line without one is
 * not tried. V8 compiles EN_NAMED's letter classes to machine code on its second use, some
 * 10 ms of a one-page scan, for lines that are next to never an English name.
 */
const EN_NAMED_WORD = /(?:^|\s)(?:city|county|town|village|state|police|sheriff's|department)(?:\s|$)/;
const enNamed = (line: string) => EN_NAMED_WORD.test(line) && EN_NAMED.test(line);
/** "DHS/ICE/PIA-039": the component that wrote a privacy impact assessment. */
const PIA_ID = /\b([a-z]{2,6})\/([a-z]{2,6})\/(?:pia|sorn)-/u;

export interface Issuer {
  /** Folded names of the issuer ("prefecture de la region guyane", "garden grove police department", "ice"). */
  names: string[];
  /** Head words it is called by when the text names it for short ("la préfecture", "the City"). */
  heads: string[];
}

/**
 * The issuer from the head of the first page (a letterhead, a cover: "Ville de …", "City of …",
 * "… Police Department") and the running header and footer lines; `labelledOnly` are lines read
 * only for a labelled issuer ("Pouvoir adjudicateur : …"). Lines are folded.
 */
export function findIssuer(lines: string[], labelledOnly: string[] = []): Issuer {
  const names = new Set<string>();
  const heads = new Set<string>();
  for (const raw of [...lines, ...labelledOnly]) {
    const line = raw.trim().replace(/\s+/g, ' ');
    if (line.length < 3 || line.length > 90) continue;
    const labelled = LABELLED_ISSUER.exec(line);
    if (!labelled && !lines.includes(raw)) continue;
    const candidate = labelled ? labelled[1].replace(/[.,;]+$/, '').trim() : line;
    const pia = PIA_ID.exec(line);
    if (pia) for (const acronym of [pia[1], pia[2]]) if (acronym !== 'xxx') names.add(acronym);
    const head = FR_HEADS.find((h) => candidate.startsWith(h)) ?? (enNamed(candidate) ? EN_HEADS.find((h) => new RegExp(`\\b${h}\\b`).test(candidate)) : undefined);
    if (!head) continue;
    if (FR_NAMED.test(candidate) || enNamed(candidate) || labelled) {
      names.add(candidate);
      heads.add(head);
    }
  }
  return { names: [...names], heads: [...heads] };
}

/**
 * Spans (folded offsets) where a passage names the issuer: its full names, an acronym of it
 * spelt out before the acronym ("U.S. Immigration and Customs Enforcement (ICE)"), and its head
 * word used for short with an article ("la préfecture", "the Department") when no other name
 * follows it ("la préfecture de police" is another body).
 */
export function findIssuerSpans(folded: string, passage: Span, issuer: Issuer): Span[] {
  if (issuer.names.length === 0 && issuer.heads.length === 0) return [];
  const patterns = issuerPatterns(issuer);
  const text = folded.slice(passage.start, passage.end);
  const spans: Span[] = [];
  const add = (start: number, end: number) => spans.push({ start: passage.start + start, end: passage.start + end });
  for (const { name, whole, spelt } of patterns.names) {
    // Both patterns hold the name as it is written: most passages do not name the issuer.
    if (!text.includes(name)) continue;
    for (const m of text.matchAll(whole)) add(m.index, m.index + m[0].length);
    if (!spelt) continue;
    // The name spelt out before "(ICE)": as many capitalised words as letters, minor words aside.
    for (const m of text.matchAll(spelt)) {
      const words = m[1].trim().split(/\s+/);
      const initials = words.filter((w) => !TITLE_MINOR.has(w) && w !== 'u.s.').map((w) => w[0]).join('');
      if (initials.endsWith(name)) add(m.index, m.index + m[0].length);
    }
  }
  for (const { head, re } of patterns.heads) {
    if (!text.includes(head)) continue;
    for (const m of text.matchAll(re)) add(m.index + m[0].length - m[1].length, m.index + m[0].length);
  }
  return spans;
}

interface IssuerPatterns {
  names: { name: string; whole: RegExp; spelt: RegExp | null }[];
  heads: { head: string; re: RegExp }[];
}

/** The issuer is one per document: its patterns are compiled once, not once per passage. */
const compiledIssuers = new WeakMap<Issuer, IssuerPatterns>();

function issuerPatterns(issuer: Issuer): IssuerPatterns {
  let patterns = compiledIssuers.get(issuer);
  if (!patterns) {
    patterns = {
      names: issuer.names.map((name) => ({
        name,
        whole: new RegExp(`(?<![\\p{L}\\p{N}])${escape(name)}(?![\\p{L}\\p{N}])`, 'gu'),
        spelt: /^[a-z]{2,6}$/.test(name) ? new RegExp(`(?<![\\p{L}.])((?:[\\p{L}.]{1,200}\\s+){1,12})\\(${name}\\)`, 'gu') : null,
      })),
      heads: issuer.heads.map((head) => ({ head, re: new RegExp(`\\b(?:la|le|les|l'|cette|the|this|our)\\s*(${escape(head)})\\b(?!\\s+(?:de|du|des|d'|of)\\b)`, 'gu') })),
    };
    compiledIssuers.set(issuer, patterns);
  }
  return patterns;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------------
// Footnotes of a PDF page: lines at the foot of the page that start with a note number the body
// above carries glued to a word or a stop ("… Records Schedule.20 Investigative …"). Each note
// is a passage of its own: it neither continues the body's last sentence nor joins it in a frame.

// The note's text starts like a sentence or a reference: "20 See …", "1Quelqu'un …", not "2 et 4 de …".
const NOTE_START = /^\s*(\d{1,3})\s*(?=[\p{Lu}«"“]|https?:)/u;

/** Footnote lines of a page: the index of each note's first line → its number, and every line of the notes. */
/** A note marker called in the text: a number right after a letter or a punctuation mark ("données1", "»2"). */
const NOTE_CALL = /[\p{L}.,;:)»"”’'](\d+)(?!\d)/gu;

export function findFootnotes(lines: { text: string }[], skip: ReadonlySet<number>): { starts: Map<number, number>; lines: Set<number> } {
  const starts = new Map<number, number>();
  const all = new Set<number>();
  const kept = lines.map((_, i) => i).filter((i) => !skip.has(i));
  // Notes sit in the lower half of the page's lines, after at least one body line.
  const from = Math.max(1, Math.floor(kept.length / 2));
  let block = -1;
  let last = 0;
  // Where each note marker is first called: one pass over the lines, not one per numbered line.
  let calls: Map<string, number> | undefined;
  const firstCall = (marker: string): number => {
    if (!calls) {
      calls = new Map();
      for (let k = 0; k < kept.length; k++) {
        for (const m of lines[kept[k]].text.matchAll(NOTE_CALL)) if (!calls.has(m[1])) calls.set(m[1], k);
      }
    }
    return calls.get(marker) ?? Infinity;
  };
  for (let k = from; k < kept.length; k++) {
    const i = kept[k];
    const m = NOTE_START.exec(lines[i].text);
    if (!m) continue;
    const n = Number(m[1]);
    if (block >= 0 && n <= last) continue;
    // A numbered line that no marker above calls is body text, or a note's own wrapped line.
    if (!(firstCall(String(n)) < (block >= 0 ? block : k))) continue;
    if (block < 0) block = k;
    starts.set(i, n);
    last = n;
  }
  if (block >= 0) for (let k = block; k < kept.length; k++) all.add(kept[k]);
  return { starts, lines: all };
}
