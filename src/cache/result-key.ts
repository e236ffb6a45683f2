// The result cache: a document's whole result (entry, findings, fusion), kept in the text
// cache's folder beside its extracted text, so that scanning an unchanged dossier again with
// the same rules and the same build costs reading and hashing its files. A result is only
// reused under the key of everything it was made from; what could differ from run to run is
// never stored (see storableResult and the conditions in src/engine/document.ts).
import { readFileSync } from 'node:fs';
import type { RuleSet } from '../rules/load.js';
import type { DocumentResult } from '../types.js';
import type { TextCache } from './text-cache.js';

let buildId: string | null | undefined;
let extractId: string | null | undefined;
let analysisId: string | null | undefined;

/**
 * The shape of a stored result. The build id already changes with the code; this says so
 * explicitly when the shape changes, so that an entry is never read as another shape
 * (2: `mentions`, the mentions by name, beside `findings`; 3: the entry's `facts`; 4: `dossier`,
 * the clues of what is missing from the dossier).
 */
export const RESULT_SHAPE = 4;

/**
 * The hash of the compiled code `npm run build` wrote (scripts/build-id.mjs), or null without
 * one (code compiled by hand): then no result is kept, since nothing would tell two builds apart.
 */
export function codeBuildId(): string | null {
  if (buildId === undefined) readBuildIds();
  return buildId ?? null;
}

/**
 * The hash of the code that turns a file into page text (extract/, text/, ocr/), or null
 * without one. The text cache keys pages by it beside the extractor's version: text cached by
 * other extraction code is never served, even when nobody bumped the version string.
 */
export function extractionBuildId(): string | null {
  if (extractId === undefined) readBuildIds();
  return extractId ?? null;
}

/**
 * The hash of the code that decides what a document's analysis does not owe to the rules (see
 * src/analyse/basis.ts and scripts/build-id.mjs), or null without one: then no basis is kept.
 */
export function analysisBuildId(): string | null {
  if (analysisId === undefined) readBuildIds();
  return analysisId ?? null;
}

function readBuildIds(): void {
  const hex16 = (value: unknown) => (typeof value === 'string' && /^[0-9a-f]{16}$/.test(value) ? value : null);
  try {
    const parsed = JSON.parse(readFileSync(new URL('../build-id.json', import.meta.url), 'utf8')) as { build?: unknown; extract?: unknown; analysis?: unknown };
    buildId = hex16(parsed.build);
    extractId = hex16(parsed.extract);
    analysisId = hex16(parsed.analysis);
  } catch {
    buildId = null;
    extractId = null;
    analysisId = null;
  }
}

export interface ResultKeyParts {
  /** The document's name as reports cite it (findings carry it, and their ids hash it). */
  path: string;
  sha256: string;
  format: { name: string; version: string };
  rules: Pick<RuleSet, 'hash'>;
  options: { password?: string; maxPages?: number; ocr?: string; language?: string; snapshots?: unknown };
}

/**
 * The key of a document's result, or undefined when it must not be kept: a password was given
 * (its text stays out of the cache), snapshots are asked (they need the pages drawn), or the
 * build is unknown.
 */
export function resultCacheKey({ path, sha256, format, rules, options }: ResultKeyParts, of: 'result' | 'failure' = 'result'): string | undefined {
  if (options.password !== undefined || options.snapshots) return undefined;
  const build = codeBuildId();
  if (!build) return undefined;
  // A document that cannot be read fails whatever the rules: its failure is kept without them.
  const ruleSet = of === 'result' ? rules.hash : null;
  return JSON.stringify([of, RESULT_SHAPE, build, ruleSet, format.name, format.version, sha256, options.ocr ?? 'never', options.language ?? '', options.maxPages ?? null, path]);
}

/**
 * The key of a document's basis (what its analysis decides whatever the rules), or undefined
 * when it must not be kept (no build id). `textKey` is the key its text is cached under (the
 * bytes, the format, the extraction code); the name the report cites it by is in the key too,
 * since its dossier clues quote it.
 */
export function basisCacheKey(textKey: string, path: string): string | undefined {
  const analysis = analysisBuildId();
  if (!analysis) return undefined;
  return JSON.stringify(['basis', BASIS_SHAPE, analysis, textKey, path]);
}

/** The shape of a stored basis (src/analyse/basis.ts), for the same reason as RESULT_SHAPE (2: hyphenWords). */
export const BASIS_SHAPE = 2;

/** Failures that the same bytes, code and options always give again; the others are not kept. */
const LASTING_FAILURES = new Set(['UNSUPPORTED', 'CORRUPT', 'ENCRYPTED', 'TOO_LARGE', 'RESOURCE_LIMIT']);

/** What is kept of a result: no timings, no snapshots; undefined for a failure that may not recur. */
export function storableResult(result: DocumentResult): DocumentResult | undefined {
  const error = result.entry.error;
  if (error && !LASTING_FAILURES.has(error.code)) return undefined;
  const { timings: _timings, snapshots: _snapshots, ...kept } = result;
  return kept;
}

/**
 * The result stored under `keys.result`, or the failure stored under `keys.failure`, with the
 * time since `started` as its extraction time; undefined when neither is there.
 */
export function storedResultUnder(cache: TextCache, keys: { result: string; failure: string }, started: number): DocumentResult | undefined {
  const done = cache.get<DocumentResult>(keys.result) ?? cache.get<DocumentResult>(keys.failure);
  return done && { ...done, timings: { extractMs: performance.now() - started, analyseMs: 0 } };
}
