// Results the cache holds, found on the main thread before any worker is asked: a document
// scanned again unchanged, with the same rules, build and options, costs hashing its file and
// reading its entry, and a run whose every document is found so starts no worker at all.
import { resultCacheKey, storedResultUnder } from '../cache/result-key.js';
import { TextCache } from '../cache/text-cache.js';
import { formatFromHead, FORMAT_HEAD_BYTES, type InputFormat } from '../extract/registry.js';
import { DocumentFailure, errorResult } from '../errors.js';
import { hashInputFile } from '../sources/read.js';
import type { Input } from '../sources/expand.js';
import type { DocumentResult } from '../types.js';
import { emptyFileResult, untouchedResult, type RunOptions } from './document.js';
import type { CheckedPacks } from '../rules/load.js';

/**
 * The stored result of `input` under the rules of hash `rules.hash`, as a worker's analyseFile
 * would give it back (engine/document.ts); when `rules` are the checked packs, also the result
 * of a run with other packs none of whose changes can start on the document's pages (stored
 * again under these rules by `write`, now or later). Else undefined: no cache, a search, an
 * archive entry, a file over --max-file-size or whose format its first bytes do not decide,
 * nothing stored. The worker then does what it always did (and says why a file cannot be read).
 * An empty file, and a small one of no format known, are answered here too, with the failure
 * their worker would give.
 */
export function storedResult(input: Input, options: RunOptions, rules: CheckedPacks | { hash: string }, write?: (store: () => void) => void): DocumentResult | undefined {
  if (!options.cacheDir || options.search || options.password !== undefined || options.snapshots) return undefined;
  const started = performance.now();
  const hashed = hashInputFile(input, FORMAT_HEAD_BYTES, options.maxFileSize);
  if (!hashed) return undefined;
  const known = { sha256: hashed.sha256, size: hashed.size };
  if (hashed.size === 0) return emptyFileResult(input.path, known);
  let format: InputFormat | undefined;
  try {
    format = formatFromHead(hashed.head, hashed.size, input.file);
  } catch (err) {
    return err instanceof DocumentFailure ? errorResult(input.path, err.code, err.message, known) : undefined;
  }
  if (!format) return undefined;
  const parts = { path: input.path, sha256: hashed.sha256, format, rules: { hash: rules.hash }, options };
  const result = resultCacheKey(parts);
  if (!result) return undefined;
  const cache = new TextCache(options.cacheDir);
  const stored = storedResultUnder(cache, { result, failure: resultCacheKey(parts, 'failure')! }, started);
  if (stored) return stored;
  // A document where no pack that changed since an earlier run can start: that run's result,
  // taken here rather than by a worker (engine/document.ts, untouchedResult).
  return 'rules' in rules ? untouchedResult(cache, parts, result, rules, started, write).result : undefined;
}
