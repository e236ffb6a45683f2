// What one document says of the others: the documents it names (the RC's list of consultation
// documents, "annexe n° 3", "voir le CCAP", "Exhibit B", "disponible sur demande", "non
// communiquée"…), what it is itself (file name, first-page title), the annexes it holds under a
// heading of their own, and marks of content withheld from it ("[REDACTED]", "occulté en
// application de…"). The dossier-wide list (report/model/missing.ts) matches them together.
//
// Precision first: a kind of document is taken only where the text clearly refers to it (a
// list of the consultation documents, a "voir"/"cf." or a cue), an annex only with its number,
// and annexes of a law ("annexe I du règlement (UE)…") never. Every pattern is bounded.
import { foldChar } from '../text/fold.js';
import { findRunningLines } from '../text/headers.js';
import type { DocumentRef, DossierClues, Line, MissingCitation, MissingReason, Page } from '../types.js';

/** Page text folded (lower case, no accents), with each folded unit's index in the original. */
interface Folded {
  text: string;
  map: number[];
}

function fold(text: string): Folded {
  let out = '';
  const map: number[] = [];
  for (let i = 0; i < text.length; ) {
    // A run of ASCII is lower-cased at once: one unit in, one unit out.
    let end = i;
    while (end < text.length && text.charCodeAt(end) < 0x80) end++;
    if (end > i) {
      out += text.slice(i, end).toLowerCase();
      for (let k = i; k < end; k++) map.push(k);
      i = end;
      if (i >= text.length) break;
    }
    const code = text.codePointAt(i)!;
    const ch = String.fromCodePoint(code);
    // Only what keeps offsets simple: one unit in, at most a few out.
    const folded = foldChar(ch);
    for (let k = 0; k < folded.length; k++) map.push(i);
    out += folded;
    i += ch.length;
  }
  map.push(text.length);
  return { text: out, map };
}

/** Kinds of the consultation documents (CCP R2132-1) by their acronym, as written (upper case). */
const ACRONYMS: Record<string, string> = { RC: 'rc', AE: 'ae', ATTRI1: 'ae', CCAP: 'ccap', CCTP: 'cctp', CCP: 'ccp', BPU: 'bpu', DPGF: 'dpgf', DQE: 'dqe' };

