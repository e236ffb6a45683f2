// Side files (rule packs, the config, --password-file, a review file, reports given to diff and
// merge): opened once without blocking, checked to be a regular file of bounded size before a
// byte is read, and read no further than that bound. /dev/zero, a FIFO or a folder given as a
// side file is a one-line error, never gigabytes read or a run that hangs.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** The bounds of each kind of side file, named in the errors and in docs/robustness.md. */
export const SIDE_FILE_LIMITS = {
  /** A rule pack (--rules). */
  pack: 16 * 1024 * 1024,
  /** The project config (.tenderscan.yaml). */
  config: 1024 * 1024,
  /** --password-file: its first line is the password. */
  password: 64 * 1024,
  /** The review file (.tenderscan-review.yaml, --review-file). */
  review: 4 * 1024 * 1024,
  /** A report read back (diff, review) or a shard given to merge. */
  report: 256 * 1024 * 1024,
} as const;

/** Why a side file was refused: the message is the reason, for the caller to put after the file's name. */
export class SideFileError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'SideFileError';
  }
}

/**
 * The bytes of `path`, or undefined when it does not exist (`missing: 'undefined'`). Not a
 * regular file, larger than `maxBytes`, or unreadable: a SideFileError.
 */
export function readSideFile(path: string, maxBytes: number, options: { missing?: 'undefined' | 'error' } = {}): Buffer | undefined {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would wait for a writer.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && options.missing === 'undefined') return undefined;
    throw new SideFileError(code === 'ENOENT' ? 'no such file' : `cannot read it (${code ?? err})`, code);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new SideFileError(`not a regular file (${kindOf(stat)})`);
    if (stat.size > maxBytes) throw new SideFileError(`${stat.size} bytes, more than the ${maxBytes} allowed for this file`);
    // Read up to the bound and one byte more: a file that grows while read is caught too.
    const buffer = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(stat.size + 1, 1)));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) throw new SideFileError(`more than the ${maxBytes} bytes allowed for this file`);
        break;
      }
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return buffer.subarray(0, length);
  } catch (err) {
    if (err instanceof SideFileError) throw err;
    throw new SideFileError(`cannot read it (${(err as NodeJS.ErrnoException).code ?? err})`);
  } finally {
    closeSync(fd);
  }
}

function kindOf(stat: ReturnType<typeof fstatSync>): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a file';
}

/**
 * The UTF-8 text of `path`, or undefined when it does not exist. Any other problem throws an
 * Error whose message is the reason, for the caller to put after the file's name.
 */
export function readTextFileOnce(path: string, maxBytes: number): string | undefined {
  return readSideFile(path, maxBytes, { missing: 'undefined' })?.toString('utf8');
}

/** The UTF-8 text of a side file that must exist (see readSideFile). */
export function readSideText(path: string, maxBytes: number): string {
  return readSideFile(path, maxBytes)!.toString('utf8');
}
