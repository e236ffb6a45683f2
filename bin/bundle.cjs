// Loads the CLI's bundle (dist/tenderscan-bundle.cjs, made by scripts/bundle.mjs) with a V8 code
// cache: the machine code V8 compiled for it in an earlier run, kept in the user's cache folder
// ($XDG_CACHE_HOME/tenderscan/code, else ~/.cache/tenderscan/code), so that a start compiles
// next to nothing. See docs/benchmarks.md#start-up and docs/cache.md#the-code-cache.
//
// A code cache file is untrusted: it is read only when it is a regular file (not a link, a
// FIFO, a device) of at most MAX_BYTES, whose header names this bundle, this Node and this
// architecture and whose checksum holds; V8 checks it again (its version, flags, the source's
// length) and may reject it. Anything else is a miss: the bundle is compiled from its text, and
// a new cache file replaces the bad one (written to a temporary file, then renamed).
'use strict';
const { closeSync, constants, fstatSync, openSync, readFileSync, readSync, statSync } = require('node:fs');
const { homedir } = require('node:os');
const { dirname, join } = require('node:path');
const vm = require('node:vm');

/** The bundle's first line: this, then the hash of the rest. */
const BUNDLE_MARK = '// tenderscan-bundle ';
/** A cache file larger than this is not read (the bundle's cache is about 3 MB). */
const MAX_BYTES = 64 * 1024 * 1024;
const FORMAT = 'tenderscan-code-cache 1';

/** The data's checksum (SHA-256, hex): a cache file damaged on disk is a miss, never run. */
function checksum(data) {
  return require('node:crypto').createHash('sha256').update(data).digest('hex');
}

/** The cache folder, as src/cache/text-cache.ts's defaultCacheDir has it. */
function cacheDir(env = process.env) {
  const base = env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.trim() ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'tenderscan');
}

/** What a cache file's first line must be (its checksum apart) for the bundle of hash `hash`. */
function headerOf(hash) {
  return `${FORMAT} ${hash} node-${process.version} v8-${process.versions.v8} ${process.arch}`;
}

/**
 * The cache file of the bundle of hash `hash`: <cache>/code/<2 hex>/<64 hex>.v8 (the text
 * cache's layout). Two per bundle: one made where pdf.js ran (`withPdf`, the default), and one
 * made where it did not, for a main thread whose documents go to workers (a smaller file: less
 * to read and deserialise for a warm scan, which runs no pdf.js at all).
 */
function cacheFile(hash, env, withPdf = true) {
  const name = require('node:crypto').createHash('sha256').update(headerOf(hash) + (withPdf ? '' : ' nopdf')).digest('hex');
  return join(cacheDir(env), 'code', name.slice(0, 2), `${name}.v8`);
}

/**
 * The bytes of `file` when it is a regular file of at most MAX_BYTES (opened without following
 * links or blocking). The same reading as src/cache/text-cache.ts's readRegularFile: this file
 * runs before any module of the bundle is loaded, so it cannot import that one.
 */
