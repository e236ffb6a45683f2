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
}

interface CompiledCues {
  before: CuePattern[];
  after: CuePattern[];
  pseudo: CuePattern[];
  terminators: CuePattern[];
  optional: CuePattern[];
  listHeadings: CuePattern[];
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
      listHeadings: lists.listHeadings.map(compileCue),
    };
    compiled.set(language, c);
  }
  return c;
}

const MAX_FORWARD = 20;
const MAX_BACKWARD = 12;
const MAX_ENUMERATION = 80;
// Parentheses do not end a clause: "ni avec les fichiers de police (TAJ, FPR)".
const CLAUSE_PUNCTUATION = /[;:]/;
const NEW_CLAUSE_AFTER_COMMA =
  /^(?:et|ou|and|or|while|whereas|puis)$/;
const SUBJECT_START = /^(?:le|la|les|l|il|elle|ils|elles|on|nous|the|it|they|its|their|this|these|we|ce|cette|ces|celui)$/;

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
function forwardScopeEnd(from: number, tokens: Token[], breaks: Map<number, Break>): number {
  let end = from;
  let enumeration = false;
  const limit = () => (enumeration ? MAX_ENUMERATION : MAX_FORWARD);
  while (end < tokens.length && end - from < limit()) {
    const b = breaks.get(end);
    if (b === 'colon' && end - from <= 3) enumeration = true;
    else if (b && !(enumeration && b !== 'clause')) break;
    end++;
  }
  return end;
}

/** The negation scopes of one passage. */
export function findNegationScopes(tokens: Token[], folded: string, language: Language): NegationScope[] {
  const cues = cuesFor(language);
  const blocked = new Set<number>();
  for (const m of findCues(cues.pseudo, tokens)) for (let i = m.start; i < m.end; i++) blocked.add(i);
  const free = (m: { start: number; end: number }) => {
    for (let i = m.start; i < m.end; i++) if (blocked.has(i)) return false;
    return true;
  };
  const breaks = clauseBreaks(tokens, folded, cues.terminators);
  const scopes: NegationScope[] = [];
  for (const m of findCues(cues.before, tokens)) {
    if (!free(m)) continue;
    const end = forwardScopeEnd(m.end, tokens, breaks);
    if (end > m.end) scopes.push({ trigger: cueText(tokens, m), position: 'before', start: m.end, end });
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
  for (const m of findCues(cues.after, tokens)) {
    if (!free(m)) continue;
    let start = m.start;
    while (start > 0 && m.start - start < MAX_BACKWARD && !breaks.has(start)) start--;
    if (start < m.start) scopes.push({ trigger: cueText(tokens, m), position: 'after', start, end: m.start });
  }
  return scopes;
}

/** The scope that negates the term at token indexes [start, end), if any. */
/**
 * A cue of the passage's last words when the passage ends with a colon ("Le titulaire
 * s'interdit :", "Sont exclus du marché :", "En option :"): it governs the list items that follow.
 */
export function cueOpeningList(tokens: Token[], folded: string, passageEnd: number, language: Language): { negation?: string; optional?: string } {
  const cues = cuesFor(language);
  if (!/:\s*$/.test(folded.slice(tokens[tokens.length - 1]?.end ?? passageEnd, passageEnd))) {
    // A short heading without a colon: "Hors périmètre", "Exclusions", "Out of scope".
    if (tokens.length > 6) return {};
    const heading = findCues(cues.listHeadings, tokens)[0];
    return heading ? { negation: cueText(tokens, heading) } : {};
  }
  const tail = tokens.slice(-6);
  const blocked = findCues(cues.pseudo, tail).length > 0;
  const negation = blocked ? undefined : [...findCues(cues.before, tail), ...findCues(cues.after, tail)][0];
  const optional = findCues(cues.optional, tokens)[0];
  const words = (m: { start: number; end: number }) => cueText(tail, m);
  return {
    ...(negation ? { negation: words(negation) } : {}),
    ...(optional ? { optional: cueText(tokens, optional) } : {}),
  };
}

export function negationOf(scopes: NegationScope[], start: number, end: number): NegationScope | undefined {
  return scopes.find((s) => (s.position === 'before' ? start >= s.start && start < s.end : end - 1 >= s.start && end <= s.end));
}

/** The first optional/conditional cue of the passage, if any. */
export function findOptionalCue(tokens: Token[], language: Language): string | undefined {
  const m = findCues(cuesFor(language).optional, tokens)[0];
  return m ? cueText(tokens, m) : undefined;
}
