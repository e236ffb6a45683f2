// Command-line arguments → the documents to analyse, in a stable order: files, folders
// (recursive, symbolic links followed once; documents, not notes), glob patterns, "-" (paths on stdin), and the
// entries of ZIP archives, nested ones too, named "dossier.zip!/CCTP/cctp.pdf". Each archive
// is inflated once here; its documents reach the workers as central directory fields (and,
// for nested archives, as their compressed bytes), never as a path to inflate again.
import { readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as Tinyglobby from 'tinyglobby';
import { DocumentFailure, type DocumentErrorCode } from '../errors.js';
import { closeQuietly, openRegularFile } from './files.js';
import { displayName, displayPath, escapeSeparators, isUtf8 } from './names.js';
import { ownReportFormatOfFile } from './own-report.js';
import {
  DEFAULT_ZIP_LIMITS,
  fileSource,
  inflateEntry,
  memorySource,
  readCentralDirectory,
  readCompressed,
  ZipBudget,
  type ByteSource,
  type EntryFields,
  type ZipEntryInfo,
  type ZipLimits,
} from './zip.js';

const require = createRequire(import.meta.url);

/** What fstat said of an archive when it was listed; a worker checks it again before reading. */
export interface FileIdentity {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
}

/** Where a worker finds an archive entry's bytes. */
export interface ArchiveEntryRef {
  fields: EntryFields;
  /** Entries of an archive file: read from it at `fields.localHeaderOffset`, if it is still this file. */
  archive?: FileIdentity;
  /** Entries of nested archives: the compressed bytes, taken from the archive inflated here. */
  compressed?: Uint8Array;
}

export interface Input {
  /** What the report calls it: as given, joined to its folder, or "archive.zip!/entry". */
  path: string;
  /** The file on disk that holds it (for a name that is not UTF-8: as displayed, see fileBytes). */
  file: string;
  /** The file's path as bytes, when its name is not valid UTF-8: what is opened. */
  fileBytes?: Uint8Array;
  /** For archive entries: the chain of entry names, outermost first. */
  entry?: string[];
  /** For archive entries: where the entry's bytes are. */
  zip?: ArchiveEntryRef;
}

export interface InputProblem {
  path: string;
  code: DocumentErrorCode | 'NO_DOCUMENTS';
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
  /** Lines for stderr: entries of one name in an archive, folders reached twice through links. */
  notices: string[];
}

export interface ExpandOptions {
  /** The names a folder or an archive takes. */
  types: InputNames;
  /** Take .txt and .md files found in folders and archives too (named ones are always taken). */
  includeText?: boolean;
  limits?: ZipLimits;
  /** Archives, inner archives and archive entries larger than this (bytes) end as TOO_LARGE. */
  maxFileSize?: number;
  /** Paths on stdin are separated by NUL bytes (`find -print0`, scan -0): kept whole, spaces and newlines included. */
  nul?: boolean;
}

/**
 * Which names a folder walk takes: the document types the extract registry declares (the
 * engine passes them in), and plain text, often notes (or a report of ours) beside the
 * documents, taken when named or asked for.
 */
export interface InputNames {
  isDocument(name: string): boolean;
  isText(name: string): boolean;
  /** Without the dot, for messages. */
  documentExtensions: readonly string[];
  textExtensions: readonly string[];
}

/** What a folder or an archive takes: the input names, and text files or not. */
interface Taking {
  types: InputNames;
  includeText: boolean;
}
/** Files that may be a report written by tenderscan (looked at before they are taken). */
const REPORT_EXTENSIONS = /\.(txt|md|markdown|json|jsonl|ndjson|csv|html?)$/i;

const UNSUPPORTED = { kind: 'unsupported', reason: 'unsupported type' } as const;
const TEXT_FILE = { kind: 'text', reason: 'a text file: read when named, or with --include-text' } as const;
const ownReport = (format: string) => ({ kind: 'report', reason: `a report written by tenderscan (${format}), not a document` }) as const;
const ARCHIVE_EXTENSION = /\.zip$/i;
const GLOB_CHARS = /[*?[\]{}]/;

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Why a folder or an archive leaves out a file of this name, or undefined when it takes it. */
function leftOut(name: string, { types, includeText }: Taking): Omit<Skipped, 'path'> | undefined {
  if (types.isDocument(name) || ARCHIVE_EXTENSION.test(name)) return undefined;
  if (types.isText(name)) return includeText ? undefined : TEXT_FILE;
  return UNSUPPORTED;
}

/**
 * A path as shown (displayPath: escapes for bytes that are not UTF-8, backslashes and "!/"),
 * and its bytes whenever the shown text is not the path itself (what the file system is given).
 */
interface Named {
  display: string;
  raw?: Buffer;
}

const fsPath = (n: Named) => n.raw ?? n.display;
function named(raw: Buffer): Named {
  const display = displayPath(raw);
  return isUtf8(raw) && display === raw.toString('utf8') ? { display } : { display, raw: Buffer.from(raw) };
}

// Paths are joined as bytes (latin1 maps each byte to one character, so join sees "/" and "."
// and nothing else), then shown: a folder "d.zip!" and its file show as "d.zip\!/CCTP.rtf".
function child(folder: Named, name: Buffer): Named {
  const parent = folder.raw ?? Buffer.from(folder.display);
  return named(Buffer.from(join(parent.toString('latin1'), name.toString('latin1')), 'latin1'));
}

const problemOf = (path: string, err: unknown): InputProblem =>
  err instanceof DocumentFailure ? { path, code: err.code, message: err.message } : { path, code: 'CORRUPT', message: `broken archive (${(err as Error)?.message ?? err})` };

const folderKey = (s: Stats) => `${s.dev}:${s.ino}`;

/** Walks a folder; `visited` holds every folder read (device and inode), so links cannot loop. */
function walk(folder: Named, found: Named[], out: Expansion, visited: Set<string>, taking: Taking): void {
  const entries = readdirSync(fsPath(folder), { withFileTypes: true, encoding: 'buffer' })
    .map((entry) => ({ entry, name: displayName(entry.name) }))
    .sort((a, b) => byName(a.name, b.name));
  for (const { entry, name } of entries) {
    const full = child(folder, entry.name);
    let stats: Stats | undefined;
    if (entry.isSymbolicLink() || entry.isDirectory()) {
      try {
        stats = statSync(fsPath(full));
      } catch {
        const reason = leftOut(name, taking);
        if (reason) out.skipped.push({ path: full.display, ...reason });
        else out.problems.push({ path: full.display, code: 'NOT_FOUND', message: 'a broken symbolic link' });
        continue;
      }
    }
    if (stats?.isDirectory()) {
      if (visited.has(folderKey(stats))) {
        out.notices.push(`${full.display}: a folder already read under another name (symbolic link); not read again`);
        continue;
      }
      visited.add(folderKey(stats));
      try {
        walk(full, found, out, visited, taking);
      } catch (err) {
        out.problems.push({ path: full.display, code: 'UNREADABLE', message: `cannot list the folder (${(err as NodeJS.ErrnoException).code ?? err})` });
      }
    } else {
      const reason = (stats ? stats.isFile() : entry.isFile()) ? leftOut(name, taking) : UNSUPPORTED;
      if (reason) out.skipped.push({ path: full.display, ...reason });
      else found.push(full);
    }
  }
}

/**
 * Gives each file entry a distinct name: the first of a name keeps it, the next ones become
 * "CCTP.pdf (2)", "CCTP.pdf (3)" (central directory order), so a decoy cannot hide a document.
 */
function distinctNames(entries: ZipEntryInfo[], display: string, out: Expansion): Map<number, string> {
  const taken = new Set(entries.map((e) => e.name));
  const seen = new Map<string, number>();
  const names = new Map<number, string>();
  for (const entry of entries) {
    const count = (seen.get(entry.name) ?? 0) + 1;
    seen.set(entry.name, count);
    if (count === 1) {
      names.set(entry.index, entry.name);
      continue;
    }
    let n = count;
    while (taken.has(`${entry.name} (${n})`)) n++;
    taken.add(`${entry.name} (${n})`);
    names.set(entry.index, `${entry.name} (${n})`);
  }
  for (const [name, count] of seen) {
    if (count > 1) out.notices.push(`${display}: ${count} entries named ${JSON.stringify(name)}; each is read, the later ones as "${name} (2)"…`);
  }
  return names;
}

interface ArchiveContext {
  file: Named;
  budget: ZipBudget;
  maxFileSize: number;
  taking: Taking;
  out: Expansion;
}

/** The documents inside an archive, recursing into nested archives up to the depth limit. */
function expandArchive(source: ByteSource, display: string, chain: string[], identity: FileIdentity | undefined, ctx: ArchiveContext): void {
  const { out, budget } = ctx;
  const entries = readCentralDirectory(source, budget.limits).filter((e) => !e.directory);
  budget.take(entries);
  const names = distinctNames(entries, display, out);
  const sorted = [...entries].sort((a, b) => byName(names.get(a.index)!, names.get(b.index)!));
  for (const entry of sorted) {
    const path = `${display}!/${escapeSeparators(names.get(entry.index)!)}`;
    const isArchive = ARCHIVE_EXTENSION.test(entry.name);
    const reason = leftOut(entry.name, ctx.taking);
    if (reason) {
      out.skipped.push({ path, ...reason });
      continue;
    }
    try {
      if (entry.encrypted) throw new DocumentFailure('ENCRYPTED', 'the archive entry is encrypted (password-protected ZIP); tenderscan cannot read it');
      if (entry.size > ctx.maxFileSize) throw new DocumentFailure('TOO_LARGE', `${entry.size} bytes uncompressed, more than --max-file-size ${ctx.maxFileSize}`);
      const { name, method, crc32, compressedSize, size, localHeaderOffset, encrypted } = entry;
      const fields: EntryFields = { name, method, crc32, compressedSize, size, localHeaderOffset, encrypted };
      if (isArchive) {
        if (chain.length + 1 >= budget.limits.maxDepth) throw new DocumentFailure('RESOURCE_LIMIT', `archives nested more than ${budget.limits.maxDepth} deep`);
        const inner = inflateEntry(fields, readCompressed(source, fields));
        expandArchive(memorySource(inner), path, [...chain, entry.name], undefined, ctx);
        continue;
      }
      const where: ArchiveEntryRef = identity ? { fields, archive: identity } : { fields, compressed: readCompressed(source, fields).slice() };
      out.inputs.push({ path, file: ctx.file.display, ...(ctx.file.raw ? { fileBytes: ctx.file.raw } : {}), entry: [...chain, entry.name], zip: where });
    } catch (err) {
      out.problems.push(problemOf(path, err));
    }
  }
}

/** The bytes of a command-line argument that Node decoded with U+FFFD (a name that is not UTF-8). */
function argumentBytes(arg: string, used: Set<number>): Buffer | undefined {
  if (!arg.includes('\uFFFD')) return undefined;
  let cmdline: Buffer;
  try {
    cmdline = readFileSync('/proc/self/cmdline');
  } catch {
    return undefined;
  }
  let start = 0;
  for (let i = 0; start < cmdline.length; i++) {
    const end = cmdline.indexOf(0, start) < 0 ? cmdline.length : cmdline.indexOf(0, start);
    const raw = cmdline.subarray(start, end);
    start = end + 1;
    if (!used.has(i) && !isUtf8(raw) && raw.toString('utf8') === arg) {
      used.add(i);
      return Buffer.from(raw);
    }
  }
  return undefined;
}

/** Paths on stdin, one per line, kept as bytes when they are not UTF-8. */
function stdinPaths(text: string | Buffer, nul = false): Named[] {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const out: Named[] = [];
  if (nul) {
    for (let start = 0; start < bytes.length; ) {
      const end = bytes.indexOf(0x00, start) < 0 ? bytes.length : bytes.indexOf(0x00, start);
      if (end > start) out.push(named(bytes.subarray(start, end)));
      start = end + 1;
    }
    return out;
  }
  for (let start = 0; start < bytes.length; ) {
    const end = bytes.indexOf(0x0a, start) < 0 ? bytes.length : bytes.indexOf(0x0a, start);
    let [from, to] = [start, end];
    // ASCII blanks only: 0xA0 is the last byte of "à" in UTF-8.
    while (from < to && (bytes[from] === 0x20 || bytes[from] === 0x09 || bytes[from] === 0x0d)) from++;
    while (to > from && (bytes[to - 1] === 0x20 || bytes[to - 1] === 0x09 || bytes[to - 1] === 0x0d)) to--;
    const line = bytes.subarray(from, to);
    start = end + 1;
    if (line.length > 0) out.push(named(line));
  }
  return out;
}

/**
 * Expands the arguments. A file named directly is always tried (its type is read from its
 * bytes); in folders and archives only documents are taken (text files with `includeText`),
 * the others are skipped and counted. A report written by tenderscan is never taken, named
 * or not. `readStdin` gives standard input for "-".
 */
export function expandInputs(args: string[], readStdin: () => string | Buffer = () => readFileSync(0), options: ExpandOptions): Expansion {
  const limits = options.limits ?? DEFAULT_ZIP_LIMITS;
  const maxFileSize = options.maxFileSize ?? Infinity;
  const includeText = options.includeText === true;
  const taking: Taking = { types: options.types, includeText };
  const dotted = (extensions: readonly string[]) => extensions.map((e) => `.${e}`).join(', ');
  const documents = dotted(options.types.documentExtensions);
  const text = dotted(options.types.textExtensions);
  const out: Expansion = { inputs: [], problems: [], skipped: [], notices: [] };
  const seen = new Set<string>();
  const addFile = (file: Named, fromFolder: boolean) => {
    if (seen.has(file.display)) return;
    seen.add(file.display);
    if (!ARCHIVE_EXTENSION.test(file.display)) {
      const report = REPORT_EXTENSIONS.test(file.display) ? ownReportFormatOfFile(fsPath(file)) : undefined;
      if (report) out.skipped.push({ path: file.display, ...ownReport(report), ...(fromFolder ? {} : { named: true }) });
      else out.inputs.push({ path: file.display, file: file.display, ...(file.raw ? { fileBytes: file.raw } : {}) });
      return;
    }
    const before = { inputs: out.inputs.length, problems: out.problems.length };
    try {
      const { fd, stats } = openRegularFile(fsPath(file));
      try {
        if (stats.size > maxFileSize) throw new DocumentFailure('TOO_LARGE', `${stats.size} bytes, more than --max-file-size ${maxFileSize}`);
        const identity = { dev: stats.dev, ino: stats.ino, size: stats.size, mtimeMs: stats.mtimeMs };
        expandArchive(fileSource(fd, stats.size), file.display, [], identity, { file, budget: new ZipBudget(limits), maxFileSize, taking, out });
      } finally {
        closeQuietly(fd);
      }
    } catch (err) {
      out.problems.push(problemOf(file.display, err));
      return;
    }
    if (out.inputs.length === before.inputs && out.problems.length === before.problems && !fromFolder) {
      out.problems.push({ path: file.display, code: 'NO_DOCUMENTS', message: `the archive holds no supported document (${documents}${includeText ? `, ${text}` : `; ${text} with --include-text`})` });
    }
  };

  const expanded: Named[] = [];
  const usedArguments = new Set<number>();
  for (const arg of args) {
    if (arg === '-') for (const path of stdinPaths(readStdin(), options.nul === true)) expanded.push(path);
    else {
      expanded.push(named(argumentBytes(arg, usedArguments) ?? Buffer.from(arg)));
    }
  }
  for (const arg of expanded) {
    let stats;
    try {
      stats = statSync(fsPath(arg));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // A pattern as typed (its shown form escapes backslashes); a name that is not UTF-8 is no pattern.
      const pattern = arg.raw ? (isUtf8(arg.raw) ? arg.raw.toString('utf8') : undefined) : arg.display;
      if (code !== 'EACCES' && pattern !== undefined && GLOB_CHARS.test(pattern)) {
        // tinyglobby is loaded for the first pattern: most runs name files and folders.
        const { globSync } = require('tinyglobby') as typeof Tinyglobby;
        const matches = globSync(pattern, { onlyFiles: true, dot: false, expandDirectories: false }).sort(byName);
        if (matches.length === 0) out.problems.push({ path: arg.display, code: 'NOT_FOUND', message: 'no file matches this pattern' });
        matches.forEach((m) => addFile(named(Buffer.from(m)), false));
        continue;
      }
      out.problems.push(
        code === 'EACCES'
          ? { path: arg.display, code: 'UNREADABLE', message: 'permission denied' }
          : { path: arg.display, code: 'NOT_FOUND', message: 'no such file or folder' },
      );
      continue;
    }
    if (stats.isDirectory()) {
      const found: Named[] = [];
      try {
        walk(arg, found, out, new Set([folderKey(stats)]), taking);
      } catch (err) {
        out.problems.push({ path: arg.display, code: 'UNREADABLE', message: `cannot list the folder (${(err as NodeJS.ErrnoException).code ?? err})` });
        continue;
      }
      const before = out.inputs.length + out.problems.length;
      found.forEach((f) => addFile(f, true));
      if (out.inputs.length + out.problems.length === before) out.problems.push({ path: arg.display, code: 'NO_DOCUMENTS', message: `the folder holds no supported document (${documents}, .zip${includeText ? `, ${text}` : `; ${text} with --include-text`})` });
    } else addFile(arg, false);
  }
  return out;
}
