// One escaping function per target format. Every string that comes from a document, a file
// name or a merged shard (excerpts, titles, dates, error messages, paths) goes through the
// function of the format it is written in; none is written raw.
//
// All of them start from `visibleControls`: a control character (ESC, a newline in a file
// name, DEL, C1 codes) would drive the terminal or forge a report line, and a bidirectional
// override or isolate would display a quoted clause reordered. They are shown as escapes
// instead (`\x1b`, `\n`, `\u202e`), so that the reader sees that the document holds them.

/**
 * C0 and C1 controls, DEL, the bidirectional marks, embeddings, overrides and isolates,
 * the line and paragraph separators, and the invisible "tag" characters (hidden text).
 */
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\udb40[\udc00-\udc7f]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.codePointAt(0)!;
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code <= 0xffff) return `\\u${code.toString(16).padStart(4, '0')}`;
  return `\\u{${code.toString(16)}}`;
}

/** The text with every control and bidirectional character shown as a visible escape. */
export function visibleControls(text: string): string {
  return text.replace(HIDDEN, escapeOne);
}

/** For the terminal and stderr: notices, errors, the progress line and the terminal report. */
export const escapeTerminal = visibleControls;

/** For HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return visibleControls(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * For Markdown (GitHub and Pandoc), inline, in a table cell or after "> ": the text stays text.
 * HTML is written as entities (never live in Pandoc's output), inline markup punctuation is
 * backslash-escaped (links, emphasis, code, Pandoc's math, super/subscript and citations),
 * and a block marker at the start (`#`, `-`, `+`, `1.`) cannot open a heading or a list.
 */
export function escapeMarkdown(text: string): string {
  return visibleControls(text)
    .replace(/\s+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~$^@!{}]/g, (c) => `\\${c}`)
    .replace(/^([#+=-])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/**
 * For one CSV cell (RFC 4180). A cell a spreadsheet would run as a formula (starting with
 * = + - @, a tab or a carriage return) is neutralised with a leading quote.
 */
export function escapeCsvCell(value: unknown): string {
  let text = value === undefined || value === null ? '' : visibleControls(String(value));
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
