// Negation scope, NegEx/ConText style: triggers before or after a term, scopes that end at
// clause terminators, pseudo-negations that are not negations.
import { compileCue, findCues, type CuePattern } from './cue-patterns.js';
import { CUES } from './cue-lists.js';
import type { Token } from './tokens.js';
import type { Language } from '../types.js';

export interface NegationScope {
  trigger: string;
  position: 'before' | 'after';
  /** Token indexes covered by the scope, end exclusive. */
  start: number;
  end: number;
  /**
   * An exception right after the trigger ("prohibited unless authorised", "shall not be used
   * other than for…"): the clause permits under a condition or for a purpose, it excludes
   * nothing. Such a scope negates nothing; a condition makes the mention optional.
   */
  exception?: { kind: 'condition' | 'purpose'; text: string };
  /**
   * A trailing trigger with an active verb: its object runs from the verb to `objectEnd`. When a
   * finding's words are there ("do not capture audio"), the object is what is excluded and the
   * subject is not (see withoutActiveSubjects).
   */
  active?: { objectEnd: number };
  /**
   * A trailing trigger whose subject holds a circumstance ("any face matching during drone
   * flights is prohibited", "l'emploi de la reconnaissance faciale pendant les vols de drones
   * est interdit"): the circumstance exists, what is used in it is excluded. When a
   * finding lies before `at`, the scope ends there (see withoutActiveSubjects).
   */
  circumstance?: { at: number };
}

interface CompiledCues {
  before: CuePattern[];
  after: CuePattern[];
  pseudo: CuePattern[];
  terminators: CuePattern[];
  optional: CuePattern[];
  future: CuePattern[];
  futureAhead: CuePattern[];
  listHeadings: CuePattern[];
  exceptions: CuePattern[];
  purposes: CuePattern[];
  cessations: CuePattern[];
  endings: CuePattern[];
  anaphors: CuePattern[];
  antecedents: CuePattern[];
  inquiries: CuePattern[];
  proposedUse: CuePattern[];
}

const compiled = new Map<Language, CompiledCues>();

/** The folded words a cue matched, joined by spaces: the trigger that reports show. */
const cueText = (tokens: readonly Token[], m: { start: number; end: number }) => tokens.slice(m.start, m.end).map((t) => t.text).join(' ');
export function cuesFor(language: Language): CompiledCues {
  let c = compiled.get(language);
  if (!c) {
    const lists = CUES[language];
    c = {
      before: lists.before.map(compileCue),
      after: lists.after.map(compileCue),
      pseudo: lists.pseudo.map(compileCue),
      terminators: lists.terminators.map(compileCue),
      optional: lists.optional.map(compileCue),
      future: lists.future.map(compileCue),
      futureAhead: lists.futureAhead.map(compileCue),
      listHeadings: lists.listHeadings.map(compileCue),
      exceptions: lists.exceptions.map(compileCue),
      purposes: lists.purposes.map(compileCue),
      cessations: lists.cessations.map(compileCue),
      endings: lists.endings.map(compileCue),
      anaphors: lists.anaphors.map(compileCue),
      antecedents: lists.antecedents.map(compileCue),
      inquiries: lists.inquiries.map(compileCue),
      proposedUse: lists.proposedUse.map(compileCue),
    };
    compiled.set(language, c);
  }
  return c;
}

const MAX_FORWARD = 20;
const MAX_BACKWARD = 12;
const MAX_ENUMERATION = 80;
// How far back an exclusion from the scope ("… remain out of scope", « … restent hors du
// périmètre », "… are excluded") reaches: a subject with its complements.
const MAX_BACKWARD_SCOPE = 24;
const SCOPE_WORD = /^(?:hors|scope|perimetre|champ|excluded|exclu|exclue|exclus|exclues)$/;
// The longest item of a comma list that keeps a negation going past MAX_FORWARD.
const LIST_ITEM = 8;
// How many last words of a passage ending with a colon may hold the cue that governs its list.
const LIST_CUE_REACH = 20;
// Parentheses do not end a clause: "ni avec les fichiers de police (TAJ, FPR)".
const CLAUSE_PUNCTUATION = /[;:]/;
const NEW_CLAUSE_AFTER_COMMA =
  /^(?:et|ou|and|or|while|whereas|puis)$/;
/** A trailing trigger that says a feature is switched off (folded words, as the cues are). */
const SWITCHED_OFF = /(?:^| )(?:desactive\w*|disabled|deactivated|inactive\w*|inhibe\w*|off)$/;
// How far after a trailing trigger ("… is prohibited") an exception may start ("unless…").
const EXCEPTION_REACH = 8;
// A trailing trigger that ends with an active verb ("the cameras do not capture audio", "les
// caméras ne peuvent pas utiliser la reconnaissance faciale"): a French infinitive, an English
// form that is not a participle. Its subject is excluded only when its object is no finding.
const FR_INFINITIVE = /(?:er|ir|re)$/;
const EN_PARTICIPLE = /(?:ed|sought|part)$/;
// "is not possible", "is not feasible": an adjective, not an active verb with an object.
const EN_ADJECTIVE = /(?:ible|able)$/;
const NEGATOR = /^(?:ne|n|not|never)$/;
// Participles of attachment ("équipées de", "raccordées au", "equipped with", "linked to"): the
// subject exists, what it is not attached to is excluded (the forward scope covers that).
const ATTACHMENT = /^(?:equip|dote|raccord|reli|connect|link|integr|interconnect)/;
const AUDIENCE = /^(?:a|au|aux|to|for|by)$/;
const ATTACHMENT_COMPLEMENT = /^(?:de|d|des|du|a|au|aux|with|to|into)$/;
// Words after a passive trigger that carry its negation on ("n'est pas autorisé à collecter…",
// "is not permitted to record…"); otherwise "is not used" ends the negation at the verb.
const CARRIES_ON = /^(?:a|au|aux|de|d|to|of|for|pour|par|by)$/;
// A use verb and what opens its purpose: "used to identify", "used for tracking", "utilisées
// pour filmer", "utilisés à des fins de…", "aux fins de…".
const USE_VERB = /^(?:use|used|employ|deploy|utilis|employe|exploit|deploie)/;
const PURPOSE_OPENER = /^(?:to|pour|afin)$/;
/** A purpose opened by two words ("en vue de", "dans le but de"): the negation carries on into it. */
const opensPurposePhrase = (tokens: Token[], at: number) =>
  (tokens[at]?.text === 'en' && tokens[at + 1]?.text === 'vue') || (tokens[at]?.text === 'dans' && tokens[at + 1]?.text === 'le' && tokens[at + 2]?.text === 'but');
