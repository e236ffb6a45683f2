// A document's bytes, read once in its worker: a regular file through one descriptor, or an
// archive entry inflated from the place its archive's listing recorded.
import { createHash } from 'node:crypto';
import { DocumentFailure } from '../errors.js';
import type { Input } from './expand.js';
import { closeQuietly, openRegularFile, readAt, readChunks } from './files.js';
import { fileSource, inflateEntry, readCompressed } from './zip.js';

export type ReadOutcome =
  | { bytes: Buffer }
  /** Over --max-file-size: not analysed, only hashed (in chunks, through the same descriptor). */
  | { tooLarge: { sha256: string; size: number } };

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export function readInputBytes(input: Input, maxFileSize = Infinity): ReadOutcome {
  const ref = input.zip;
  // An entry of a nested archive came with its compressed bytes: the archive is not opened again.
  if (ref?.compressed) return { bytes: asBuffer(inflateEntry(ref.fields, ref.compressed)) };
  const { fd, stats } = openRegularFile(input.fileBytes ?? input.file);
  try {
    if (ref) {
      const was = ref.archive;
      if (!was || was.dev !== stats.dev || was.ino !== stats.ino || was.size !== stats.size || was.mtimeMs !== stats.mtimeMs) {
        throw new DocumentFailure('CORRUPT', 'the archive changed after it was listed');
      }
      return { bytes: asBuffer(inflateEntry(ref.fields, readCompressed(fileSource(fd, stats.size), ref.fields))) };
    }
    if (stats.size > maxFileSize) {
      const hash = createHash('sha256');
      const size = readChunks(fd, stats.size, (chunk) => hash.update(chunk));
      return { tooLarge: { sha256: hash.digest('hex'), size } };
    }
    // Synchronous: a worker has nothing else to do meanwhile. The size is fstat's: a file that
    // grows while it is read is read as it was when opened.
    return { bytes: readAt(fd, 0, stats.size) };
  } finally {
    closeQuietly(fd);
  }
}

/** What hashInputFile found: the file's SHA-256 and size, and a copy of its first bytes. */
export interface HashedFile {
  sha256: string;
  size: number;
  head: Buffer;
}

/**
 * The SHA-256 and size of an input that is a file of its own, as readInputBytes would read it
 * (a regular file, opened once, read up to the size fstat gave), with a copy of its first
 * `headBytes` bytes; undefined for an archive entry, a file that cannot be opened or read, and
 * a file over `maxFileSize` (its worker says why). The file goes through readChunks' buffer,
 * never whole in memory.
 */
export function hashInputFile(input: Input, headBytes: number, maxFileSize = Infinity): HashedFile | undefined {
  if (input.zip || input.entry) return undefined;
  let opened;
  try {
    opened = openRegularFile(input.fileBytes ?? input.file);
  } catch {
    return undefined;
  }
  const { fd, stats } = opened;
  try {
    if (stats.size > maxFileSize) return undefined;
    const hash = createHash('sha256');
    let head: Buffer | undefined;
    const size = readChunks(fd, stats.size, (chunk) => {
      head ??= Buffer.from(chunk.subarray(0, headBytes));
      hash.update(chunk);
    });
    return { sha256: hash.digest('hex'), size, head: head ?? Buffer.alloc(0) };
  } catch {
    return undefined;
  } finally {
    closeQuietly(fd);
  }
}
