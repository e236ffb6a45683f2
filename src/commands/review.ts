// tenderscan review: record a person's judgement of findings (false positive, confirmed) in the
// review file, by id for scripts, or finding by finding at a terminal.
import { existsSync } from 'node:fs';
import { EXIT, UsageError } from '../errors.js';
import { citation } from '../report/i18n.js';
import { escapeTerminal } from '../report/escape.js';
import { namerFor, type DocumentNamer } from '../report/names.js';
import { ReviewedFindings } from '../review/apply.js';
import { DEFAULT_REVIEW_FILE, readReviewFile, recordReviews, REVIEW_STATUSES, type ReviewEntry } from '../review/file.js';
import type { Finding, MissingItem, ReviewStatus } from '../types.js';
import { commaList } from './common/format.js';
import type { CommandIO, ScanToReport } from './report-input.js';

export interface ReviewOptions {
  mark?: string;
  finding: string[];
  comment?: string;
  reviewFile?: string;
}

/** The options of scan that pick and show the review file. */
export interface ScanReviewOptions {
  reviewFile?: string;
  /** false with --no-review: no review file, not even the default one. */
  review?: boolean;
  showReviewed?: boolean;
  newOnly?: boolean;
}

/**
 * The review file a scan applies: --review-file, else .tenderscan-review.yaml in the current
 * folder when there is one. Read and validated before any document is.
 */
export function reviewsForScan(options: ScanReviewOptions, cwdFile = DEFAULT_REVIEW_FILE): ReviewedFindings | undefined {
  if (options.showReviewed && options.newOnly) throw new UsageError('--show-reviewed and --new-only cannot be combined');
  if (options.review === false) {
    if (options.reviewFile) throw new UsageError('--review-file and --no-review cannot be combined');
    return undefined;
  }
  const path = options.reviewFile ?? (existsSync(cwdFile) ? cwdFile : undefined);
  if (!path) {
    if (options.showReviewed || options.newOnly) throw new UsageError(`${options.newOnly ? '--new-only' : '--show-reviewed'}: no review file (give --review-file, or create ${DEFAULT_REVIEW_FILE} with tenderscan review)`);
    return undefined;
  }
  if (options.reviewFile && !existsSync(path)) throw new UsageError(`--review-file ${path}: no such file`);
  return new ReviewedFindings(readReviewFile(path), { showReviewed: options.showReviewed, newOnly: options.newOnly });
}

function entryFor(f: Finding, status: ReviewStatus, comment: string | undefined, date: string): ReviewEntry {
  return {
    id: f.id!,
    status,
    ...(comment ? { comment } : {}),
    date,
    document: f.document,
    category: f.category,
    rule: f.rule,
    excerpt: f.excerpt.replace(/\s+/g, ' ').trim(),
  };
}

/** An item of "Not in this dossier" by its whole id, or a prefix naming it alone. */
function missingById(items: MissingItem[], id: string): MissingItem | undefined {
  const found = items.filter((m) => m.id === id || (id.length >= 4 && m.id.startsWith(id)));
  return found.length === 1 ? found[0] : undefined;
}

function missingEntryFor(item: MissingItem, status: ReviewStatus, comment: string | undefined, date: string): ReviewEntry {
  return { id: item.id, status, ...(comment ? { comment } : {}), date, document: item.citations[0]?.document ?? item.title, category: 'missing', rule: item.reason, excerpt: item.title };
}

/** A finding by its id, or by a prefix of it that names one finding only (as git does). */
function findById(findings: Finding[], id: string, source: string): Finding {
  const exact = findings.find((f) => f.id === id);
  if (exact) return exact;
  const ids = new Set(findings.filter((f) => id.length >= 4 && f.id?.startsWith(id)).map((f) => f.id));
  if (ids.size === 1) return findings.find((f) => f.id === [...ids][0])!;
  if (ids.size > 1) throw new UsageError(`--finding ${id}: names ${ids.size} findings of ${source}; give more digits`);
  throw new UsageError(`--finding ${id}: no finding with this id in ${source}`);
}