const FOR_PURPOSE = /^(?:for|a|aux)$/;
// A locative complement after a negated participle ("not enrolled in the face recognition
// database", "ne sont pas enregistrées dans la base…"): the container exists, what is negated
// is the action on the object. Attachments ("not connected to…") are not locatives.
const LOCATIVE = /^(?:in|into|within|dans)$/;
const PARTICIPLE = /(?:ed|e|es|ee|ees|i|is|ie|ies|u|us|ue|ues)$/;
// Verbs of containment in the active voice ("LPR data does not include any personal
// information", "le fichier n'inclut pas les photographies"): what is not included is the
// object, which the forward scope of the same cue covers; the container exists.
const CONTAINMENT = /^(?:include|includes|inclut|incluent)$/;
// A relative word before the negator makes what comes before it the excluded object ("facial
// recognition, which the contract does not include"): the backward scope then stays.
const RELATIVE = /^(?:that|which|whom|que|qu|dont|lequel|laquelle|lesquels|lesquelles)$/;
// How far before an expletive "ne" a "sans que" may stand ("sans que l'image prise ne").
const SANS_QUE_REACH = 6;
// Words that open a circumstance inside the subject of a trailing trigger.
const CIRCUMSTANCE_OPENER = /^(?:during|throughout|pendant|lors|durant)$/;
// A feature of a device, and the word that names the device it belongs to.
const FEATURE = /^(?:function|functions|functionality|capability|capabilities|feature|features|module|modules|option|options|fonction|fonctions|fonctionnalite|fonctionnalites|capacite|capacites)$/;
const OF = /^(?:of|de|des|du|d)$/;
const SUBJECT_START = /^(?:le|la|les|l|il|elle|ils|elles|on|nous|the|it|they|its|their|this|these|we|ce|cette|ces|celui)$/;

// A participle of use followed by what it is used on or with ("used on", "applied to",
// "utilisée sur"), or of attachment followed by what is attached ("equipped with", "doté de").
const USED_PARTICIPLE = /^(?:used|applied|employed|deployed|run|utilisee?s?|appliquee?s?|employee?s?|deployee?s?|mise?s?)$/;
const USE_COMPLEMENT = /^(?:with|on|to|in|upon|sur|avec|dans|aux?)$/;
const ATTACHED_PARTICIPLE = /^(?:equipped|fitted|outfitted|connected|linked|integrated|interconnected|equipee?s?|dotee?s?|raccordee?s?|reliee?s?|connectee?s?|integree?s?)$/;

// What starts the object of a verb: "ended the backlog", "stopped all patrols".
const OBJECT_START = /^(?:the|a|an|its|their|his|her|all|this|that|these|those|any|our)$/;
const DETERMINER = /^(?:no|none|aucun|aucune|aucuns|aucunes|nul|nulle|nuls|nulles)$/;
const CIRCUMSTANCE = /^(?:cas|circumstances|case|event)$/;

/**
 * Whether a negation cue governs the subject that follows it: a determiner ("no drone",
 * "aucune reconnaissance faciale") or a sentence adverb ("under no circumstances", "en aucun
 * cas", "in no case") before the subject and its verb.
 */
function subjectCue(tokens: Token[], m: { start: number; end: number }): 'determiner' | 'sentence' | undefined {
  const words = tokens.slice(m.start, m.end).map((t) => t.text);
  const last = words[words.length - 1];
  if (CIRCUMSTANCE.test(last) && words.length > 1) return 'sentence';
  if (!DETERMINER.test(last) || words.length > 1) return undefined;
  return CIRCUMSTANCE.test(tokens[m.end]?.text ?? '') ? 'sentence' : 'determiner';
}

/** The first participle of use or attachment with its complement in [from, to), if any. */
function verbWithComplement(tokens: Token[], from: number, to: number): { kind: 'use' | 'attachment'; at: number } | undefined {
  for (let k = from + 1; k + 1 < to; k++) {
    const word = tokens[k].text;
    const next = tokens[k + 1].text;
    if (ATTACHED_PARTICIPLE.test(word) && (next === 'with' || next === 'to' || next === 'into' || ATTACHMENT_COMPLEMENT.test(next))) return { kind: 'attachment', at: k };
    if (USED_PARTICIPLE.test(word) && USE_COMPLEMENT.test(next)) return { kind: 'use', at: k };
  }
  return undefined;
}

/** Stores of data: not linked to the system, they are no source of it. */
const DATA_STORE = /^(?:database|databases|data|dataset|datasets|files|file|records|feeds|fichier|fichiers|donnees|base|bases|traitement|traitements)$/;
/** How far before the negation a store of data may stand as its subject. */
const DATA_STORE_REACH = 12;

/** Whether a word naming a store of data stands in the words before `at` (its subject). */
function dataStoreBefore(tokens: Token[], at: number): boolean {
  for (let k = at - 1; k >= 0 && at - k <= DATA_STORE_REACH; k--) if (DATA_STORE.test(tokens[k].text)) return true;
  return false;
}

/** An active verb of use ("using", « utiliser »): what it is used on follows "on" / « sur ». */
const ACTIVE_USE = /^(?:use|uses|using|run|runs|running|apply|applies|applying|enable|enables|enabling|perform|performs|performing|utiliser|utilise|utilisent|appliquer|employer|activer|mettre|mettent|effectuer|pratiquer)$/;
const GROUND = /^(?:on|upon|sur)$/;
/** What footage and camera feeds are called: the ground a use runs on. */
const FOOTAGE = /^(?:footage|recording|recordings|video|videos|feed|feeds|stream|streams|camera|cameras|cctv|bwc|images|enregistrements|flux|videoprotection|videosurveillance)$/;
/** How far after "on" / « sur » the footage's noun may come ("on the body-worn camera footage"). */
const GROUND_REACH = 5;

