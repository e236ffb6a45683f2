// Page text → the text rules are matched on, with every position mapped back to the page text.
import { FoldedTextBuilder, type FoldedText } from './fold.js';
import { keepLineEndHyphen, type DocumentVocabulary } from './hyphenation.js';
import type { Line, Page } from '../types.js';

// Bounded (a line of millions of letters overflowed V8's regular expression stack): the end is
// looked for in the line's last characters only, and no word is longer than 200.
const CUT_WORD_END = /([\p{L}]{1,200})-$/u;
const WORD_START = /^[\p{Ll}][\p{L}]{0,199}/u;
const TAIL = 202;
const UNICODE_SPACE = /\s/u;

/** Characters (code points) of a text that are not white space (`\s`). */
export function visibleChars(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) continue; // ASCII white space
    if (c >= 0xdc00 && c <= 0xdfff) continue; // second half of a surrogate pair
    if (c >= 0x80 && UNICODE_SPACE.test(text[i])) continue;
    n++;
  }
  return n;
}

/** A page with fewer visible characters than this has no usable text layer. */
export const MIN_TEXT_CHARS = 20;
/** Pages with fewer visible characters than this are checked for images (a stamp over a scan?). */
export const THIN_TEXT_CHARS = 200;
/** Images must cover at least this share of a page for its thin text layer to be taken for a stamp. */
export const SCAN_COVERAGE = 0.5;

/**
 * A PDF page without usable text: (almost) no text layer, or a thin one over images that cover
 * most of the page — a DocuSign envelope id stamped on a scan — where the characters are few for
 * the image area (under 200 for a page-sized image, in proportion below that). OCR text is
 * judged on its own, and DOCX/ODT/text pages are never scans.
 */
export function lacksUsableText(page: Page): boolean {
  if (page.error || page.firstParagraph !== undefined) return false;
  const chars = visibleChars(page.text);
  if (chars < MIN_TEXT_CHARS) return true;
  if (page.source === 'ocr') return false;
  const coverage = page.imageCoverage ?? 0;
  return coverage >= SCAN_COVERAGE && chars < THIN_TEXT_CHARS * coverage;
}

/**
 * Builds the folded analysis text of a page: running header/footer lines are left out (a blank
 * line stands in their place, so nothing matches across them), words hyphenated at a line end
 * are joined or keep their hyphen, and line breaks inside a paragraph become spaces.
 */
export function buildAnalysisText(
  pageText: string,
  lines: Line[],
  skipLines: ReadonlySet<number>,
  vocabulary: DocumentVocabulary,
): FoldedText {
  // Folding rarely makes text longer: the page's length plus a break per line is enough.
  const out = new FoldedTextBuilder(pageText.length + lines.length);
  const kept = lines.map((line, i) => ({ line, i })).filter(({ i }) => !skipLines.has(i));
  for (let k = 0; k < kept.length; k++) {
    const { line, i } = kept[k];
    const next = kept[k + 1];
    const adjacent = next !== undefined && next.i === i + 1;
    // A whole block (a DOCX paragraph, a table or sheet row) never runs on into the next line.
    const runsOn = adjacent && !line.wholeBlock && !cellsOf(line) && !cellsOf(next.line);
    const cut = runsOn && line.text.endsWith('-') ? CUT_WORD_END.exec(line.text.slice(-TAIL)) : null;
    const continuation = cut && next ? WORD_START.exec(next.line.text) : null;
    if (cut && continuation) {
      const keepHyphen = keepLineEndHyphen(cut[1], continuation[0], vocabulary);
      const body = keepHyphen ? line.text : line.text.slice(0, -1);
      out.append(body, line.start);
      // No separator: the next line's first word continues this one.
      continue;
    }
    const cells = cellsOf(line);
    if (cells) {
      // A table cell is a unit of its own: a row of short cells is not one sentence. But a PDF
      // cell wrapped over the lines below ("1 | Caméra dôme 4K," then "fournie, posée et" alone
      // on its line) goes on there: the row's last cell runs on into a following line that has
      // no cells of its own, unless the cell ends a sentence.
      const lastCell = cells[cells.length - 1];
      const lastText = pageText.slice(lastCell.start, lastCell.end);
      const wraps = adjacent && !line.wholeBlock && line.cells !== undefined && !cellsOf(next.line) && !/[.;:!?]\s*$/.test(lastText);
      cells.forEach((c, n) => {
        if (n + 1 === cells.length && wraps) {
          const cellCut = lastText.endsWith('-') ? CUT_WORD_END.exec(lastText.slice(-TAIL)) : null;
          const cellContinuation = cellCut ? WORD_START.exec(next.line.text) : null;
          if (cellCut && cellContinuation) {
            out.append(keepLineEndHyphen(cellCut[1], cellContinuation[0], vocabulary) ? lastText : lastText.slice(0, -1), c.start);
            return;
          }
          out.append(lastText, c.start);
          out.appendRaw('\n', c.end);
          return;
        }
        out.append(pageText.slice(c.start, c.end), c.start);
        if (n + 1 < cells.length || next) out.appendRaw('\n\n', c.end);
      });
      continue;
    }
    out.append(line.text, line.start);
    // A skipped line between two kept lines ends the paragraph.
    if (next) out.appendRaw(runsOn ? '\n' : '\n\n', line.end);
  }
  return out.finish();
}

