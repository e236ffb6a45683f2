// Reports written by tenderscan are results, not documents: reading one back would count every
// finding of the documents it quotes a second time. Recognised from their first and last bytes.
import { closeSync, constants, fstatSync, openSync } from 'node:fs';
import { readAt } from './files.js';

/** Bytes read at each end of a file to recognise a report. */
const SAMPLE_BYTES = 64 * 1024;

const ANSI = /\x1b\[[0-9;]*m/g;
const VERSION = String.raw`\d+\.\d+\.\d+`;

/** Each report format and what only it starts (or, for the terminal, ends) with. */
const SIGNS: { format: string; head?: RegExp; tail?: RegExp }[] = [
  { format: 'json', head: /^\{\s*"schemaVersion":\s*\d+,\s*"tool":\s*\{\s*"name":\s*"tenderscan"/ },
  { format: 'jsonl', head: /^\{"type":"(begin|summary)","data":\{"(path|schemaVersion)":/ },
  { format: 'csv', head: /^document,page,page_label,section,category,rule,matched,excerpt,/ },
  { format: 'html', head: /^<!doctype html>[^]{0,2000}<meta name="generator" content="tenderscan[ "]/i },
  { format: 'markdown', head: new RegExp(String.raw`^(<!-- generator: tenderscan |# (tenderscan report|Rapport tenderscan)\n\n[^\n]*tenderscan ${VERSION} · )`) },
  // The terminal report ends with its evidence block and summary (or, with --summary, the
  // summary alone): the line with the tool's version and the rule packs' hash is in both.
  { format: 'terminal', tail: new RegExp(String.raw`\n((Evidence|Éléments de preuve)\n)?  tenderscan ${VERSION} · (Rule packs|Jeux de règles) [0-9a-f]{16} · `) },
];

/** The report format of a text (its first and last bytes), or undefined when it is not a tenderscan report. */
export function ownReportFormat(head: string, tail: string = head): string | undefined {
  const start = head.replace(/^\uFEFF/, '');
  const end = tail.replace(ANSI, '');
  return SIGNS.find((s) => (s.head && s.head.test(start)) || (s.tail && s.tail.test(end)))?.format;
}

/**
 * The report format of a file on disk, reading at most 64 KiB at each end; undefined when it
 * is not a report, or not a regular file (a FIFO is never waited on).
 */
export function ownReportFormatOfFile(path: string | Buffer): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch {
    return undefined; // the analysis reports why it cannot be read
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return undefined;
    const read = (position: number, length: number) => readAt(fd, position, length).toString('utf8');
    const head = read(0, Math.min(SAMPLE_BYTES, stats.size));
    const tail = stats.size > SAMPLE_BYTES ? read(stats.size - SAMPLE_BYTES, SAMPLE_BYTES) : head;
    return ownReportFormat(head, tail);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