/**
 * The index of "on" / « sur » before footage that an excluded use would run on ("from using face
 * matching on the City cameras"), when a verb of use comes first in [from, to) and no clause
 * break lies between; else undefined.
 */
function groundOfUse(tokens: Token[], from: number, to: number, breaks: ReadonlyMap<number, unknown>): number | undefined {
  let used = false;
  for (let k = from; k < to; k++) {
    if (k > from && breaks.has(k)) return undefined;
    const word = tokens[k].text;
    if (ACTIVE_USE.test(word)) used = true;
    else if (used && GROUND.test(word)) {
      for (let j = k + 1; j < Math.min(to, k + 1 + GROUND_REACH); j++) {
        if (breaks.has(j)) break;
        if (FOOTAGE.test(tokens[j].text)) return k;
      }
    }
  }
  return undefined;
}

/** The first participle of use followed by a purpose ("used for", "used to", "utilisées pour") in [from, to), if any. */
function usedForPurpose(tokens: Token[], from: number, to: number): number | undefined {
  for (let k = from + 1; k + 1 < to; k++) if (USED_PARTICIPLE.test(tokens[k].text) && /^(?:for|to|pour)$/.test(tokens[k + 1].text)) return k;
  return undefined;
}

// 'comma': ", et le…" (a new clause, or the next item of a list); 'clause': a terminator word.
type Break = 'colon' | 'semicolon' | 'comma' | 'clause';

/** Token indexes before which a clause ends (punctuation, terminator words, ", et le…"). */
function clauseBreaks(tokens: Token[], folded: string, terminators: CuePattern[]): Map<number, Break> {
  const breaks = new Map<number, Break>();
  for (let i = 1; i < tokens.length; i++) {
    const between = folded.slice(tokens[i - 1].end, tokens[i].start);
    if (between.includes(':')) breaks.set(i, 'colon');
    else if (between.includes(';')) breaks.set(i, 'semicolon');
    else if (
      between.includes(',') &&
      NEW_CLAUSE_AFTER_COMMA.test(tokens[i].text) &&
      SUBJECT_START.test(tokens[i + 1]?.text ?? '')
    )
      breaks.set(i, 'comma');
  }
  for (const m of findCues(terminators, tokens)) breaks.set(m.start, 'clause');
  return breaks;
}

/**
 * Where a negation introduced at `from` stops. A colon right after the cue opens an
 * enumeration that the cue governs ("shall not be used to: (a) …; (b) …", "Sont exclus : les
 * drones, la reconnaissance faciale, et les micros"), so the scope then runs over colons,
 * semicolons and ", et les…" up to a terminator word.
 */
function forwardScopeEnd(from: number, tokens: Token[], breaks: Map<number, Break>, commas?: ReadonlySet<number>): number {
  let end = from;
  let enumeration = false;
  let listed = 0;
  let lastComma = -1;
  // A list run on by commas ("does not use aerial drones, remotely piloted vehicles (RPVs), …,
  // and/or unmanned aerial systems"; "Sont prohibés la captation du son…, l'analyse…, la
  // reconnaissance faciale") is governed to its end, as far as a clause break.
  const limit = () => (enumeration || (listed >= 2 && end - lastComma <= LIST_ITEM) ? MAX_ENUMERATION : MAX_FORWARD);
  while (end < tokens.length && end - from < limit()) {
    const b = breaks.get(end);
    if (b === 'colon' && end - from <= 3) enumeration = true;
    else if (b && !(enumeration && b !== 'clause')) break;
    if (commas?.has(end) && end > from) {
      listed++;
      lastComma = end;
    }
    end++;
  }
  return end;
}

/** Token indexes that a comma precedes. */
function commaTokens(tokens: Token[], folded: string): Set<number> {
  const found = new Set<number>();
  for (let i = 1; i < tokens.length; i++) if (folded.slice(tokens[i - 1].end, tokens[i].start).includes(',')) found.add(i);
  return found;
}

const MAX_OBJECT = 8;
const COORDINATION = /^(?:and|or|et|ou|but|mais)$/;
const AUXILIARY = /^(?:is|are|was|were|be|do|does|did|shall|will|would|may|might|must|can|could|has|have|had|est|sont|sera|seront|etait|etaient|doit|doivent|peut|peuvent|pourra|pourront|a|ont|ne|n)$/;

/** Where the object of an active verb ends: at most MAX_OBJECT words, before "and are…" (a new predicate). */
function objectEnd(from: number, limit: number, tokens: Token[]): number {
  let end = from;
  while (end < limit && end - from < MAX_OBJECT) {
    if (COORDINATION.test(tokens[end].text) && AUXILIARY.test(tokens[end + 1]?.text ?? '')) break;
    end++;
  }
  return end;
}

// "No." for "number" after the noun it numbers, in the column headers of price schedules and
// the reference lines of letters and forms ("Item No. | Description", "Bid No.", "Request No:",
// "Case No"): it negates nothing. Only after such a noun and before ".", ":", "|", "#" or a
// number, so that a table's yes/no answer ("Facial recognition | No.") stays a negation.
const NUMBERED_NOUN =
  /^(?:item|items|line|bid|contract|request|order|invoice|part|model|serial|account|permit|reference|ref|ticket|lot|po|case|file|docket|resolution|ordinance|agreement|schedule|phone|tel|fax|unit|badge|solicitation|rfp|rfq|ifb|addendum|exhibit|appendix|attachment|project|grant|award|task|record|records|row|pay|spec|specification|section|article|claim|incident|report|tag|vehicle|asset|inventory|catalog|catalogue|product|sku|stock|quote|quotation|proposal|document|doc|letter)$/;
