// Terms are words of the field, not sentences of one document: a phrase of more than five
// words matches the sentence it was copied from and hardly any other. Longer phrases are
// allowed only as `names:` (titles of statutes, files, products, institutions).
import { foldString } from '../text/fold.js';
import { tokenize } from '../text/tokens.js';

const MAX_TERM_WORDS = 5;

/** Elided words ("l'", "d'", "qu'"…) that the tokeniser makes words of their own: not counted. */
const ELISIONS = new Set(['c', 'd', 'j', 'l', 'm', 'n', 's', 't', 'qu']);

/** Fields of a rule that hold lists of phrases (`names` is exempt from the limit). */
const PHRASE_FIELDS = ['terms', 'exact', 'acronyms', 'unless', 'near', 'phrases', 'without'] as const;

/**
 * Words of a phrase as the matcher splits them (spaces, hyphens, apostrophes, punctuation),
 * each "*" or "word*" counting as one, elisions not counted.
 */
export function countTermWords(phrase: string): number {
  let n = 0;
  for (const part of phrase.trim().split(/\s+/)) {
    if (part === '*') {
      n++;
      continue;
    }
    for (const t of tokenize(foldString(part.replace(/^=/, '').replace(/\*$/, '')))) if (!ELISIONS.has(t.text)) n++;
  }
  return n;
}

/** The first phrase of a rule that is too long, with its field ("groups.who" for a frame group). */
export function tooLongTerm(body: Record<string, unknown>): { field: string; term: string; words: number } | undefined {
  const lists: [string, unknown][] = PHRASE_FIELDS.map((f) => [f, body[f]]);
  const groups = body.groups;
  if (groups && typeof groups === 'object') for (const [name, words] of Object.entries(groups)) lists.push([`groups.${name}`, words]);
  for (const [field, list] of lists) {
    if (!Array.isArray(list)) continue;
    for (const term of list) {
      if (typeof term !== 'string') continue;
      const words = countTermWords(term);
      if (words > MAX_TERM_WORDS) return { field, term, words };
    }
  }
  return undefined;
}

export const tooLongMessage = (t: { term: string; words: number }) =>
  `term "${t.term}" has ${t.words} words; expected at most ${MAX_TERM_WORDS} (elisions like l', d', qu' not counted): ` +
  'write a shorter phrase, a proximity or a frame rule, or list it under names: if it is the name of a statute, file, product or institution';
