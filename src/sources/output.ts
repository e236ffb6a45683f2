// Where a report goes: stdout, or a file written through a temporary file and a rename, so
// that no half-written report is ever left behind, and never over an input or a rule pack.
// The output path is checked, and its temporary file created, before any document is read.
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fchmodSync, lstatSync, mkdirSync, openSync, readdirSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import type { InputNames } from './expand.js';

export interface ReportSink {
  write(text: string | Uint8Array): void;
  /**
   * Refuses (UsageError) when the output is one of these files: inputs found after the sink
   * was opened (paths on stdin, archives, folder contents). Nothing has been written yet.
   */
  protect(paths: string[]): void;
  /** Makes the report visible (renames the temporary file into place). */
  commit(): void;
  /** Drops a report that will not be finished. */
  abort(): void;
}

export interface SinkOptions {
  stdout?: NodeJS.WritableStream;
  /** Folders given as inputs: an output inside one, named like a document or an archive, is one of the inputs. */
  folders?: { paths: string[]; types: Pick<InputNames, 'isDocument'> };
  /** The option that names the file, for error messages (default --output; --exhibits for the list of exhibits). */
  option?: string;
  /** The random part of the temporary file's name (tests pass a predictable one). */
  randomName?: () => string;
}

let pending: ReportSink[] = [];
// A crash or a signal must not leave temporary files behind.
process.once('exit', () => pending.forEach((s) => s.abort()));

/** Would a scan of `folder` take `file` (a document or an archive inside it)? */
function takenFromFolder(file: string, folder: string, types: Pick<InputNames, 'isDocument'>): boolean {
  const inside = relative(folder, file);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) && (types.isDocument(file) || /\.zip$/i.test(file));
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function realpathOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

const sameFile = (a: Stats, b: Stats) => a.dev === b.dev && a.ino === b.ino;

/** Is the existing file `target` one of `paths` (by device and inode: links and hard links too)? */
function protectedPath(target: Stats, paths: string[]): string | undefined {
  return [...new Set(paths)].find((p) => {
    const stats = statOrUndefined(p);
    return stats !== undefined && sameFile(stats, target);
  });
}

/** A write error in words ("no space left on device"), as the system says it. */
export function explainWriteError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EROFS') return 'read-only file system';
  if (code === 'ENOSPC') return 'no space left on device';
  if (code === 'EDQUOT') return 'disk quota exceeded';
  if (code === 'EFBIG') return 'file too large';
  if (code === 'EIO') return 'input/output error';
  return code ?? (err as Error).message;
}
const explain = explainWriteError;

/** Writes all of `text` to a descriptor; a failure (a full disk) drops the report and says why. */
function writeAll(fd: number, text: string | Uint8Array, drop: () => void): void {
  try {
    writeFileSync(fd, text); // on a descriptor: appends, and loops until all is written
  } catch (err) {
    drop();
    throw new UsageError(`cannot write the report: ${explain(err)}`);
  }
}

/**
 * Where a link whose target does not exist yet points (through links to links): the report is
 * written there and the link kept. Undefined when `output` is no link.
 */
function danglingLinkTarget(output: string): string | undefined {
  let path = resolve(output);
  for (let hops = 0; hops < 40; hops++) {
    let link: string;
    try {
      if (!lstatSync(path).isSymbolicLink()) return hops === 0 ? undefined : path;
      link = readlinkSync(path);
    } catch {
      return hops === 0 ? undefined : path;
    }
    // The link's folder may itself be reached through links: its target is relative to the real one.
    path = resolve(realpathOrSelf(dirname(path)), link);
  }
  throw new UsageError(`--output ${output}: too many levels of symbolic links`);
}

/** Creates the temporary file: a random name in the output's folder, exclusively (never through a planted link). */
function createTemporary(target: string, randomName: () => string): { fd: number; path: string } {
  const stem = basename(target).slice(0, 40);
  for (let attempt = 0; ; attempt++) {
    const path = join(dirname(target), `.${stem}.tenderscan-tmp-${randomName()}`);
    try {
      return { fd: openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o644), path };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 8) throw err;
    }
  }
}

/** A device or a FIFO named as output (`/dev/null`, `/dev/stdout`) is written to directly: never replaced by a rename. */
function openDevice(output: string, target: string, stats: Stats, option = '--output'): number {
  try {
    if (!stats.isFIFO()) return openSync(target, constants.O_WRONLY);
    // Fails at once when nobody reads the FIFO; the blocking descriptor is opened before the
    // probe is closed, so the reader never sees an end of file in between.
    const probe = openSync(target, constants.O_WRONLY | constants.O_NONBLOCK);
    const fd = openSync(target, constants.O_WRONLY);
    closeSync(probe);
    return fd;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`${option} ${output}: cannot write it (${code === 'ENXIO' ? 'a FIFO that nobody reads' : explain(err)})`);
  }
}

/**
 * Opens where the report goes. `protectedPaths` (inputs as given, rule packs, the password
 * file) are never overwritten, whatever became of them; checked by file identity, not name.
 */
