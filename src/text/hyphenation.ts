// Words hyphenated across a line end: join them, or keep the hyphen of a real compound.
import { foldString } from './fold.js';

/** French and English prefixes that form hyphenated compounds ("sous-traitant", "non-respect"). */
const COMPOUND_PREFIXES = new Set(
  [
    'sous', 'non', 'anti', 'auto', 'contre', 'demi', 'semi', 'mi', 'ex', 'vice', 'quasi', 'pré', 'post',
    'inter', 'extra', 'co', 'méta', 'porte', 'garde', 'après', 'avant', 'arrière', 'grand', 'petit',
    'haut', 'bas', 'basse', 'mini', 'maxi', 'multi', 'self', 'cross', 'well', 'long', 'short', 'state',
    'e', 'saint', 'sainte', 'chef', 'ci', 'là', 'celle', 'celui', 'ceux', 'est', 'ouest', 'nord', 'sud',
  ].map(foldString),
);

/** The words of a document, folded, with and without hyphens, to decide line-end hyphens. */
// Bounded: V8 runs `[\p{L}]+` over a run of millions of characters on its stack (overflow); no
// word is 200 characters long, nor a compound of 20 parts.
const HYPHENATED_WORD = /[\p{L}\p{N}]{1,200}(?:-[\p{L}\p{N}]{1,200}){0,20}/gu;

export class DocumentVocabulary {
  private readonly words = new Set<string>();
  private readonly pending: string[] = [];

  /** Texts are only read when a hyphen decision needs them: most documents need none. */
  add(text: string): void {
    this.pending.push(text);
  }

  private index(text: string): void {
    for (const m of text.matchAll(HYPHENATED_WORD)) {
      const start = m.index;
      const end = start + m[0].length;
      // A word cut at a line end ("vidéo-⏎protection") is evidence of neither form.
      if (text.startsWith('-\n', end) || (start >= 2 && text.startsWith('-\n', start - 2))) continue;
      this.words.add(foldString(m[0]));
    }
  }

  /** The texts added and not yet read, read now. */
  private readPending(): void {
    while (this.pending.length) this.index(this.pending.shift()!);
  }

  has(word: string): boolean {
    this.readPending();
    return this.words.has(word);
  }

  /** Every word of the texts added (all read now): what `has` answers, for another thread. */
  list(): string[] {
    this.readPending();
    return [...this.words];
  }

  /** A vocabulary that answers as the one whose `list()` gave `words`. */
  static of(words: readonly string[]): DocumentVocabulary {
    const vocabulary = new DocumentVocabulary();
    for (const w of words) vocabulary.words.add(w);
    return vocabulary;
  }
}

/**
 * Decides what to do with "left-" at a line end followed by "right" on the next line:
 * keep the hyphen when the document writes the compound elsewhere, join when it writes the
 * joined word elsewhere, keep it after a compound prefix ("sous-", "non-"), join otherwise.
 */
export function keepLineEndHyphen(left: string, right: string, vocabulary: DocumentVocabulary): boolean {
  const l = foldString(left);
  const r = foldString(right);
  if (vocabulary.has(`${l}-${r}`)) return true;
  if (vocabulary.has(`${l}${r}`)) return false;
  if (/^\p{Lu}/u.test(right)) return true; // "Saint-⏎Omer", "Jean-⏎Pierre"
  return COMPOUND_PREFIXES.has(l);
}
