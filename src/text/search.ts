// `tenderscan find`: a pattern searched over page text, grep-like. The page is folded (accents,
// case, ligatures) with an offset map, the pattern is folded the same way, and every match is
// mapped back to the original page text, so that what is printed is the document's own text.
//
// Literals go through indexOf (linear in practice). Regular expressions go through re2js, an
// RE2 engine in JavaScript: its matching time is linear in the text, whatever the pattern, and
// it refuses backreferences and lookaround, which no linear-time engine can run.
import { UsageError } from '../errors.js';
import type { Line, Page, SearchHit, SearchQuery } from '../types.js';
import { charAt } from './fold.js';

/** A folded text and, for each of its UTF-16 units, the index of the original unit it comes from. */
interface Folded {
  text: string;
  map: Uint32Array;
}

/** Never part of a word or a match: soft hyphens and zero-width characters a PDF may hold. */
const IGNORED = new Set(['\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff']);

/** Outside --strict-accents: the typographic forms a user does not type. */
const SPECIAL: Record<string, string> = { œ: 'oe', Œ: 'OE', æ: 'ae', Æ: 'AE', ß: 'ss', '’': "'", '‘': "'", 'ʼ': "'", '´': "'", '‐': '-', '‑': '-', '–': '-' };

const WORD = /[\p{L}\p{N}\p{M}_]/u;
const MARK = /\p{M}/u;
const SPACE = /\s/u;

/** How text and pattern are folded: accents (unless --strict-accents), case (with -i), spaces. */
interface Folding {
  accents: boolean;
  caseless: boolean;
  /** Literals: every run of spaces and line breaks is one space (a phrase split over two lines matches). */
  collapseSpaces: boolean;
}

function foldingOf(query: SearchQuery): Folding {
  return { accents: !query.strictAccents, caseless: query.ignoreCase, collapseSpaces: !query.regexp };
}

const charCache = new Map<string, string>();

/** One code point folded: 0, 1 or several units. */
function foldCodePoint(ch: string, folding: Folding): string {
  const key = `${folding.accents ? 'a' : '-'}${folding.caseless ? 'i' : '-'}${ch}`;
  let out = charCache.get(key);
  if (out !== undefined) return out;
  if (IGNORED.has(ch)) out = '';
  else if (SPACE.test(ch)) out = ch === '\n' ? '\n' : ' ';
  else {
    out = folding.accents ? (SPECIAL[ch] ?? ch.normalize('NFKD').replace(/\p{M}/gu, '')) : ch;
    if (folding.caseless) out = out.toLowerCase();
  }
  if (charCache.size < 10_000) charCache.set(key, out);
  return out;
}

/** What cannot be copied as it is: other than printable ASCII and single spaces (and line breaks in expressions). */
const SPECIAL_LITERAL = /[^\x21-\x7e ]| {2,}/gu;
const SPECIAL_REGEXP = /[^\x21-\x7e \n]/gu;

/**
 * Folds `text` in one pass. The stretches of printable ASCII between other characters, most
 * of a French or English page, are copied at once (lower-cased with -i); the other characters
 * are folded one code point at a time. The map is a typed array grown by doubling.
 */
function foldText(text: string, folding: Folding): Folded {
  let map = new Uint32Array(text.length + 16);
  let length = 0;
  const chunks: string[] = [];
  let inSpace = false;
  const append = (folded: string, from: number, sequential: boolean) => {
    if (!folded) return;
    if (length + folded.length > map.length) {
      const grown = new Uint32Array(Math.max(map.length * 2, length + folded.length));
      grown.set(map.subarray(0, length));
      map = grown;
    }
    for (let k = 0; k < folded.length; k++) map[length++] = sequential ? from + k : from;
    chunks.push(folded);
  };
  let at = 0;
  const copyTo = (end: number) => {
    let from = at;
    // A space after a collapsed run of spaces is part of it.
    if (folding.collapseSpaces && inSpace && text.charCodeAt(from) === 0x20) from++;
    if (end <= from) return;
    const stretch = text.slice(from, end);
    append(folding.caseless ? stretch.toLowerCase() : stretch, from, true);
    inSpace = text.charCodeAt(end - 1) === 0x20;
  };
  for (const m of text.matchAll(folding.collapseSpaces ? SPECIAL_LITERAL : SPECIAL_REGEXP)) {
    copyTo(m.index);
    for (let i = m.index, end = m.index + m[0].length; i < end; ) {
      const ch = charAt(text, i);
      let folded = foldCodePoint(ch, folding);
      if (folding.collapseSpaces && (folded === ' ' || folded === '\n')) {
        folded = inSpace ? '' : ' ';
        inSpace = true;
      } else if (folded !== '') inSpace = false;
      append(folded, i, false);
      i += ch.length;
    }
    at = m.index + m[0].length;
  }
  copyTo(text.length);
  return { text: chunks.join(''), map: map.subarray(0, length) };
}