function numberAbbreviations(tokens: Token[], folded: string): number[] {
  const found: number[] = [];
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i];
    if ((t.text !== 'no' && t.text !== 'nos') || !NUMBERED_NOUN.test(tokens[i - 1].text)) continue;
    const between = folded.slice(tokens[i - 1].end, t.start);
    if (/[.;!?\n]/.test(between)) continue;
    const next = folded.slice(t.end, t.end + 3).trimStart();
    if (/^[.:|#]/.test(next) || /^\d/.test(next)) found.push(i);
  }
  return found;
}

// A verb of acquisition or operation in the perfect or the simple past, with no form of "be"
// ("has never purchased, leased or operated a cell-site simulator", "the City has not deployed
// drones", "HBPD never acquired face recognition"): an active verb whose object is what was
// never had. Not a passive ("drones were never deployed", "has not been installed"), where the
// subject is what is excluded.
const ACQUISITION_PARTICIPLE = /^(?:purchased|acquired|procured|deployed|installed|operated|used|employed|leased|borrowed|bought|rented|owned|obtained|licensed|contracted|subscribed|tested|piloted|trialled|trialed|fielded|adopted|activated|enabled)$/;
const PERFECT_AUXILIARY = /^(?:has|have|had|did)$/;
const BE_FORM = /^(?:am|is|are|was|were|be|been|being|get|got|gets)$/;
function perfectAcquisition(tokens: Token[], m: { start: number; end: number }): boolean {
  if (!ACQUISITION_PARTICIPLE.test(tokens[m.end - 1].text)) return false;
  for (let i = m.start; i < m.end; i++) if (BE_FORM.test(tokens[i].text)) return false;
  const before = tokens[m.start - 1]?.text ?? '';
  // "officers who have not used the cameras before": a relative clause picks out some people,
  // the cameras are used by others
  if (PERFECT_AUXILIARY.test(before)) return !/^(?:who|whom)$/.test(tokens[m.start - 2]?.text ?? '');
  if (before === 'who') return false;
  // "never purchased" (simple past): after its subject, not after an auxiliary or a relative
  return tokens[m.start].text === 'never' && before !== '' && !BE_FORM.test(before) && !AUXILIARY.test(before) && !RELATIVE.test(before);
}

/** The negation scopes of one passage. */
/**
 * "X does not include Y": X, before the negator, is the container, which exists, and Y is what
 * is not included. So only when an object follows the verb in its clause and no relative word
 * ("which", "que") makes X the object itself ("facial recognition, which the system does not
 * include"; "… is a capability the cameras do not include.").
 */
function containerBefore(tokens: Token[], breaks: ReadonlyMap<number, unknown>, start: number, m: { start: number; end: number }): boolean {
  if (m.end >= tokens.length || breaks.has(m.end)) return false;
  for (let i = start; i < m.start; i++) if (RELATIVE.test(tokens[i].text)) return false;
  return true;
}

// English contractions are two tokens, "doesn" and "t": read as "does" and "not", so that every
// cue of "not" takes "doesn't", "won't", "can't" ("It also doesn't use facial recognition").
const CONTRACTED: Record<string, string> = {
  doesn: 'does', don: 'do', didn: 'did', isn: 'is', aren: 'are', wasn: 'was', weren: 'were', won: 'will', wouldn: 'would',
  can: 'can', couldn: 'could', shouldn: 'should', shan: 'shall', mustn: 'must', hasn: 'has', haven: 'have', hadn: 'had', ain: 'is',
};
/** The tokens with each contraction's two halves read as their full words (same indexes and offsets). */
function expandContractions(tokens: Token[], folded: string): Token[] {
  let out: Token[] | undefined;
  for (let i = 0; i + 1 < tokens.length; i++) {
    const full = CONTRACTED[tokens[i].text];
    if (full === undefined || tokens[i + 1].text !== 't' || folded.slice(tokens[i].end, tokens[i + 1].start) !== "'") continue;
    out ??= tokens.slice();
    out[i] = { ...tokens[i], text: full };
    out[i + 1] = { ...tokens[i + 1], text: 'not' };
  }
  return out ?? tokens;
}

