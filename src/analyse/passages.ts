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

function endsSentence(folded: string, dot: number): boolean {
  // "art. 12", "n. 3", "M. Dupont", "2.3" are not sentence ends.
  const before = /([\p{L}.]+)$/u.exec(folded.slice(Math.max(0, dot - 12), dot));
  if (before) {
    const word = before[1].replace(/^\.+/, '');
    if (ABBREVIATIONS.has(word) || word.length === 1) return false;
  }
  if (/\d$/.test(folded.slice(0, dot)) && /^\d/.test(folded.slice(dot + 1))) return false;
  return true;
}

/**
 * Splits folded page text into passages: at sentence ends (. ! ? followed by a space), at blank
 * lines, and at line breaks that start a list item or a heading, or that end a short line
 * (a title) or a line ending with a colon.
 */
export function splitPassages(folded: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  const cut = (end: number) => {
    const text = folded.slice(start, end);
    const lead = text.length - text.trimStart().length;
    const trail = text.length - text.trimEnd().length;
    if (end - trail > start + lead) spans.push({ start: start + lead, end: end - trail });
    start = end;
  };
  let lineStart = 0;
  for (let i = 0; i < folded.length; i++) {
    const ch = folded[i];
    if ((ch === '.' || ch === '!' || ch === '?') && /\s/.test(folded[i + 1] ?? ' ')) {
      if (ch !== '.' || endsSentence(folded, i)) cut(i + 1);
    } else if (ch === '\n') {
      const line = folded.slice(lineStart, i);
      const nextEnd = folded.indexOf('\n', i + 1);
      const nextLine = folded.slice(i + 1, nextEnd < 0 ? folded.length : nextEnd);
      const blank = nextLine.trim().length === 0 || line.trim().length === 0;
      const trimmed = line.trim();
      const titleLike = trimmed.length > 0 && trimmed.length < 60 && !/[,;]$|\b(?:de|du|des|la|le|les|et|ou|a|of|the|and|to|for)$/.test(trimmed);
      if (blank || BULLET.test(nextLine) || HEADING.test(nextLine) || /:$/.test(trimmed) || titleLike) cut(i);
      lineStart = i + 1;
    }
  }
  cut(folded.length);
  return spans;
}