/** A compiled search: finds the matches of one folded text, as [start, end) in that text. */
interface Matcher {
  matches(folded: string): [number, number][];
}

export interface CompiledSearch {
  query: SearchQuery;
  matcher: Matcher;
}

type Re2 = typeof import('re2js').RE2JS;
let re2: Re2 | undefined;

/** re2js is loaded only by searches with --regexp. */
async function loadRe2(): Promise<Re2> {
  re2 ??= (await import('re2js')).RE2JS;
  return re2;
}

const isWordAt = (text: string, i: number) => i >= 0 && i < text.length && WORD.test(charAt(text, i));
const isWordBefore = (text: string, i: number) => {
  if (i <= 0) return false;
  const low = text.charCodeAt(i - 1);
  return WORD.test(low >= 0xdc00 && low <= 0xdfff && i >= 2 ? text.slice(i - 2, i) : text[i - 1]);
};

function literalMatcher(needle: string, word: boolean): Matcher {
  return {
    matches(text) {
      const found: [number, number][] = [];
      for (let at = text.indexOf(needle); at >= 0; ) {
        const end = at + needle.length;
        if (word && (isWordBefore(text, at) || isWordAt(text, end))) {
          at = text.indexOf(needle, at + 1);
          continue;
        }
        found.push([at, end]);
        at = text.indexOf(needle, end);
      }
      return found;
    },
  };
}

/**
 * A regular expression folded like the text: what stands outside an escape is folded; an
 * escape (`\W`, `\p{Lu}`, `\u00e9`) is kept as written, so that folding never changes its meaning.
 */
function foldPattern(pattern: string, folding: Folding): string {
  let out = '';
  for (let i = 0; i < pattern.length; ) {
    if (pattern[i] === '\\') {
      const braced = /^\\[pPx]\{[^}]*\}/.exec(pattern.slice(i, i + 64));
      const escape = braced ? braced[0] : pattern.slice(i, i + 1 + charAt(pattern, i + 1).length);
      out += escape;
      i += escape.length;
      continue;
    }
    const ch = charAt(pattern, i);
    out += foldCodePoint(ch, folding);
    i += ch.length;
  }
  return out;
}

const NOT_WORD = '[^\\p{L}\\p{N}\\p{M}_]';

