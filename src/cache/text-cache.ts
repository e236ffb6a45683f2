// On-disk cache of extracted page text, keyed by the file's SHA-256 and the extractor version,
// so that re-running with new rules costs no extraction. Entries carry a checksum: a corrupt
// entry is ignored (and rewritten), never trusted. The folder is marked as the cache's own
// (CACHEDIR.TAG), and `clear` removes only what the cache wrote there.
import { createHash, randomBytes } from 'node:crypto';
import {
  accessSync,
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join, sep } from 'node:path';
import { UsageError } from '../errors.js';

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.trim() ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'tenderscan');
}

// An entry is one line of JSON whose payload comes last, so that the payload's exact bytes can
// be checksummed without parsing and re-serialising them:
//   {"format":1,"key":"…","checksum":"<sha256 of the payload JSON>","payload":<payload JSON>}
const PAYLOAD_MARK = ',"payload":';
const QUOTE = 0x22;
const CLOSE = 0x7d;
const ENTRY_END = Buffer.from([CLOSE]);

// pdf.js's legacy build replaces JSON.stringify with a much slower polyfill when it loads in a
// worker; the cache keeps the engine's own (this module is loaded before pdf.js).
const stringify = JSON.stringify;

/** Of the payload's UTF-8 bytes: hashing the string would encode it again, five times slower. */
function checksum(payload: Uint8Array): string {
  return createHash('sha256').update(payload).digest('hex');
}

/** Entries larger than this are neither written nor read (a 5,000-page document is far below). */
export const MAX_ENTRY_BYTES = 256 * 1024 * 1024;

/**
 * A document's basis (src/analyse/basis.ts) larger than this is not read back: it holds no page
 * text, only line indices, headings and short quotes (a 2,000-page tender's is about 1 MB).
 */
export const MAX_BASIS_BYTES = 32 * 1024 * 1024;

/**
 * The marker of a cache folder, after the Cache Directory Tagging Specification (backup tools
 * skip such folders). `clear` acts only on a folder holding this file with this content.
 */
export const CACHE_MARKER = 'CACHEDIR.TAG';
const MARKER_SIGNATURE = 'Signature: 8a477f597d28d172789f06886806bc55';
const MARKER_TEXT = `${MARKER_SIGNATURE}
# This folder is the text cache of tenderscan. \`tenderscan cache clear\` removes only what
# tenderscan wrote in it. See https://bford.info/cachedir/
`;

// The layout the cache writes: <2 hex>/<64 hex>.json, temporary files beside them, the
// rule-pack cache as a cache of its own under packs/, and the code cache (bin/bundle.cjs:
// <2 hex>/<64 hex>.v8) under code/.
const SHARD_NAME = /^[0-9a-f]{2}$/;
const ENTRY_NAME = /^[0-9a-f]{64}\.(json|v8)(\.\d+\.[0-9a-z]+\.tmp)?$/;
const SUB_CACHES = new Set(['packs', 'code']);

/**
 * The bytes of `file` when it is a regular file (not a symbolic link, FIFO or device) of at
 * most `maxBytes`; else undefined. Opened without following links and without blocking, then
 * checked on the descriptor, so a swapped path cannot make it read something else.
 */
function readRegularFile(file: string, maxBytes: number): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch {
    return undefined;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.size > maxBytes) return undefined;
    const bytes = Buffer.allocUnsafe(stats.size);
    let read = 0;
    while (read < stats.size) {
      const n = readSync(fd, bytes, read, stats.size - read, read);
      if (n === 0) return undefined; // shrank while read
      read += n;
    }
    return bytes;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

function writeMarker(dir: string): void {
  try {
    writeFileSync(join(dir, CACHE_MARKER), MARKER_TEXT, { flag: 'wx' });
  } catch {
    /* already there, or the folder cannot be written: set() and get() cope */
  }
}

/** Does the folder hold only the cache's own layout (nothing, or a cache written before the marker)? */
function holdsOnlyCacheLayout(dir: string): boolean {
  return readdirSync(dir, { withFileTypes: true }).every((item) => item.isDirectory() && (SHARD_NAME.test(item.name) || SUB_CACHES.has(item.name)));
}

/**
 * Makes `dir` usable as a cache (created and marked), or says why it cannot be: a file, a
 * folder that cannot be written, a folder holding other things (it is not marked: backup
 * tools skip marked folders). A cache that cannot be used is skipped, never fatal.
 */
export function prepareCacheDir(dir: string): string | undefined {
  try {
    mkdirSync(dir, { recursive: true });
    if (!statSync(dir).isDirectory()) return 'not a folder';
    accessSync(dir, constants.W_OK | constants.X_OK);
    if (lstatSync(join(dir, CACHE_MARKER), { throwIfNoEntry: false })?.isFile()) return undefined;
    if (!holdsOnlyCacheLayout(dir)) return `holds files of its own and no ${CACHE_MARKER}: not a tenderscan cache (give an empty or new folder)`;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') return 'not a folder';
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    return `cannot be used (${code ?? (err as Error).message})`;
  }
  writeMarker(dir);
  return undefined;
}

export class TextCache {
  constructor(readonly dir: string) {}

  private file(key: string): string {
    const name = createHash('sha256').update(key).digest('hex');
    return join(this.dir, name.slice(0, 2), `${name}.json`);
  }