export function findNegationScopes(tokens: Token[], folded: string, language: Language): NegationScope[] {
  if (language === 'en') tokens = expandContractions(tokens, folded);
  const cues = cuesFor(language);
  const blocked = new Set<number>();
  for (const m of findCues(cues.pseudo, tokens)) for (let i = m.start; i < m.end; i++) blocked.add(i);
  for (const i of numberAbbreviations(tokens, folded)) blocked.add(i);
  const free = (m: { start: number; end: number }) => {
    for (let i = m.start; i < m.end; i++) if (blocked.has(i)) return false;
    return true;
  };
  const breaks = clauseBreaks(tokens, folded, cues.terminators);
  const commas = commaTokens(tokens, folded);
  const scopes: NegationScope[] = [];
  /** "not connected to", « pas reliées au »: a cue whose verb attaches its subject to a complement. */
  const isAttachment = (m: { start: number; end: number }) => ATTACHMENT.test(tokens[m.end - 1].text) && ATTACHMENT_COMPLEMENT.test(tokens[m.end]?.text ?? '');
  const after = findCues(cues.after, tokens).filter((m) => {
    if (!free(m)) return false;
    const verb = tokens[m.end - 1].text;
    // "not accessible to the public", "pas accessibles aux tiers": access is limited to some,
    // the data exist; "n'est pas accessible par ce biais" excludes them
    if (/^accessible/.test(verb) && AUDIENCE.test(tokens[m.end]?.text ?? '')) return false;
    // "the cameras are not connected to the facial recognition software": what is not attached
    // is the complement, the subject exists; but a store of data not linked to the system
    // ("non-mugshot databases … are not linked to the DMS") is excluded as a source (see below)
    return !isAttachment(m) || dataStoreBefore(tokens, m.start);
  });
  /** Where the object of a trailing cue's verb ends: for an attachment, the whole complement. */
  const attachedObjectEnd = (m: { start: number; end: number }, attached: boolean) => {
    const clauseEnd = forwardScopeEnd(m.end, tokens, breaks);
    return attached ? clauseEnd : objectEnd(m.end, clauseEnd, tokens);
  };
  const isActive = (m: { start: number; end: number }) => {
    if (!NEGATOR.test(tokens[m.start].text)) return false;
    const verb = tokens[m.end - 1].text;
    if (language === 'fr') return FR_INFINITIVE.test(verb) && verb !== 'etre';
    return (!EN_PARTICIPLE.test(verb) && !EN_ADJECTIVE.test(verb)) || perfectAcquisition(tokens, m);
  };
  const opensPurpose = (m: { start: number; end: number }) => {
    if (!USE_VERB.test(tokens[m.end - 1].text)) return false;
    const next = tokens[m.end]?.text ?? '';
    const then = tokens[m.end + 1]?.text ?? '';
    // "utilisées pour filmer…", "utilisées pour la surveillance des agents" (not "pour ce marché")
    if (PURPOSE_OPENER.test(next)) return next !== 'pour' || FR_INFINITIVE.test(then) || /^(?:la|le|les|l|des|du)$/.test(then);
    // "en vue de capter…", "dans le but de…"
    if (opensPurposePhrase(tokens, m.end)) return true;
    if (next === 'for') return /ing$/.test(then) || then === 'the' && tokens[m.end + 2]?.text === 'purpose';
    return FOR_PURPOSE.test(next) && (then === 'fins' || then === 'des' && tokens[m.end + 2]?.text === 'fins');
  };
  const purposes = findCues(cues.purposes, tokens);
  const conditions = findCues(cues.exceptions, tokens);
  /** The exception that starts in [from, to] (a purpose first), if any. */
  const exceptionIn = (from: number, to: number): NegationScope['exception'] => {
    for (const [kind, found] of [['purpose', purposes], ['condition', conditions]] as const) {
      const e = found.find((x) => x.start >= from && x.start <= to);
      if (e) return { kind, text: cueText(tokens, e) };
    }
    return undefined;
  };
  /** An exception after a trailing trigger, within reach and in the same clause. */
  const exceptionAfter = (from: number): NegationScope['exception'] => {
    let to = from;
    while (to < tokens.length && to - from < EXCEPTION_REACH) {
      const b = breaks.get(to);
      if (b === 'colon' || b === 'semicolon') break;
      to++;
    }
    return exceptionIn(from, to);
  };
  const befores = findCues(cues.before, tokens).filter(free);
  const opensException = (b: { start: number }) => purposes.some((x) => x.start === b.start) || conditions.some((x) => x.start === b.start);
  for (const m of befores) {
    // "X is not used", "X n'est pas utilisé": the trailing trigger excludes X; the words after
    // the verb ("on stored footage") are not excluded unless the verb carries on ("autorisé à").
    const passive = after.find((a) => a.start === m.start && NEGATOR.test(tokens[a.start].text) && !isActive(a));
    if (passive && !CARRIES_ON.test(tokens[passive.end]?.text ?? '') && !opensPurposePhrase(tokens, passive.end)) continue;
    let end = forwardScopeEnd(m.end, tokens, breaks, commas);
    // "les images mais pas les sons, comprend la date…": a contrast excludes one phrase
    if (/^(?:mais|but)$/.test(tokens[m.start].text)) for (let k = m.end + 1; k < end; k++) if (commas.has(k)) { end = k; break; }
    // "shall not violate the Constitution and shall not request face searches based solely on
    // …": a second negation cue opens its own scope, with its own exception
    // ("aucune recherche ne peut être fondée sur…" is one negation: its "ne" opens none)
    const next = befores.find((b) => b.start >= m.end && b.start < end && !opensException(b) && !(/^(?:ne|n)$/.test(tokens[b.start].text) && !NEGATOR.test(tokens[m.start].text)));
    if (next) end = next.start;
    if (NEGATOR.test(tokens[m.start].text)) {
      // "not enrolled in the … database": the negation stops before the container.
      const at = tokens.findIndex((t, i) => i > m.end && i < end && LOCATIVE.test(t.text));
      const verb = at > 0 ? tokens[at - 1].text : '';
      if (at > 0 && at - m.end <= 3 && PARTICIPLE.test(verb) && !ATTACHMENT.test(verb)) end = at;
    }
    // "bars officers from running face matching on body-worn camera footage", « interdit
    // d'utiliser la reconnaissance faciale sur les images du CSU »: what the excluded use would
    // run on exists, the exclusion stops before it
    const ground = groundOfUse(tokens, m.end, end, breaks);
    if (ground !== undefined) end = ground;
    // "No facial recognition will be used on the footage", "under no circumstances will the
    // drone be equipped with facial recognition": a use verb ends the excluded subject (what it
    // is used on exists); an attachment excludes what is attached, not the subject.
    // Only where the cue governs a subject: "no X", "aucun X", "under no circumstances will X";
    // "shall not be used to: (a)…" negates what follows the verb, "no X is to be integrated into
    // Y" excludes X.
    let start = m.end;
    const governs = subjectCue(tokens, m);
    const verb = governs ? verbWithComplement(tokens, m.end, end) : undefined;
    // "under no circumstances shall the cameras be used for facial recognition": the cameras
    // exist, the purpose is excluded, as with an attachment
    const purposeUse = governs === 'sentence' ? usedForPurpose(tokens, m.end, end) : undefined;
    if (purposeUse !== undefined) start = purposeUse + 2;
    else if (verb && verb.kind === 'use') end = verb.at;
    else if (verb && verb.kind === 'attachment' && governs === 'sentence') start = verb.at + 2;
    if (end <= start) continue;
    const exception = exceptionIn(start, end);
    scopes.push({ trigger: cueText(tokens, m), position: 'before', start, end, ...(exception ? { exception } : {}) });
  }
  // A cessation whose verb comes first ("discontinued its use of facial recognition", "ended the
  // drone program", « a mis fin au contrat de… »): what follows the verb is no longer used.
  for (const m of findCues(cues.cessations, tokens).filter(free)) {
    const start = m.start + 1;
    const end = forwardScopeEnd(start, tokens, breaks, commas);
    if (end > start) scopes.push({ trigger: cueText(tokens, m), position: 'before', start, end });
  }
  // "The drone program ended in 2021": the program's name, before the verb, is what ended.
  // "The trial of live facial recognition at the mall concluded in 2020": the whole subject.
  for (const m of findCues(cues.endings, tokens).filter(free)) {
    const verb = m.end - 1;
    // "the camera program ended the backlog": a verb with an object ends that object
    if (OBJECT_START.test(tokens[m.end]?.text ?? '') || [...breaks.keys()].some((k) => k > m.start && k <= verb)) continue;
    let start = m.start;
    while (start > 0 && m.start - start < MAX_BACKWARD && !breaks.has(start)) start--;
    scopes.push({ trigger: cueText(tokens, m), position: 'after', start, end: verb });
  }
  // "sans que l'image ne soit soumise à une reconnaissance faciale": after "sans que", the
  // expletive "ne" of the subjunctive carries the exclusion of "sans" to what follows its verb
  // ("sans que" alone is a pseudo-negation: "sans que le titulaire puisse prétendre à…").
  if (language === 'fr') {
    for (let i = 2; i < tokens.length - 1; i++) {
      if (!/^(?:ne|n)$/.test(tokens[i].text) || blocked.has(i)) continue;
      let j = i - 2;
      while (j >= 0 && i - j <= SANS_QUE_REACH && !(tokens[j].text === 'sans' && /^(?:que|qu)$/.test(tokens[j + 1].text))) j--;
      if (j < 0 || i - j > SANS_QUE_REACH) continue;
      if ([...breaks.keys()].some((b) => b > j && b <= i)) continue;
      // "sans que … ne soit pas…" is handled by the usual cues
      if (tokens.slice(i + 1, i + 4).some((t) => /^(?:pas|plus|jamais|rien|aucun|aucune)$/.test(t.text))) continue;
      const start = i + 2;
      let end = forwardScopeEnd(start, tokens, breaks);
      // "le cliché (sans que … ne soit comparé par reconnaissance faciale), et la position GPS":
      // a bracket opened before "sans que" closes the exclusion
      const opened = folded.slice(tokens[j].start - 2, tokens[j].start).includes('(');
      if (opened) for (let k = start + 1; k < end; k++) if (folded.slice(tokens[k - 1].end, tokens[k].start).includes(')')) { end = k; break; }
      if (end > start) scopes.push({ trigger: cueText(tokens, { start: j, end: i + 2 }), position: 'before', start, end });
    }
  }
  // A short first line that is an exclusion heading ("Hors périmètre du marché") kept in one
  // passage with the list under it: the heading negates the rest of the passage.
  const firstLine = tokens.findIndex((t, i) => i > 0 && folded.slice(tokens[i - 1].end, t.start).includes('\n'));
  if (firstLine > 0 && firstLine <= 6) {
    const heading = findCues(cues.listHeadings, tokens.slice(0, firstLine))[0];
    if (heading && free(heading)) {
      const trigger = cueText(tokens, heading);
      scopes.push({ trigger, position: 'before', start: firstLine, end: Math.min(tokens.length, firstLine + MAX_ENUMERATION) });
    }
  }
  for (const m of after) {
    let start = m.start;
    // "The calls received by the SAMU and by the fire brigade's alert centre remain out of
    // scope": a scope exclusion governs its whole subject, up to the clause's start
    // (so does a feature switched off: « les fonctions de détection d'objets, de franchissement
    // de ligne … embarquées dans les caméras sont désactivées »)
    const text = cueText(tokens, m);
    const switchedOff = SWITCHED_OFF.test(text);
    const reach = switchedOff || text.split(' ').some((w) => SCOPE_WORD.test(w)) ? MAX_BACKWARD_SCOPE : MAX_BACKWARD;
    while (start > 0 && m.start - start < reach && !breaks.has(start)) start--;
    if (start >= m.start) continue;
    if (NEGATOR.test(tokens[m.start].text) && CONTAINMENT.test(tokens[m.end - 1].text) && containerBefore(tokens, breaks, start, m)) continue;
    // A use limited to a purpose ("shall not be used to harass", "ne sont pas utilisées pour
    // filmer…", "may not be used to capture audio"): the subject exists and is not negated;
    // what the purpose names is excluded by the forward scope of the same negation.
    if (opensPurpose(m)) continue;
    // A feature switched off (« sont désactivées à la livraison et ne peuvent être activées sans
    // décision écrite », "is disabled unless the Chief approves"): it is off now; the condition to
    // switch it on later is no permission of a present use.
    const exception = switchedOff ? undefined : exceptionAfter(m.end) ?? misuseIn(tokens, start, m.start, language);
    // A store of data not attached to the system (the only attachment cue `after` keeps): excluded
    // unless what it is not attached to is itself a finding ("the database is not linked to the
    // facial recognition software"), so the whole complement is its object
    const attached = isAttachment(m);
    const active = attached || isActive(m) ? { objectEnd: attachedObjectEnd(m, attached) } : undefined;
    let opener = -1;
    for (let i = start + 1; i < m.start; i++) if (CIRCUMSTANCE_OPENER.test(tokens[i].text)) { opener = i; break; }
    // "the audio function of the cameras is not activated": the function is excluded, the
    // cameras it belongs to exist (as with a circumstance, when a finding names the function)
    // (« la fonction audio des caméras » : the device may come a word after)
    if (opener < 0) {
      for (let i = start + 1; i + 1 < m.start && opener < 0; i++) {
        if (!FEATURE.test(tokens[i].text)) continue;
        if (OF.test(tokens[i + 1].text)) opener = i + 1;
        else if (i + 2 < m.start && OF.test(tokens[i + 2].text)) opener = i + 2;
      }
    }
    const circumstance = opener > 0 ? { at: opener } : undefined;
    scopes.push({ trigger: cueText(tokens, m), position: 'after', start, end: m.start, ...(exception ? { exception } : {}), ...(active ? { active } : {}), ...(circumstance ? { circumstance } : {}) });
  }
  return scopes;
}

