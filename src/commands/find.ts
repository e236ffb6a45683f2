// tenderscan find PATTERN INPUTS…: grep over a dossier. The inputs are walked, read, cached and
// OCR'd as by scan (the engine's selection and pool); each document's hits are written as it
// finishes, in input order. Exit: 0 found, 1 not found, 2 usage error, 3 a document not read.
import { EXIT } from '../errors.js';
import { checkedRules, selectInputs, usableCacheDir } from '../engine/scan.js';
import { findInSelection } from '../engine/find.js';
import { resolveShard, type ShardRequest } from '../engine/shard.js';
import { watchRunStop } from '../engine/stop.js';
import { escapeTerminal } from '../report/escape.js';
import { countLine, findLines, jsonMatches, matchCount, NO_PAINT, type FindPaint } from '../report/find.js';
import { reportLanguageFrom } from '../report/i18n.js';
import { unreadPages } from '../report/text.js';
import { compileSearch } from '../text/search.js';
import type { DocumentResult } from '../types.js';
import { announce, announceSkipped } from './common/notices.js';
import { colorWanted, type ColorWhen } from './common/format.js';
import { ProgressLine } from './common/progress.js';
import { checkOcr, documentSettings, inputSettings, readPasswordFile, type ScanInputOptions } from './scan.js';

export interface FindOptions extends Omit<ScanInputOptions, 'rules'> {
  regexp?: boolean;
  ignoreCase?: boolean;
  wordRegexp?: boolean;
  strictAccents?: boolean;
  count?: boolean;
  filesWithMatches?: boolean;
  context?: number;
  json?: boolean;
  /** --shard: this run searches only its share of the inputs, as `scan --shard` would take it. */
  shard?: ShardRequest;
  color: ColorWhen | false;
  reportLang?: string;
}

/** grep's colours: file names magenta, places green, separators cyan, matches bold red. */
async function paintFor(options: FindOptions): Promise<FindPaint> {
  if (options.json || !colorWanted(options.color, process.env, process.stdout.isTTY === true)) return NO_PAINT;
  const { terminalColours } = await import('../report/formats/terminal.js');
  const c = terminalColours(true);
  return { name: (s) => c.magenta(s), place: (s) => c.green(s), separator: (s) => c.cyan(s), match: (s) => c.bold.red(s) };
}

export async function find(pattern: string, paths: string[], options: FindOptions): Promise<number> {
  const query = { pattern, regexp: options.regexp === true, ignoreCase: options.ignoreCase === true, word: options.wordRegexp === true, strictAccents: options.strictAccents === true };
  // A bad pattern is a usage error before any document is read (the workers compile it again).
  await compileSearch(query);
  const shard = resolveShard(options.shard);
  const warn = (line: string) => {
    if (!options.quiet) process.stderr.write(escapeTerminal(line) + '\n');
  };
  const cacheDir = options.cache ? usableCacheDir(options.cacheDir, warn) : undefined;
  await checkOcr({ ...options, rules: [] });
  const password = options.passwordFile ? readPasswordFile(options.passwordFile) : options.password;
  const paint = await paintFor(options);
  const language = reportLanguageFrom(process.env, options.reportLang);
  const context = options.context ?? 0;
  const stop = watchRunStop();
  const progress = new ProgressLine(process.stderr, options.quiet !== true);
  let found = false;
  let failed = 0;
  let unread = 0;
  let blocks = 0;
  const write = (lines: string[]) => {
    if (lines.length) process.stdout.write(lines.join('\n') + '\n');
  };
  const take = (result: DocumentResult) => {
    progress.clear();
    announce(result, warn, 'searched');
    const { entry } = result;
    if (entry.status === 'error') {
      failed++;
      return;
    }
    if (unreadPages(entry).length > 0) unread++;
    const hits = result.hits ?? [];
    if (hits.length) found = true;
    const doc = { path: entry.path, sha256: entry.sha256 };
    if (options.filesWithMatches) {
      if (hits.length) write([options.json ? JSON.stringify({ type: 'document', ...doc }) : paint.name(escapeTerminal(entry.path))]);
    } else if (options.count) {
      write([options.json ? JSON.stringify({ type: 'count', ...doc, count: matchCount(hits) }) : countLine(entry.path, matchCount(hits), paint)]);
    } else if (options.json) write(jsonMatches(doc, hits));
    else if (hits.length) {
      // -C: blocks of different documents are parted by "--" too.
      if (context > 0 && blocks++ > 0) write([paint.separator('--')]);
      write(findLines(entry.path, hits, { language, paint, context: context > 0 }));
    }
  };
  try {
    const selection = selectInputs(paths, inputSettings({ ...options, rules: [] }), shard);
    selection.notices.forEach(warn);
    announceSkipped(selection.skipped, options.verbose === true, warn);
    await findInSelection(
      selection,
      { ...documentSettings(options, checkedRules([], cacheDir), password, cacheDir), query, context },
      { signal: stop.signal, onProgress: (p) => progress.update(p), onDocument: take },
    );
  } finally {
    progress.clear();
    stop.dispose();
  }
  if (stop.exitCode !== undefined) return stop.exitCode;
  return findExitCode({ found, failed, unread });
}

/**
 * 3 when a document could not be read (the others were searched), or when nothing was found
 * and some pages were not read (the pattern may be on them); else 0 found, 1 not found.
 */
export function findExitCode(run: { found: boolean; failed: number; unread: number }): number {
  if (run.failed > 0) return EXIT.SOME_FAILED;
  if (run.found) return EXIT.OK;
  return run.unread > 0 ? EXIT.SOME_FAILED : EXIT.NOT_FOUND;
}
