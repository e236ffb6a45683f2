// What review and diff take as input: a report written earlier, or documents scanned now by
// the scan command's own pipeline (scanToReport in scan.ts), which hands back a Report object.
import { UsageError } from '../errors.js';
import { isReportPath, readReportFile } from '../report/model/read.js';
import type { Report } from '../types.js';

/** Where a command writes (the shell gives stdout and stderr), and how it asks at a terminal. */
export interface CommandIO {
  out(text: string): void;
  err(text: string): void;
  /** Asks a question at the terminal; absent when stdin is not one. */
  ask?(question: string): Promise<string | undefined>;
}

/** Scans paths as `tenderscan scan` would, into a report in memory, with scan's exit code. */
export type ScanToReport = (paths: string[]) => Promise<{ report: Report; exitCode: number }>;

export interface LoadedReport {
  report: Report;
  /** The exit code of the scan (0 for a report read back). */
  exitCode: number;
  /** How the input is named in messages and diffs. */
  label: string;
}

/** One JSON / JSON Lines report, or files and folders to scan (never both). */
export async function loadReportOrScan(targets: string[], scan: ScanToReport): Promise<LoadedReport> {
  const reports = targets.filter(isReportPath);
  if (reports.length > 0) {
    if (targets.length > 1) throw new UsageError(`${reports[0]}: give one report, or documents to scan, not both (got ${targets.length} paths)`);
    return { report: readReportFile(reports[0]), exitCode: 0, label: reports[0] };
  }
  const { report, exitCode } = await scan(targets);
  return { report, exitCode, label: targets.join(' ') };
}
