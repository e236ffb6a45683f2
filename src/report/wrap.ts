// Wrapping for the terminal report: wrap-ansi's hard wrap (`{ hard: true, trim: true }`), with a
// fast path for plain text. wrap-ansi measures every word grapheme by grapheme (Intl.Segmenter,
// the emoji and east-asian-width tables, big regexes compiled cold): a tenth of a one-page
// scan. Most report lines are plain Latin text without colours (stdout a pipe, or a file):
// every character alone in its grapheme and unchanged by NFC, one column wide but three
// (©, ®, ⚠: two). Those are measured without a regex per grapheme and wrapped by the same
// algorithm below, byte for byte wrap-ansi's output (test/slow/terminal-wrap.test.ts compares the
// two); any other text goes to wrap-ansi, loaded then: string-width makes an Intl.Segmenter as
// it loads (ICU's break rules, a few hundredths of a second), which plain text never needs.
import { createRequire } from 'node:module';
import type WrapAnsi from 'wrap-ansi';

let wrapAnsi: typeof WrapAnsi | undefined;
/** wrap-ansi, an ES module, through require (Node ≥ 20.19): wrapHard is synchronous. */
const loadWrapAnsi = (): typeof WrapAnsi => (wrapAnsi ??= (createRequire(import.meta.url)('wrap-ansi') as { default: typeof WrapAnsi }).default);

/**
 * Text the fast path takes: printable ASCII, Latin-1 but the soft hyphen (zero width), a few
 * punctuation marks of French and English text (dashes, quotes, bullet, ellipsis, narrow
 * no-break space, euro, arrows, the warning sign), the private-use glue of terminal.ts, and
 * line breaks. No ESC, tab, CR, combining mark, zero-width, CJK or emoji sequence.
 */
const PLAIN = /^[\n\x20-\x7e\xa0-\xac\xae-\xff\u2010-\u2027\u202f\u2030-\u203a\u20ac\u2190-\u2193\u26a0\ue000]*$/;

/** Among them, those string-width counts two columns (emoji-regex takes them): ©, ® and ⚠. */
const WIDE = /[\xa9\xae\u26a0]/g;

/** Columns of plain text, as string-width counts them. */
function width(text: string): number {
  WIDE.lastIndex = 0;
  let wide = 0;
  while (WIDE.test(text)) wide++;
  return text.length + wide;
}

/** Columns of one plain character. */
function charWidth(character: string): number {
  return character === '\u26a0' || character === '\xa9' || character === '\xae' ? 2 : 1;
}

/** Whether `plainWrap` gives wrap-ansi's output for `text`. */
export function isPlain(text: string): boolean {
  return PLAIN.test(text);
}

/**
 * Whether the terminal report takes its own paths for plain text and plain tables (`wrapHard`,
 * `drawTable`); off, every line goes to wrap-ansi and every table to cli-table3. The report is
 * the same bytes either way: the test that shows it turns this off, and counts the plain calls.
 */
export const plainPaths = { enabled: true, plainCalls: 0, calls: 0 };

/** `text` wrapped to `columns` as `wrapAnsi(text, columns, { hard: true, trim: true })` wraps it. */
export function wrapHard(text: string, columns: number): string {
  plainPaths.calls++;
  if (plainPaths.enabled && isPlain(text)) {
    plainPaths.plainCalls++;
    return plainWrap(text, columns);
  }
  return loadWrapAnsi()(text, columns, { hard: true, trim: true });
}

/** wrap-ansi's hard, trimming wrap for text where `isPlain` holds. */
export function plainWrap(text: string, columns: number): string {
  return text.split('\n').map((line) => plainLine(line, columns)).join('\n');
}

/** wrap-ansi's `exec` with `hard` and `trim`. */
function plainLine(line: string, columns: number): string {
  if (line.trim() === '') return '';
  const words = line.split(' ');
  const rows = [''];
  for (let index = 0; index < words.length; index++) {
    const word = words[index];
    rows[rows.length - 1] = rows[rows.length - 1].trimStart();
    let rowLength = width(rows[rows.length - 1]);
    if (index !== 0 && rowLength > 0) {
      rows[rows.length - 1] += ' ';
      rowLength++;
    }
    const length = width(word);
    if (length > columns) {
      const remaining = columns - rowLength;
      const breaksStartingThisLine = 1 + Math.floor((length - remaining - 1) / columns);
      const breaksStartingNextLine = Math.floor((length - 1) / columns);
      if (breaksStartingNextLine < breaksStartingThisLine) rows.push('');
      wrapWord(rows, word, columns);
      continue;
    }
    if (rowLength + length > columns && rowLength > 0 && length > 0) rows.push('');
    rows[rows.length - 1] += word;
  }
  return rows.map(trimSpacesRight).join('\n');
}

/** A word longer than a row, cut at the width across rows. */
function wrapWord(rows: string[], word: string, columns: number): void {
  let visible = width(rows[rows.length - 1]);
  for (let index = 0; index < word.length; index++) {
    const character = word[index];
    const characterLength = charWidth(character);
    if (visible + characterLength <= columns) rows[rows.length - 1] += character;
    else {
      rows.push(character);
      visible = 0;
    }
    visible += characterLength;
    if (visible === columns && index < word.length - 1) {
      rows.push('');
      visible = 0;
    }
  }
  if (!visible && rows[rows.length - 1].length > 0 && rows.length > 1) rows[rows.length - 2] += rows.pop();
}

/** Trailing spaces (plain ones only) off a row. */
function trimSpacesRight(row: string): string {
  let end = row.length;
  while (end > 0 && row.charCodeAt(end - 1) === 0x20) end--;
  return end === row.length ? row : row.slice(0, end);
}
