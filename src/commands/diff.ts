// tenderscan diff OLD NEW: two versions of a dossier compared, each a report or documents to scan.
import { diffReports, isNewPositive } from '../report/model/compare.js';
import { EXIT, UsageError } from '../errors.js';
import { INPUT_NAMES } from '../extract/input-types.js';
import { DEFAULT_REVIEW_FILE } from '../review/file.js';
import { openReportSink } from '../sources/output.js';
import { loadFormat, type FormatOptions } from '../report/formats/index.js';
import { loadCheckedPacks } from '../rules/load.js';
import { categoryList, checkFormat, formatOptions } from './common/format.js';
import { loadReportOrScan, type CommandIO, type ScanToReport } from './report-input.js';
import { scanToReport, type ScanOptions } from './scan.js';

export interface DiffOptions {
  format: string;
  output?: string;
  failOnNew?: string;
}

/** The command: each side read back or scanned as `tenderscan scan` would. */
export async function diff(before: string, after: string, options: DiffOptions & ScanOptions, io: CommandIO): Promise<number> {
  const rules = loadCheckedPacks(options.rules);
  return runDiff(before, after, options, { scan: scanToReport(options), formatOptions: formatOptions(rules, options), categories: rules.categories.map((c) => c.id), io });
}

export async function runDiff(
  before: string,
  after: string,
  options: DiffOptions,
  context: { scan: ScanToReport; formatOptions: FormatOptions; categories: string[]; io: CommandIO },
): Promise<number> {
  checkFormat(options.format);
  const formatter = (await loadFormat(options.format))!.diff;
  const failOnNew = categoryList('--fail-on-new', options.failOnNew, new Set(context.categories));
  // Checked before any scan: a diff that cannot be written is not worth the scans.
  const stdout = { write: (text: string | Uint8Array) => (context.io.out(String(text)), true) } as NodeJS.WritableStream;
  const sink = openReportSink(options.output, [before, after, DEFAULT_REVIEW_FILE], { stdout, folders: { paths: [before, after], types: INPUT_NAMES } });
  try {
    const sides = [];
    for (const target of [before, after]) {
      const side = await loadReportOrScan([target], context.scan);
      // Stopped by a signal during a scan (Ctrl-C: 130, SIGTERM: 143…): no half-compared diff.
      if (side.exitCode >= 128) {
        sink.abort();
        return side.exitCode;
      }
      // A side of which nothing could be read would show as everything added or removed.
      if (side.exitCode === EXIT.USAGE) throw new UsageError(`${side.label}: no document could be analysed; no diff written`);
      sides.push(side);
    }
    const [old, neu] = sides;
    const diff = diffReports(old.report, neu.report, { old: old.label, new: neu.label });
    sink.write(formatter(diff, context.formatOptions));
    sink.commit();
    if (diff.findings.some((c) => isNewPositive(c) && failOnNew.includes(c.category))) return EXIT.FAIL_ON;
    if (old.exitCode === EXIT.SOME_FAILED || neu.exitCode === EXIT.SOME_FAILED) return EXIT.SOME_FAILED;
    return EXIT.OK;
  } catch (err) {
    sink.abort();
    throw err;
  }
}