/** The same kinds by their full names, folded. */
const FULL_NAMES: [RegExp, string][] = [
  [/^reglement (?:de (?:la )?|du )?consultation/, 'rc'],
  [/^acte d'engagement/, 'ae'],
  [/^cahier de(?:s)? clauses administratives particulieres/, 'ccap'],
  [/^cahier de(?:s)? clauses techniques particulieres/, 'cctp'],
  [/^cahier de(?:s)? clauses particulieres/, 'ccp'],
  [/^bordereau des prix unitaires/, 'bpu'],
  [/^decomposition du prix global(?: et)? forfaitaire/, 'dpgf'],
  [/^detail quantitatif(?: et)? estimatif/, 'dqe'],
];

/** How each kind is named in a request: the acronym, or the word with its number. */
export const KIND_TITLES: Record<string, { fr: string; en: string }> = {
  rc: { fr: 'Règlement de la consultation (RC)', en: 'Rules of the consultation (RC)' },
  ae: { fr: "Acte d'engagement (AE)", en: 'Form of tender (AE)' },
  ccap: { fr: 'Cahier des clauses administratives particulières (CCAP)', en: 'Special administrative conditions (CCAP)' },
  cctp: { fr: 'Cahier des clauses techniques particulières (CCTP)', en: 'Technical specifications (CCTP)' },
  ccp: { fr: 'Cahier des clauses particulières (CCP)', en: 'Special conditions (CCP)' },
  bpu: { fr: 'Bordereau des prix unitaires (BPU)', en: 'Schedule of unit prices (BPU)' },
  dpgf: { fr: 'Décomposition du prix global et forfaitaire (DPGF)', en: 'Breakdown of the lump-sum price (DPGF)' },
  dqe: { fr: 'Détail quantitatif estimatif (DQE)', en: 'Bill of quantities (DQE)' },
  annex: { fr: 'Annexe', en: 'Annex' },
  exhibit: { fr: 'Exhibit', en: 'Exhibit' },
  attachment: { fr: 'Attachment', en: 'Attachment' },
  appendix: { fr: 'Appendix', en: 'Appendix' },
  plans: { fr: 'Plans', en: 'Plans' },
};

/** The title of a reference as the dossier's language writes it: "Annexe 3", "Exhibit B", "CCTP". */
export function refTitle(ref: DocumentRef): string {
  if (ref.kind === 'annex') return `Annexe ${ref.number ?? ''}`.trim();
  const word = KIND_TITLES[ref.kind]?.en ?? ref.kind;
  if (ref.number) return `${word} ${ref.number}`;
  return ref.kind in ACRONYM_OF ? ACRONYM_OF[ref.kind] : word;
}
const ACRONYM_OF: Record<string, string> = { rc: 'RC', ae: 'AE', ccap: 'CCAP', cctp: 'CCTP', ccp: 'CCP', bpu: 'BPU', dpgf: 'DPGF', dqe: 'DQE' };

/** A numbered part: "annexe n° 3", "annexes 2 et 3", "Exhibit B", "Appendix IV" (folded text). */
const NUMBERED = /\b(annexes?|annex|exhibits?|attachments?|appendix|appendices)[ \t\n]{1,3}(?:n[ \t]?°[ \t]?|no\.?[ \t]?|numero[ \t]|number[ \t])?(\d{1,3}|[a-z]{1,4})\b((?:[ \t\n]{0,2}(?:,|et|and|&)[ \t\n]{1,2}(?:\d{1,3}|[a-z]{1,4})\b){0,6})/g;
const NUMBERED_KIND: Record<string, string> = { annex: 'annex', annexe: 'annex', annexes: 'annex', exhibit: 'exhibit', exhibits: 'exhibit', attachment: 'attachment', attachments: 'attachment', appendix: 'appendix', appendices: 'appendix' };

/** After a numbered part: it belongs to a law, a code or a general text, not to the dossier. */
const OF_A_LAW =
  /^[ \t\n]{0,3}[),]?[ \t\n]{0,3}(?:du|de la|de l'|des|de|a la|au|aux|of|to|in|under)[ \t\n]{1,3}(?:la |l'|le |the |cette |ce |said )?(?:present |presente )?(?:reglement|directive|decret|arrete|loi\b|code\b|avis\b|ordonnance|convention|circulaire|regulation|act\b|decision|traite|treaty|ccag|protocole|norme|standard|rgpd|gdpr|charte|charter|guide|instruction|deliberation|statute|ordinance|resolution|ue\b|eu\b|\(ue\)|\(eu\))/;

/** Words before a kind of document that make it a reference ("voir le CCAP", "cf. DPGF", "défini au CCAP"). */
const REFERS_BEFORE =
  /(?:\bvoir|\bcf\.?|\bconfer|\bconformement (?:aux?|a l')|\b(?:defini|precise|decrit|fixe|indique|mentionne|prevu|detaille|figurant|joint|annexe)e?s? (?:aux?|dans (?:le|la|l')|a l'|en)|\bsee|\bas (?:set out|defined|described) in)[ \t\n]{0,3}(?:le |la |l'|les |du |the )?$/;

/** A quoted title after "voir le document": «…», "…", “…”. */
const QUOTED_TITLE = /^[ \t\n]{0,3}(?:intitule[ \t\n]{1,3})?(?:«[ \t\n]*([^»\n]{3,100}?)[ \t\n]*»|"([^"\n]{3,100})"|“([^”\n]{3,100})”)/;

