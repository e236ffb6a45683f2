// Two reports of one dossier compared: what a rectified CCTP added, removed or turned around.
import { TOOL_VERSION } from './build.js';
import { documentBaseName, normaliseExcerpt } from '../../review/ids.js';
import { foldString } from '../../text/fold.js';
import type { DiffSide, DocumentChange, DocumentEntry, Finding, FindingChange, FindingState, Report, ReportDiff } from '../../types.js';

export function findingState(f: Pick<Finding, 'negated' | 'modality'>): FindingState {
  return f.negated ? 'negated' : f.modality === 'optional' ? 'optional' : 'asserted';
}

const segments = (path: string) => path.split(/!\/|[/\\]/);

/**
 * Each document's name within its side: the folders (and archive) all of the side's documents
 * share are left out, so "v1/CCTP.pdf" and "v2/CCTP.pdf" are one document.
 */
function namesOf(documents: DocumentEntry[]): Map<string, DocumentEntry> {
  const split = documents.map((d) => segments(d.path));
  let common = split.length ? split[0].length - 1 : 0;
  for (const parts of split) {
    let k = 0;
    while (k < common && k < parts.length - 1 && parts[k] === split[0][k]) k++;
    common = k;
  }
  const names = new Map<string, DocumentEntry>();
  documents.forEach((d, i) => {
    const name = split[i].slice(common).join('/');
    if (!names.has(name)) names.set(name, d);
  });
  return names;
}

/**
 * Names left unmatched are paired when nothing else can be meant: one document on each side
 * (cctp-v1.pdf → cctp-v2.pdf), or the same file name, once on each side, in other folders.
 * The old side's entry is renamed to the new side's name.
 */
function pairUnmatchedNames(oldNames: Map<string, DocumentEntry>, newNames: Map<string, DocumentEntry>): void {
  const rename = (from: string, to: string) => {
    const entry = oldNames.get(from)!;
    oldNames.delete(from);
    oldNames.set(to, entry);
  };
  if (oldNames.size === 1 && newNames.size === 1) {
    const [oldName] = oldNames.keys();
    const [newName] = newNames.keys();
    if (oldName !== newName) rename(oldName, newName);
    return;
  }
  const lonely = (names: Map<string, DocumentEntry>, other: Map<string, DocumentEntry>) => {
    const byBase = new Map<string, string[]>();
    for (const name of names.keys()) {
      if (other.has(name)) continue;
      const base = documentBaseName(name);
      const list = byBase.get(base);
      if (list) list.push(name);
      else byBase.set(base, [name]);
    }
    return byBase;
  };
  const oldByBase = lonely(oldNames, newNames);
  const newByBase = lonely(newNames, oldNames);
  for (const [base, olds] of oldByBase) {
    const news = newByBase.get(base);
    if (olds.length === 1 && news?.length === 1) rename(olds[0], news[0]);
  }
}

/** Words of an excerpt, folded, for telling a reworded clause from another one. */
function wordsOf(excerpt: string): Set<string> {
  return new Set(foldString(excerpt).split(/[^\p{L}\p{N}]{1,200}/u).filter((w) => w.length > 1));
}

function similarity(a: Finding, b: Finding, words: Map<Finding, Set<string>>): number {
  const x = words.get(a)!;
  const y = words.get(b)!;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  const dice = x.size + y.size ? (2 * shared) / (x.size + y.size) : 0;
  // The same article number is a strong hint that it is the same clause, rewritten.
  return dice + (a.sectionNumber && a.sectionNumber === b.sectionNumber ? 0.15 : 0);
}

/** Above this, two excerpts of one category are the same clause in other words. */
const SAME_CLAUSE = 0.5;
/** Pairs compared for rewording in one document and category at most (the rest: added/removed). */
const MAX_PAIRS = 250_000;

/** Pairs findings with the same key, in document order; returns the pairs and what is left. */
function pairByKey(olds: Finding[], news: Finding[], key: (f: Finding) => string): { pairs: [Finding, Finding][]; olds: Finding[]; news: Finding[] } {
  const waiting = new Map<string, Finding[]>();
  for (const f of olds) {
    const k = key(f);
    const list = waiting.get(k);
    if (list) list.push(f);
    else waiting.set(k, [f]);
  }
  const pairs: [Finding, Finding][] = [];
  const leftNew: Finding[] = [];
  for (const f of news) {
    const match = waiting.get(key(f))?.shift();
    if (match) pairs.push([match, f]);
    else leftNew.push(f);
  }
  const paired = new Set(pairs.map(([o]) => o));
  return { pairs, olds: olds.filter((f) => !paired.has(f)), news: leftNew };
}

/** Greedy pairing of the most similar excerpts of one category (the same clause, rewritten). */
function pairBySimilarity(olds: Finding[], news: Finding[]): { pairs: [Finding, Finding][]; olds: Finding[]; news: Finding[] } {
  if (olds.length === 0 || news.length === 0 || olds.length * news.length > MAX_PAIRS) return { pairs: [], olds, news };
  const words = new Map<Finding, Set<string>>([...olds, ...news].map((f) => [f, wordsOf(f.excerpt)]));
  const candidates: { o: number; n: number; score: number }[] = [];
  olds.forEach((a, o) => news.forEach((b, n) => {
    const score = similarity(a, b, words);
    if (score >= SAME_CLAUSE) candidates.push({ o, n, score });
  }));
  candidates.sort((x, y) => y.score - x.score || x.o - y.o || x.n - y.n);
  const usedOld = new Set<number>();
  const usedNew = new Set<number>();
  const pairs: [Finding, Finding][] = [];
  for (const c of candidates) {
    if (usedOld.has(c.o) || usedNew.has(c.n)) continue;
    usedOld.add(c.o);
    usedNew.add(c.n);
    pairs.push([olds[c.o], news[c.n]]);
  }
  return { pairs, olds: olds.filter((_, i) => !usedOld.has(i)), news: news.filter((_, i) => !usedNew.has(i)) };
}

