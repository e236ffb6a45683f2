// tenderscan merge: JSON Lines reports of --shard runs → one report, in any format.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { readSideText, SideFileError, SIDE_FILE_LIMITS } from '../sources/text-file.js';
import { EXIT, fileErrorReason, UsageError } from '../errors.js';
import { checkShardSet, shardHeader, type ShardHeader } from '../engine/shard.js';
import { escapeTerminal } from '../report/escape.js';
import { legalSection } from '../legal/notes.js';
import { buildReport } from '../report/model/build.js';
import { filterReport } from '../report/model/filter.js';
import { mergeShards, readShard } from '../report/model/merge.js';
import { DEFAULT_REVIEW_FILE } from '../review/file.js';
import { loadCheckedPacks } from '../rules/load.js';
import { openReportSink } from '../sources/output.js';
import { defaultTitle, formatOptions, formatterFor, parseFilters, writeReport, type ShowOptions } from './common/format.js';

export interface MergeOptions extends ShowOptions {
  allowIncomplete?: boolean;
  only?: string;
  hideNegated?: boolean;
  minModality?: string;
}

/**
 * Refuses (exit 2) a merge that would not be one run's report: other rule packs or another
 * version in one of the files, always; shards missing, repeated or unfinished, unless
 * --allow-incomplete (then each is a notice).
 */
function checkWholeRun(headers: ShardHeader[], allowIncomplete: boolean): void {
  const { mixed, incomplete } = checkShardSet(headers);
  if (mixed.length) throw new UsageError(`merge: ${mixed.join('; ')}`);
  if (incomplete.length && !allowIncomplete) throw new UsageError(`merge: ${incomplete.join('; ')} (--allow-incomplete merges what is there)`);
  for (const line of incomplete) process.stderr.write(`tenderscan: merge: ${escapeTerminal(line)}; merged anyway (--allow-incomplete)\n`);
}

/** A shard's text; a folder, a device or a missing file is one line naming it and why. */
function readShardFile(file: string): string {
  try {
    const stats = statSync(file);
    if (stats.isDirectory()) throw new UsageError(`merge: ${file}: a folder; give the JSON Lines reports in it (${join(file, '*.jsonl')})`);
    // Anything else that is not a regular file (a FIFO, a device) is named by the side-file check.
    return readSideText(file, SIDE_FILE_LIMITS.report);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    if (err instanceof SideFileError) {
      const advice = err.message.startsWith('not a regular file') ? '; give JSON Lines reports written by scan --format jsonl' : '';
      throw new UsageError(`merge: ${file}: ${err.message}${advice}`);
    }
    throw new UsageError(`merge: ${file}: ${fileErrorReason(err)}`);
  }
}

export async function merge(files: string[], options: MergeOptions): Promise<number> {
  const formatter = await formatterFor(options.format, options);
  const shards = files.map((file) => {
    return { file, shard: readShard(readShardFile(file), file) };
  });
  checkWholeRun(shards.map(({ file, shard }) => shardHeader(file, shard)), options.allowIncomplete === true);
  const { entries, findings, mentions, fusion, missing, rulePacks, notices } = mergeShards(shards);
  for (const notice of notices) process.stderr.write(escapeTerminal(notice) + '\n');
  const rules = loadCheckedPacks();
  const report = buildReport(entries, findings, rulePacks ?? { hash: 'unknown', files: [] }, new Date(), undefined, fusion, mentions, missing);
  // Evaluated again on the whole dossier: the buyer and the date as its documents give them.
  report.legal = legalSection(report);
  const sink = openReportSink(options.output, [...files, DEFAULT_REVIEW_FILE]);
  const filters = parseFilters(options, new Set([...rules.categories.map((c) => c.id), ...findings.map((f) => f.category)]));
  writeReport((chunk) => sink.write(chunk), formatter, filterReport(report, filters), formatOptions(rules, options, { roots: [], defaultTitle: defaultTitle([], entries.map((e) => e.path)) }));
  sink.commit();
  const analysed = entries.filter((d) => d.status !== 'error').length;
  if (entries.length > 0 && analysed === 0) return EXIT.USAGE;
  return analysed < entries.length ? EXIT.SOME_FAILED : EXIT.OK;
}