/** The cues that a document is not given with the dossier (folded). */
const CUES: { pattern: RegExp; reason: MissingReason }[] = [
  { pattern: /\b(?:disponibles? sur (?:simple )?demande|communique(?:e|s|es)? sur (?:simple )?demande|available (?:up)?on request)/g, reason: 'on-request' },
  { pattern: /\b(?:non communique(?:e|s|es)?|not (?:provided|disclosed|included|attached))\b/g, reason: 'not-communicated' },
  { pattern: /\b(?:(?:sera|seront|est|sont) (?:transmis|remis|communique)(?:e|s|es)? (?:au|a l')[ \t\n]?(?:titulaire|attributaire)|will be (?:provided|given|sent) to the (?:successful (?:bidder|proposer|offeror)|contractor|awardee))/g, reason: 'sent-to-holder' },
];

/** Nouns of documents a cue may be about when no kind or number is named (folded). */
const DOCUMENT_NOUNS = /\b(plans?|documents?|listes?|cahiers?|rapports?|etudes?|schemas?|cartographies?|inventaires?|fichiers?|notes?|dossiers?|releves?|specifications?|drawings?|reports?|lists?|studies|study|maps?|schedules?|manuals?|manuels?)\b/g;

/** Marks of withheld content (folded): "[REDACTED]", "(occulté)", "occulté en application de l'article L311-6". */
const WITHHELD = [
  /[[(][ \t]{0,2}(?:redacted|occulte(?:e|s|es)?|caviarde(?:e|s|es)?|passage (?:occulte|caviarde)|mention (?:occultee|caviardee))[ \t]{0,2}[\])]/g,
  /\b(?:occulte|caviarde)(?:e|s|es)? (?:en application|au titre|conformement|sur le fondement)\b/g,
  /\b(?:passages?|mentions?) (?:occulte|caviarde)(?:e|s|es)?\b/g,
  /\bredacted (?:pursuant|under|per|in accordance)\b/g,
];
/** The same marks written in capitals, alone: "REDACTED", "OCCULTÉ", "CAVIARDÉ" (original text). */
const WITHHELD_CAPITALS = /(?<![\p{L}\p{N}])(?:REDACTED|OCCULTÉE?S?|CAVIARDÉE?S?)(?![\p{L}\p{N}])/gu;

/** A heading line that is a part of its own: "ANNEXE 3 – Plans", "Exhibit B:", "Annexe n°2" alone. */
const HEADING_AFTER = /^[ \t]{0,3}(?:$|[:\-–—.)]|\(|\p{Lu}{2})/u;

/** A line that opens the RC's list of consultation documents (folded). */
const LIST_OPENING =
  /\b(?:contenu du (?:dossier de (?:la )?consultation|dce)|composition du (?:dossier de (?:la )?consultation|dce)|pieces (?:constitutives )?du (?:dossier de (?:la )?consultation|dce)|(?:le )?(?:dossier de (?:la )?consultation|dce)(?: des entreprises)? (?:comprend|est compose|contient|se compose)|documents de la consultation (?:sont|comprennent))/;
/** What every LIST_OPENING holds (a line's folded text is part of its page's). */
const LIST_WORDS = /dossier de|dce|documents de la consultation/;
/** A line that is an item of a list. */
const LIST_ITEM = /^[ \t]*(?:[-−–—•▪▫◦·*>o][ \t]|[a-z\d]{1,2}[).][ \t])/u;
/** How many lines after the opening the list may run. */
const LIST_LINES = 25;
/** A line that ends the list: a numbered heading or an article. */
const LIST_END = /^[ \t]*(?:article[ \t]+\d|\d{1,2}(?:\.\d{1,2}){0,3}[ \t.)-]+\p{Lu}\p{Ll}|chapitre|titre[ \t]+[ivx\d])/iu;

const QUOTE_AROUND = 70;
/** Citations kept per reference and withheld page: the dossier-wide list keeps the first ones. */
const MAX_PER_DOCUMENT = 200;

/** A letter or a roman numeral counts only written in capitals ("annexe A", not "annexe à"). */
function numberOf(folded: string, original: string): string | null {
  if (/^\d+$/.test(folded)) return String(Number(folded));
  if (original !== original.toUpperCase()) return null;
  if (/^[ivx]{1,4}$/.test(folded) || /^[a-z]$/.test(folded)) return original.toUpperCase();
  return null;
}

function lineAt(lines: Line[], offset: number): Line | undefined {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (lines[mid].end < offset) lo = mid + 1;
    else if (lines[mid].start > offset) hi = mid - 1;
    else return lines[mid];
  }
  return undefined;
}

