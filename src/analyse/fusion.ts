// Data fusion: the danger of a "big data" platform is the crossing of sources. A crossing needs a
// crossing word (croiser, interconnexion, correlate…) that is not itself negated, with words of at
// least two positive source categories in its own clause ("la plateforme croise les flux vidéo et
// les mains courantes"); a correlation in the statistical sense ("will correlate to a reduction in
// thefts", "corrélation entre … et la baisse") is an evaluation, not a crossing.
import { compileCue, findCues, type CuePattern } from './cue-patterns.js';
import { findNegationScopes, negationOf } from './negation.js';
import type { Token } from './tokens.js';
import { push } from '../rules/phrases.js';
import type { FusionExplain, FusionItem, Language } from '../types.js';

/**
 * Crossing words, as data: folded words in the cue syntax of cue-patterns.ts ("a|b" alternatives,
 * "word*" a prefix, "~N" up to N words skipped). "Agrégées" / "aggregated" are left out on
 * purpose: "données agrégées" are anonymised statistics, not a crossing.
 */
export const CROSSING_TERMS: Record<Language, readonly string[]> = {
  fr: [
    'croise|croisent|croiser|croisee|croisees|croises|croisant|croisement|croisements',
    'recoupe|recoupent|recouper|recoupee|recoupees|recoupes|recoupant|recoupement|recoupements',
    'agrege|agregent|agreger|agregeant|agregation|agregations',
    'interconnexion|interconnexions|interconnecte|interconnectee|interconnectees|interconnectes|interconnecter|interconnectent',
    'fusion|fusionne|fusionner|fusionnent|fusionnee|fusionnees|fusionnes',
    'correle|correlent|correler|correlee|correlees|correles|correlation|correlations',
    'rapproche|rapprochent|rapprochee|rapprochement|rapprochements|rapprocher|rapprochees|rapproches',
    'combine|combinent|combiner|combinaison ~3 donnees|flux|sources|informations|fichiers',
    'mise|mises en relation ~2 donnees|flux|sources|informations|fichiers',
    'plateforme|plate ~1 unique|commune|centralisee|unifiee',
    'integre*|integrer|integration ~4 plateforme|outil|base|referentiel unique|commune|commun|centralisee|unifiee',
    'hypervision',
    'hyperviseur urbain',
  ],
  en: [
    'cross reference*|referenc*|check*',
    'crossreferenc*|crosscheck*',
    'correlate|correlates|correlated|correlating|correlation|correlations',
    'fuse|fuses|fused|fusing|fusion',
    'aggregate|aggregates|aggregating|aggregation',
    'interconnect|interconnects|interconnected|interconnecting|interconnection|interconnections',
    'merge|merges|merged|merging ~3 data|feeds|sources|streams|databases|records|datasets',
    'link|links|linked|linking ~3 data|feeds|sources|streams|databases|records|datasets|files|systems',
    'combine|combines|combined|combining ~3 data|feeds|sources|streams|databases|records|datasets',
    'integrat* ~3 single|unified|common|central platform|system|picture|database|view|dashboard',
    'single|unified|common operational|operating picture',
    'single|unified platform|view|dashboard|database',
  ],
};

/** Categories that are techniques rather than sources do not count towards a crossing. */
export const NOT_A_SOURCE: ReadonlySet<string> = new Set(['automated-analysis']);

/**
 * Outcome words that make a correlation statistical: "correlate to a reduction in thefts",
 * "corrélation entre l'équipement et la baisse des vols". Looked for in the clause of a
 * correlation word only: "integrate LPR and CCTV to increase clearance rates" still crosses.
 */
const EVALUATION_TERMS: Record<Language, readonly string[]> = {
  fr: [
    'baisse|baisses|hausse|hausses|diminution|diminutions|augmentation|augmentations|reduction|reductions|recul|evolution|evolutions',
    'taux|efficacite|impact|impacts|resultat|resultats|tendance|tendances|statistique*|significati*|coefficient*|regression*',
  ],
  en: [
    'reduction|reductions|decrease|decreases|increase|increases|decline|declines|drop|drops|rise|rises|improvement|improvements',
    'outcome|outcomes|effectiveness|impact|impacts|trend|trends|rate|rates|statistical*|significant*|significance|coefficient*|regression*',
  ],
};
const STATISTICAL = /^(?:correl|corel)/;

/** A crossing clause reaches this far (in words) either side of its crossing word. */
const CLAUSE_REACH = 30;
/** A colon this close after the crossing word opens the list it crosses ("croise les sources suivantes :"). */
const ENUMERATION_COLON = 5;

interface CompiledTerms {
  patterns: CuePattern[];
  evaluation: CuePattern[];
  /** Cheap first look: a passage without any of these substrings has no crossing word. */
  hint: RegExp;
}

const compiled = new Map<Language, CompiledTerms>();
export function termsFor(language: Language): CompiledTerms {
  let c = compiled.get(language);
  if (!c) {
    const patterns = CROSSING_TERMS[language].map(compileCue);
    const firsts = new Set<string>();
    for (const p of patterns) {
      const first = p.elements[0];
      if (first.kind === 'word') for (const a of first.alternatives) firsts.add(a.text);
    }
    c = { patterns, evaluation: EVALUATION_TERMS[language].map(compileCue), hint: new RegExp([...firsts].join('|')) };
    compiled.set(language, c);
  }
  return c;
}

