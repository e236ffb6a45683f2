// `tenderscan merge`: JSON Lines shards read back, every line checked, documents combined once.
// A shard is input like any other: a line that is not what `scan --format jsonl` writes is a
// located error (file and line), never a crash or a silently wrong report.
import { UsageError } from '../../errors.js';
import type { DocumentEntry, Finding, FusionItem, Report } from '../../types.js';

/** A bad shard line: a usage error (exit 2), located by file and line. */
export class ShardError extends UsageError {
  constructor(file: string, line: number, reason: string) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'ShardError';
  }
}

// ---- a small structural checker: each check returns what is wrong, or null -----------------

type Check = (value: unknown) => string | null;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str: Check = (v) => (typeof v === 'string' ? null : 'expected a string');
const nonEmpty: Check = (v) => (typeof v === 'string' && v.length > 0 ? null : 'expected a non-empty string');
const nat: Check = (v) => (Number.isSafeInteger(v) && (v as number) >= 0 ? null : 'expected a whole number >= 0');
const pos: Check = (v) => (Number.isSafeInteger(v) && (v as number) >= 1 ? null : 'expected a whole number >= 1');
const num: Check = (v) => (typeof v === 'number' && Number.isFinite(v) ? null : 'expected a number');
const bool: Check = (v) => (typeof v === 'boolean' ? null : 'expected true or false');
const oneOf =
  (...values: unknown[]): Check =>
  (v) =>
    values.includes(v) ? null : `expected one of ${values.map((x) => JSON.stringify(x)).join(', ')}`;
const nullable =
  (check: Check): Check =>
  (v) =>
    v === null ? null : check(v);
const arrayOf =
  (check: Check): Check =>
  (v) => {
    if (!Array.isArray(v)) return 'expected an array';
    for (let i = 0; i < v.length; i++) {
      const problem = check(v[i]);
      if (problem) return `[${i}]: ${problem}`;
    }
    return null;
  };
const OPTIONAL = Symbol('optional');
type Field = Check | { [OPTIONAL]: Check };
const optional = (check: Check): Field => ({ [OPTIONAL]: check });

/**
 * An object with these keys (optional ones may be missing). Other keys are let through, as
 * a schemaVersion only ever adds fields; a key named "__proto__" is refused when parsing.
 */
function shape(fields: Record<string, Field>): Check {
  return (v) => {
    if (!isObject(v)) return 'expected an object';
    for (const [key, field] of Object.entries(fields)) {
      const isOptional = typeof field !== 'function';
      if (!Object.hasOwn(v, key)) {
        if (isOptional) continue;
        return `missing "${key}"`;
      }
      const problem = (isOptional ? field[OPTIONAL] : field)(v[key]);
      if (problem) return `"${key}": ${problem}`;
    }
    return null;
  };
}

/** An object of any keys whose values all pass `check`. */
const recordOf =
  (check: Check): Check =>
  (v) => {
    if (!isObject(v)) return 'expected an object';
    for (const [key, value] of Object.entries(v)) {
      const problem = check(value);
      if (problem) return `"${key}": ${problem}`;
    }
    return null;
  };

const SHA256 = /^[0-9a-f]{64}$/;
const sha256: Check = (v) => (typeof v === 'string' && SHA256.test(v) ? null : 'expected 64 hex digits');
const language = oneOf('fr', 'en');
// `kind` and the fields after it came later in schemaVersion 1: a shard without them is a paragraph.
const location = shape({
  kind: optional(oneOf('paragraph', 'table-row', 'text-box', 'header', 'footer', 'footnote', 'endnote', 'comment', 'deleted-text', 'sheet-row')),
  paragraph: optional(pos), table: optional(pos), row: optional(pos), note: optional(pos), author: optional(str),
  sheet: optional(str), hidden: optional(bool), column: optional(str), heading: nullable(str),
});

const findingCheck = shape({
  document: str, page: pos, pageLabel: str, section: nullable(str), sectionNumber: nullable(str), location: optional(location),
  category: nonEmpty, rule: str, matched: str, excerpt: str, start: nat, end: nat, excerptStart: nat, excerptEnd: nat,
  negated: bool, mention: optional(bool), modality: oneOf('asserted', 'optional'), language, source: oneOf('text', 'ocr'), ocrConfidence: optional(num),
  explain: optional(shape({
    rule: str, kind: str, words: arrayOf(str),
    negation: optional(shape({ trigger: str, position: oneOf('before', 'after') })),
    modality: optional(shape({ trigger: str })),
  })),
});