// "Unauthorized access to ALPR data is prohibited", "tout accès non autorisé aux images est
// interdit": a subject qualified as a misuse says what is forbidden of a system that is used;
// the prohibition excludes the misuse, not the system.
const MISUSE_EN = /^(?:unauthori[sz]ed|improper|improperly|unlawful|unlawfully|illegal|illegally|illicit|misuse|misuses|abuse|inappropriate|inappropriately)$/;
const MISUSE_FR = /^(?:abusi(?:f|fs|ve|ves)|illicites?|illegale?s?|illegaux|detournements?|frauduleu(?:x|se|ses)|inappropriee?s?|irreguliere?s?)$/;
function misuseIn(tokens: readonly Token[], from: number, to: number, language: Language): NegationScope['exception'] {
  for (let i = from; i < to; i++) {
    const w = tokens[i].text;
    if (language === 'en' ? MISUSE_EN.test(w) : MISUSE_FR.test(w)) return { kind: 'purpose', text: w };
    if (language === 'fr' && w === 'non' && /^(?:autoris|habilit|justifi|conform)/.test(tokens[i + 1]?.text ?? '')) return { kind: 'purpose', text: `non ${tokens[i + 1].text}` };
  }
  return undefined;
}

/**
 * A cue of the passage's last words when the passage ends with a colon ("Le titulaire
 * s'interdit :", "Sont exclus du marché :", "En option :"): it governs the list items that follow.
 */
