// Accent and case folding with an offset map back to the original text.

export interface FoldedText {
  /** Lower-case text without accents, ligatures expanded, odd spaces and apostrophes unified. */
  text: string;
  /** For every UTF-16 unit of `text`, the index of the original character it comes from. */
  map: number[];
}

const SPECIAL: Record<string, string> = {
  œ: 'oe',
  Œ: 'oe',
  æ: 'ae',
  Æ: 'ae',
  ß: 'ss',
  '’': "'",
  '‘': "'",
  'ʼ': "'",
  '`': "'",
  '´': "'",
  '\u00ad': '', // soft hyphen
  '\u200b': '',
  '\u200c': '',
  '\u200d': '',
  '\ufeff': '',
  '‐': '-',
  '‑': '-',
};

const foldCache = new Map<string, string>();
const PLAIN_ASCII = /^[\x20-\x5f\x61-\x7e]*$/;

/** Folds one character (a code point) to its matching form; may return 0, 1 or several units. */
export function foldChar(ch: string): string {
  let out = foldCache.get(ch);
  if (out !== undefined) return out;
  if (ch in SPECIAL) out = SPECIAL[ch];
  else if (/\s/u.test(ch)) out = ch === '\n' ? '\n' : ' ';
  else
    out = ch
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[œæß’]/g, (c) => SPECIAL[c] ?? c);
  foldCache.set(ch, out);
  return out;
}

/** Folds a whole string (for rule terms and cue lists). */
export function foldString(text: string): string {
  let out = '';
  for (const ch of text) out += foldChar(ch);
  return out;
}

/** Appends the folded form of `text` (which starts at `origin` in the original) to `into`. */
export function appendFolded(into: FoldedText, text: string, origin: number): void {
  // Most lines are plain ASCII: folding is then lower-casing, one unit for one unit.
  if (PLAIN_ASCII.test(text)) {
    into.text += text.toLowerCase();
    for (let k = 0; k < text.length; k++) into.map.push(origin + k);
    return;
  }
  // Otherwise ASCII characters still take the short way; the others are folded one code point
  // at a time, and the line is appended at once.
  let out = '';
  const map = into.map;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c < 0x80 && c !== 0x60) {
      out += c >= 0x41 && c <= 0x5a ? String.fromCharCode(c + 0x20) : text[i];
      map.push(origin + i);
      continue;
    }
    const next = text.charCodeAt(i + 1);
    const pair = c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
    const folded = foldChar(pair ? text.slice(i, i + 2) : text[i]);
    for (let k = 0; k < folded.length; k++) map.push(origin + i);
    out += folded;
    if (pair) i++;
  }
  into.text += out;
}