function readRegularFile(file) {
  let fd;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch {
    return undefined;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.size > MAX_BYTES) return undefined;
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

/**
 * What the cache file `file` holds for the bundle of hash `hash`, when the file is whole and its
 * own: V8's `data`, and whether pdf.js had run in the thread that made it (`withPdf`); else undefined.
 */
function readCodeCache(file, hash) {
  const bytes = readRegularFile(file);
  if (!bytes) return undefined;
  const eol = bytes.indexOf(10);
  if (eol < 0 || eol > 512) return undefined;
  const header = bytes.toString('latin1', 0, eol);
  const expected = headerOf(hash) + ' ';
  if (!header.startsWith(expected)) return undefined;
  const rest = /^(pdf|nopdf) ([0-9a-f]{64})$/.exec(header.slice(expected.length));
  const data = bytes.subarray(eol + 1);
  if (!rest || data.length === 0) return undefined;
  return rest[2] === checksum(data) ? { data, withPdf: rest[1] === 'pdf' } : undefined;
}

/** Writes `data` as the cache file `file` (atomically) in a prepared cache folder, and keeps at most KEEP cache files beside it. */
function writeCodeCache(file, hash, data, withPdf) {
  const { mkdirSync, readdirSync, renameSync, lstatSync, unlinkSync, writeFileSync } = require('node:fs');
  const { randomBytes } = require('node:crypto');
  const code = dirname(dirname(file));
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const header = `${headerOf(hash)} ${withPdf ? 'pdf' : 'nopdf'} ${checksum(data)}\n`;
  try {
    writeFileSync(tmp, Buffer.concat([Buffer.from(header, 'latin1'), data]), { flag: 'wx', mode: 0o644 });
    renameSync(tmp, file);
  } catch {
    try {
      unlinkSync(tmp);
    } catch {
      /* never written */
    }
    return;
  }
  // Other builds' caches: the newest few are kept (two installs may share the folder).
  const others = [];
  for (const shard of readdirSync(code)) {
    if (!/^[0-9a-f]{2}$/.test(shard)) continue;
    for (const name of readdirSync(join(code, shard))) {
      const path = join(code, shard, name);
      const stats = /^[0-9a-f]{64}\.v8$/.test(name) ? lstatSync(path) : undefined;
      if (stats?.isFile() && path !== file) others.push({ path, time: stats.mtimeMs });
    }
  }
  for (const { path } of others.sort((a, b) => b.time - a.time).slice(KEEP - 1)) unlinkSync(path);
}

/** Cache files kept in the code folder, this build's included (two builds, with and without pdf.js, and more). */
const KEEP = 6;

/**
 * Compiles and runs the bundle `file` (the code cache's data when it has some), or undefined
 * when there is no bundle, it is not one, or it is older than dist/ (bin/tenderscan then runs
 * dist/ as ES modules). `pdfLikely` (a guess: time only depends on it) says which of the two
 * cache files is read: the one made with pdf.js (the other when it is missing or bad), or the
 * one made without it, for a run whose documents go to workers (and no other: a cache written by
 * a run that used the file with pdf.js holds pdf.js's code too).
 * `saveCodeCache()`, after the run, writes the cache file of the kind of run this was (pdf.js
 * run or not) when that is not the one used; but a run that used the file made with pdf.js,
 * guessed so and did not run it writes nothing (that file holds all it needed). It never throws.
 */
function loadBundle(file, pdfLikely = true) {
  let source;
  try {
    // Older than dist/ (tsc has run since `npm run build`, which bundles last): dist/ is the CLI.
    if (statSync(file).mtimeMs < statSync(join(dirname(file), 'cli', 'run.js')).mtimeMs) return undefined;
    source = readFileSync(file, 'latin1'); // ASCII only (scripts/bundle.mjs)
  } catch {
    return undefined;
  }
  const eol = source.indexOf('\n');
  if (!source.startsWith(BUNDLE_MARK) || eol < 0) return undefined;
  const hash = source.slice(BUNDLE_MARK.length, eol);
  if (!/^[0-9a-f]{32}$/.test(hash)) return undefined;
  let cached;
  let cachedFile;
  try {
    // Not the file with pdf.js for a run guessed without: V8 would keep all it holds in the
    // file this run writes (a file without pdf.js is made only by compiling without it).
    for (const withPdf of pdfLikely ? [true, false] : [false]) {
      cachedFile = cacheFile(hash, undefined, withPdf);
      cached = readCodeCache(cachedFile, hash);
      if (cached) break;
    }
  } catch {
    cached = undefined; // no home folder…
  }
  const script = new vm.Script(source, { filename: file, cachedData: cached?.data });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, require('node:module').createRequire(file), module, file, dirname(file));
  const exports = module.exports;
  const used = cached !== undefined && !script.cachedDataRejected;
  // V8 has what it needs of the cache's bytes: only whether pdf.js was in it is kept (the bytes,
  // hundreds of kB, would otherwise live as long as the thread).
  const cachedWithPdf = cached?.withPdf === true;
  cached = undefined;
  return {
    exports,
    /** Whether V8 took the cache's data (false: none, or rejected). */
    cached: used,
    saveCodeCache() {
      // pdf.js's in-thread worker announces itself on globalThis as it loads (src/extract/pdf.ts).
      const withPdf = globalThis.pdfjsWorker !== undefined;
      if (used && (cachedWithPdf === withPdf || (cachedWithPdf && pdfLikely))) return;
      try {
        // The text cache's checks first (the folder is created and marked as the cache's own, or
        // left alone): a folder that cannot take the cache costs no serialising.
        const codeFile = cacheFile(hash, undefined, withPdf);
        if (exports.prepareCacheDir(cacheDir()) === undefined) writeCodeCache(codeFile, hash, script.createCachedData(), withPdf);
      } catch {
        /* a cache that cannot be written is no cache */
      }
    },
  };
}

module.exports = { loadBundle, readCodeCache, cacheFile };