  /** The payload stored under `key`, or undefined when absent, unreadable or corrupt. */
  get<T>(key: string, maxBytes = MAX_ENTRY_BYTES): T | undefined {
    const bytes = readRegularFile(this.file(key), Math.min(maxBytes, MAX_ENTRY_BYTES));
    if (bytes === undefined) return undefined;
    // Checked on the bytes: the checksum is of the payload's UTF-8, which is what the file holds
    // (decoding the whole entry and encoding the payload again to hash it cost a warm scan of
    // the real set about twice the time of parsing it).
    const head = Buffer.from(`{"format":1,"key":${stringify(key)},"checksum":"`);
    const mark = head.length + 64;
    const start = mark + 1 + PAYLOAD_MARK.length;
    if (bytes.length < start + 1 || !bytes.subarray(0, head.length).equals(head) || bytes[mark] !== QUOTE || bytes.toString('latin1', mark + 1, start) !== PAYLOAD_MARK || bytes[bytes.length - 1] !== CLOSE) return undefined;
    const payload = bytes.subarray(start, bytes.length - 1);
    if (checksum(payload) !== bytes.toString('latin1', head.length, mark)) return undefined;
    try {
      return JSON.parse(payload.toString('utf8')) as T;
    } catch {
      return undefined;
    }
  }

  /** Whether an entry is stored under `key` (unread: it may still be corrupt). */
  has(key: string): boolean {
    try {
      return lstatSync(this.file(key)).isFile();
    } catch {
      return false;
    }
  }

  /** Stores atomically (temporary file + rename); a cache that cannot be written is skipped. */
  set<T>(key: string, payload: T): void {
    const target = this.file(key);
    const temporary = `${target}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      const json = stringify(payload);
      // (A string of more UTF-16 units than the bound has more bytes too: not even encoded.)
      if (json.length > MAX_ENTRY_BYTES) return;
      // Encoded once: the checksum and the file are of these bytes.
      const body = Buffer.from(json);
      const line = Buffer.concat([Buffer.from(`{"format":1,"key":${stringify(key)},"checksum":"${checksum(body)}"${PAYLOAD_MARK}`), body, ENTRY_END]);
      if (line.length > MAX_ENTRY_BYTES) return;
      const shard = join(target, '..');
      // A cache folder removed during the run is made again, marked.
      const made = mkdirSync(shard, { recursive: true });
      if (made !== undefined && made !== shard) writeMarker(this.dir);
      writeFileSync(temporary, line, { flag: 'wx' });
      renameSync(temporary, target);
    } catch {
      try {
        rmSync(temporary, { force: true });
      } catch {
        /* the folder itself is unusable: nothing was written */
      }
    }
  }
}

export interface ClearedCache {
  /** Entries (and temporary files) removed. */
  removed: number;
  /** What the folder holds that the cache did not write: left in place. */
  kept: string[];
}

/** Removes the entries of a cache folder (and of its sub-caches), leaving the rest. */
function removeEntries(dir: string, out: ClearedCache, marked: boolean): void {
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, item.name);
    if (item.name === CACHE_MARKER && item.isFile()) continue;
    if (SUB_CACHES.has(item.name) && marked && item.isDirectory()) {
      removeEntries(path, out, false);
      removeOwnFolder(path, out);
    } else if (SHARD_NAME.test(item.name) && item.isDirectory()) {
      for (const entry of readdirSync(path, { withFileTypes: true })) {
        if (ENTRY_NAME.test(entry.name) && entry.isFile()) {
          unlinkSync(join(path, entry.name));
          out.removed++;
        } else out.kept.push(join(path, entry.name));
      }
      removeOwnFolder(path, out);
    } else out.kept.push(path);
  }
}

/** Removes a folder the cache made once it is empty (its marker goes last). */
function removeOwnFolder(dir: string, out: ClearedCache): void {
  if (out.kept.some((k) => k.startsWith(dir + sep))) return;
  const marker = join(dir, CACHE_MARKER);
  if (lstatSync(marker, { throwIfNoEntry: false })?.isFile()) unlinkSync(marker);
  rmdirSync(dir);
}

/**
 * Empties the cache folder `dir`: only a folder marked by the cache is touched, and in it only
 * the cache's own layout is removed (never a symbolic link's target, never another file).
 */
export function clearCache(dir: string): ClearedCache {
  let stats;
  try {
    stats = statSync(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `${dir} does not exist: there is no cache to clear` : `${dir}: cannot be read (${code})`);
  }
  if (!stats.isDirectory()) throw new UsageError(`${dir} is not a folder: refusing to touch it`);
  const marker = readRegularFile(join(dir, CACHE_MARKER), 4096)?.toString('utf8');
  if (!marker?.startsWith(MARKER_SIGNATURE) || !marker.includes('tenderscan')) {
    throw new UsageError(`${dir} is not a tenderscan cache (no ${CACHE_MARKER} written by tenderscan): refusing to delete anything in it`);
  }
  const out: ClearedCache = { removed: 0, kept: [] };
  try {
    removeEntries(dir, out, true);
    // A cache folder given through a symbolic link keeps its link (and its emptied folder).
    if (!lstatSync(dir).isSymbolicLink()) removeOwnFolder(dir, out);
  } catch (err) {
    throw new UsageError(`${dir}: could not clear it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); removed ${out.removed} entries`);
  }
  return out;
}
