// tenderscan request REPORT|INPUTS… --to AUTHORITY: the access request for what the dossier
// lacks (report.missing), written as Markdown (-o, atomically), with --calendar its dates as
// iCalendar events. Both files are checked before any scan and written only when both are ready.
import { EXIT, UsageError } from '../errors.js';
import { INPUT_NAMES } from '../extract/input-types.js';
import { openReportSink, type ReportSink } from '../sources/output.js';
import { requestLetter } from '../report/request/letter.js';
import { requestCalendar } from '../report/request/calendar.js';
import type { Language, Report } from '../types.js';
import { loadReportOrScan, type CommandIO, type ScanToReport } from './report-input.js';

export interface RequestOptions {
  to?: string;
  output?: string;
  calendar?: string;
  date?: string;
  /** The documents' language, and the letter's (default: the dossier's). */
  lang?: Language;
}

/** A real calendar day written YYYY-MM-DD, else a UsageError naming --date. */
export function checkDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!m || !date || date.toISOString().slice(0, 10) !== value) throw new UsageError(`--date: expected a day as YYYY-MM-DD, got "${value}"`);
  return value;
}

/** The letter's language: --lang, else the language most of the dossier's documents are in (French when tied). */
export function letterLanguage(report: Pick<Report, 'documents'>, given?: Language): Language {
  if (given) return given;
  const en = report.documents.filter((d) => d.language === 'en').length;
  const fr = report.documents.filter((d) => d.language === 'fr').length;
  return en > fr ? 'en' : 'fr';
}

export async function runRequest(targets: string[], options: RequestOptions, scan: ScanToReport, io: CommandIO): Promise<number> {
  const to = options.to?.replace(/\s+/g, ' ').trim();
  if (!to) throw new UsageError('--to: name the authority the request is sent to (--to "Ville de X")');
  const date = checkDate(options.date ?? new Date().toISOString().slice(0, 10));
  if (options.output && options.calendar && options.output === options.calendar) throw new UsageError(`--calendar ${options.calendar}: the same file as --output`);
  const stdout = { write: (text: string | Uint8Array) => (io.out(String(text)), true) } as NodeJS.WritableStream;
  const folders = { paths: targets, types: INPUT_NAMES };
  // Both files are opened (checked) before any scan: a request that cannot be written is not worth one.
  const letterSink = openReportSink(options.output, targets, { stdout, folders });
  let calendarSink: ReportSink | undefined;
  try {
    calendarSink = options.calendar ? openReportSink(options.calendar, targets, { folders }) : undefined;
    const { report, exitCode, label } = await loadReportOrScan(targets, scan);
    if (exitCode >= 128) {
      letterSink.abort();
      calendarSink?.abort();
      return exitCode;
    }
    if (exitCode === EXIT.USAGE) throw new UsageError(`${label}: no document could be analysed; no request written`);
    const asked = (report.missing ?? []).filter((i) => i.review?.status !== 'false-positive');
    if (asked.length === 0) {
      letterSink.abort();
      calendarSink?.abort();
      io.err(`${label}: nothing is missing from this dossier (no document referred to and absent, no withheld content); no request written\n`);
      return exitCode === EXIT.SOME_FAILED ? EXIT.SOME_FAILED : EXIT.OK;
    }
    const settings = { to, language: letterLanguage(report, options.lang), date };
    letterSink.write(requestLetter(report, settings));
    calendarSink?.write(requestCalendar(report, settings));
    letterSink.commit();
    calendarSink?.commit();
    return exitCode === EXIT.SOME_FAILED ? EXIT.SOME_FAILED : EXIT.OK;
  } catch (err) {
    letterSink.abort();
    calendarSink?.abort();
    throw err;
  }
}
