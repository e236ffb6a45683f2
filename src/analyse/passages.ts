// Passages: the sentences (or list items, headings) that findings quote.

export interface Span {
  start: number;
  end: number;
}

const ABBREVIATIONS = new Set(
  'art arts n no nos p pp cf etc m mm mme mmes mr mrs ms dr st av bd ex env min max ref réf vol al ch chap fig tel tél mlle inc ltd co corp vs sect approx ca e.g i.e u.s par al cc cgv ccag ccap cctp ttc ht'.split(' '),
);

const BULLET = /^\s*(?:[-–—•·▪◦*>]|\(?[a-z0-9]{1,2}[).]\s|\d+(?:\.\d+)+\.?\s)/u;
const HEADING = /^\s*(?:article|chapitre|titre|section|annexe|part|section)\s+[\divxlc]+/iu;

/** Whether the passage starts like a list item ("- ", "• ", "a) ", "2.1 "). */
export function startsListItem(folded: string, span: Span): boolean {
  return BULLET.test(folded.slice(span.start, Math.min(span.end, span.start + 12)));
}

/**
 * A passage that is only a list item's number ("(1)", "2.", "3)") or bracketed letter ("(a)"),
 * its item on the next line. "B." alone is left out: it is as often a section of the level above.
 */
export function isBareItemNumber(folded: string, span: Span): boolean {
  return span.end - span.start <= 5 && /^(?:\(?\d{1,3}[).]?|\([a-z]\))$/.test(folded.slice(span.start, span.end));
}

function endsSentence(folded: string, dot: number): boolean {
  // "art. 12", "n. 3", "M. Dupont", "2.3" are not sentence ends.
  const before = /([\p{L}.]+)$/u.exec(folded.slice(Math.max(0, dot - 12), dot));
  if (before) {
    const word = before[1].replace(/^\.+/, '');
    if (ABBREVIATIONS.has(word) || word.length === 1) return false;
  }
  // "2.3": a digit on both sides (a test of the text before the dot ran over all of it).
  if (isDigit(folded.charCodeAt(dot - 1)) && isDigit(folded.charCodeAt(dot + 1))) return false;
  return true;
}

