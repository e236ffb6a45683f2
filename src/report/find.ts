// The output of `tenderscan find`: grep-like lines, counts, document names, or JSON Lines.
// Pure functions of a document's hits; every string from a document or a file name is escaped.
import type { SearchContextLine, SearchHit } from '../types.js';
import { escapeTerminal } from './escape.js';
import { place, type ReportLanguage } from './i18n.js';

/** How parts of a line are painted; identity when colour is off. */
export interface FindPaint {
  name(text: string): string;
  place(text: string): string;
  separator(text: string): string;
  match(text: string): string;
}

const plain = (text: string) => text;
export const NO_PAINT: FindPaint = { name: plain, place: plain, separator: plain, match: plain };

export interface FindFormatOptions {
  language: ReportLanguage;
  paint: FindPaint;
  /** -C N was given: blocks of lines are parted by "--", as grep does. */
  context: boolean;
}

/**
 * Where a hit is: "p. 3"; "p. 1 (PDF p. 2)" when the printed label is not the PDF's page number;
 * "¶ 14", 'sheet "Lot 1", row 14, column "B"' in formats without pages.
 * The one place find cites a page: when reports get a shared citation function, it goes here.
 */
export function searchPlace(at: { page: number; pageLabel: string; location?: SearchHit['location'] }, language: ReportLanguage): string {
  if (at.location) return place({ page: at.page, pageLabel: at.pageLabel, location: { ...at.location, heading: null } }, language);
  const label = `p. ${at.pageLabel}`;
  if (at.pageLabel === String(at.page)) return label;
  return language === 'fr' ? `${label} (p. ${at.page} du PDF)` : `${label} (PDF p. ${at.page})`;
}

/** The line text with its matches painted; line breaks inside a hit shown as spaces. */
function paintedText(hit: SearchHit, paint: FindPaint): string {
  let out = '';
  let at = 0;
  const text = hit.text.replace(/\n/g, ' ');
  for (const m of hit.matches) {
    const start = Math.max(at, m.start - hit.start);
    const end = m.end - hit.start;
    if (end <= start) continue;
    out += escapeTerminal(text.slice(at, start)) + paint.match(escapeTerminal(text.slice(start, end)));
    at = end;
  }
  return out + escapeTerminal(text.slice(at));
}

/**
 * grep's lines for one document: `name:place:line: text` for each hit (`name:place: text` in
 * formats without pages, whose place says where the line is), context lines with `-` in place
 * of `:`, and `--` between blocks that do not touch.
 */
export function findLines(name: string, hits: SearchHit[], options: FindFormatOptions): string[] {
  const { paint, language } = options;
  const shownName = paint.name(escapeTerminal(name));
  const out: string[] = [];
  let last: { page: number; line: number } | undefined;
  const prefix = (page: number, pageLabel: string, line: SearchContextLine | SearchHit, sep: string) => {
    const where = searchPlace({ page, pageLabel, location: line.location }, language);
    const lineNumber = line.location ? '' : paint.separator(sep) + paint.place(String(line.line));
    return `${shownName}${paint.separator(sep)}${paint.place(escapeTerminal(where))}${lineNumber}${paint.separator(sep)} `;
  };
  for (const hit of hits) {
    const before = (hit.before ?? []).filter((l) => !last || last.page !== hit.page || l.line > last.line);
    const firstShown = before[0]?.line ?? hit.line;
    if (options.context && last && (last.page !== hit.page || firstShown > last.line + 1)) out.push(paint.separator('--'));
    for (const l of before) out.push(prefix(hit.page, hit.pageLabel, l, '-') + escapeTerminal(l.text));
    out.push(prefix(hit.page, hit.pageLabel, hit, ':') + paintedText(hit, paint));
    last = { page: hit.page, line: hit.lastLine ?? hit.line };
    const next = hits[hits.indexOf(hit) + 1];
    for (const l of hit.after ?? []) {
      if (next && next.page === hit.page && l.line >= next.line) break;
      out.push(prefix(hit.page, hit.pageLabel, l, '-') + escapeTerminal(l.text));
      last = { page: hit.page, line: l.line };
    }
  }
  return out;
}

/** Number of matches (not lines) in a document's hits. */
export const matchCount = (hits: SearchHit[]) => hits.reduce((n, h) => n + h.matches.length, 0);

/** `-c`: "name:count". */
export function countLine(name: string, count: number, paint: FindPaint): string {
  return `${paint.name(escapeTerminal(name))}${paint.separator(':')}${count}`;
}

/** Column of `offset` in the hit's text: 1-based, in characters (code points). */
function columnOf(hit: SearchHit, offset: number): number {
  let column = 1;
  for (const _ of hit.text.slice(0, offset - hit.start).split('\n').pop()!) column++;
  return column;
}

/** The line a match starts on (a hit may span several lines). */
function lineOf(hit: SearchHit, offset: number): number {
  return hit.line + (hit.text.slice(0, offset - hit.start).match(/\n/g)?.length ?? 0);
}

/**
 * `--json`: one object per match, one per line. Stable fields: document, sha256, page,
 * pageLabel, line, column, match, text; location for formats without pages, start and end (the
 * match's offsets in the page text, as in scan's JSON), source ("ocr" for text read by OCR).
 */
export function jsonMatches(document: { path: string; sha256: string | null }, hits: SearchHit[]): string[] {
  const out: string[] = [];
  for (const hit of hits) {
    for (const m of hit.matches) {
      const line = lineOf(hit, m.start);
      const lineIndex = line - hit.line;
      out.push(
        JSON.stringify({
          type: 'match',
          document: document.path,
          sha256: document.sha256,
          page: hit.page,
          pageLabel: hit.pageLabel,
          line,
          column: columnOf(hit, m.start),
          ...(hit.location ? { location: hit.location } : {}),
          match: hit.text.slice(m.start - hit.start, m.end - hit.start),
          text: hit.text.split('\n')[lineIndex],
          start: m.start,
          end: m.end,
          source: hit.source,
        }),
      );
    }
  }
  return out;
}
