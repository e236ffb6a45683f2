// Command-line arguments → the documents to analyse, in a stable order: files, folders
// (recursive), glob patterns, "-" (paths on stdin), and the entries of ZIP archives, nested
// ones too, named "dossier.zip!/CCTP/cctp.pdf".
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as Tinyglobby from 'tinyglobby';
import { DocumentFailure } from '../errors.js';
import { DEFAULT_ZIP_LIMITS, listZip, readNestedEntry, type ZipLimits } from './zip.js';
import { ownReportFormatOfFile } from './own-report.js';

const require = createRequire(import.meta.url);

export interface Input {
  /** What the report calls it: as given, joined to its folder, or "archive.zip!/entry". */
  path: string;
  /** The file on disk that holds it. */
  file: string;
  /** For archive entries: the chain of entry names, outermost first. */
  entry?: string[];
}

export interface InputProblem {
  path: string;
  code: 'NOT_FOUND' | 'UNREADABLE' | 'NO_DOCUMENTS' | 'CORRUPT' | 'RESOURCE_LIMIT';
  message: string;
}

/** A file left out, and why. */
export interface Skipped {
  path: string;
  kind: 'unsupported' | 'text' | 'report';
  /** Why, in words ("a report written by tenderscan (markdown), not a document"). */
  reason: string;
  /** The user named it (a file, a glob match, a line of stdin), rather than a folder or an archive holding it. */
  named?: boolean;
}

export interface Expansion {
  inputs: Input[];
  problems: InputProblem[];
  /** Files left out: unsupported types in folders and archives, text files there, tenderscan's own reports. */
  skipped: Skipped[];
}

export interface ExpandOptions {
  /** Take .txt and .md files found in folders and archives too (named ones are always taken). */
  includeText?: boolean;
  limits?: ZipLimits;
}

/** The types a folder walk takes. */
export const DOCUMENT_EXTENSIONS = /\.(pdf|docx|odt)$/i;
/** Plain text: often notes (or a report of ours) beside the documents; taken when named or asked for. */
export const TEXT_EXTENSIONS = /\.(txt|md)$/i;
/** Files that may be a report written by tenderscan (looked at before they are taken). */
const REPORT_EXTENSIONS = /\.(txt|md|markdown|json|jsonl|ndjson|csv|html?)$/i;

const UNSUPPORTED = { kind: 'unsupported', reason: 'unsupported type' } as const;
const TEXT_FILE = { kind: 'text', reason: 'a text file: read when named, or with --include-text' } as const;
const ownReport = (format: string) => ({ kind: 'report', reason: `a report written by tenderscan (${format}), not a document` }) as const;
const ARCHIVE_EXTENSION = /\.zip$/i;
const GLOB_CHARS = /[*?[\]{}]/;

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Why a folder or an archive leaves out a file of this name, or undefined when it takes it. */
function leftOut(name: string, includeText: boolean): Omit<Skipped, 'path'> | undefined {
  if (DOCUMENT_EXTENSIONS.test(name) || ARCHIVE_EXTENSION.test(name)) return undefined;
  if (TEXT_EXTENSIONS.test(name)) return includeText ? undefined : TEXT_FILE;
  return UNSUPPORTED;
}

function walk(folder: string, found: string[], skipped: Skipped[], includeText: boolean): void {
  const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => byName(a.name, b.name));
  for (const entry of entries) {
    const full = join(folder, entry.name);
    if (entry.isDirectory()) walk(full, found, skipped, includeText);
    else {
      const reason = entry.isFile() ? leftOut(entry.name, includeText) : UNSUPPORTED;
      if (reason) skipped.push({ path: full, ...reason });
      else found.push(full);
    }
  }
}

/** The documents inside an archive (recursing into nested archives up to the depth limit). */
function expandArchive(file: string, display: string, chain: string[], bytes: Uint8Array, out: Expansion, limits: ZipLimits, includeText: boolean): void {
  const entries = listZip(bytes, limits).sort((a, b) => byName(a.name, b.name));
  for (const entry of entries) {
    const name = `${display}!/${entry.name}`;
    if (ARCHIVE_EXTENSION.test(entry.name)) {
      if (chain.length + 1 >= limits.maxDepth) {
        out.problems.push({ path: name, code: 'RESOURCE_LIMIT', message: `archives nested more than ${limits.maxDepth} deep` });
        continue;
      }
      try {
        const inner = readNestedEntry(bytes, [entry.name], limits);
        expandArchive(file, name, [...chain, entry.name], inner, out, limits, includeText);
      } catch (err) {
        const f = err as DocumentFailure;
        out.problems.push({ path: name, code: f.code === 'RESOURCE_LIMIT' ? 'RESOURCE_LIMIT' : 'CORRUPT', message: f.message });
      }
    } else {
      const reason = leftOut(entry.name, includeText);
      if (reason) out.skipped.push({ path: name, ...reason });
      else out.inputs.push({ path: name, file, entry: [...chain, entry.name] });
    }
  }
}

