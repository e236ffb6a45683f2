// Glob patterns (--exclude) matched in time linear in the name: a pattern is a short list of
// tokens run as a set of states over the name's characters, never a backtracking regular
// expression (picomatch's took minutes on `*_*_*_*_*.pdf` against a 3,000-character entry name
// of an archive, on the main thread, where no signal could stop it).
//
// Syntax: `*` any characters but `/`, `**` any characters, `?` one character but `/`,
// `[abc]`, `[a-z]`, `[!abc]` or `[^abc]` one of (or none of) those, `{a,b}` either, `\x` the
// character x. `a/**/b` also matches `a/b`, `**/b` also `b`, and `a/**` also `a`.

import { OptionError } from '../errors.js';

type Token =
  | { kind: 'char'; char: string }
  | { kind: 'one' }
  | { kind: 'class'; negated: boolean; ranges: [string, string][] }
  | { kind: 'star' }
  | { kind: 'globstar' };

/** At most this many patterns from one pattern's braces and `**` segments. */
const MAX_ALTERNATIVES = 256;


/**
 * A test of strings against the patterns (true when one of them matches); with `folders`, a
 * match of the part before any `/` counts too (the folders a path is in), in the same pass.
 */
export function compileGlobs(patterns: string[]): (name: string, folders?: boolean) => boolean {
  const compiled = patterns.flatMap((p) => alternatives(p).map(tokens));
  return (name, folders = false) => compiled.some((t) => matches(t, name, folders));
}

/** The pattern's brace alternatives and optional `**` segments, as plain patterns. */
function alternatives(pattern: string): string[] {
  let out = expandBraces(pattern);
  const optional: [RegExp, string][] = [
    [/\/\*\*\//, '/'],
    [/^\*\*\//, ''],
    [/\/\*\*$/, ''],
  ];
  for (const [re, replacement] of optional) {
    for (let round = 0; round < 8 && out.some((p) => re.test(p)); round++) {
      const more = out.filter((p) => re.test(p)).map((p) => p.replace(re, replacement));
      out = [...new Set([...out, ...more])];
      if (out.length > MAX_ALTERNATIVES) throw new OptionError('--exclude', `too many alternatives in "${pattern}" (at most ${MAX_ALTERNATIVES})`);
    }
  }
  return out;
}

function expandBraces(pattern: string): string[] {
  const open = findUnescaped(pattern, '{', 0);
  if (open < 0) return [pattern];
  // The matching close brace and the commas at this depth.
  let depth = 0;
  const commas: number[] = [];
  let close = -1;
  for (let i = open; i < pattern.length && close < 0; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) close = i;
    else if (c === ',' && depth === 1) commas.push(i);
  }
  if (close < 0 || commas.length === 0) {
    // Not a brace group: `{` is literal; later groups may still be one.
    return expandBraces(pattern.slice(open + 1)).map((rest) => `${pattern.slice(0, open)}\\{${rest}`);
  }
  const head = pattern.slice(0, open);
  const tail = pattern.slice(close + 1);
  const bounds = [open, ...commas, close];
  const out: string[] = [];
  const tails = expandBraces(tail);
  for (let k = 0; k + 1 < bounds.length; k++) {
    for (const middle of expandBraces(pattern.slice(bounds[k] + 1, bounds[k + 1]))) {
      for (const rest of tails) {
        out.push(head + middle + rest);
        if (out.length > MAX_ALTERNATIVES) throw new OptionError('--exclude', `too many alternatives in "${pattern}" (at most ${MAX_ALTERNATIVES})`);
      }
    }
  }
  return out;
}

function findUnescaped(s: string, char: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === char) return i;
  }
  return -1;
}

function tokens(pattern: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) out.push({ kind: 'char', char: pattern[++i] });
    else if (c === '*') {
      let stars = 1;
      while (pattern[i + 1] === '*') (i++, stars++);
      const kind = stars > 1 ? 'globstar' : 'star';
      // Two stars in a row are one.
      if (out.at(-1)?.kind !== kind) out.push({ kind });
    } else if (c === '?') out.push({ kind: 'one' });
    else if (c === '[') {
      const parsed = parseClass(pattern, i);
      if (parsed) {
        out.push(parsed.token);
        i = parsed.end;
      } else out.push({ kind: 'char', char: c });
    } else out.push({ kind: 'char', char: c });
  }
  return out;
}

function parseClass(pattern: string, open: number): { token: Token; end: number } | null {
  let i = open + 1;
  const negated = pattern[i] === '!' || pattern[i] === '^';
  if (negated) i++;
  const ranges: [string, string][] = [];
  // A `]` first is one of the characters.
  for (let first = true; i < pattern.length; first = false) {
    let c = pattern[i];
    if (c === ']' && !first) return { token: { kind: 'class', negated, ranges }, end: i };
    if (c === '\\' && i + 1 < pattern.length) c = pattern[++i];
    if (pattern[i + 1] === '-' && i + 2 < pattern.length && pattern[i + 2] !== ']') {
      let to = pattern[i + 2];
      i += 2;
      if (to === '\\' && i + 1 < pattern.length) to = pattern[++i];
      ranges.push([c, to]);
    } else ranges.push([c, c]);
    i++;
  }
  return null;
}

function accepts(t: Token, c: string): boolean {
  switch (t.kind) {
    case 'char':
      return t.char === c;
    case 'one':
    case 'star':
      return c !== '/';
    case 'globstar':
      return true;
    case 'class':
      return c !== '/' && t.ranges.some(([from, to]) => c >= from && c <= to) !== t.negated;
  }
}

/**
 * Runs the pattern as a set of states (the token each partial match has reached) over the
 * name: time is the name's length times the pattern's, whatever the stars.
 */
function matches(pattern: Token[], name: string, folders: boolean): boolean {
  const m = pattern.length;
  let current = new Uint8Array(m + 1);
  let next = new Uint8Array(m + 1);
  const close = (states: Uint8Array) => {
    // A star may match nothing: the state after it is reached too.
    for (let k = 0; k < m; k++) if (states[k] && (pattern[k].kind === 'star' || pattern[k].kind === 'globstar')) states[k + 1] = 1;
  };
  current[0] = 1;
  close(current);
  for (const c of name) {
    if (folders && c === '/' && current[m]) return true;
    next.fill(0);
    let any = false;
    for (let k = 0; k < m; k++) {
      if (!current[k] || !accepts(pattern[k], c)) continue;
      any = true;
      const t = pattern[k].kind;
      if (t === 'star' || t === 'globstar') next[k] = 1;
      else next[k + 1] = 1;
    }
    if (!any) return false;
    close(next);
    [current, next] = [next, current];
  }
  return current[m] === 1;
}
