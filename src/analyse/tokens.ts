// Tokenising and stemming; the only module that imports `natural` (module by module: a whole
// import of natural pulls database clients).
import { createRequire } from 'node:module';
import type { Language } from '../types.js';

const require = createRequire(import.meta.url);

interface Stemmer {
  stem(word: string): string;
}
let frenchStemmer: Stemmer | undefined;
let englishStemmer: Stemmer | undefined;
function stemmerFor(language: Language): Stemmer {
  // Loaded on first use: `--version` and `rules` never pay for them.
  if (language === 'fr') return (frenchStemmer ??= require('natural/lib/natural/stemmers/porter_stemmer_fr.js'));
  return (englishStemmer ??= require('natural/lib/natural/stemmers/porter_stemmer.js'));
}

/** Loads both stemmers now rather than on the first word (pool workers, before taking work). */
export function loadStemmers(): void {
  stemmerFor('fr');
  stemmerFor('en');
}

export interface Token {
  /** Folded word (lower case, no accents). */
  text: string;
  /** Offsets in the folded analysis text. */
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Splits folded text into word tokens; hyphens, apostrophes and punctuation separate words,
 * so elisions (l', d', qu', n') become tokens of their own and negation cues survive. */
export function tokenize(folded: string, from = 0, to = folded.length): Token[] {
  const tokens: Token[] = [];
  WORD.lastIndex = from;
  for (let m = WORD.exec(folded); m !== null && m.index < to; m = WORD.exec(folded)) {
    tokens.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}

const stemCache: Record<Language, Map<string, string>> = { fr: new Map(), en: new Map() };

/**
 * Stem of a folded word. French plurals of short words ("vidéos", "micros") escape the Porter
 * stemmer, so a final s/x is dropped first; stems are computed on folded words so that
 * "CAMERAS" (capitals without accents) and "caméras" agree.
 */
export function stem(word: string, language: Language): string {
  const cache = stemCache[language];
  let out = cache.get(word);
  if (out !== undefined) return out;
  if (/^\d+$/.test(word) || word.length <= 2) out = word;
  else {
    let base = word;
    if (language === 'fr' && base.length > 3 && /[^su]s$|[^e]x$/.test(base)) base = base.slice(0, -1);
    out = stemmerFor(language).stem(base) || base;
  }
  cache.set(word, out);
  return out;
}