/**
 * Expands the arguments. A file named directly is always tried (its type is read from its
 * bytes); in folders and archives only documents are taken (text files with `includeText`),
 * the others are skipped and counted. A report written by tenderscan is never taken, named
 * or not. `readStdin` gives the text of standard input for "-".
 */
export function expandInputs(args: string[], readStdin: () => string = () => readFileSync(0, 'utf8'), options: ExpandOptions = {}): Expansion {
  const limits = options.limits ?? DEFAULT_ZIP_LIMITS;
  const includeText = options.includeText === true;
  const out: Expansion = { inputs: [], problems: [], skipped: [] };
  const seen = new Set<string>();
  const addFile = (file: string, fromFolder: boolean) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (ARCHIVE_EXTENSION.test(file)) {
      let bytes: Uint8Array;
      try {
        bytes = readFileSync(file);
      } catch (err) {
        out.problems.push({ path: file, code: 'UNREADABLE', message: `cannot read (${(err as NodeJS.ErrnoException).code ?? err})` });
        return;
      }
      try {
        const before = out.inputs.length;
        expandArchive(file, file, [], bytes, out, limits, includeText);
        if (out.inputs.length === before && !fromFolder) out.problems.push({ path: file, code: 'NO_DOCUMENTS', message: `the archive holds no supported document (.pdf, .docx, .odt${includeText ? ', .txt, .md' : '; .txt, .md with --include-text'})` });
      } catch (err) {
        const f = err as DocumentFailure;
        out.problems.push({ path: file, code: f.code === 'RESOURCE_LIMIT' ? 'RESOURCE_LIMIT' : 'CORRUPT', message: f.message });
      }
      return;
    }
    const report = REPORT_EXTENSIONS.test(file) ? ownReportFormatOfFile(file) : undefined;
    if (report) out.skipped.push({ path: file, ...ownReport(report), ...(fromFolder ? {} : { named: true }) });
    else out.inputs.push({ path: file, file });
  };

  const expanded: string[] = [];
  for (const arg of args) {
    if (arg === '-') {
      expanded.push(...readStdin().split(/\r?\n/).map((l) => l.trim()).filter(Boolean));
      continue;
    }
    expanded.push(arg);
  }
  for (const arg of expanded) {
    let stats;
    try {
      stats = statSync(arg);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EACCES' && GLOB_CHARS.test(arg)) {
        // tinyglobby is loaded for the first pattern: most runs name files and folders.
        const { globSync } = require('tinyglobby') as typeof Tinyglobby;
        const matches = globSync(arg, { onlyFiles: true, dot: false, expandDirectories: false }).sort(byName);
        if (matches.length === 0) out.problems.push({ path: arg, code: 'NOT_FOUND', message: 'no file matches this pattern' });
        matches.forEach((m) => addFile(m, false));
        continue;
      }
      out.problems.push(
        code === 'EACCES'
          ? { path: arg, code: 'UNREADABLE', message: 'permission denied' }
          : { path: arg, code: 'NOT_FOUND', message: 'no such file or folder' },
      );
      continue;
    }
    if (stats.isDirectory()) {
      const found: string[] = [];
      try {
        walk(arg, found, out.skipped, includeText);
      } catch (err) {
        out.problems.push({ path: arg, code: 'UNREADABLE', message: `cannot list the folder (${(err as NodeJS.ErrnoException).code ?? err})` });
        continue;
      }
      const before = out.inputs.length;
      found.forEach((f) => addFile(f, true));
      if (out.inputs.length === before) out.problems.push({ path: arg, code: 'NO_DOCUMENTS', message: `the folder holds no supported document (.pdf, .docx, .odt, .zip${includeText ? ', .txt, .md' : '; .txt, .md with --include-text'})` });
    } else addFile(arg, false);
  }
  return out;
}