/** The citing words: the match and up to QUOTE_AROUND characters either side on its lines, whole words. */
function citationAt(document: string, page: Page, start: number, end: number): MissingCitation {
  const text = page.text;
  const first = lineAt(page.lines, start);
  const last = lineAt(page.lines, end) ?? first;
  let from = Math.max(first?.start ?? 0, start - QUOTE_AROUND);
  let to = Math.min(last?.end ?? text.length, end + QUOTE_AROUND);
  while (from > (first?.start ?? 0) && /[\p{L}\p{N}]/u.test(text[from - 1])) from--;
  while (to < (last?.end ?? text.length) && /[\p{L}\p{N}]/u.test(text[to])) to++;
  const quote = text.slice(from, to).replace(/\s+/g, ' ').trim();
  return {
    document,
    page: page.number,
    pageLabel: page.label ?? String(page.number),
    ...(first?.location ? { location: { ...first.location, heading: null } } : {}),
    quote,
    start: from,
    end: to,
  };
}

/** The kinds and numbers a title names at its start: "CAHIER DES CLAUSES TECHNIQUES…", "ANNEXE N° 3 : plans", "CCTP". */
function kindsAtStart(original: string): DocumentRef[] {
  const f = fold(original);
  const refs: DocumentRef[] = [];
  for (const [pattern, kind] of FULL_NAMES) if (pattern.test(f.text)) refs.push({ kind, number: null });
  const acronym = /^([A-Z]{2,6}1?)(?![\p{L}\p{N}])/u.exec(original);
  if (acronym && ACRONYMS[acronym[1]]) refs.push({ kind: ACRONYMS[acronym[1]], number: null });
  NUMBERED.lastIndex = 0;
  const m = NUMBERED.exec(f.text);
  if (m && m.index === 0 && HEADING_AFTER.test(original.slice(f.map[m.index + m[0].length]))) {
    const at = m.index + m[0].length - m[3].length - m[2].length;
    const number = numberOf(m[2], original.slice(f.map[at], f.map[at + m[2].length]));
    if (number) refs.push({ kind: NUMBERED_KIND[m[1]], number });
  }
  return refs;
}

/** What a file name says the document is: "CCTP_lot2.pdf", "05-Annexe3-plans.pdf", "RC.docx", "Exhibit_B.pdf". */
export function identitiesFromName(path: string): DocumentRef[] {
  const base = (path.split(/!\/|[/\\]/).pop() ?? path).replace(/\.[A-Za-z0-9]{1,5}$/, '');
  const refs: DocumentRef[] = [];
  const tokens = base.split(/[^A-Za-z0-9]+/).filter(Boolean);
  for (const token of tokens) {
    const upper = token.toUpperCase();
    if (ACRONYMS[upper] && (upper.length > 2 || token === upper)) refs.push({ kind: ACRONYMS[upper], number: null });
    const glued = /^(annexe?|exhibit|attachment|appendix|annex)(\d{1,3}|[A-Za-z])$/i.exec(token);
    if (glued) refs.push({ kind: NUMBERED_KIND[glued[1].toLowerCase()] ?? 'annex', number: /^\d+$/.test(glued[2]) ? String(Number(glued[2])) : glued[2].toUpperCase() });
  }
  const spaced = /(?:^|[^A-Za-z])(annexe?s?|exhibit|attachment|appendix)[ _\-.]*(?:n[°o]?[ _\-.]*)?(\d{1,3}|[A-Za-z](?![A-Za-z]))/gi;
  for (const m of base.matchAll(spaced)) {
    const kind = NUMBERED_KIND[m[1].toLowerCase()] ?? 'annex';
    refs.push({ kind, number: /^\d+$/.test(m[2]) ? String(Number(m[2])) : m[2].toUpperCase() });
  }
  const folded = fold(base.replace(/[_\-.]+/g, ' ')).text;
  for (const [pattern, kind] of FULL_NAMES) if (pattern.test(folded.replace(/^[\d ]+/, ''))) refs.push({ kind, number: null });
  if (/(?:^|[^a-z])plans?(?:[^a-z]|$)/.test(folded)) refs.push({ kind: 'plans', number: null });
  return refs;
}

