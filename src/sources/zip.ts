// ZIP archives (dossiers de consultation, DOCX, ODT), read with fflate and bounded against bombs.
// Entry names are data: they are never used as file system paths.
import { createRequire } from 'node:module';
import type * as Fflate from 'fflate';
import { DocumentFailure } from '../errors.js';

// Loaded when an archive is first opened: a run over plain PDFs never pays for it.
const require = createRequire(import.meta.url);
let fflate: typeof Fflate | undefined;
const unzipSync: typeof Fflate.unzipSync = (data, options) => (fflate ??= require('fflate') as typeof Fflate).unzipSync(data, options);

export interface ZipLimits {
  maxEntries: number;
  /** Total uncompressed bytes of the entries taken from one archive. */
  maxTotalBytes: number;
  /** Uncompressed/compressed size ratio above which an entry is a bomb. */
  maxRatio: number;
  maxDepth: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxRatio: 200,
  maxDepth: 4,
};

export interface ZipEntryInfo {
  name: string;
  size: number;
  originalSize: number;
}

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}

function open(bytes: Uint8Array, keep: (info: ZipEntryInfo) => boolean, limits: ZipLimits): Record<string, Uint8Array> {
  let count = 0;
  let total = 0;
  let problem: DocumentFailure | undefined;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        if (problem) return false;
        count++;
        if (count > limits.maxEntries) {
          problem = new DocumentFailure('RESOURCE_LIMIT', `archive has more than ${limits.maxEntries} entries`);
          return false;
        }
        // Sizes come from the archive's own headers; fflate inflates into a buffer of the
        // declared size, so a lying header cannot make it allocate more.
        total += file.originalSize;
        if (total > limits.maxTotalBytes) {
          problem = new DocumentFailure('RESOURCE_LIMIT', `archive expands to more than ${Math.round(limits.maxTotalBytes / 1048576)} MB (zip bomb?)`);
          return false;
        }
        if (file.size > 0 && file.originalSize / file.size > limits.maxRatio && file.originalSize > 1024 * 1024) {
          problem = new DocumentFailure('RESOURCE_LIMIT', `entry ${JSON.stringify(file.name)} compresses ${Math.round(file.originalSize / file.size)}:1 (zip bomb?)`);
          return false;
        }
        return keep(file);
      },
    });
  } catch (err) {
    throw new DocumentFailure('CORRUPT', `broken ZIP archive (${(err as Error).message})`);
  }
  if (problem) throw problem;
  return files;
}

/** The names and sizes of an archive's file entries (nothing is inflated). */
export function listZip(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntryInfo[] {
  const entries: ZipEntryInfo[] = [];
  open(bytes, (info) => {
    if (!info.name.endsWith('/')) entries.push({ name: info.name, size: info.size, originalSize: info.originalSize });
    return false;
  }, limits);
  return entries;
}

/** Inflates the entries whose names are given (all limits checked first). */
export function readZipEntries(bytes: Uint8Array, names: string[], limits: ZipLimits = DEFAULT_ZIP_LIMITS): Record<string, Uint8Array> {
  const wanted = new Set(names);
  return open(bytes, (info) => wanted.has(info.name), limits);
}

/** Reads one entry, through nested archives: `path` is the chain of entry names. */
export function readNestedEntry(bytes: Uint8Array, path: string[], limits: ZipLimits = DEFAULT_ZIP_LIMITS): Uint8Array {
  if (path.length > limits.maxDepth) throw new DocumentFailure('RESOURCE_LIMIT', `archives nested more than ${limits.maxDepth} deep`);
  let current = bytes;
  for (const name of path) {
    const found = readZipEntries(current, [name], limits)[name];
    if (!found) throw new DocumentFailure('NOT_FOUND', `no entry ${JSON.stringify(name)} in the archive`);
    current = found;
  }
  return current;
}