const documentCheck = shape({
  path: str, sha256: nullable(sha256), size: nullable(nat), pageCount: nat, status: oneOf('ok', 'partial', 'error'),
  error: optional(shape({ code: nonEmpty, message: str })), pagesWithoutText: arrayOf(pos), failedPages: arrayOf(pos),
  ocrPages: optional(arrayOf(pos)), notRead: optional(shape({ count: nat, pages: arrayOf(pos), hint: str })), runningLines: arrayOf(str), language: nullable(language),
  metadata: optional(recordOf(nullable(str))),
});

const fusionCheck = shape({
  document: str, page: pos, pageLabel: str, section: nullable(str), sectionNumber: nullable(str), location: optional(location),
  categories: arrayOf(nonEmpty), cue: str, excerpt: str, excerptStart: nat, excerptEnd: nat,
});

const countsCheck = shape({ findings: nat, negated: nat, mentions: optional(nat) });
const rulePacksCheck = shape({ hash: str, files: arrayOf(str) });

// ---- reading one shard -------------------------------------------------------------------

/** One document of a shard: its entry, its findings, mentions by name and crossings, and where it ended. */
export interface ShardDocument {
  entry: DocumentEntry;
  findings: Finding[];
  mentions: Finding[];
  fusion: FusionItem[];
  line: number;
}

export interface Shard {
  documents: ShardDocument[];
  rulePacks?: Report['rulePacks'];
  /** What the summary line says of the run (absent: no summary line, the run did not finish). */
  run?: { version?: string; shard?: { index: number; count: number } };
}

/** Reads a JSON Lines report back, checking every line; throws ShardError at the first bad one. */
export function readShard(text: string, file: string): Shard {
  const documents: ShardDocument[] = [];
  let rulePacks: Report['rulePacks'] | undefined;
  let run: Shard['run'];
  let open: { path: string; findings: Finding[]; mentions: Finding[]; line: number } | undefined;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].replace(/\r$/, '');
    if (!raw.trim()) continue;
    const at = i + 1;
    const fail = (reason: string): never => {
      throw new ShardError(file, at, reason);
    };
    let event: unknown;
    let reserved = false;
    try {
      // A "__proto__" key would become a prototype wherever the object is copied with assign.
      event = JSON.parse(raw, (key, value) => {
        if (key === '__proto__') reserved = true;
        return value;
      });
    } catch {
      fail('not a JSON line');
    }
    if (!isObject(event) || typeof event.type !== 'string') fail('expected an object with a "type"');
    const { type, data } = event as { type: string; data: unknown };
    // The summary line may name a category "__proto__" (its counts are recomputed, not read).
    if (reserved && type !== 'summary') fail('a key named "__proto__"');
    const check = (what: string, c: Check, value: unknown) => {
      const problem = c(value);
      if (problem) fail(`${what}: ${problem}`);
    };
    if (type === 'begin') {
      if (open) fail(`"begin" inside document ${JSON.stringify(open.path)} (its "end" line is missing)`);
      check('begin', shape({ path: str }), data);
      open = { path: (data as { path: string }).path, findings: [], mentions: [], line: at };
    } else if (type === 'finding' || type === 'mention') {
      // A mention by name has a finding's shape; it is kept apart and never counted.
      if (!open) fail(`"${type}" outside a document (no "begin" line before it)`);
      check(type, findingCheck, data);
      const finding = data as Finding;
      if (finding.document !== open!.path) fail(`${type} of ${JSON.stringify(finding.document)} inside document ${JSON.stringify(open!.path)}`);
      (type === 'finding' ? open!.findings : open!.mentions).push(finding);
    } else if (type === 'end') {
      if (!open) fail('"end" without a document (no "begin" line before it)');
      check('end', shape({ document: documentCheck, counts: countsCheck, fusion: optional(arrayOf(fusionCheck)) }), data);
      const { document, fusion = [] } = data as { document: DocumentEntry; fusion?: FusionItem[] };
      if (document.path !== open!.path) fail(`"end" of ${JSON.stringify(document.path)} closes document ${JSON.stringify(open!.path)}`);
      if (document.status === 'error' && !document.error) fail('end: an "error" document without "error"');
      if (fusion.some((x) => x.document !== document.path)) fail(`end: a crossing of another document than ${JSON.stringify(document.path)}`);
      // The counts were computed from the lines written: lines removed (or added) since show here.
      const { counts } = data as { counts: { findings: number; negated: number; mentions?: number } };
      const negated = open!.findings.filter((f) => f.negated).length;
      const read = { findings: open!.findings.length - negated, negated, mentions: open!.mentions.length };
      for (const key of ['findings', 'negated', 'mentions'] as const) {
        if ((counts[key] ?? 0) !== read[key]) {
          fail(`end: "counts" says ${counts[key] ?? 0} ${key === 'findings' ? 'positive findings' : key === 'negated' ? 'negated findings' : 'mentions'} for ${JSON.stringify(document.path)}, but ${read[key]} such lines were read (lines removed or added?)`);
        }
      }
      documents.push({ entry: document, findings: open!.findings, mentions: open!.mentions, fusion, line: at });
      open = undefined;
    } else if (type === 'summary') {
      if (!isObject(data)) fail('summary: expected an object');
      check('summary: "rulePacks"', rulePacksCheck, (data as Record<string, unknown>).rulePacks);
      rulePacks = (data as { rulePacks: Report['rulePacks'] }).rulePacks;
      const { tool, shard } = data as { tool?: unknown; shard?: unknown };
      check('summary: "tool"', shape({ version: str }), tool);
      if (shard !== undefined) check('summary: "shard"', shape({ index: pos, count: pos }), shard);
      const { index, count } = (shard ?? {}) as { index?: number; count?: number };
      if (index !== undefined && index > count!) fail(`summary: "shard": index ${index} beyond count ${count}`);
      run = { version: (tool as { version: string }).version, shard: shard === undefined ? undefined : { index: index!, count: count! } };
    } else fail(`unknown type ${JSON.stringify(type)} (expected begin, finding, mention, end or summary)`);
  }
  if (open) throw new ShardError(file, open.line, `document ${JSON.stringify(open.path)} has no "end" line (truncated file?)`);
  return { documents, rulePacks, run };
}