const sameRef = (a: DocumentRef, b: DocumentRef) => a.kind === b.kind && a.number === b.number;
function pushRef(list: DocumentRef[], ref: DocumentRef): void {
  if (!list.some((r) => sameRef(r, ref))) list.push(ref);
}

/** The first lines of the first page with text: its title ("CAHIER DES CLAUSES TECHNIQUES PARTICULIÈRES", "ANNEXE 3"). */
const TITLE_LINES = 12;

export function findDossierClues(document: string, pages: Page[], metadataTitle?: string): DossierClues {
  const running = findRunningLines(pages);
  const identities: DocumentRef[] = [];
  const holds: DocumentRef[] = [];
  const references: DossierClues['references'] = [];
  const withheld: DossierClues['withheld'] = [];
  for (const ref of identitiesFromName(document)) pushRef(identities, ref);
  if (metadataTitle) for (const ref of kindsAtStart(metadataTitle.trim())) pushRef(identities, ref);
  const titlePage = pages.find((p) => p.lines.some((l) => l.text.trim().length > 0));
  if (titlePage) {
    for (const line of titlePage.lines.slice(0, TITLE_LINES)) {
      const text = line.text.replace(/^[\s\d.\-–—•]*/, '');
      for (const ref of kindsAtStart(text)) pushRef(identities, ref);
    }
  }
  const seen = new Set<string>();
  const refer = (ref: DocumentRef | null, title: string, reason: MissingReason, at: MissingCitation) => {
    const key = `${ref ? `${ref.kind}:${ref.number}` : title.toLowerCase()}\0${reason}\0${at.page}`;
    if (seen.has(key) || references.length >= MAX_PER_DOCUMENT) return;
    seen.add(key);
    references.push({ ref, title, reason, at });
  };
  pages.forEach((page, index) => {
    // Dark boxes with no text under them (extract/pdf.ts): the page is there, part of it is not.
    if (page.darkBoxes) withheld.push({ reason: 'blacked-out', at: { document, page: page.number, pageLabel: page.label ?? String(page.number), quote: '', start: 0, end: 0 } });
    if (page.error || !page.text) return;
    const skip = running.linesByPage[index];
    const runningSpans = [...skip].map((i) => page.lines[i]).filter(Boolean);
    const inRunning = (offset: number) => runningSpans.some((l) => offset >= l.start && offset <= l.end);
    const f = fold(page.text);
    const orig = (from: number, to: number) => page.text.slice(f.map[from], f.map[to]);
    const cite = (from: number, to: number) => citationAt(document, page, f.map[from], f.map[to]);

    // The RC's list of the consultation documents: lines after its opening, until a heading.
    const listSpans: [number, number][] = [];
    // Every opening names the dossier ("dossier de", "dce", "documents de la consultation"): a
    // page whose folded text names none has none, and its lines are not folded one by one.
    const mayOpenList = LIST_WORDS.test(f.text) || page.lines.some((l) => !page.text.startsWith(l.text, l.start));
    for (const opening of mayOpenList ? page.lines : []) {
      const folded = fold(opening.text).text;
      if (!LIST_OPENING.test(folded)) continue;
      const at = page.lines.indexOf(opening);
      let end = opening.end;
      // Items (a dash, a bullet, "a)", "1.") and the lines that carry them on (lower case first).
      let items = 0;
      for (let k = at + 1; k < Math.min(page.lines.length, at + 1 + LIST_LINES); k++) {
        const text = page.lines[k].text;
        if (LIST_END.test(text)) break;
        const item = LIST_ITEM.test(text);
        if (!item && !(items > 0 && /^[ \t]*\p{Ll}/u.test(text))) break;
        if (item) items++;
        end = page.lines[k].end;
      }
      listSpans.push([opening.start, end]);
    }
    const inList = (offset: number) => listSpans.some(([a, b]) => offset >= a && offset <= b);

    // Numbered parts: annexes, exhibits, attachments, appendices.
    NUMBERED.lastIndex = 0;
    for (let m = NUMBERED.exec(f.text); m; m = NUMBERED.exec(f.text)) {
      const start = m.index;
      const end = m.index + m[0].length;
      const kind = NUMBERED_KIND[m[1]];
      const offset = f.map[start];
      if (inRunning(offset)) continue;
      if (OF_A_LAW.test(f.text.slice(end, end + 60))) continue;
      // "son annexe I", "its Appendix B": the annex of the text just named (a regulation).
      if (/\b(?:son|sa|ses|leur|leurs|its|their)[ \t\n]{1,3}$/.test(f.text.slice(Math.max(0, start - 10), start))) continue;
      // A plural takes a list ("annexes 2 et 3"); "attachments 9." is an agenda item number.
      if (/s$/.test(m[1]) && !m[3]) continue;
      const numbers: { folded: string; at: number }[] = [{ folded: m[2], at: start + m[0].length - m[3].length - m[2].length }];
      for (const extra of m[3].matchAll(/(\d{1,3}|[a-z]{1,4})\b/g)) {
        if (/^(et|and)$/.test(extra[1])) continue;
        numbers.push({ folded: extra[1], at: start + m[0].length - m[3].length + extra.index! });
      }
      const line = lineAt(page.lines, offset);
      const heading = line !== undefined && page.text.slice(line.start, offset).trim().replace(/^[\d.\s\-–—•]*/, '') === '' && HEADING_AFTER.test(page.text.slice(f.map[end], line.end));
      for (const n of numbers) {
        const number = numberOf(n.folded, orig(n.at, n.at + n.folded.length));
        if (!number) continue;
        const ref = { kind, number };
        if (heading && !inList(offset) && !cueNear(f.text, end)) pushRef(holds, ref);
        else refer(ref, '', inList(offset) ? 'listed' : 'referenced', cite(start, end));
      }
    }

    // Kinds of documents by acronym or full name: in the RC's list, or after "voir", "cf.", "défini au"…
    const kindPattern = /\b(rc|ae|attri1|ccap|cctp|ccp|bpu|dpgf|dqe|reglement (?:de (?:la )?|du )?consultation|acte d'engagement|cahier des? clauses (?:administratives |techniques )?particulieres|bordereau des prix unitaires|decomposition du prix global(?: et)? forfaitaire|detail quantitatif(?: et)? estimatif|plans)\b/g;
    for (let m = kindPattern.exec(f.text); m; m = kindPattern.exec(f.text)) {
      const start = m.index;
      const end = start + m[0].length;
      const offset = f.map[start];
      if (inRunning(offset)) continue;
      const written = orig(start, end);
      let kind: string | undefined;
      if (m[1].length <= 6 && m[1] !== 'plans') {
        if (written !== written.toUpperCase()) continue;
        kind = ACRONYMS[written];
      } else if (m[1] === 'plans') kind = 'plans';
      else kind = FULL_NAMES.find(([p]) => p.test(m![1]))?.[1];
      if (!kind) continue;
      const before = f.text.slice(Math.max(0, start - 40), start);
      if (/(?:present|presente|this)[ \t\n]{1,2}$/.test(before)) continue;
      const listed = inList(offset);
      // Plans count only in the RC's list: "plans" is a common word elsewhere.
      if (kind === 'plans' && !listed) continue;
      if (!listed && !REFERS_BEFORE.test(before)) continue;
      refer({ kind, number: null }, '', listed ? 'listed' : 'referenced', cite(start, end));
    }

    // "voir le document « Cadre de réponse technique »": a title in quotes.
    for (const m of f.text.matchAll(/\b(?:voir|cf\.?|see)[ \t\n]{1,3}(?:le |les |the )?(?:documents?|document entitled)\b/g)) {
      const after = f.text.slice(m.index! + m[0].length, m.index! + m[0].length + 120);
      const quoted = QUOTED_TITLE.exec(after);
      if (!quoted) continue;
      const qStart = m.index! + m[0].length + quoted.index + quoted[0].indexOf(quoted[1] ?? quoted[2] ?? quoted[3]);
      const title = orig(qStart, qStart + (quoted[1] ?? quoted[2] ?? quoted[3]).length).trim();
      if (!inRunning(f.map[m.index!])) refer(null, title, 'referenced', cite(m.index!, qStart + title.length));
    }

    // Cues: "disponible sur demande", "(non communiquée)", "transmis au titulaire", "available upon request".
    for (const { pattern, reason } of CUES) {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(f.text); m; m = pattern.exec(f.text)) {
        const start = m.index;
        if (inRunning(f.map[start])) continue;
        const about = subjectOf(f.text, start);
        if (!about) continue;
        const refStart = about.from;
        const title = about.ref ? '' : orig(about.from, about.to).replace(/\s+/g, ' ').trim();
        refer(about.ref, title, reason, cite(refStart, start + m[0].length));
      }
    }

    // Withheld content: redaction marks.
    const marks: [number, number][] = [];
    for (const pattern of WITHHELD) {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(f.text); m; m = pattern.exec(f.text)) marks.push([f.map[m.index], f.map[m.index + m[0].length]]);
    }
    for (const m of page.text.matchAll(WITHHELD_CAPITALS)) marks.push([m.index!, m.index! + m[0].length]);
    marks.sort((a, b) => a[0] - b[0]);
    if (marks.length && !marks.every(([a]) => inRunning(a))) {
      const [a, b] = marks.find(([s]) => !inRunning(s))!;
      withheld.push({ reason: 'redaction-mark', at: citationAt(document, page, a, b) });
    }
  });
  // A reference the document answers itself (its own identity, or a part it holds) is not one.
  const own = [...identities, ...holds];
  return {
    identities,
    holds,
    references: references.filter((r) => !r.ref || !own.some((o) => sameRef(o, r.ref!))),
    withheld,
  };
}