async function regexpMatcher(query: SearchQuery, folding: Folding): Promise<Matcher> {
  const RE2JS = await loadRe2();
  const source = foldPattern(query.pattern, folding);
  const flags = RE2JS.MULTILINE | (query.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
  let bare;
  try {
    bare = RE2JS.compile(source, flags);
  } catch (err) {
    const reason = String((err as Error).message ?? err).replace(/^error parsing regexp: /, '');
    const unsupported = /\\[1-9]|\\k<|\(\?<?[=!]/.test(query.pattern) ? ' (backreferences and lookaround cannot run in linear time: they are not supported)' : '';
    throw new UsageError(`--regexp "${query.pattern}": ${reason}${unsupported}`);
  }
  if (bare.matcher('').find()) throw new UsageError(`--regexp "${query.pattern}" matches the empty string: it would match every line`);
  // -w: a non-word character (or a line's edge) on each side. The character after the match is
  // consumed by the expression, so the next search starts on it: "LAPI LAPI" gives two matches.
  const re = query.word ? RE2JS.compile(`(?:^|${NOT_WORD})(${source})(?:${NOT_WORD}|$)`, flags) : bare;
  const group = query.word ? 1 : 0;
  return {
    matches(text) {
      const found: [number, number][] = [];
      const m = re.matcher(text);
      let from = 0;
      while (from <= text.length && m.find(from)) {
        const start = m.start(group);
        const end = m.end(group);
        if (end > start) found.push([start, end]);
        from = Math.max(end, m.start() + 1);
      }
      return found;
    },
  };
}

/** Checks and compiles the pattern: a UsageError (exit 2) when it is empty or not a valid expression. */
export async function compileSearch(query: SearchQuery): Promise<CompiledSearch> {
  if (query.pattern === '') throw new UsageError('find: the pattern is empty');
  const folding = foldingOf(query);
  if (query.regexp) return { query, matcher: await regexpMatcher(query, folding) };
  const needle = foldText(query.pattern, folding).text;
  if (needle.trim() === '') throw new UsageError(`find: the pattern "${query.pattern}" has nothing to search for (only spaces or invisible characters)`);
  return { query, matcher: literalMatcher(needle, query.word) };
}

/** The matches of `search` in `text`, as 0-based [start, end) offsets of the original text. */
export function findMatches(text: string, search: CompiledSearch): { start: number; end: number }[] {
  const folded = foldText(text, foldingOf(search.query));
  return search.matcher.matches(folded.text).map(([s, e]) => {
    const start = folded.map[s];
    let end = folded.map[e - 1] + charAt(text, folded.map[e - 1]).length;
    // A decomposed accent after the last letter belongs to the match.
    while (end < text.length && MARK.test(charAt(text, end))) end += charAt(text, end).length;
    return { start, end };
  });
}

/** The index of the line holding `offset` (the last line starting at or before it). */
function lineIndexAt(lines: Line[], offset: number): number {
  let low = 0;
  let high = lines.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lines[mid].start <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** A sheet row's location names the column of the cell the match starts in. */
function withColumn(line: Line, offset: number): NonNullable<Line['location']> {
  const cell = line.cells?.find((c) => offset >= c.start && offset < c.end);
  return cell ? { ...line.location!, column: cell.column } : line.location!;
}

/**
 * The hits of one page: the lines holding matches (lines a match runs across are one hit), each
 * with its matches and, with `context`, up to that many lines before and after it on the page.
 */
export function searchPage(page: Page, search: CompiledSearch, context = 0): SearchHit[] {
  if (page.error || page.lines.length === 0) return [];
  const matches = findMatches(page.text, search);
  const hits: SearchHit[] = [];
  const lines = page.lines;
  let current: { first: number; last: number; matches: { start: number; end: number }[] } | undefined;
  const groups: NonNullable<typeof current>[] = [];
  for (const m of matches) {
    const first = lineIndexAt(lines, m.start);
    const last = lineIndexAt(lines, Math.max(m.start, m.end - 1));
    if (current && first <= current.last) {
      current.last = Math.max(current.last, last);
      current.matches.push(m);
    } else {
      current = { first, last, matches: [m] };
      groups.push(current);
    }
  }
  for (const g of groups) {
    const first = lines[g.first];
    const last = lines[g.last];
    const contextLine = (l: Line) => ({ line: l.number, text: l.text, ...(l.location ? { location: l.location } : {}) });
    hits.push({
      page: page.number,
      pageLabel: page.label ?? String(page.number),
      line: first.number,
      ...(g.last > g.first ? { lastLine: last.number } : {}),
      ...(first.location ? { location: withColumn(first, g.matches[0].start) } : {}),
      start: first.start,
      text: page.text.slice(first.start, last.end),
      matches: g.matches,
      source: page.source ?? 'text',
      ...(context > 0
        ? {
            before: lines.slice(Math.max(0, g.first - context), g.first).map(contextLine),
            after: lines.slice(g.last + 1, g.last + 1 + context).map(contextLine),
          }
        : {}),
    });
  }
  return hits;
}
