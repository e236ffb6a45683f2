// Citations: the nearest article or numbered heading above a passage.
import type { Line } from '../types.js';

export interface Heading {
  /** Offset of the heading line in the page text. */
  start: number;
  /** The heading line as printed ("Article 2 – Sources de données"). */
  text: string;
  /** Its number when it has one ("2", "2.3", "IV"), for short citations like "art. 2.3". */
  number: string | null;
}

const KEYWORD_HEADING =
  /^(?:article|art\.|chapitre|titre|section|annexe|partie|chapter|part|appendix|attachment|exhibit)\s+([0-9]+(?:\.[0-9]+)*|[IVXLC]+|[A-Z])/iu;
// After the number comes the end of the line, a separator or a capitalised title: not
// ", each covering…" or " du code…" (a sentence wrapped so that a line starts with "Article 3").
const AFTER_HEADING_NUMBER = /^(?:$|\s*[–—:.)-]|\s+\p{Lu})/u;
const TABLE_OF_CONTENTS_ENTRY = /(?:\.\s?){3,}\s*\d*$/u;
const NUMBERED_HEADING = /^([0-9]+(?:\.[0-9]+)+)\.?\s+\p{Lu}|^([0-9]+)[.)]\s+\p{Lu}/u;

/** Heading lines of a page (running header/footer lines excluded). */
export function findHeadings(lines: Line[], skip: ReadonlySet<number>): Heading[] {
  const headings: Heading[] = [];
  lines.forEach((line, i) => {
    if (skip.has(i)) return;
    const text = line.text.trim();
    if (text.length === 0 || text.length > 120 || /[,;]$/.test(text)) return;
    if (TABLE_OF_CONTENTS_ENTRY.test(text)) return;
    const match = KEYWORD_HEADING.exec(text);
    const keyword = match && AFTER_HEADING_NUMBER.test(text.slice(match[0].length)) ? match : null;
    const numbered = keyword ? null : NUMBERED_HEADING.exec(text);
    // A numbered line that is long or ends like a sentence is a list item, not a heading
    // (unless the file itself marks it as a heading).
    if (numbered && !line.heading && (text.length > 90 || /[.:]$/.test(text))) return;
    if (keyword || numbered || line.heading) {
      headings.push({ start: line.start, text, number: keyword?.[1] ?? numbered?.[1] ?? numbered?.[2] ?? null });
    }
  });
  return headings;
}

/** The heading in force at `offset`: the last one above it on the page, else `carried`. */
export function headingAt(headings: Heading[], offset: number, carried: Heading | null): Heading | null {
  let found = carried;
  for (const h of headings) if (h.start <= offset) found = h;
  return found;
}