/** A positive finding's words in a passage (token indexes of the passage, end exclusive). */
export interface SourceWord {
  category: string;
  start: number;
  end: number;
  /** The words as the passage spells them. */
  text: string;
}

export interface Crossing {
  /** The crossing words, folded ("croisement", "plateforme unique"), and their token span. */
  text: string;
  start: number;
  end: number;
  /** The source words of at least two categories in the crossing word's clause. */
  sources: SourceWord[];
}

/** The clause of the tokens [start, end): bounded by ";" and ":" (but a colon opening a list), within reach. */
function clauseAround(tokens: Token[], folded: string, start: number, end: number): { start: number; end: number } {
  const gap = (i: number) => folded.slice(tokens[i - 1].end, tokens[i].start);
  let from = start;
  while (from > 0 && start - from < CLAUSE_REACH && !/[;:]/.test(gap(from))) from--;
  let to = end;
  while (to < tokens.length && to - end < CLAUSE_REACH) {
    const between = gap(to);
    if (between.includes(';') || (between.includes(':') && to - end > ENUMERATION_COLON)) break;
    to++;
  }
  return { start: from, end: to };
}

/**
 * The crossing of a passage: a crossing word, not negated and not statistical, with source words
 * of two or more categories (techniques left out) in its clause; the one naming the most.
 */
export function findCrossing(tokens: Token[], folded: string, language: Language, sources: readonly SourceWord[]): Crossing | undefined {
  if (tokens.length === 0) return undefined;
  const counted = sources.filter((x) => !NOT_A_SOURCE.has(x.category));
  if (new Set(counted.map((x) => x.category)).size < 2) return undefined;
  const terms = termsFor(language);
  if (!terms.hint.test(folded.slice(tokens[0].start, tokens[tokens.length - 1].end))) return undefined;
  const found = findCues(terms.patterns, tokens);
  if (found.length === 0) return undefined;
  const scopes = findNegationScopes(tokens, folded, language);
  const evaluation = findCues(terms.evaluation, tokens);
  let best: Crossing | undefined;
  let most = 1;
  for (const cue of found) {
    if (negationOf(scopes, cue.start, cue.end)) continue;
    const clause = clauseAround(tokens, folded, cue.start, cue.end);
    const inClause = (x: { start: number; end: number }) => x.start >= clause.start && x.end <= clause.end;
    if (STATISTICAL.test(tokens[cue.start].text) && evaluation.some(inClause)) continue;
    const words = counted.filter((x) => inClause(x) && (x.end <= cue.start || x.start >= cue.end));
    const categories = new Set(words.map((x) => x.category)).size;
    if (categories <= most) continue;
    most = categories;
    best = { text: tokens.slice(cue.start, cue.end).map((t) => t.text).join(' '), start: cue.start, end: cue.end, sources: words };
  }
  return best;
}

/** A crossing passage, located like a finding, before its article is looked at. */
export interface CrossingPassage extends Omit<FusionItem, 'categories' | 'explain'> {
  /** The crossing word as the passage spells it. */
  verb: string;
  /** The source words of its clause (positive findings' words only). */
  sources: { category: string; text: string }[];
}

/** The source categories of a crossing passage. */
const categoriesOf = (c: CrossingPassage) => [...new Set(c.sources.map((x) => x.category).filter((x) => !NOT_A_SOURCE.has(x)))].sort();

/**
 * The fusion items of one document: one per article (outside any article, per passage) that has a
 * crossing passage naming two or more source categories in its clause. The item quotes the
 * passage that names the most; its categories and `explain` gather all of the article's.
 */
export function findFusion(crossings: CrossingPassage[]): FusionItem[] {
  const articleKey = (x: CrossingPassage) => (x.section !== null ? `${x.document}\u0000${x.sectionNumber}\u0000${x.section}` : `${x.page}:${x.excerptStart}`);
  const groups = new Map<string, CrossingPassage[]>();
  const counts = new Map<CrossingPassage, number>();
  for (const c of crossings) {
    const n = categoriesOf(c).length;
    if (n < 2) continue;
    counts.set(c, n);
    push(groups, articleKey(c), c);
  }
  const out: FusionItem[] = [];
  for (const group of groups.values()) {
    const byPlace = [...group].sort((a, b) => a.page - b.page || a.excerptStart - b.excerptStart);
    // The first in page order among those naming the most categories.
    const best = byPlace.reduce((a, b) => (counts.get(b)! > counts.get(a)! ? b : a));
    const words = new Map<string, Set<string>>();
    for (const c of byPlace) for (const x of c.sources) if (!NOT_A_SOURCE.has(x.category)) words.set(x.category, (words.get(x.category) ?? new Set()).add(x.text));
    const explain: FusionExplain = {
      verb: best.verb,
      sources: [...words].sort(([a], [b]) => (a < b ? -1 : 1)).map(([category, set]) => ({ category, words: [...set] })),
      passages: byPlace.map((c) => ({ document: c.document, page: c.page, pageLabel: c.pageLabel, text: c.excerpt })),
    };
    const { verb: _verb, sources: _sources, ...item } = best;
    out.push({ ...item, categories: [...words.keys()].sort(), explain });
  }
  return out.sort((a, b) => a.page - b.page || a.excerptStart - b.excerptStart);
}
