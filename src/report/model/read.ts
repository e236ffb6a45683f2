// Reports read back (for review and diff): a JSON report or a JSON Lines one, checked enough to
// name the file and the problem, with finding ids computed for reports written before they existed.
import { UsageError } from '../../errors.js';
import { ensureFindingIds } from '../../review/ids.js';
import { readTextFileOnce, SIDE_FILE_LIMITS } from '../../sources/text-file.js';
import type { Report } from '../../types.js';
import { buildReport } from './build.js';
import { readShard, withCommitment } from './merge.js';

/** Beyond this a report is not read (a JavaScript string holds at most about 512 MB). */
const MAX_REPORT_BYTES = SIDE_FILE_LIMITS.report;
/** The longest excerpt a report read back may hold (tenderscan writes at most about 500). */
export const MAX_EXCERPT_CHARS = 64 * 1024;

/** Whether a path names a report (read back) rather than a document to scan. */
export function isReportPath(path: string): boolean {
  return /\.(json|jsonl|ndjson)$/i.test(path);
}

function readRegularFile(path: string): string {
  let text: string | undefined;
  try {
    text = readTextFileOnce(path, MAX_REPORT_BYTES);
  } catch (err) {
    throw new UsageError(`${path}: ${(err as Error).message}`);
  }
  if (text === undefined) throw new UsageError(`${path}: no such file`);
  return text;
}

function checkJsonReport(path: string, data: unknown): Report {
  const report = data as Partial<Report> & { kind?: string };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new UsageError(`${path}: not a tenderscan report (expected a JSON object)`);
  if (report.kind === 'tenderscan-diff') throw new UsageError(`${path}: a diff, not a report`);
  // Version 2 changed only summary.byCategory[…].pages, which is computed again from the findings.
  if ((report.schemaVersion as number) !== 1 && report.schemaVersion !== 2) throw new UsageError(`${path}: not a tenderscan report of schemaVersion 1 or 2 (got ${JSON.stringify(report.schemaVersion)})`);
  if (!Array.isArray(report.documents) || !Array.isArray(report.findings)) throw new UsageError(`${path}: not a tenderscan report (no "documents" and "findings" arrays)`);
  report.documents.forEach((d, i) => {
    if (!d || typeof d.path !== 'string' || typeof d.status !== 'string') throw new UsageError(`${path}: documents[${i}]: expected a path and a status`);
  });
  report.findings.forEach((f, i) => {
    const ok = f && typeof f.document === 'string' && typeof f.category === 'string' && typeof f.excerpt === 'string' && typeof f.page === 'number';
    if (!ok) throw new UsageError(`${path}: findings[${i}]: expected document, page, category and excerpt`);
    // tenderscan writes excerpts of a few hundred characters: a huge one is not its report, and
    // comparing it word by word cost minutes and gigabytes.
    if (f.excerpt.length > MAX_EXCERPT_CHARS) throw new UsageError(`${path}: findings[${i}]: an excerpt of ${f.excerpt.length} characters, more than the ${MAX_EXCERPT_CHARS} a report's excerpt may hold`);
  });
  if (report.mentions !== undefined && !Array.isArray(report.mentions)) throw new UsageError(`${path}: "mentions" is not an array`);
  if (report.missing !== undefined && !Array.isArray(report.missing)) throw new UsageError(`${path}: "missing" is not an array`);
  return { ...(report as Report), fusion: report.fusion ?? [], findings: ensureFindingIds(report.findings.map(withCommitment)) };
}

/** A JSON (`.json`) or JSON Lines (`.jsonl`, `.ndjson`) report; every problem is a UsageError naming the file. */
export function readReportFile(path: string): Report {
  const text = readRegularFile(path);
  if (/\.json$/i.test(path)) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw new UsageError(`${path}: not valid JSON (${(err as Error).message})`);
    }
    return checkJsonReport(path, data);
  }
  // Every line checked as merge checks shards: a bad line is a located error (file:line).
  const shard = readShard(text, path);
  if (!shard.rulePacks) throw new UsageError(`${path}: no summary line (an unfinished JSON Lines report?)`);
  const parsed = {
    documents: shard.documents.map((d) => d.entry),
    findings: shard.documents.flatMap((d) => d.findings),
    fusion: shard.documents.flatMap((d) => d.fusion),
    mentions: shard.documents.flatMap((d) => d.mentions),
    rulePacks: shard.rulePacks,
  };
  const report = buildReport(parsed.documents, parsed.findings, parsed.rulePacks, new Date(0), undefined, parsed.fusion, parsed.mentions, shard.missing);
  // The run's date is on the summary line, the last one.
  const last = text.trimEnd().slice(text.trimEnd().lastIndexOf('\n') + 1);
  const generatedAt = (JSON.parse(last) as { data?: { generatedAt?: unknown } }).data?.generatedAt;
  return checkJsonReport(path, { ...report, generatedAt: typeof generatedAt === 'string' ? generatedAt : report.generatedAt });
}
