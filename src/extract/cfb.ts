// OLE2 compound files (CFB: Word 97–2003, Excel 97–2003, Outlook .msg…): the directory's
// stream names tell the formats apart, and every sector chain is checked to end (no loop, no
// sector past the file) before a reader follows it. Work is linear in the sectors.
import { DocumentFailure } from '../errors.js';

const MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const END_OF_CHAIN = -2;
const FREE = -1;

export function isCompoundFile(bytes: Uint8Array): boolean {
  return bytes.length >= 512 && MAGIC.every((b, i) => bytes[i] === b);
}

export interface CompoundDirectory {
  /** Names of the streams and storages directly under the root. */
  names: Set<string>;
  /** The first bytes (at most one sector) of a stream under the root, or undefined. */
  head(name: string): Uint8Array | undefined;
}

const corrupt = (why: string) => new DocumentFailure('CORRUPT', `broken OLE2 compound file (${why})`);

/** Reads and checks the directory of a compound file. */
export function readCompoundDirectory(bytes: Uint8Array): CompoundDirectory {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shift = view.getUint16(30, true);
  if (shift !== 9 && shift !== 12) throw corrupt(`sector size 2^${shift}`);
  const size = 1 << shift;
  const sectors = Math.floor((bytes.length - size) / size);
  if (sectors <= 0) throw corrupt('no sectors');
  const sectorAt = (n: number) => (n + 1) * size;

  // The FAT's own sectors: 109 in the header, the rest in a DIFAT chain.
  const fatCount = view.getInt32(44, true);
  if (fatCount < 0 || fatCount > sectors) throw corrupt('FAT size');
  const fatSectors: number[] = [];
  for (let i = 0; i < 109 && fatSectors.length < fatCount; i++) fatSectors.push(view.getInt32(76 + i * 4, true));
  let difat = view.getInt32(68, true);
  const seenDifat = new Set<number>();
  while (fatSectors.length < fatCount && difat >= 0) {
    if (difat >= sectors || seenDifat.has(difat)) throw corrupt('DIFAT chain');
    seenDifat.add(difat);
    const at = sectorAt(difat);
    for (let i = 0; i < size / 4 - 1 && fatSectors.length < fatCount; i++) fatSectors.push(view.getInt32(at + i * 4, true));
    difat = view.getInt32(at + size - 4, true);
  }
  const fat = new Int32Array((fatSectors.length * size) / 4);
  fatSectors.forEach((s, i) => {
    if (s < 0 || s >= sectors) throw corrupt('FAT sector out of the file');
    for (let j = 0; j < size / 4; j++) fat[i * (size / 4) + j] = view.getInt32(sectorAt(s) + j * 4, true);
  });

  // A sector belongs to one chain at most: one mark per sector keeps all the walks linear.
  const seenFat = new Uint8Array(sectors);
  let seenMini = new Uint8Array(0);
  /** The sectors of a chain, refusing loops, shared sectors and sectors outside the file. */
  const chain = (table: Int32Array, start: number, limit: number, what: string): number[] => {
    const out: number[] = [];
    const seen = table === fat ? seenFat : seenMini;
    for (let s = start; s !== END_OF_CHAIN && s !== FREE; s = table[s]) {
      if (s < 0 || s >= limit || s >= table.length) throw corrupt(`${what} chain leaves the file`);
      if (seen[s]) throw corrupt(`${what} chain loops`);
      seen[s] = 1;
      out.push(s);
    }
    return out;
  };

  const directory = chain(fat, view.getInt32(48, true), sectors, 'directory');
  const entries = (directory.length * size) / 128;
  const entry = (i: number) => {
    const sector = directory[Math.floor((i * 128) / size)];
    return sectorAt(sector) + ((i * 128) % size);
  };
  const name = (i: number) => {
    const at = entry(i);
    const length = Math.min(Math.max(view.getUint16(at + 64, true) - 2, 0), 62);
    let out = '';
    for (let k = 0; k < length; k += 2) out += String.fromCharCode(view.getUint16(at + k, true));
    return out;
  };
  if (entries === 0 || bytes[entry(0) + 66] !== 5) throw corrupt('no root entry');

  // Mini streams live in the root entry's stream, in 64-byte sectors of the mini FAT.
  const miniFatSectors = chain(fat, view.getInt32(60, true), sectors, 'mini FAT');
  const miniFat = new Int32Array((miniFatSectors.length * size) / 4);
  miniFatSectors.forEach((s, i) => {
    for (let j = 0; j < size / 4; j++) miniFat[i * (size / 4) + j] = view.getInt32(sectorAt(s) + j * 4, true);
  });
  const rootChain = chain(fat, view.getInt32(entry(0) + 116, true), sectors, 'mini stream');
  const miniSectors = (rootChain.length * size) / 64;
  seenMini = new Uint8Array(miniSectors);
  const cutoff = view.getUint32(56, true);

  // Walk the red-black tree of the root's children; every index is visited at most once.
  const names = new Set<string>();
  const heads = new Map<string, Uint8Array>();
  const visited = new Uint8Array(entries);
  const pending = [view.getInt32(entry(0) + 76, true)];
  while (pending.length > 0) {
    const i = pending.pop()!;
    if (i === FREE) continue;
    if (i < 0 || i >= entries || visited[i]) throw corrupt('directory tree');
    visited[i] = 1;
    const at = entry(i);
    const type = bytes[at + 66];
    if (type === 2) {
      const start = view.getInt32(at + 116, true);
      const length = view.getUint32(at + 120, true);
      const sectorsOfStream = length < cutoff ? chain(miniFat, start, miniSectors, 'mini stream') : chain(fat, start, sectors, 'stream');
      if (sectorsOfStream.length * (length < cutoff ? 64 : size) < length) throw corrupt('stream shorter than its size');
      if (sectorsOfStream.length > 0) {
        let at: number;
        let available: number;
        if (length < cutoff) {
          // Mini sector k lies in the root's stream, at byte k × 64.
          const offset = sectorsOfStream[0] * 64;
          at = sectorAt(rootChain[Math.floor(offset / size)]) + (offset % size);
          available = 64;
        } else {
          at = sectorAt(sectorsOfStream[0]);
          available = size;
        }
        heads.set(name(i), bytes.subarray(at, Math.min(at + Math.min(available, length), bytes.length)));
      }
    }
    if (type === 1 || type === 2) names.add(name(i));
    pending.push(view.getInt32(at + 68, true), view.getInt32(at + 72, true));
  }
  return { names, head: (n) => heads.get(n) };
}

/** What a compound file that is not a Word document is, for the UNSUPPORTED message. */
export function describeCompoundFile(names: Set<string>): string {
  if (names.has('Workbook') || names.has('Book')) return 'an Excel 97–2003 workbook (.xls): save it as .xlsx or .ods';
  if (names.has('PowerPoint Document')) return 'a PowerPoint 97–2003 presentation (.ppt)';
  if ([...names].some((n) => n.startsWith('__substg1.0_') || n === '__properties_version1.0')) return 'an Outlook message (.msg)';
  if (names.has('VisioDocument')) return 'a Visio drawing (.vsd)';
  return 'an OLE2 compound file that is not a Word document';
}