/** Document text on one terminal line: white space folded, controls shown as escapes. */
const terminalText = (text: string) => escapeTerminal(text.replace(/\s+/g, ' ').trim());

function describe(f: Finding, nameOf: DocumentNamer): string {
  return `${f.id}  ${f.category}  ${terminalText(citation(f, 'en', nameOf(f.document)))}${f.negated ? '  [negated]' : ''}${f.modality === 'optional' ? '  [optional]' : ''}\n    ${terminalText(f.excerpt).trim()}`;
}

const today = () => new Date().toISOString().slice(0, 10);

export async function runReview(targets: string[], options: ReviewOptions, scan: ScanToReport, io: CommandIO): Promise<number> {
  const status = options.mark as ReviewStatus | undefined;
  if (status !== undefined && !REVIEW_STATUSES.includes(status)) throw new UsageError(`--mark: expected one of ${REVIEW_STATUSES.join(', ')}, got "${options.mark}"`);
  if (status && options.finding.length === 0) throw new UsageError('--mark needs the findings it judges: --finding ID (repeatable)');
  if (!status && options.finding.length > 0) throw new UsageError('--finding needs --mark false-positive or --mark confirmed');
  if (!status && options.comment !== undefined) throw new UsageError('--comment needs --mark');
  const reviewPath = options.reviewFile ?? DEFAULT_REVIEW_FILE;
  const file = readReviewFile(reviewPath); // a broken review file is reported before any scan
  // Loaded here: scan imports this module for its review file, and reads no report.
  const { loadReportOrScan } = await import('./report-input.js');
  const { report, label, exitCode } = await loadReportOrScan(targets, scan);
  const nameOf = namerFor(report);
  if (exitCode >= 128) return exitCode; // stopped by a signal
  if (exitCode === EXIT.USAGE) throw new UsageError(`${label}: no document could be analysed`);

  if (status) {
    const ids = commaList(options.finding);
    // An id of "Not in this dossier" is judged the same way (it never matches a finding's).
    const items = ids.map((id) => missingById(report.missing ?? [], id) ?? findById(report.findings, id, label));
    recordReviews(reviewPath, items.map((f) => ('type' in f ? missingEntryFor(f, status, options.comment, today()) : entryFor(f, status, options.comment, today()))));
    for (const f of items) {
      const what = 'type' in f ? `not in this dossier, ${terminalText(f.type === 'withheld' ? nameOf(f.title) : f.title)}` : `${f.category}, ${terminalText(citation(f, 'en', nameOf(f.document)))}`;
      io.out(`${reviewPath}: ${f.id} ${status} (${what})\n`);
    }
    return EXIT.OK;
  }

  const unreviewed = new ReviewedFindings(file, { newOnly: true }).apply(report.findings);
  if (!io.ask) {
    // Not at a terminal: the list of what is left to judge, for a script or a person to pick from.
    for (const f of unreviewed) io.out(describe(f, nameOf) + '\n');
    io.err(`${unreviewed.length} unreviewed finding${unreviewed.length === 1 ? '' : 's'}; record a judgement with: tenderscan review --mark false-positive|confirmed --finding ID ${targets.join(' ')}\n`);
    return EXIT.OK;
  }
  let judged = 0;
  for (const [n, f] of unreviewed.entries()) {
    io.out(`\n[${n + 1}/${unreviewed.length}] ${describe(f, nameOf)}\n`);
    const answer = (await io.ask('[f]alse positive, [c]onfirmed, [s]kip, [q]uit? '))?.trim().toLowerCase();
    if (answer === undefined || answer === 'q') break;
    const chosen: ReviewStatus | undefined = answer === 'f' ? 'false-positive' : answer === 'c' ? 'confirmed' : undefined;
    if (!chosen) continue;
    const comment = (await io.ask('comment (optional): '))?.trim();
    // Written at each answer: quitting or Ctrl-C keeps what was judged.
    recordReviews(reviewPath, [entryFor(f, chosen, comment || undefined, today())]);
    judged++;
  }
  io.out(`${judged} judgement${judged === 1 ? '' : 's'} recorded in ${reviewPath}\n`);
  return EXIT.OK;
}