export function cueOpeningList(tokens: Token[], folded: string, passageEnd: number, language: Language): { negation?: string; optional?: ModalityCue; colon?: true } {
  const cues = cuesFor(language);
  if (!/:\s*$/.test(folded.slice(tokens[tokens.length - 1]?.end ?? passageEnd, passageEnd))) {
    // A short heading without a colon: "Hors périmètre", "Exclusions", "Out of scope".
    if (tokens.length > 6) return {};
    if (findCues(cues.pseudo, tokens).length > 0) return {};
    const heading = findCues(cues.listHeadings, tokens)[0];
    return heading ? { negation: cueText(tokens, heading) } : {};
  }
  const tail = tokens.slice(-6);
  const blocked = findCues(cues.pseudo, tail).length > 0;
  const negation = blocked ? undefined : (cueIn(tail, [...findCues(cues.before, tail), ...findCues(cues.after, tail)][0]) ?? longerCueEnding(tokens, cues.before) ?? scopeToColon(tokens, folded, language));
  const optional = findOptionalCue(tokens, language).passage;
  return {
    ...(negation ? { negation } : {}),
    ...(optional ? { optional } : {}),
    colon: true,
  };
}

const cueIn = (tokens: Token[], m: { start: number; end: number } | undefined) => (m ? cueText(tokens, m) : undefined);

/**
 * The condition a list item puts on the exclusion its lead-in opened ("• To surveil the public
 * through any camera unless the person is under an active investigation"): the item is then a
 * conditional permission, like "prohibited unless authorised" in one sentence.
 */
export function itemCondition(tokens: Token[], language: Language): NegationScope['exception'] {
  const m = findCues(cuesFor(language).exceptions, tokens)[0];
  return m ? { kind: 'condition', text: cueText(tokens, m) } : undefined;
}

/**
 * A negation whose scope runs, unbroken, to the colon ("Department personnel shall not use
 * facial recognition for the following:", « Les images ne peuvent être utilisées pour : »): the
 * items are what is excluded. Its trigger, if any (a condition or a purpose after the cue makes
 * none: "shall not be used except for the following:").
 */
function scopeToColon(tokens: Token[], folded: string, language: Language): string | undefined {
  const scope = findNegationScopes(tokens, folded, language).find((s) => s.position === 'before' && !s.exception && s.end >= tokens.length && tokens.length - s.start <= LIST_CUE_REACH);
  return scope?.trigger;
}

/** A cue longer than the last six words that ends on the colon ("It shall be unlawful for any department to obtain, retain, access, or use:"). */
function longerCueEnding(tokens: Token[], before: CuePattern[]): string | undefined {
  const reach = tokens.slice(-LIST_CUE_REACH);
  return cueIn(reach, findCues(before, reach).find((m) => m.end === reach.length));
}

const covers = (s: NegationScope, start: number, end: number) =>
  s.position === 'before' ? start >= s.start && start < s.end : end - 1 >= s.start && end <= s.end;

/** The scope that negates the term at token indexes [start, end), if any (an exception negates nothing). */
export function negationOf(scopes: NegationScope[], start: number, end: number): NegationScope | undefined {
  return scopes.find((s) => !s.exception && covers(s, start, end));
}

/** The conditional permission ("prohibited unless authorised") that covers the term, if any. */
export function conditionOf(scopes: NegationScope[], start: number, end: number): NegationScope | undefined {
  return scopes.find((s) => s.exception?.kind === 'condition' && covers(s, start, end));
}

/** A cue that makes a mention optional or kept for later, and which of the two it says. */
export interface ModalityCue {
  trigger: string;
  commitment: 'optional' | 'future';
  /** Token index where the cue ends: a `futureAhead` cue governs only the words after it. */
  ahead?: number;
}

/**
 * The first optional or future cue of the passage (the earlier one when both occur), if any,
 * and the first cue that makes what follows it future ("compatible avec", "ready for").
 */
export function findOptionalCue(tokens: Token[], language: Language): { passage?: ModalityCue; ahead?: ModalityCue } {
  const cues = cuesFor(language);
  const optional = findCues(cues.optional, tokens)[0];
  const future = findCues(cues.future, tokens)[0];
  const first = optional && (!future || optional.start <= future.start) ? optional : future;
  const ahead = findCues(cues.futureAhead, tokens)[0];
  return {
    ...(first ? { passage: { trigger: cueText(tokens, first), commitment: first === optional ? 'optional' : 'future' } } : {}),
    ...(ahead ? { ahead: { trigger: cueText(tokens, ahead), commitment: 'future', ahead: ahead.end } } : {}),
  };
}

/**
 * The scopes that stand once the passage's matches are known: a trailing trigger with an active
 * verb negates its subject only when no match lies in its object ("the cameras do not capture
 * people": the cameras; "the cameras do not capture audio": the audio, not the cameras).
 */
