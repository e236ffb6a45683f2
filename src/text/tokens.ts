// Tokenising and stemming; the only module that imports `natural` (module by module: a whole
// import of natural pulls database clients).
import { createRequire } from 'node:module';
import { charAt } from './fold.js';
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

const WORD_CHAR = /^[\p{L}\p{N}]$/u;
const wordCharCache = new Map<string, boolean>();

/** Units (1, or 2 for a surrogate pair) of the letter or digit at `i`; 0 when it is neither. */
function wordUnitsAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) ? 1 : 0;
  const ch = charAt(text, i);
  let word = wordCharCache.get(ch);
  if (word === undefined) wordCharCache.set(ch, (word = WORD_CHAR.test(ch)));
  return word ? ch.length : 0;
}

/**
 * Splits folded text into word tokens (runs of letters and digits, /[\p{L}\p{N}]+/u);
 * hyphens, apostrophes and punctuation separate words, so elisions (l', d', qu', n') become
 * tokens of their own and negation cues survive. A scan by character codes: a regular
 * expression allocated a match array per word.
 */
export function tokenize(folded: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < folded.length; ) {
    let units = wordUnitsAt(folded, i);
    if (units === 0) {
      i++;
      continue;
    }
    const start = i;
    while (units > 0) {
      i += units;
      units = i < folded.length ? wordUnitsAt(folded, i) : 0;
    }
    tokens.push({ text: folded.slice(start, i), start, end: i });
  }
  return tokens;
}

const stemCache: Record<Language, Map<string, string>> = { fr: new Map(), en: new Map() };

export type StemTable = Record<Language, [word: string, stem: string][]>;

/** Every stem computed so far, by language (the main thread keeps those of the rules' words). */
export function knownStems(): StemTable {
  return { fr: [...stemCache.fr], en: [...stemCache.en] };
}

/** How many stems are known (knownStems without copying them). */
export function stemCount(): number {
  return stemCache.fr.size + stemCache.en.size;
}

/** Stems computed earlier by the same stemming code: taken as they are, not computed again. */
export function rememberStems(table: StemTable): void {
  for (const language of ['fr', 'en'] as const) for (const [word, stemmed] of table[language]) stemCache[language].set(word, stemmed);
}

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
