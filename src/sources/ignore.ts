// .gitignore and .ignore files, as ripgrep and git read them, for the folder walk: what a
// dossier kept in git leaves out (build output, drafts) stays out of the scan.
//
// Matching is linear for a given pattern: a name is matched by the classic wildcard walk with
// one backtracking point (`*` never nests), and a path by the same walk over its segments for
// `**`. No regular expression is built from the file, so a hostile pattern cannot blow up.

/** One token of a name pattern. */
type Token = { kind: 'star' } | { kind: 'any' } | { kind: 'char'; char: string } | { kind: 'class'; ranges: [string, string][]; negated: boolean };

/** A segment of a path pattern: `**` (any number of folders) or a name pattern. */
type Segment = { kind: 'globstar' } | { kind: 'name'; tokens: Token[] };

export interface IgnoreRule {
  segments: Segment[];
  negated: boolean;
  /** The pattern ended with "/": it matches folders only. */
  folderOnly: boolean;
}

/** The rules of one ignore file, and where it is (its folder's path below the walk's root, as segments). */
export interface IgnoreFile {
  base: string[];
  rules: IgnoreRule[];
}

/** The ignore files a folder walk reads in each folder; `.ignore` wins over `.gitignore`, as in ripgrep. */
export const IGNORE_FILE_NAMES = ['.gitignore', '.ignore'] as const;

/** Larger ignore files are not read (a folder walk must not be made slow by one). */
export const MAX_IGNORE_FILE_BYTES = 1024 * 1024;

function nameTokens(pattern: string): Token[] {
  const chars = Array.from(pattern);
  const tokens: Token[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === '\\' && i + 1 < chars.length) tokens.push({ kind: 'char', char: chars[++i] });
    else if (c === '*') {
      // Consecutive stars are one star inside a name.
      if (tokens.at(-1)?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (c === '?') tokens.push({ kind: 'any' });
    else if (c === '[') {
      const end = classEnd(chars, i);
      if (end < 0) tokens.push({ kind: 'char', char: '[' });
      else {
        tokens.push(charClass(chars.slice(i + 1, end)));
        i = end;
      }
    } else tokens.push({ kind: 'char', char: c });
  }
  return tokens;
}

/** Index of the "]" closing the class opened at `open`, or -1 (then "[" is a plain character). */
function classEnd(chars: string[], open: number): number {
  let i = open + 1;
  if (chars[i] === '!' || chars[i] === '^') i++;
  if (chars[i] === ']') i++;
  for (; i < chars.length; i++) {
    if (chars[i] === '\\') i++;
    else if (chars[i] === ']') return i;
  }
  return -1;
}

function charClass(body: string[]): Token {
  let i = 0;
  const negated = body[0] === '!' || body[0] === '^';
  if (negated) i++;
  const ranges: [string, string][] = [];
  for (; i < body.length; i++) {
    let from = body[i];
    if (from === '\\' && i + 1 < body.length) from = body[++i];
    if (body[i + 1] === '-' && i + 2 < body.length) {
      let to = body[i + 2];
      i += 2;
      if (to === '\\' && i + 1 < body.length) to = body[++i];
      ranges.push([from, to]);
    } else ranges.push([from, from]);
  }
  return { kind: 'class', ranges, negated };
}

function matchesOne(token: Token, c: string): boolean {
  if (token.kind === 'any') return true;
  if (token.kind === 'char') return token.char === c;
  if (token.kind === 'class') return token.ranges.some(([a, b]) => a <= c && c <= b) !== token.negated;
  return false;
}

/**
 * Whether `items` match `pattern`, where `isStar(p)` marks a token that takes any run of items
 * and `one(p, item)` tests one item: the greedy walk with a single backtracking point, O(n·m)
 * at worst, no recursion.
 */
function wildcard<P, I>(pattern: P[], items: I[], isStar: (p: P) => boolean, one: (p: P, item: I) => boolean): boolean {
  let p = 0;
  let i = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (i < items.length) {
    if (p < pattern.length && isStar(pattern[p])) {
      starAt = p++;
      resumeAt = i;
    } else if (p < pattern.length && one(pattern[p], items[i])) {
      p++;
      i++;
    } else if (starAt >= 0) {
      p = starAt + 1;
      i = ++resumeAt;
    } else return false;
  }
  while (p < pattern.length && isStar(pattern[p])) p++;
  return p === pattern.length;
}

function matchName(tokens: Token[], name: string): boolean {
  return wildcard(tokens, Array.from(name), (t) => t.kind === 'star', matchesOne);
}

/** One line of an ignore file as a rule, or undefined for a blank line or a comment. */
export function parseIgnoreLine(line: string): IgnoreRule | undefined {
  let text = line.replace(/\r$/, '');
  if (text === '' || text.startsWith('#')) return undefined;
  // Trailing spaces are dropped unless escaped ("\ ").
  let end = text.length;
  while (end > 0 && text[end - 1] === ' ' && text[end - 2] !== '\\') end--;
  text = text.slice(0, end);
  const negated = text.startsWith('!');
  if (negated) text = text.slice(1);
  else if (text.startsWith('\\!') || text.startsWith('\\#')) text = text.slice(1);
  const folderOnly = text.endsWith('/') && !text.endsWith('\\/');
  if (folderOnly) text = text.replace(/\/+$/, '');
  if (text === '' || text === '/') return undefined;
  // A slash at the start or in the middle anchors the pattern to the ignore file's folder;
  // without one it matches a name at any depth (as if it began with "**/").
  const anchored = text.includes('/');
  const parts = text.replace(/^\//, '').split('/').filter((part) => part !== '');
  const segments: Segment[] = parts.map((part) => (part === '**' ? { kind: 'globstar' } : { kind: 'name', tokens: nameTokens(part) }));
  if (!anchored) segments.unshift({ kind: 'globstar' });
  return { segments, negated, folderOnly };
}

export function parseIgnoreFile(text: string, base: string[]): IgnoreFile {
  const rules: IgnoreRule[] = [];
  for (const line of text.split('\n')) {
    const rule = parseIgnoreLine(line);
    if (rule) rules.push(rule);
  }
  return { base, rules };
}

function ruleMatches(rule: IgnoreRule, path: string[], isFolder: boolean): boolean {
  if (rule.folderOnly && !isFolder) return false;
  return wildcard(
    rule.segments,
    path,
    (s) => s.kind === 'globstar',
    (s, name) => s.kind === 'name' && matchName(s.tokens, name),
  );
}

/**
 * Whether the ignore files in force leave out this path (segments below the walk's root). The
 * last rule that matches decides, files deeper in the tree after those above them, as in git;
 * a file inside a folder left out is never reached, so "!" cannot bring it back.
 */
export function isIgnored(files: readonly IgnoreFile[], path: string[], isFolder: boolean): boolean {
  let ignored = false;
  for (const file of files) {
    if (file.base.length >= path.length || file.base.some((part, i) => path[i] !== part)) continue;
    const below = path.slice(file.base.length);
    for (const rule of file.rules) if (ruleMatches(rule, below, isFolder)) ignored = !rule.negated;
  }
  return ignored;
}