function byCategory(findings: Finding[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = out.get(f.category);
    if (list) list.push(f);
    else out.set(f.category, [f]);
  }
  return out;
}

const inDocumentOrder = (a: Finding, b: Finding) => a.page - b.page || a.start - b.start;

/** The findings of one document on both sides, compared. */
function compareDocumentFindings(name: string, olds: Finding[], news: Finding[], out: FindingChange[]): number {
  let unchanged = 0;
  const oldByCategory = byCategory([...olds].sort(inDocumentOrder));
  const newByCategory = byCategory([...news].sort(inDocumentOrder));
  for (const category of [...new Set([...oldByCategory.keys(), ...newByCategory.keys()])].sort()) {
    const excerptKey = (f: Finding) => normaliseExcerpt(f.excerpt);
    // Same words by the same rule first, then same words by another rule, then the same clause reworded.
    const byRule = pairByKey(oldByCategory.get(category) ?? [], newByCategory.get(category) ?? [], (f) => `${f.rule}\0${excerptKey(f)}`);
    const byWords = pairByKey(byRule.olds, byRule.news, excerptKey);
    const reworded = pairBySimilarity(byWords.olds, byWords.news);
    for (const [o, n] of [...byRule.pairs, ...byWords.pairs]) {
      const change = findingState(o) !== findingState(n) ? 'flipped' : o.page !== n.page ? 'moved' : undefined;
      if (change) out.push({ change, document: name, category, old: o, new: n });
      else unchanged++;
    }
    for (const [o, n] of reworded.pairs) out.push({ change: findingState(o) !== findingState(n) ? 'flipped' : 'reworded', document: name, category, old: o, new: n });
    for (const o of reworded.olds) out.push({ change: 'removed', document: name, category, old: o, new: null });
    for (const n of reworded.news) out.push({ change: 'added', document: name, category, old: null, new: n });
  }
  return unchanged;
}

function side(report: Report, source: string): DiffSide {
  return { source, generatedAt: report.generatedAt, rulePacks: report.rulePacks, documents: report.documents.length, findings: report.findings.length };
}

const CHANGE_ORDER: FindingChange['change'][] = ['added', 'flipped', 'removed', 'reworded', 'moved'];
const where = (c: FindingChange) => c.new ?? c.old!;

/** Compares two reports of one dossier (OLD, then NEW). */
export function diffReports(before: Report, after: Report, sources: { old: string; new: string }, generatedAt = new Date()): ReportDiff {
  const oldNames = namesOf(before.documents);
  const newNames = namesOf(after.documents);
  pairUnmatchedNames(oldNames, newNames);
  const documents: DocumentChange[] = [];
  const findings: FindingChange[] = [];
  let unchanged = 0;
  const findingsOf = (report: Report, path: string) => report.findings.filter((f) => f.document === path);
  for (const name of [...new Set([...oldNames.keys(), ...newNames.keys()])].sort()) {
    const o = oldNames.get(name);
    const n = newNames.get(name);
    const brief = (d: DocumentEntry) => ({ path: d.path, sha256: d.sha256, status: d.status });
    const change = !o ? 'added' : !n ? 'removed' : o.sha256 !== null && o.sha256 === n.sha256 ? 'unchanged' : 'changed';
    documents.push({ name, change, old: o ? brief(o) : null, new: n ? brief(n) : null });
    // A document that could not be read on one side has no findings there, which says nothing
    // of its clauses: they are not reported as added or removed.
    if (o?.status === 'error' || n?.status === 'error') continue;
    unchanged += compareDocumentFindings(name, o ? findingsOf(before, o.path) : [], n ? findingsOf(after, n.path) : [], findings);
  }
  findings.sort(
    (a, b) =>
      (a.document < b.document ? -1 : a.document > b.document ? 1 : 0) ||
      CHANGE_ORDER.indexOf(a.change) - CHANGE_ORDER.indexOf(b.change) ||
      where(a).page - where(b).page ||
      where(a).start - where(b).start,
  );
  const count = <K extends string>(keys: readonly K[], values: K[]) => Object.fromEntries(keys.map((k) => [k, values.filter((v) => v === k).length])) as Record<K, number>;
  // Keyed by category ids, which a user pack names: "constructor" is one like any other.
  const newPositive = new Map<string, number>();
  for (const c of findings) if (isNewPositive(c)) newPositive.set(c.category, (newPositive.get(c.category) ?? 0) + 1);
  return {
    kind: 'tenderscan-diff',
    schemaVersion: 1,
    tool: { name: 'tenderscan', version: TOOL_VERSION },
    generatedAt: generatedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    old: side(before, sources.old),
    new: side(after, sources.new),
    documents,
    findings,
    summary: {
      documents: count(['added', 'removed', 'changed', 'unchanged'] as const, documents.map((d) => d.change)),
      findings: { ...count(CHANGE_ORDER, findings.map((f) => f.change)), unchanged },
      newPositive: Object.assign(Object.create(null) as Record<string, number>, Object.fromEntries([...newPositive].sort(([a], [b]) => (a < b ? -1 : 1)))),
    },
  };
}

/** A positive (not negated) finding that was not there, or was there negated ("exclus" → "en option"). */
export function isNewPositive(c: FindingChange): boolean {
  if (!c.new || c.new.negated) return false;
  return c.change === 'added' || (c.change === 'flipped' && c.old!.negated);
}
