// `find`: the documents of a selection searched for one query, through the same pool, text
// cache and OCR as a scan; each document's hits are handed to the caller in input order.
// It prints nothing.
import { errorResult } from '../errors.js';
import type { DocumentResult, SearchQuery } from '../types.js';
import { runBatch, type BatchProgress } from './batch.js';
import type { DocumentSettings, Selection } from './scan.js';

/** `rules`: the packs the workers start with (they compile no other: a search uses no rule). */
export interface FindSettings extends DocumentSettings {
  query: SearchQuery;
  /** Lines of context kept around each hit (-C). */
  context: number;
}

export interface FindHooks {
  signal?: AbortSignal;
  onProgress?(progress: BatchProgress): void;
  /** A document searched (or failed), in input order; its hits are then dropped. */
  onDocument(result: DocumentResult): void;
}

/** Searches the selected documents; input problems come first, as failed documents. */
export async function findInSelection(selection: Pick<Selection, 'inputs' | 'problems'>, settings: FindSettings, hooks: FindHooks): Promise<void> {
  for (const p of selection.problems) hooks.onDocument(errorResult(p.path, p.code, p.message));
  await runBatch(
    selection.inputs,
    {
      jobs: settings.jobs,
      limits: { timeoutMs: settings.timeoutMs, heapMb: settings.heapMb, maxRssMb: settings.maxRssMb },
      maxFileSize: settings.maxFileSize,
      rules: settings.rules,
      password: settings.password,
      maxPages: settings.maxPages,
      ocr: settings.ocr,
      language: settings.language,
      cacheDir: settings.cacheDir,
      search: { query: settings.query, context: settings.context },
    },
    { signal: hooks.signal, dropFindings: true, onProgress: hooks.onProgress, onResult: (result) => hooks.onDocument(result) },
  );
}
