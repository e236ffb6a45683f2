// The stems of the words earlier runs met, kept in the cache folder's pack cache (packs/) under
// a hash of the code that stems them (rules/check.ts: checkerFingerprint, with natural's
// stemmers): a pool worker takes them instead of running the stemmer on every word of the
// documents again (about a tenth of a worker's time when the text is cached and the rules
// changed). Stems are a pure function of the word and that code, so the table only spares
// work; entries of another shape are ignored. A pool worker writes the table back when it has
// met enough new words and stays idle after a document.
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { checkerFingerprint } from '../rules/check.js';
import { knownStems, rememberStems, stemCount, type StemTable } from '../text/tokens.js';
import { TextCache } from './text-cache.js';

/** New stems that make the table worth writing again. */
const WRITE_AFTER = 200;
/** How long a thread waits idle, after a document, before it writes the table (milliseconds). */
const IDLE_MS = 10;
/** Words kept per language at most (the first met): the table stays under about 3 MB. */
export const MAX_STEMS = 100_000;

let table: { dir: string; cache: TextCache; key: string; size: number; timer?: NodeJS.Timeout } | undefined;

const isPairs = (v: unknown): v is [string, string][] =>
  Array.isArray(v) && v.length <= MAX_STEMS && v.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && typeof p[1] === 'string');

/**
 * Takes the stems kept in `cacheDir` (once per thread and folder), before a document is
 * analysed. `use`: whether this thread takes them (pool workers do; a document read on the
 * main thread is a small one, whose few words cost less than reading the table).
 */
export function useStemTable(cacheDir: string, use = !isMainThread): void {
  clearTimeout(table?.timer);
  if (!use || table?.dir === cacheDir) return;
  const cache = new TextCache(join(cacheDir, 'packs'));
  const key = `stems|${checkerFingerprint()}`;
  const stored = cache.get<StemTable>(key);
  if (stored && typeof stored === 'object' && isPairs(stored.fr) && isPairs(stored.en)) rememberStems(stored);
  table = { dir: cacheDir, cache, key, size: stemCount() };
}

/**
 * After a document was analysed: the table is written once the thread has stayed idle a
 * moment (no other document came: the run is ending), when it has enough new words. `write`:
 * whether this thread writes (pool workers do).
 */
export function keepStems(write = !isMainThread): void {
  const current = table;
  // Only pool workers write: a document read on the main thread is a small one (engine/in-process.ts).
  if (!current || !write) return;
  clearTimeout(current.timer);
  current.timer = setTimeout(() => {
    // Counted first: copying every stem only to count them cost a worker 50 ms a run.
    const size = stemCount();
    if (size - current.size < WRITE_AFTER) return;
    const stems = knownStems();
    current.cache.set(current.key, { fr: stems.fr.slice(0, MAX_STEMS), en: stems.en.slice(0, MAX_STEMS) });
    current.size = size;
  }, IDLE_MS);
  current.timer.unref();
}