export function withoutActiveSubjects(scopes: NegationScope[], matches: readonly { start: number; end: number }[]): NegationScope[] {
  return scopes
    .filter((s) => !s.active || !matches.some((m) => m.start >= s.end && m.start < s.active!.objectEnd))
    .map((s) => (s.circumstance && matches.some((m) => m.start >= s.start && m.end <= s.circumstance!.at) ? { ...s, end: s.circumstance.at } : s));
}

// A bare answer to a question: "No.", "A: No.", "A15. No.", « Non. », « Réponse : non »,
// « R3 : Non. » (the answers of a procurement's questions and answers are numbered).
const ANSWER_LABEL = /^(?:a|answer|response|reply|r|reponse)\d{0,3}$/;
const NUMBER = /^\d{1,3}$/;
const BARE_NO = /^(?:no|non)$/;

/** A numbered answer label alone ("A15", "R 3", "Answer 4"), without which the answer follows the question. */
export function isAnswerLabel(tokens: Token[]): boolean {
  if (tokens.length === 1) return /^(?:a|r)\d{1,3}$/.test(tokens[0].text);
  return tokens.length === 2 && ANSWER_LABEL.test(tokens[0].text) && NUMBER.test(tokens[1].text);
}

// An elliptical denial answering the sentence before ("You asked whether the Department uses
// AI to write reports. It does not.", "No, we do not.", « Ce n'est pas le cas » is an anaphor).
const DENIAL_SUBJECT = /^(?:it|we|they|he|she|i)$/;
const DENIAL_AUXILIARY = /^(?:does|do|did|is|are|was|were|has|have|had|will|would|can|could|shall)$/;
function ellipticalDenial(tokens: Token[], first: number): string | undefined {
  let k = first;
  if (BARE_NO.test(tokens[k]?.text ?? '')) k++;
  if (!DENIAL_SUBJECT.test(tokens[k]?.text ?? '') || !DENIAL_AUXILIARY.test(tokens[k + 1]?.text ?? '')) return undefined;
  const rest = tokens.slice(k + 2).map((t) => t.text);
  // "it does not" / "it doesn't" (read as two tokens) / "it does not, and never has"
  if (rest[0] === 'not' || (rest[0] === 't' && tokens[k + 1].text.endsWith('n'))) return rest.length <= 6 ? tokens.slice(k, k + 3).map((t) => t.text).join(' ') : undefined;
  if (rest[0] === 'never' && rest.length <= 2) return tokens.slice(k, k + 3).map((t) => t.text).join(' ');
  return undefined;
}

/**
 * An exclusion that names what it excludes by pointing back ("No such system will be
 * acquired", "This technology will not be used", « Un tel dispositif ne sera pas déployé »,
 * « Ce ne sera pas le cas »), or a bare "No." answering a question: its trigger, if any. What
 * it excludes is in the sentence before (see antecedentStart).
 */
export function anaphoricExclusion(tokens: Token[], folded: string, language: Language): string | undefined {
  let first = 0;
  if (tokens.length > 1 && ANSWER_LABEL.test(tokens[0].text)) first = 1;
  if (first === 1 && tokens.length > 2 && NUMBER.test(tokens[1].text)) first = 2;
  if (tokens.length - first === 1 && BARE_NO.test(tokens[first].text)) return tokens[first].text;
  const denial = ellipticalDenial(tokens, first);
  if (denial) return denial;
  const anaphors = findCues(cuesFor(language).anaphors, tokens);
  if (anaphors.length === 0) return undefined;
  const scopes = findNegationScopes(tokens, folded, language).filter((s) => !s.exception);
  for (const a of anaphors) {
    const s = scopes.find((x) => a.start >= x.start && a.start <= x.end);
    if (s) return `${s.trigger} … ${cueText(tokens, a)}`;
  }
  return undefined;
}

/**
 * Where what a sentence proposes, asks about or tried starts, if it does ("a vendor offered |a
 * drone program", "whether the cameras would use |facial recognition", « a proposé d'ajouter |un
 * module… », a question): after the last verb of use or addition that comes after the cue, else
 * right after the cue (a question: its start; a question or an inquiry needs the verb of use).
 * A sentence that affirms a use has none.
 */
export function antecedentStart(tokens: Token[], folded: string, end: number, language: Language): { at: number; uses: number[] } | undefined {
  const cues = cuesFor(language);
  const proposal = findCues(cues.antecedents, tokens)[0];
  const question = /\?\s*$/.test(folded.slice(tokens[tokens.length - 1]?.end ?? end, end));
  const inquiry = proposal || question ? undefined : findCues(cues.inquiries, tokens)[0];
  const at = proposal?.end ?? inquiry?.end ?? 0;
  if (!proposal && !question && !inquiry) return undefined;
  const uses = findCues(cues.proposedUse, tokens).filter((m) => m.start >= at).map((m) => m.end);
  // a question or an inquiry proposes only what a verb of use takes
  return proposal || uses.length > 0 ? { at, uses } : undefined;
}

// A finite verb: a line that has one is a sentence, not a name under a heading.
const FINITE = {
  en: /^(?:is|are|was|were|will|shall|may|must|can|could|would|should|has|have|had|does|do|did)$/,
  fr: /^(?:est|sont|sera|seront|etait|etaient|serait|seraient|doit|doivent|devra|devront|peut|peuvent|pourra|pourront|ont|avait|avaient|fait|font|ne|n)$/,
};
const MAX_NAMING_LINE = 12;

/**
 * Whether a passage only names things ("Fingerprints and face images.", « Les données de
 * santé. »): one short line without a finite verb, like the lines under an exclusion heading
 * ("What is not collected", « Données exclues ») that carry no bullet.
 */
export function namesOnly(tokens: Token[], folded: string, passage: { start: number; end: number }, language: Language): boolean {
  if (tokens.length === 0 || tokens.length > MAX_NAMING_LINE) return false;
  const text = folded.slice(passage.start, passage.end);
  if (text.includes('\n') || /:\s*$/.test(text) || /^\s*\d+(?:\.\d+)*\.?\s/.test(text)) return false;
  return !tokens.some((t) => FINITE[language].test(t.text));
}
