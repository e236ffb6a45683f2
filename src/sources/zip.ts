// ZIP archives (dossiers de consultation, DOCX, ODT), bounded against bombs. The central
// directory is read here, entry by entry, so that two entries of one name stay two entries
// and an encrypted one is known as such (fflate's unzip keys entries by name and hides the
// flags); fflate only inflates. Entry names are data: never used as file system paths.
import { createRequire } from 'node:module';
import { crc32 } from 'node:zlib';
import type * as Fflate from 'fflate';
import { DocumentFailure } from '../errors.js';
import { readAt } from './files.js';
import { zipEntryName } from './names.js';

// Loaded when an archive is first inflated: a run over plain PDFs never pays for it.
const require = createRequire(import.meta.url);
let fflate: typeof Fflate | undefined;
const inflateInto = (data: Uint8Array, out: Uint8Array): Uint8Array => (fflate ??= require('fflate') as typeof Fflate).inflateSync(data, { out });

export interface ZipLimits {
  maxEntries: number;
  /** Total uncompressed bytes of the entries of one archive, nested archives and their entries included. */
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

/** One entry of the central directory. */
export interface ZipEntryInfo {
  /** Position in the central directory (0-based). */
  index: number;
  /** The name as text (see zipEntryName). */
  name: string;
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  /** Uncompressed size, as declared. */
  size: number;
  localHeaderOffset: number;
  /** Flag bit 0 (traditional or strong encryption) or method 99 (AES). */
  encrypted: boolean;
  directory: boolean;
}

/** Random access to an archive's bytes: an open file or memory. */
export interface ByteSource {
  size: number;
  read(offset: number, length: number): Uint8Array;
}

export function memorySource(bytes: Uint8Array): ByteSource {
  return { size: bytes.byteLength, read: (offset, length) => bytes.subarray(offset, offset + length) };
}

export function fileSource(fd: number, size: number): ByteSource {
  return { size, read: (offset, length) => readAt(fd, offset, length) };
}

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}

const corrupt = (why: string) => new DocumentFailure('CORRUPT', `broken ZIP archive (${why})`);
const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);
const u64 = (v: DataView, at: number) => v.getUint32(at, true) + v.getUint32(at + 4, true) * 2 ** 32;

/** Finds the end of central directory (with its ZIP64 record when there is one). */
function findDirectory(source: ByteSource): { count: number; offset: number; size: number } {
  const tailLength = Math.min(source.size, 22 + 65535 + 20);
  const tailStart = source.size - tailLength;
  const tail = source.read(tailStart, tailLength);
  const t = view(tail);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (t.getUint32(i, true) === 0x06054b50) {
      at = i;
      break;
    }
  }
  if (at < 0) throw corrupt('no end of central directory');
  let count = t.getUint16(at + 10, true);
  let size = t.getUint32(at + 12, true);
  let offset = t.getUint32(at + 16, true);
  if ((count === 0xffff || size === 0xffffffff || offset === 0xffffffff) && at >= 20 && t.getUint32(at - 20, true) === 0x07064b50) {
    const record = source.read(u64(t, at - 20 + 8), 56);
    const r = view(record);
    if (record.length < 56 || r.getUint32(0, true) !== 0x06064b50) throw corrupt('bad ZIP64 end of central directory');
    count = u64(r, 32);
    size = u64(r, 40);
    offset = u64(r, 48);
  }
  if (offset + size > source.size) throw corrupt('central directory past the end of the file');
  return { count, offset, size };
}

