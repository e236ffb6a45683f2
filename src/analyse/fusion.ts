// Data fusion: the danger of a "big data" platform is the crossing of sources. A passage with a
// crossing word (croisement, interconnexion, correlate…) that is not itself negated, in an article
// that names two or more positive source categories, becomes a fusion item.
import { compileCue, findCues, type CuePattern } from './cue-patterns.js';
import { findNegationScopes, negationOf } from './negation.js';
import type { Token } from './tokens.js';
import type { Finding, FusionItem, Language } from '../types.js';

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
    'rapprochement|rapprochements|rapprocher|rapprochees|rapproches',
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
    'combine|combines|combined|combining ~3 data|feeds|sources|streams|databases|records|datasets',
    'integrat* ~3 single|unified|common|central platform|system|picture|database|view|dashboard',
    'single|unified|common operational|operating picture',
    'single|unified platform|view|dashboard|database',
  ],
};

/** Categories that are techniques rather than sources do not count towards a crossing. */
export const NOT_A_SOURCE: ReadonlySet<string> = new Set(['automated-analysis']);

interface CompiledTerms {
  patterns: CuePattern[];
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
    c = { patterns, hint: new RegExp([...firsts].join('|')) };
    compiled.set(language, c);
  }
  return c;
}

export interface CrossingCue {
  /** The crossing words, folded ("croisement", "plateforme unique"). */
  text: string;
  /** Offsets of the cue in the folded text. */
  start: number;
  end: number;
}

/** The first crossing word of a passage that is not itself negated ("ne sont pas croisées"). */
export function findCrossingCue(tokens: Token[], folded: string, language: Language): CrossingCue | undefined {
  if (tokens.length === 0) return undefined;
  const terms = termsFor(language);
  if (!terms.hint.test(folded.slice(tokens[0].start, tokens[tokens.length - 1].end))) return undefined;
  const found = findCues(terms.patterns, tokens);
  if (found.length === 0) return undefined;
  const scopes = findNegationScopes(tokens, folded, language);
  const m = found.find((c) => !negationOf(scopes, c.start, c.end));
  if (!m) return undefined;
  const words = tokens.slice(m.start, m.end);
  return { text: words.map((t) => t.text).join(' '), start: words[0].start, end: words[words.length - 1].end };
}

/** A passage with a crossing word, located like a finding, before its article is looked at. */
export interface CrossingPassage extends Omit<FusionItem, 'categories'> {
  /** Positive categories named in the passage itself. */
  passageCategories: string[];
}

/**
 * The fusion items of one document: a crossing passage whose article (or, outside any article,
 * the passage itself) names two or more positive source categories. One item per article,
 * quoting its crossing passage that names the most categories itself.
 */
export function findFusion(crossings: CrossingPassage[], findings: Finding[]): FusionItem[] {
  const out: FusionItem[] = [];
  const seen = new Set<string>();
  const articleKey = (x: { document: string; section: string | null; sectionNumber: string | null }) => `${x.document}\u0000${x.sectionNumber}\u0000${x.section}`;
  const byArticle = new Map<string, Set<string>>();
  for (const f of findings) {
    if (f.negated || f.section === null) continue;
    const key = articleKey(f);
    const set = byArticle.get(key) ?? new Set<string>();
    set.add(f.category);
    byArticle.set(key, set);
  }
  const ranked = [...crossings].sort((a, b) => new Set(b.passageCategories).size - new Set(a.passageCategories).size || a.page - b.page || a.excerptStart - b.excerptStart);
  for (const { passageCategories, ...c } of ranked) {
    const scope = c.section !== null ? [...(byArticle.get(articleKey(c)) ?? [])] : passageCategories;
    const categories = [...new Set(scope)].filter((x) => !NOT_A_SOURCE.has(x)).sort();
    const key = c.section !== null ? articleKey(c) : `${c.page}:${c.excerptStart}`;
    if (categories.length < 2 || seen.has(key)) continue;
    seen.add(key);
    out.push({ ...c, categories });
  }
  return out.sort((a, b) => a.page - b.page || a.excerptStart - b.excerptStart);
}