// A line that opens with the answer to a question ("No. The Platform shall not…", "A15. No.
// Such sensors…", « R3 : Non. Le titulaire… »): "no" is the answer, not "number", when a
// capital follows.
const ANSWER_WORD = /^\s*(?:(?:a|r|answer|response|reponse)\s?\d{0,3}\s?[.:)–-]?\s*)?(?:no|non|yes|oui)$/;
function isAnswerWord(folded: string, lineStart: number, dot: number, original: (i: number) => string): boolean {
  if (dot - lineStart > 20 || !ANSWER_WORD.test(folded.slice(lineStart, dot))) return false;
  let k = dot + 1;
  while (k < folded.length && k - dot < 4 && /[ \t]/.test(folded[k])) k++;
  return /\p{Lu}/u.test(original(k) ?? '');
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
// What may stand before the dot of a list item's number at the start of a line ("1.", "(2.", "12.").
const ITEM_NUMBER = /^[ \t]*\(?\d{1,3}$/;

/** The white space String.prototype.trim removes (WhiteSpace and LineTerminator). */
function isTrimmed(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Splits folded page text into passages: at sentence ends (. ! ? followed by a space), at blank
 * lines and headings, and at line breaks where a new unit plainly starts: after a line ending
 * in punctuation, or after a short title-like line, when the next line starts with a capital,
 * a digit or a list bullet. Table cells wrapped over several lines stay together.
 * `original(i)` gives the page-text character behind folded position i (capitals are folded).
 */
export function splitPassages(folded: string, original: (i: number) => string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  const cut = (end: number) => {
    // The span less its white space at both ends, found in place (no copy of the text).
    let from = start;
    let to = end;
    while (from < to && isTrimmed(folded.charCodeAt(from))) from++;
    while (to > from && isTrimmed(folded.charCodeAt(to - 1))) to--;
    if (to > from) spans.push({ start: from, end: to });
    start = end;
  };
  let lineStart = 0;
  for (let i = 0; i < folded.length; i++) {
    const ch = folded[i];
    if ((ch === '.' || ch === '!' || ch === '?') && /\s/.test(folded[i + 1] ?? ' ')) {
      // "1. Biometric surveillance technology; or": the number of a list item that starts its
      // line is no sentence, it stays with its item (which then takes the list's cue)
      if (ch === '.' && ITEM_NUMBER.test(folded.slice(lineStart, i))) continue;
      if (ch !== '.' || endsSentence(folded, i) || isAnswerWord(folded, lineStart, i, original)) cut(i + 1);
    } else if (ch === '\n') {
      const trimmed = folded.slice(lineStart, i).trim();
      const nextEnd = folded.indexOf('\n', i + 1);
      const nextLine = folded.slice(i + 1, nextEnd < 0 ? folded.length : nextEnd);
      const firstChar = i + 1 + (nextLine.length - nextLine.trimStart().length);
      const blank = nextLine.trim().length === 0 || trimmed.length === 0;
      const bullet = BULLET.test(nextLine);
      const startsNew = bullet || /[\p{Lu}\p{N}«"“(]/u.test(original(firstChar) ?? '');
      const endsWithPunctuation = /[.;:!?]$/.test(trimmed);
      const titleLike =
        trimmed.length < 60 && !/[,;-]$|\b(?:de|du|des|la|le|les|et|ou|a|of|the|and|to|for|en|par|pour|avec)$/.test(trimmed);
      if (blank || HEADING.test(nextLine) || (startsNew && (endsWithPunctuation || titleLike) && !/^\s*[-–—]/.test(nextLine) ) || (bullet && endsWithPunctuation)) cut(i);
      lineStart = i + 1;
    }
  }
  cut(folded.length);
  return spans.flatMap((span) => splitGluedHeading(folded, original, span));
}

// Words a title may keep in lower case, and words that start a sentence, folded.
const MINOR_WORDS = new Set(
  'a an and as at by for from in into of on or per the to vs with without au aux avec d de des du en et l la le les ou par pour sans sur un une à'.split(' '),
);
const SENTENCE_STARTS = new Set(
  'the this these those it its our we each all any in for a an le la les l ce cet cette ces il elle ils elles nous on chaque tout toute tous dans pour un une'.split(' '),
);
// Bounded: V8 runs `[\p{L}]*` over a run of millions of characters on its stack (overflow);
// a longer run is read as words of 200 characters, which no heading has.
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]{0,199}/gu;

/**
 * A heading that the text layer glued to the sentence after it ("… with Limited or No
 * Agency-Owned Data The LPR system should…"): a run of at least three capitalised words from
 * the start of the passage, then a capitalised sentence start ("The", "Le", "Cette") followed by
 * a word in lower case or an acronym. The heading becomes a passage of its own, so that its
 * words ("No", "Sans") do not negate the sentence.
 */
function splitGluedHeading(folded: string, original: (i: number) => string, span: Span): Span[] {
  // Words are read one at a time: most passages stop at their first word in lower case.
  WORD.lastIndex = span.start;
  const nextWord = () => {
    const m = WORD.exec(folded);
    return m && m.index < span.end ? { start: m.index, text: m[0] } : null;
  };
  const capital = (w: { start: number }) => /\p{Lu}/u.test(original(w.start) ?? '');
  let titled = 0;
  let previous: { start: number; text: string } | null = null;
  let w = nextWord();
  while (w) {
    const next = nextWord();
    if (
      next &&
      previous &&
      titled >= 3 &&
      capital(w) &&
      SENTENCE_STARTS.has(w.text) &&
      capital(previous) &&
      !MINOR_WORDS.has(previous.text) &&
      !/[.;:,!?]/.test(folded.slice(previous.start + previous.text.length, w.start)) &&
      (!capital(next) || /^\p{Lu}{2,}$/u.test(rawWord(original, next)))
    ) {
      return [{ start: span.start, end: previous.start + previous.text.length }, { start: w.start, end: span.end }];
    }
    if (capital(w) && !MINOR_WORDS.has(w.text)) titled++;
    else if (!MINOR_WORDS.has(w.text) && !/^\d/.test(w.text)) return [span]; // a word in lower case: a sentence, not a title
    previous = w;
    w = next;
  }
  return [span];
}

function rawWord(original: (i: number) => string, word: { start: number; text: string }): string {
  let out = '';
  for (let i = 0; i < word.text.length; i++) out += original(word.start + i) ?? '';
  return out;
}