// ---- combining shards ---------------------------------------------------------------------

export interface MergedShards {
  entries: DocumentEntry[];
  findings: Finding[];
  mentions: Finding[];
  fusion: FusionItem[];
  rulePacks?: Report['rulePacks'];
  /** One line per thing the reader should know (duplicates left out, other rule packs). */
  notices: string[];
}

/**
 * Combines shards: a document met again with the same path and SHA-256 (the same shard given
 * twice, or an input error that older versions wrote into every shard) is left out with a
 * notice, so that nothing is counted twice. Documents come out in name order, and so do their
 * crossings (`fusion`), as in a single run, whatever the order of the shards.
 */
export function mergeShards(shards: { file: string; shard: Shard }[]): MergedShards {
  const kept: ShardDocument[] = [];
  const notices: string[] = [];
  const seen = new Map<string, string>();
  const hashesByPath = new Map<string, Set<string | null>>();
  let rulePacks: Report['rulePacks'] | undefined;
  for (const { file, shard } of shards) {
    if (rulePacks && shard.rulePacks && shard.rulePacks.hash !== rulePacks.hash) {
      notices.push(`${file}: made with other rule packs (hash ${shard.rulePacks.hash}, not ${rulePacks.hash})`);
    }
    rulePacks ??= shard.rulePacks;
    for (const doc of shard.documents) {
      const key = `${doc.entry.path}\u0000${doc.entry.sha256}`;
      const first = seen.get(key);
      if (first !== undefined) {
        notices.push(`${file}:${doc.line}: ${doc.entry.path} (sha256 ${doc.entry.sha256 ?? 'none'}) was already read from ${first}; left out`);
        continue;
      }
      seen.set(key, `${file}:${doc.line}`);
      const hashes = hashesByPath.get(doc.entry.path) ?? new Set();
      if (hashes.size > 0) notices.push(`${file}:${doc.line}: ${doc.entry.path} was read before with other content (another SHA-256); both are kept`);
      hashes.add(doc.entry.sha256);
      hashesByPath.set(doc.entry.path, hashes);
      kept.push(doc);
    }
  }
  // Documents are sorted whole, so that each one's crossings follow it: sorting the entries
  // alone left `fusion` in the order the shards were given.
  kept.sort((a, b) => (a.entry.path < b.entry.path ? -1 : a.entry.path > b.entry.path ? 1 : 0));
  const entries = kept.map((d) => d.entry);
  const findings = kept.flatMap((d) => d.findings);
  const mentions = kept.flatMap((d) => d.mentions);
  const fusion = kept.flatMap((d) => d.fusion);
  return { entries, findings, mentions, fusion, rulePacks, notices };
}
