// French or English, from function words: per document and per passage.
import type { Language } from '../types.js';
import type { Token } from './tokens.js';

const FRENCH = new Set(
  'le la les des du de et est une un pour dans par sur au aux ce cette ces qui que ne pas sont avec son sa ses leur leurs il elle ils nous vous etre sera seront ou dont l d qu n titulaire marche'.split(' '),
);
const ENGLISH = new Set(
  'the and of to in for is are be with by on that this shall will from as or an it its their which such any all must may not no contractor city'.split(' '),
);

export interface LanguageVotes {
  fr: number;
  en: number;
}

export function countLanguageVotes(tokens: Token[], into: LanguageVotes = { fr: 0, en: 0 }): LanguageVotes {
  for (const t of tokens) {
    if (FRENCH.has(t.text)) into.fr++;
    if (ENGLISH.has(t.text)) into.en++;
  }
  return into;
}

/** The language the votes point to, or `fallback` when they are too few or too close. */
export function decideLanguage(votes: LanguageVotes, fallback: Language | null, minVotes = 3): Language | null {
  const total = votes.fr + votes.en;
  if (total < minVotes) return fallback;
  if (votes.fr >= votes.en * 1.5) return 'fr';
  if (votes.en >= votes.fr * 1.5) return 'en';
  return fallback ?? (votes.fr >= votes.en ? 'fr' : 'en');
}

/** The language of a document's pages (before analysis), or null when they have too few words. */
export function detectPagesLanguage(texts: string[], tokenize: (folded: string) => Token[], fold: (s: string) => string): Language | null {
  const votes: LanguageVotes = { fr: 0, en: 0 };
  for (const text of texts) countLanguageVotes(tokenize(fold(text)), votes);
  return decideLanguage(votes, null, 5);
}
