// Accent and case folding with an offset map back to the original text.

export interface FoldedText {
  /** Lower-case text without accents, ligatures expanded, odd spaces and apostrophes unified. */
  text: string;
  /** For every UTF-16 unit of `text`, the index of the original character it comes from. */
  map: Uint32Array;
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
  // A font whose Unicode map sends a glyph to U+0000 (accented letters, often): no text, and
  // no word break either ("cam\0ras" is one word that lost its letter).
  '\u0000': '',
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
  // Plain ASCII (most words): folding is lower-casing.
  if (PLAIN_ASCII.test(text)) return text.toLowerCase();
  let out = '';
  for (const ch of text) out += foldChar(ch);
  return out;
}

/** The character at `i`: one code point, two units for a surrogate pair, one for a lone surrogate. */
export function charAt(text: string, i: number): string {
  const c = text.charCodeAt(i);
  const next = text.charCodeAt(i + 1);
  return c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? text.slice(i, i + 2) : text[i];
}

/**
 * Builds a FoldedText line by line. The offsets go into one typed array, sized from the page
 * and doubled when folding expands (ligatures, œ): an array of numbers grown by push
 * allocated a third of everything the analysis allocates.
 */
export class FoldedTextBuilder {
  private text = '';
  private map: Uint32Array;
  private length = 0;

  constructor(capacity = 64) {
    this.map = new Uint32Array(Math.max(16, capacity));
  }

  private reserve(units: number): void {
    if (this.length + units <= this.map.length) return;
    const grown = new Uint32Array(Math.max(this.map.length * 2, this.length + units));
    grown.set(this.map.subarray(0, this.length));
    this.map = grown;
  }

  /** Appends `separator` (a line or paragraph break) as it is, standing for `origin`. */
  appendRaw(separator: string, origin: number): void {
    this.reserve(separator.length);
    this.text += separator;
    this.map.fill(origin, this.length, this.length + separator.length);
    this.length += separator.length;
  }

  /** Appends the folded form of `text`, which starts at `origin` in the original. */
  append(text: string, origin: number): void {
    // Most lines are plain ASCII: folding is then lower-casing, one unit for one unit.
    if (PLAIN_ASCII.test(text)) {
      this.reserve(text.length);
      this.text += text.toLowerCase();
      for (let k = 0; k < text.length; k++) this.map[this.length++] = origin + k;
      return;
    }
    // Otherwise ASCII characters still take the short way; the others are folded one code
    // point at a time, and the line is appended at once.
    // Room for one unit per unit left is kept at every step; expansions reserve more.
    let out = '';
    this.reserve(text.length);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x20 && c < 0x80 && c !== 0x60) {
        out += c >= 0x41 && c <= 0x5a ? String.fromCharCode(c + 0x20) : text[i];
        this.map[this.length++] = origin + i;
        continue;
      }
      const ch = charAt(text, i);
      const folded = foldChar(ch);
      this.reserve(folded.length + text.length - i);
      for (let k = 0; k < folded.length; k++) this.map[this.length++] = origin + i;
      out += folded;
      i += ch.length - 1;
    }
    this.text += out;
  }

  finish(): FoldedText {
    return { text: this.text, map: this.map.subarray(0, this.length) };
  }
}
