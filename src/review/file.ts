// The review file: findings a person has judged, in YAML meant to be committed with the dossier.
// Validated like the rule packs (file, line, entry, field, what was expected); rewritten in
// place, comments kept, through a temporary file and a rename (as reports, see sources/output.ts).
import { closeSync, constants, lstatSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { openReportSink, type ReportSink } from '../sources/output.js';
import { loadYaml, loadZod, type Zod } from '../rules/load.js';
import { readTextFileOnce, SIDE_FILE_LIMITS } from '../sources/text-file.js';
import type { ReviewStatus } from '../types.js';

/** Looked for in the current folder when neither --review-file nor --no-review is given. */
export const DEFAULT_REVIEW_FILE = '.tenderscan-review.yaml';
export const REVIEW_STATUSES: readonly ReviewStatus[] = ['false-positive', 'confirmed'];
/** A review file is a list written by people: a larger one is a mistake (or an attack). */
const MAX_REVIEW_FILE_BYTES = SIDE_FILE_LIMITS.review;

export interface ReviewEntry {
  id: string;
  status: ReviewStatus;
  comment?: string;
  date?: string;
  /** Context for a reader of the file (a code review): not used for matching, which is by id. */
  document: string;
  category: string;
  rule?: string;
  excerpt: string;
}

export interface ReviewFile {
  path: string;
  entries: ReviewEntry[];
}

/** A review-file problem, located: file, line, entry (1-based) and id, field, what was expected. */
export class ReviewFileError extends UsageError {
  constructor(file: string, where: { line?: number; entry?: number; id?: string; field?: string }, expected: string) {
    const parts = [where.line ? `${file}:${where.line}` : file];
    if (where.entry) parts.push(`entry ${where.entry}${where.id ? ` (id ${where.id})` : ''}`);
    if (where.field) parts.push(`field ${where.field}`);
    super(`${parts.join(': ')}: ${expected}`);
    this.name = 'ReviewFileError';
  }
}

function entrySchema(z: Zod) {
  return z
    .object({
      // An all-digit id reads as a number in YAML: it must be quoted, as tenderscan writes it.
      id: z.string({ error: 'expected 12 hex digits, in quotes when they look like a number ("012345678901")' }).regex(/^[0-9a-f]{12}$/, 'expected 12 hex digits (the "id" of a finding in a JSON report)'),
      status: z.enum(REVIEW_STATUSES as [ReviewStatus, ...ReviewStatus[]]),
      comment: z.string().optional(),
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date like 2026-12-01').optional(),
      document: z.string(),
      category: z.string(),
      rule: z.string().optional(),
      excerpt: z.string(),
    })
    .strict();
}

function fileSchema(z: Zod) {
  return z.object({ version: z.literal(1), findings: z.array(z.unknown()).default([]) }).strict();
}

/** The file's text, undefined when it does not exist; other problems are located errors. */
function readBounded(path: string): string | undefined {
  try {
    return readTextFileOnce(path, MAX_REVIEW_FILE_BYTES);
  } catch (err) {
    throw new ReviewFileError(path, {}, (err as Error).message);
  }
}

type YamlDocument = ReturnType<ReturnType<typeof loadYaml>['parseDocument']>;

function parseYaml(path: string, text: string): { doc: YamlDocument; lineOf: (offset: number | undefined) => number | undefined } {
  const yaml = loadYaml();
  const lines = new yaml.LineCounter();
  const doc = yaml.parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const lineOf = (offset: number | undefined) => (offset === undefined ? undefined : lines.linePos(offset).line);
  if (doc.errors.length) {
    const e = doc.errors[0];
    throw new ReviewFileError(path, { line: e.linePos?.[0].line }, `not valid YAML: ${e.message.split('\n')[0]}`);
  }
  return { doc, lineOf };
}

/** Checks a parsed review document: every problem is a ReviewFileError. */
function checkDocument(path: string, doc: YamlDocument, lineOf: (offset: number | undefined) => number | undefined): ReviewEntry[] {
  const z = loadZod();
  const data = doc.toJS() as unknown;
  if (data === null || data === undefined) return [];
  const top = fileSchema(z).safeParse(data);
  const nodeLine = (at: (string | number)[]) => lineOf((doc.getIn(at, true) as { range?: [number, number, number] } | undefined)?.range?.[0]);
  if (!top.success) {
    const issue = top.error.issues[0];
    const field = issue.code === 'unrecognized_keys' ? (issue as { keys: string[] }).keys.join(', ') : issue.path.join('.') || undefined;
    const expected = issue.code === 'unrecognized_keys' ? 'unknown field; a review file has "version: 1" and "findings:"' : issue.message;
    throw new ReviewFileError(path, { line: nodeLine(issue.path as (string | number)[]), field }, expected);
  }
  const schema = entrySchema(z);
  const seen = new Map<string, number>();
  return top.data.findings.map((raw, index) => {
    const entry = schema.safeParse(raw);
    const id = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id : undefined;
    if (!entry.success) {
      const issue = entry.error.issues[0];
      const unknownKeys = issue.code === 'unrecognized_keys' ? (issue as { keys: string[] }).keys : undefined;
      const field = unknownKeys ? unknownKeys.join(', ') : issue.path.join('.') || undefined;
      const expected = unknownKeys
        ? `unknown field; an entry has ${Object.keys(schema.shape).join(', ')}`
        : issue.code === 'invalid_value' && issue.path[0] === 'status'
          ? `expected one of ${REVIEW_STATUSES.join(', ')}`
          : issue.message;
      const at = ['findings', index, ...(unknownKeys ? [unknownKeys[0]] : issue.path)] as (string | number)[];
      throw new ReviewFileError(path, { line: nodeLine(at) ?? nodeLine(['findings', index]), entry: index + 1, id, field }, expected);
    }
    const earlier = seen.get(entry.data.id);
    if (earlier !== undefined) {
      throw new ReviewFileError(path, { line: nodeLine(['findings', index, 'id']), entry: index + 1, id, field: 'id' }, `already judged in entry ${earlier + 1}`);
    }
    seen.set(entry.data.id, index);
    return entry.data as ReviewEntry;
  });
}

/** The review file at `path`, validated; an empty list when the file does not exist. */
export function readReviewFile(path: string): ReviewFile {
  const text = readBounded(path);
  if (text === undefined) return { path, entries: [] };
  const { doc, lineOf } = parseYaml(path, text);
  return { path, entries: checkDocument(path, doc, lineOf) };
}

const HEADER = [
  ' Findings of tenderscan reports that a person has judged. Commit it with the dossier.',
  ' false-positive: hidden by later scans (counted; --show-reviewed shows them); confirmed: labelled.',
  ' Entries match findings by id; document, category, rule and excerpt are there for readers.',
].join('\n');

/** Writes `text` to `path` as reports are written: an exclusive temporary file, then a rename. */
function writeAtomically(path: string, text: string): void {
  const named = (err: unknown) => new UsageError((err as Error).message.replace(`--output ${path}`, path));
  let sink: ReportSink;
  try {
    sink = openReportSink(path, []);
  } catch (err) {
    throw named(err);
  }
  try {
    sink.write(text);
    sink.commit();
  } catch (err) {
    sink.abort();
    throw named(err);
  }
}

/**
 * Records judgements: an entry with the id of an existing one replaces its fields in place,
 * the others are appended (so that a diff of the file shows only what changed). Comments and
 * the order of the file are kept. Returns the file's entries afterwards.
 */
export function recordReviews(path: string, marks: ReviewEntry[]): ReviewFile {
  // Read, changed and written under a lock: eight `review --mark` at once each keep their judgement.
  return withLock(path, () => recordUnlocked(path, marks));
}

/** How long a run waits for another one's lock, and the age past which a lock is stale. */
const LOCK_WAIT_MS = 30_000;
const LOCK_STALE_MS = 10 * 60_000;

/**
 * Runs `write` holding `<path>.lock`, a file created with O_EXCL that holds the owner's pid. A
 * lock whose owner is gone (no such process on this machine) or older than LOCK_STALE_MS is
 * taken over; after LOCK_WAIT_MS of waiting, the run refuses with the lock's name.
 */
function withLock<T>(path: string, write: () => T): T {
  const lock = `${path}.lock`;
  const began = Date.now();
  let fd: number | undefined;
  for (let delay = 5; fd === undefined; delay = Math.min(delay * 2, 200)) {
    try {
      fd = openSync(lock, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o644);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw new UsageError(`${path}: cannot create the lock ${lock} (${code ?? err})`);
      const stale = staleLock(lock);
      // Removed only if it is still the lock judged stale (another run may have taken it over).
      if (stale !== undefined) {
        if (inodeOf(lock) === stale) rmSync(lock, { force: true });
        continue;
      }
      if (Date.now() - began > LOCK_WAIT_MS) {
        throw new UsageError(`${path}: another tenderscan is writing it (lock ${lock}, waited ${LOCK_WAIT_MS / 1000} s); try again, or remove the lock if none runs`);
      }
      Atomics.wait(SLEEPER, 0, 0, delay);
    }
  }
  try {
    writeSync(fd, `${process.pid}\n`);
    return write();
  } finally {
    closeSync(fd);
    rmSync(lock, { force: true });
  }
}

const SLEEPER = new Int32Array(new SharedArrayBuffer(4));

/** The inode of a lock left by a run that is gone, else undefined. */
function staleLock(lock: string): number | undefined {
  try {
    const stat = lstatSync(lock);
    if (!stat.isFile()) return undefined;
    if (Date.now() - stat.mtimeMs > LOCK_STALE_MS) return stat.ino;
    const pid = Number.parseInt(readFileSync(lock, 'utf8'), 10);
    if (!Number.isSafeInteger(pid) || pid <= 0) return undefined; // being written: its owner is alive
    try {
      process.kill(pid, 0);
      return undefined;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'ESRCH' ? stat.ino : undefined;
    }
  } catch {
    return undefined;
  }
}

function inodeOf(path: string): number | undefined {
  try {
    return lstatSync(path).ino;
  } catch {
    return undefined;
  }
}

function recordUnlocked(path: string, marks: ReviewEntry[]): ReviewFile {
  const text = readBounded(path);
  const { doc, lineOf } = parseYaml(path, text ?? '');
  const existing = text === undefined ? [] : checkDocument(path, doc, lineOf);
  if (text === undefined || doc.contents === null) {
    doc.contents = doc.createNode({ version: 1, findings: [] });
    doc.commentBefore = HEADER;
  }
  const yaml = loadYaml();
  let findings = doc.get('findings', true);
  if (!yaml.isSeq(findings)) {
    findings = doc.createNode([]);
    doc.set('findings', findings);
  }
  const seq = findings as InstanceType<typeof yaml.YAMLSeq>;
  seq.flow = false; // "findings: []" grows into a block list
  for (const mark of marks) {
    const clean = Object.fromEntries(Object.entries(mark).filter(([, v]) => v !== undefined));
    const at = existing.findIndex((e) => e.id === mark.id);
    if (at >= 0) {
      const node = seq.items[at] as InstanceType<typeof yaml.YAMLMap>;
      for (const key of ['comment', 'date']) if (!(key in clean)) node.delete(key);
      for (const [key, value] of Object.entries(clean)) node.set(key, value);
      existing[at] = mark;
    } else {
      seq.add(doc.createNode(clean));
      existing.push(mark);
    }
  }
  const written = doc.toString({ lineWidth: 0 });
  // What is written must read back: a file this function cannot read again is never left.
  const again = parseYaml(path, written);
  checkDocument(path, again.doc, again.lineOf);
  writeAtomically(path, written);
  return { path, entries: existing };
}