/**
 * The cells of a table row: a PDF line's wide gaps, or a word-processing row's " | " joins
 * (spreadsheet rows stay whole: a sheet row reads as a record).
 */
function cellsOf(line: Line): { start: number; end: number }[] | undefined {
  if (line.cells && line.location?.kind !== 'sheet-row') return line.cells.length > 1 ? line.cells : undefined;
  if (line.location?.kind !== 'table-row' || !line.text.includes(' | ')) return undefined;
  const cells: { start: number; end: number }[] = [];
  let start = 0;
  for (const part of line.text.split(' | ')) {
    if (part.trim()) cells.push({ start: line.start + start, end: line.start + start + part.length });
    start += part.length + 3;
  }
  return cells.length > 1 ? cells : undefined;
}

/**
 * The page text between two offsets as the document reads: words cut at a line end joined
 * as the analysis joined them ("vidéo-⏎protection" → "vidéoprotection", "sous-⏎traitant" →
 * "sous-traitant"), line breaks read as spaces, characters the analysis text leaves out
 * (soft hyphens, running header lines) left out. The offsets stay those of the page text.
 */
export function readingText(pageText: string, folded: FoldedText, start: number, end: number): string {
  const { map } = folded;
  // The map is in page order: find the first analysis unit that comes from [start, end).
  let lo = 0;
  let hi = map.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (map[mid] < start) lo = mid + 1;
    else hi = mid;
  }
  const covered = new Uint8Array(Math.max(0, end - start));
  for (let k = lo; k < map.length && map[k] < end; k++) if (map[k] >= start) covered[map[k] - start] = 1;
  // Runs of kept characters are sliced and joined once: a string grown a character at a time is
  // a chain of one V8 node per character (32 bytes each), which the findings kept (48 MB of a
  // 2,000-page tender's).
  const parts: string[] = [];
  let run = -1;
  for (let i = start; i < end; i++) {
    const c = pageText.charCodeAt(i);
    // The second half of a surrogate pair is never in the map: it follows its first half.
    const low = c >= 0xdc00 && c <= 0xdfff && i > start && covered[i - 1 - start] === 1;
    const kept = covered[i - start] === 1 || low;
    const lineBreak = c === 0x0a || c === 0x0d;
    if (run >= 0 && (!kept || lineBreak)) {
      parts.push(pageText.slice(run, i));
      run = -1;
    }
    if (!kept) continue;
    if (lineBreak) parts.push(' ');
    else if (run < 0) run = i;
  }
  if (run >= 0) parts.push(pageText.slice(run, end));
  return parts.join('');
}