/** Whether a cue of CUES follows within a few words (then a heading-like line is still a reference). */
function cueNear(text: string, from: number): boolean {
  const after = text.slice(from, from + 80);
  return CUES.some(({ pattern }) => new RegExp(pattern.source).test(after));
}

/**
 * What a cue is about: the nearest numbered part or kind of document before it in its sentence
 * (within 120 characters), else a document noun with at least one word after it ("le plan de
 * récolement"); null when the sentence names no document (a "montant non communiqué").
 */
function subjectOf(text: string, cue: number): { ref: DocumentRef | null; from: number; to: number } | null {
  let from = Math.max(0, cue - 120);
  const window = text.slice(from, cue);
  const stop = Math.max(window.lastIndexOf('. '), window.lastIndexOf(';'), window.lastIndexOf('.\n'), window.lastIndexOf(':'));
  if (stop >= 0) from += stop + 1;
  const clause = text.slice(from, cue);
  let best: { ref: DocumentRef | null; from: number; to: number } | null = null;
  NUMBERED.lastIndex = 0;
  for (const m of clause.matchAll(new RegExp(NUMBERED.source, 'g'))) {
    if (/^\d+$/.test(m[2])) best = { ref: { kind: NUMBERED_KIND[m[1]], number: String(Number(m[2])) }, from: from + m.index!, to: from + m.index! + m[0].length };
  }
  if (best) return best;
  for (const m of clause.matchAll(/\b(cctp|ccap|bpu|dpgf|dqe)\b/g)) best = { ref: { kind: m[1], number: null }, from: from + m.index!, to: from + m.index! + m[0].length };
  if (best) return best;
  DOCUMENT_NOUNS.lastIndex = 0;
  let noun: RegExpExecArray | null = null;
  for (let m = DOCUMENT_NOUNS.exec(clause); m; m = DOCUMENT_NOUNS.exec(clause)) noun ??= m;
  if (!noun) return null;
  // The noun and what qualifies it, up to the verb before the cue ("est", "sont", "sera"…).
  const rest = clause.slice(noun.index).replace(/[ \t\n]+(?:est|sont|sera|seront|restent?|is|are|will be|remains?)[ \t\n]*(?:\(|$)[\s\S]*$/, '').replace(/[ \t\n(]+$/, '');
  const words = rest.split(/[ \t\n]+/).filter((w) => w.length >= 4);
  if (words.length < 2 || rest.length > 90) return null;
  return { ref: null, from: from + noun.index, to: from + noun.index + rest.length };
}