export function openReportSink(output: string | undefined, protectedPaths: string[], options: SinkOptions = {}): ReportSink {
  const stdout = options.stdout ?? process.stdout;
  const option = options.option ?? '--output';
  if (!output) return { write: (text) => void stdout.write(text), protect: () => undefined, commit: () => undefined, abort: () => undefined };
  // A link is written through (`/dev/stdout` redirected to a file, a link to this year's
  // report): its target is replaced, never the link itself.
  const existing = statOrUndefined(output);
  const target = existing ? realpathOrSelf(output) : danglingLinkTarget(output) ?? resolve(output);
  const refuseIfProtected = (paths: string[]) => {
    const current = statOrUndefined(target);
    const hit = current && protectedPath(current, paths);
    if (hit === undefined) return;
    const what = hit === output ? 'one of the files this run reads (inputs, rule packs, config, review file)' : `the same file as ${hit}, which this run reads`;
    throw new UsageError(`${option} ${output} is ${what}; refusing to overwrite it`);
  };

  if (existing?.isDirectory()) throw new UsageError(`${option} ${output} is a folder; give a file name`);
  if (existing) {
    refuseIfProtected(protectedPaths);
    const folder = options.folders?.paths.find((f) => statOrUndefined(f)?.isDirectory() && takenFromFolder(target, realpathOrSelf(f), options.folders!.types));
    if (folder !== undefined) throw new UsageError(`${option} ${output} is one of the inputs (in ${folder}); refusing to overwrite it`);
  }
  if (existing && !existing.isFile()) {
    if (!existing.isCharacterDevice() && !existing.isFIFO()) throw new UsageError(`${option} ${output} is not a regular file`);
    const fd = openDevice(output, target, existing, option);
    let open = true;
    const close = () => {
      if (open) closeSync(fd);
      open = false;
    };
    return { write: (text) => writeAll(fd, text, close), protect: refuseIfProtected, commit: close, abort: close };
  }

  const folder = dirname(target);
  const parent = statOrUndefined(folder);
  if (!parent) {
    const link = target !== resolve(output) ? `a link to ${target}, and ` : '';
    throw new UsageError(`${option} ${output}: ${link}the folder ${folder} does not exist`);
  }
  if (!parent.isDirectory()) throw new UsageError(`${option} ${output}: ${folder} is not a folder`);
  let temporary: { fd: number; path: string };
  try {
    temporary = createTemporary(target, options.randomName ?? (() => randomBytes(8).toString('hex')));
  } catch (err) {
    throw new UsageError(`${option} ${output}: cannot write in ${folder} (${explain(err)})`);
  }
  const { fd, path } = temporary;
  // An existing report keeps its permissions (a private one stays private).
  if (existing) fchmodSync(fd, existing.mode & 0o777);
  let open = true;
  const sink: ReportSink = {
    write(text) {
      writeAll(fd, text, () => sink.abort());
    },
    protect(paths) {
      try {
        refuseIfProtected(paths);
      } catch (err) {
        sink.abort();
        throw err;
      }
    },
    commit() {
      if (!open) return;
      open = false;
      closeSync(fd);
      pending = pending.filter((s) => s !== sink);
      try {
        renameSync(path, target);
      } catch (err) {
        rmSync(path, { force: true });
        throw new UsageError(`cannot write ${output}: ${explain(err)}`);
      }
    },
    abort() {
      if (!open) return;
      open = false;
      try {
        closeSync(fd);
      } catch {
        /* already closed */
      }
      rmSync(path, { force: true });
      pending = pending.filter((s) => s !== sink);
    },
  };
  pending.push(sink);
  return sink;
}

/** The folder beside a report that holds its snapshot images: "report.md" → "report.snapshots". */
export function snapshotFolder(output: string): string {
  return join(dirname(output), `${basename(output).replace(/\.[^.]*$/, '')}.snapshots`);
}

/** Names of the images a run writes there (and removes from an earlier run's folder). */
export const SNAPSHOT_FILE = /^d\d+-p\d+-\d+\.png$/;

/**
 * Writes the snapshot images of a Markdown report into its folder, replacing those an earlier
 * run wrote there; refuses a folder that is a link or not a folder, and never writes through a link.
 */
export function writeSnapshotFiles(output: string, files: { name: string; bytes: Uint8Array }[]): void {
  const folder = snapshotFolder(output);
  let stats: Stats | undefined;
  try {
    stats = lstatSync(folder);
  } catch {
    stats = undefined;
  }
  if (stats && !stats.isDirectory()) throw new UsageError(`--snapshots: ${folder} exists and is not a folder (a link or a file); refusing to write in it`);
  try {
    if (!stats) mkdirSync(folder);
    for (const name of readdirSync(folder)) if (SNAPSHOT_FILE.test(name)) rmSync(join(folder, name), { force: true });
    for (const file of files) {
      const fd = openSync(join(folder, file.name), constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o644);
      try {
        writeFileSync(fd, file.bytes);
      } finally {
        closeSync(fd);
      }
    }
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`--snapshots: cannot write in ${folder} (${explain(err)})`);
  }
}
