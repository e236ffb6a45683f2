// Text layers that lost their accented letters. Some PDF fonts carry no Unicode map for their
// accented glyphs: the text layer then reads "camras vido", "systme de vidoprotection",
// "lensemble" (the letter and the typographic apostrophe are simply missing). On such a page
// no French word with an accent can match. A page is taken for one when it holds words that
// are known French words with their accented letters removed, and fewer accented letters than
// such distinct words (a page of such a font usually has none); its tokens are then read as the words they stand for
// ("camras" as "cameras", "dimplantation" as "d" + "implantation"). The printed text, the
// quotations and the offsets stay as they are: only the words the rules compare change.
//
// The known words are those of the built-in French packs (their terms, groups and comments),
// gathered when the packs are compiled (`npm run build`, scripts/compile-packs.mjs): the
// repair does not depend on a user's packs, so a page reads the same whatever packs are used.
import { readBuildJson } from './build-json.js';
import { fileURLToPath } from 'node:url';
import { foldString } from './fold.js';
import type { Token } from './tokens.js';

/** The words gathered at build time, beside the compiled packs. */
export const ACCENT_WORDS_FILE = fileURLToPath(new URL('../../dist/rules/accent-words.json', import.meta.url));

export interface AccentWords {
  /** A word without its accented letters → the folded word ("camras" → "cameras"). */
  dropped: Record<string, string>;
  /** Folded words of five letters or more, for elisions that lost their apostrophe. */
  words: string[];
}

/** Letters a font without accented glyphs leaves out (lower case, NFC). */
const ACCENTED = /[àâäáãåçéèêëíìîïñóòôöõúùûüýÿœæ]/g;
/** The same, capitals included: the letters counted on a page. */
const ACCENTED_ANY = new RegExp(ACCENTED.source, 'gi');
/** Shorter forms are too often words of their own ("t" for "été"). */
const MIN_DROPPED = 4;
const MIN_ELIDED = 5;
/** Elided articles and prepositions glued to the next word once the apostrophe is gone. */
const ELISIONS = ['l', 'd'];

/** The word as a font without accented glyphs prints it, or undefined when it has no accent. */
export function droppedForm(word: string): string | undefined {
  const lower = word.normalize('NFC').toLowerCase();
  const dropped = lower.replace(ACCENTED, '');
  return dropped === lower ? undefined : dropped;
}

/**
 * The repair table of a set of French texts (the packs' sources). A dropped form is kept when
 * it stands for one word only and is not itself a word of the texts or of `others` (the
 * English packs: "media" must not come from "média").
 */
export function gatherAccentWords(texts: readonly string[], others: readonly string[] = []): AccentWords {
  const candidates = new Map<string, Set<string>>();
  const plain = new Set<string>();
  for (const text of texts) {
    for (const [word] of text.normalize('NFC').matchAll(/\p{L}+/gu)) {
      const folded = foldString(word);
      const dropped = droppedForm(word);
      if (dropped === undefined) plain.add(folded);
      else if (dropped.length >= MIN_DROPPED && /^[a-z]+$/.test(dropped)) {
        let set = candidates.get(dropped);
        if (!set) candidates.set(dropped, (set = new Set()));
        set.add(folded);
      }
    }
  }
  for (const text of others) for (const [word] of text.normalize('NFC').matchAll(/\p{L}+/gu)) plain.add(foldString(word));
  const dropped: Record<string, string> = {};
  for (const [form, folded] of [...candidates].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (folded.size === 1 && !plain.has(form)) dropped[form] = [...folded][0];
  }
  const words = new Set<string>();
  for (const w of plain) if (w.length >= MIN_ELIDED) words.add(w);
  for (const folded of Object.values(dropped)) if (folded.length >= MIN_ELIDED) words.add(folded);
  return { dropped, words: [...words].sort() };
}

interface Table {
  dropped: Map<string, string>;
  words: Set<string>;
}
let table: Table | null | undefined;

/** The build's table, read on first use; null when the build wrote none (no repair then). */
function loadTable(file = ACCENT_WORDS_FILE): Table | null {
  if (table !== undefined) return table;
  try {
    const parsed = readBuildJson(file) as AccentWords;
    table = { dropped: new Map(Object.entries(parsed.dropped)), words: new Set(parsed.words) };
  } catch {
    table = null;
  }
  return table;
}

/** For tests: the table to use instead of the build's (undefined: the build's again). */
export function useAccentWords(words: AccentWords | undefined): void {
  table = words ? { dropped: new Map(Object.entries(words.dropped)), words: new Set(words.words) } : undefined;
}

/**
 * Reads again the tokens of a French page whose text layer lost its accented letters (see
 * above); returns the tokens unchanged (the same array) for any other page. `original` is the
 * page's printed text, for counting its accented letters; `french` says whether the tokens are
 * French ("change", "march", "install" are English words as well as "échange", "marché",
 * "installé" without their accents), asked last, of the few pages that get that far.
 */
export function repairDroppedAccents(tokens: Token[], original: string, french: (tokens: Token[]) => boolean): Token[] {
  const t = loadTable();
  if (!t || tokens.length === 0) return tokens;
  const hits = new Set<string>();
  for (const token of tokens) if (t.dropped.has(token.text)) hits.add(token.text);
  if (hits.size === 0) return tokens;
  let accented = 0;
  for (const _ of original.matchAll(ACCENTED_ANY)) if (++accented >= hits.size) return tokens;
  if (!french(tokens)) return tokens;
  const out: Token[] = [];
  for (const token of tokens) {
    const word = t.dropped.get(token.text);
    if (word !== undefined) {
      out.push({ ...token, text: word });
      continue;
    }
    const elided = ELISIONS.find((e) => token.text.length - e.length >= MIN_ELIDED && token.text.startsWith(e));
    if (elided !== undefined && !t.words.has(token.text)) {
      const rest = token.text.slice(elided.length);
      const restWord = t.words.has(rest) ? rest : t.dropped.get(rest);
      if (restWord !== undefined) {
        const at = token.start + elided.length;
        out.push({ text: elided, start: token.start, end: at }, { text: restWord, start: at, end: token.end });
        continue;
      }
    }
    out.push(token);
  }
  return out;
}