/** The central directory's entries, in order (directories included, marked). */
export function readCentralDirectory(source: ByteSource, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntryInfo[] {
  const dir = findDirectory(source);
  if (dir.count > limits.maxEntries) throw new DocumentFailure('RESOURCE_LIMIT', `archive has more than ${limits.maxEntries} entries`);
  const bytes = source.read(dir.offset, dir.size);
  const v = view(bytes);
  const entries: ZipEntryInfo[] = [];
  let at = 0;
  for (let index = 0; index < dir.count; index++) {
    if (at + 46 > bytes.length || v.getUint32(at, true) !== 0x02014b50) throw corrupt(`central directory entry ${index + 1} is damaged`);
    const flags = v.getUint16(at + 8, true);
    const method = v.getUint16(at + 10, true);
    const nameLength = v.getUint16(at + 28, true);
    const extraLength = v.getUint16(at + 30, true);
    const commentLength = v.getUint16(at + 32, true);
    let compressedSize = v.getUint32(at + 20, true);
    let size = v.getUint32(at + 24, true);
    let localHeaderOffset = v.getUint32(at + 42, true);
    const end = at + 46 + nameLength + extraLength + commentLength;
    if (end > bytes.length) throw corrupt(`central directory entry ${index + 1} is damaged`);
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    // ZIP64 extended information: the 64-bit values of the fields that say 0xFFFFFFFF, in order.
    for (let e = at + 46 + nameLength; e + 4 <= at + 46 + nameLength + extraLength; ) {
      const id = v.getUint16(e, true);
      const length = v.getUint16(e + 2, true);
      if (id === 0x0001) {
        let p = e + 4;
        if (size === 0xffffffff && p + 8 <= e + 4 + length) (size = u64(v, p)), (p += 8);
        if (compressedSize === 0xffffffff && p + 8 <= e + 4 + length) (compressedSize = u64(v, p)), (p += 8);
        if (localHeaderOffset === 0xffffffff && p + 8 <= e + 4 + length) localHeaderOffset = u64(v, p);
      }
      e += 4 + length;
    }
    const name = zipEntryName(nameBytes, (flags & 0x800) !== 0);
    entries.push({
      index,
      name,
      method,
      flags,
      crc32: v.getUint32(at + 16, true),
      compressedSize,
      size,
      localHeaderOffset,
      encrypted: (flags & 1) !== 0 || method === 99,
      directory: name.endsWith('/'),
    });
    at = end;
  }
  return entries;
}

/**
 * The limits of one archive, nested archives included: every entry listed, at any depth, is
 * counted against the same entry count and total size, so an archive inside the limits cannot
 * hold inner archives that together go past them.
 */
export class ZipBudget {
  private entries = 0;
  private bytes = 0;
  constructor(readonly limits: ZipLimits = DEFAULT_ZIP_LIMITS) {}

  /** Counts an archive's entries; throws RESOURCE_LIMIT when they go past the limits. */
  take(entries: ZipEntryInfo[]): void {
    const files = entries.filter((e) => !e.directory);
    const count = this.entries + files.length;
    if (count > this.limits.maxEntries) throw new DocumentFailure('RESOURCE_LIMIT', `archive has more than ${this.limits.maxEntries} entries`);
    let bytes = this.bytes;
    for (const e of files) {
      // Sizes come from the archive's own headers; an entry is inflated into a buffer of its
      // declared size, so a lying header cannot make it allocate more.
      bytes += e.size;
      if (bytes > this.limits.maxTotalBytes) {
        throw new DocumentFailure('RESOURCE_LIMIT', `archive expands to more than ${Math.round(this.limits.maxTotalBytes / 1048576)} MB (zip bomb?)`);
      }
      if (e.compressedSize > 0 && e.size / e.compressedSize > this.limits.maxRatio && e.size > 1024 * 1024) {
        throw new DocumentFailure('RESOURCE_LIMIT', `entry ${JSON.stringify(e.name)} compresses ${Math.round(e.size / e.compressedSize)}:1 (zip bomb?)`);
      }
    }
    this.entries = count;
    this.bytes = bytes;
  }
}

/** What a worker needs to inflate one entry: its central directory fields. */
export type EntryFields = Pick<ZipEntryInfo, 'name' | 'method' | 'crc32' | 'compressedSize' | 'size' | 'localHeaderOffset' | 'encrypted'>;

/** The compressed bytes of an entry (after its local header). */
export function readCompressed(source: ByteSource, entry: EntryFields): Uint8Array {
  const header = source.read(entry.localHeaderOffset, 30);
  if (header.length < 30 || view(header).getUint32(0, true) !== 0x04034b50) throw corrupt(`no local header for ${JSON.stringify(entry.name)}`);
  const start = entry.localHeaderOffset + 30 + view(header).getUint16(26, true) + view(header).getUint16(28, true);
  if (start + entry.compressedSize > source.size) throw corrupt(`${JSON.stringify(entry.name)} runs past the end of the archive`);
  return source.read(start, entry.compressedSize);
}

/** Inflates an entry's compressed bytes, checked against its declared size and CRC-32. */
export function inflateEntry(entry: EntryFields, compressed: Uint8Array): Uint8Array {
  if (entry.encrypted) throw new DocumentFailure('ENCRYPTED', 'the archive entry is encrypted (password-protected ZIP); tenderscan cannot read it');
  let data: Uint8Array;
  if (entry.method === 0) data = compressed;
  else if (entry.method === 8) {
    try {
      // One byte more than declared: an entry that inflates to more is caught, not cut short.
      data = inflateInto(compressed, new Uint8Array(entry.size + 1));
    } catch (err) {
      throw corrupt(`${JSON.stringify(entry.name)}: ${(err as Error).message}`);
    }
  } else throw new DocumentFailure('UNSUPPORTED', `${JSON.stringify(entry.name)} uses ZIP compression method ${entry.method} (only stored and deflate are read)`);
  if (data.byteLength !== entry.size) throw corrupt(`${JSON.stringify(entry.name)} is not the size its header declares`);
  if ((crc32(data) >>> 0) !== entry.crc32) throw corrupt(`${JSON.stringify(entry.name)} fails its CRC-32 check`);
  return data;
}

/** The names and sizes of an archive's file entries (nothing is inflated). */
export function listZip(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntryInfo[] {
  const entries = readCentralDirectory(memorySource(bytes), limits);
  new ZipBudget(limits).take(entries);
  return entries.filter((e) => !e.directory);
}

/** Inflates the entries whose names are given (the first of each name; all limits checked first). */
export function readZipEntries(bytes: Uint8Array, names: string[], limits: ZipLimits = DEFAULT_ZIP_LIMITS): Record<string, Uint8Array> {
  const source = memorySource(bytes);
  const wanted = new Set(names);
  const out: Record<string, Uint8Array> = Object.create(null);
  for (const entry of listZip(bytes, limits)) {
    if (!wanted.has(entry.name) || Object.hasOwn(out, entry.name)) continue;
    out[entry.name] = inflateEntry(entry, readCompressed(source, entry));
  }
  return out;
}
