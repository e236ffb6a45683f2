// Page analyses kept for the next run with other rules. A page's analysis depends on its text,
// the document's plan and the rules that can start on its words (src/analyse/document.ts,
// KeptPage); when a user adds, edits or removes a rule pack, only the pages where a rule of
// the packs that changed can start are analysed again, the others are taken back.
//
// A document's entry is kept under its text's key, the whole build's id and the options of the
// analysis, and names the packs it was made with (a fingerprint of each pack's checked rules,
// in load order). Each user pack's checked rules are kept once under their fingerprint, so that
// a later run knows where a removed or edited pack could start (the built-in packs change only
// with the build). Anything that does not fit (the packs in another order, a removed pack whose
// rules are not kept, a page count that differs) means no reuse: the document is analysed in
// full, as without the entry.
import { createHash } from 'node:crypto';
import type { KeptPage, PageAnalysis, PageReuse, PageWords } from '../analyse/document.js';
import { compileRules, type CheckedPacks, type CheckedRule, type RuleSet } from '../rules/load.js';
import type { Language } from '../types.js';
import { codeBuildId } from './result-key.js';
import type { TextCache } from './text-cache.js';

/** The shape of the stored entries (see RESULT_SHAPE in result-key.ts for why it is named). */
export const KEPT_PAGES_SHAPE = 1;

/**
 * Documents of more pages keep none: on the bench's 2,005-page tender, writing and reading its
 * page analyses and words (about 19 MB beside a 14 MB result) and the garbage they leave made a
 * scan with a pack that starts on nearly every page 1.15× slower than without them.
 */
export const KEPT_PAGES_MAX = 1000;

/** What a document's entry of words holds: small, read first (see changedPages). */
export interface KeptWords {
  /** The fingerprints of the packs the pages were analysed with, in load order. */
  packs: string[];
  /** The hash of those packs (RuleSet.hash): the key of the document's result with them. */
  rules: string;
  /** Each page's words and stems by language (those of its first running lines read alone too). */
  words: PageWords[];
}

/** What a document's entry of page analyses holds, beside its words. */
export interface KeptAnalyses {
  pages: KeptPage[];
}

/**
 * The keys of a document's kept words and page analyses, or undefined when they must not be kept
 * (no build id). `textKey`: the key its text is cached under; the name the report cites it by
 * is in the key, since findings carry it.
 */
export function keptPagesKeys(textKey: string, path: string, options: { language?: string; maxPages?: number }): { words: string; pages: string } | undefined {
  const build = codeBuildId();
  if (!build) return undefined;
  const key = (of: string) => JSON.stringify([of, KEPT_PAGES_SHAPE, build, textKey, options.language ?? '', options.maxPages ?? null, path]);
  return { words: key('page-words'), pages: key('pages') };
}

const packRulesKey = (fingerprint: string) => `pack-rules|${codeBuildId()}|${fingerprint}`;

/** Each pack's rules and fingerprint, in load order, computed once per set of checked packs. */
const packsOf = new WeakMap<CheckedPacks, { fingerprint: string; rules: CheckedRule[] }[]>();

export function packFingerprints(checked: CheckedPacks): { fingerprint: string; rules: CheckedRule[] }[] {
  let packs = packsOf.get(checked);
  if (packs) return packs;
  const byFile = new Map<string, CheckedRule[]>();
  for (const rule of checked.rules) {
    const list = byFile.get(rule.file);
    if (list) list.push(rule);
    else byFile.set(rule.file, [rule]);
  }
  // The categories' descriptions are the packs' too: a change there is a change of every pack.
  const categories = JSON.stringify(checked.categories);
  packs = [...byFile.values()].map((rules) => ({
    fingerprint: createHash('sha256').update(categories).update('\0').update(JSON.stringify(rules)).digest('hex').slice(0, 32),
    rules,
  }));
  packsOf.set(checked, packs);
  return packs;
}

/** The packs whose rules this thread has seen kept, per cache folder. */
const packsKept = new Map<string, Set<string>>();

/** Keeps each pack's rules under its fingerprint, once. */
function keepPackRules(cache: TextCache, packs: { fingerprint: string; rules: CheckedRule[] }[]): void {
  let kept = packsKept.get(cache.dir);
  if (!kept) packsKept.set(cache.dir, (kept = new Set()));
  for (const { fingerprint, rules } of packs) {
    // The built-in packs change only with the build, whose id is in every key: a run without one
    // of them (or with one edited in place and not built) takes nothing back.
    if (kept.has(fingerprint) || rules[0]?.file.startsWith('builtin:')) continue;
    if (!cache.has(packRulesKey(fingerprint))) cache.set(packRulesKey(fingerprint), rules);
    kept.add(fingerprint);
  }
}

/** Stores a document's page analyses and their words, and the rules of the packs they were made with. */
export function keepPages(cache: TextCache, keys: { words: string; pages: string }, checked: CheckedPacks, pages: KeptPage[], keptWords?: PageWords[]): void {
  const packs = packFingerprints(checked);
  keepPackRules(cache, packs);
  const words: PageWords[] = [];
  const analyses: KeptPage[] = pages.map(({ analysis, alone }, i) => {
    // A page taken back carries no words: they are those kept with it.
    if (analysis.words === undefined) words.push(keptWords?.[i] ?? {});
    else words.push(alone?.words ? joinWords(analysis.words, alone.words) : analysis.words);
    const { words: _w, ...kept } = analysis;
    if (!alone) return { analysis: kept };
    const { words: _a, ...keptAlone } = alone;
    return { analysis: kept, alone: keptAlone };
  });
  cache.set<KeptAnalyses>(keys.pages, { pages: analyses });
  cache.set<KeptWords>(keys.words, { packs: packs.map((p) => p.fingerprint), rules: checked.hash, words });
}

/** Two pages' words as one. */
function joinWords(a: PageWords, b: PageWords): PageWords {
  const out: PageWords = { ...a };
  for (const language of ['fr', 'en'] as const) {
    const x = a[language];
    const y = b[language];
    if (x && y) out[language] = { words: `${x.words} ${y.words}`, stems: `${x.stems} ${y.stems}` };
    else if (y) out[language] = y;
  }
  return out;
}

const isIndexIn = (length: number) => (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) < length;

function isPageAnalysis(v: unknown): v is PageAnalysis {
  if (typeof v !== 'object' || v === null) return false;
  const a = v as Partial<PageAnalysis>;
  return (
    Array.isArray(a.findings) &&
    a.findings.every((f) => typeof f === 'object' && f !== null) &&
    Array.isArray(a.mentionOnly) &&
    a.mentionOnly.every(isIndexIn(a.findings.length)) &&
    Array.isArray(a.crossings)
  );
}

const isKeptWords = (v: unknown): v is KeptWords =>
  typeof v === 'object' && v !== null && isStrings((v as KeptWords).packs) && typeof (v as KeptWords).rules === 'string' && Array.isArray((v as KeptWords).words) && (v as KeptWords).words.every(isPageWords);

function isPageWords(v: unknown): v is PageWords {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  return Object.entries(v).every(([language, w]) => (language === 'fr' || language === 'en') && typeof w === 'object' && w !== null && typeof w.words === 'string' && typeof w.stems === 'string');
}

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

function isKeptAnalyses(v: unknown, pageCount: number): v is KeptAnalyses {
  if (typeof v !== 'object' || v === null) return false;
  const pages = (v as Partial<KeptAnalyses>).pages;
  return Array.isArray(pages) && pages.length === pageCount && pages.every((p) => typeof p === 'object' && p !== null && isPageAnalysis(p.analysis) && (p.alone === undefined || isPageAnalysis(p.alone)));
}

/** The rules of the packs of one run that another did not have, or undefined when the two cannot be compared. */
function changedRules(cache: TextCache, before: string[], now: { fingerprint: string; rules: CheckedRule[] }[]): CheckedRule[] | undefined {
  const nowSet = new Set(now.map((p) => p.fingerprint));
  const beforeSet = new Set(before);
  // The packs both runs had, in the same order: else rules would be met in another order.
  const commonBefore = before.filter((f) => nowSet.has(f));
  const commonNow = now.filter((p) => beforeSet.has(p.fingerprint)).map((p) => p.fingerprint);
  if (commonBefore.length !== commonNow.length || commonBefore.some((f, i) => f !== commonNow[i])) return undefined;
  if (new Set(before).size !== before.length) return undefined;
  const changed: CheckedRule[] = [];
  for (const p of now) if (!beforeSet.has(p.fingerprint)) changed.push(...p.rules);
  for (const f of before) {
    if (nowSet.has(f)) continue;
    const rules = cache.get<CheckedRule[]>(packRulesKey(f));
    if (!Array.isArray(rules) || !rules.every(isCheckedRule)) return undefined;
    changed.push(...rules);
  }
  return changed;
}

function isCheckedRule(v: unknown): v is CheckedRule {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Partial<CheckedRule>;
  return typeof r.id === 'string' && typeof r.kind === 'string' && (r.language === 'fr' || r.language === 'en') && (r.category === null || typeof r.category === 'string') && typeof r.file === 'string' && typeof r.body === 'object' && r.body !== null;
}

/** What changed for a document since its pages were kept: which pages a changed pack can start on. */
export interface PageChange {
  /** The hash of the packs the kept pages were analysed with (the key of the result they gave). */
  rules: string;
  /** Per page, whether a rule of a pack that changed can start on its words. */
  touched: boolean[];
  /** Per page, its kept words (KeptWords.words). */
  words: PageWords[];
}

/**
 * Which pages of a document a rule of the packs that changed since its pages were kept can
 * start on (by its stem, its word or a prefix, in the language of the rule); undefined when
 * nothing is kept or the runs cannot be compared.
 */
export function changedPages(cache: TextCache, keys: { words: string }, checked: CheckedPacks): PageChange | undefined {
  const entry = cache.get<unknown>(keys.words);
  if (!isKeptWords(entry)) return undefined;
  const starts = startsOfChanged(cache, entry.packs, checked);
  if (!starts) return undefined;
  return { rules: entry.rules, touched: entry.words.map(starts), words: entry.words };
}

/**
 * Whether a rule of the packs that changed between `before` and `checked` can start on a
 * page's words; undefined when the two cannot be compared. The documents of a run were mostly
 * kept with the same packs: the answer for a pair of pack lists is kept for the next.
 */
let lastStarts: { dir: string; before: string; now: CheckedPacks; starts: ((page: PageWords) => boolean) | undefined } | undefined;

function startsOfChanged(cache: TextCache, before: string[], checked: CheckedPacks): ((page: PageWords) => boolean) | undefined {
  const key = before.join(' ');
  if (lastStarts?.dir === cache.dir && lastStarts.before === key && lastStarts.now === checked) return lastStarts.starts;
  lastStarts = { dir: cache.dir, before: key, now: checked, starts: startsOf(cache, before, checked) };
  return lastStarts.starts;
}

/** The start keys of rules (CompiledRule.startKeys) of one language, by kind of key. */
interface StartKeys {
  stems: Set<string>;
  words: Set<string>;
  prefixes: string[];
}

function startsOf(cache: TextCache, before: string[], checked: CheckedPacks): ((page: PageWords) => boolean) | undefined {
  let changed: CheckedRule[] | undefined;
  try {
    changed = changedRules(cache, before, packFingerprints(checked));
  } catch {
    return undefined;
  }
  if (!changed) return undefined;
  if (changed.length === 0) return () => false;
  let set: RuleSet;
  try {
    set = compileRules({ rules: changed, categories: checked.categories, hash: '', files: [] });
  } catch {
    // A kept pack that no longer compiles (its kind changed shape): nothing is taken back.
    return undefined;
  }
  const byLanguage: Partial<Record<Language, StartKeys>> = {};
  for (const language of new Set(changed.map((r) => r.language))) {
    const keys: StartKeys = { stems: new Set(), words: new Set(), prefixes: [] };
    for (const rule of set.byLanguage[language]) {
      // A rule that can start on any word is a change of every page.
      if (rule.startKeys === null) return undefined;
      for (const k of rule.startKeys) {
        if (k.startsWith('s:')) keys.stems.add(k.slice(2));
        else if (k.startsWith('w:')) keys.words.add(k.slice(2));
        else if (k.startsWith('p:')) keys.prefixes.push(k.slice(2));
      }
    }
    byLanguage[language] = keys;
  }
  const has = (list: string, set: Set<string>) => set.size > 0 && list.split(' ').some((x) => set.has(x));
  return (page) =>
    (['fr', 'en'] as const).some((language) => {
      const keys = byLanguage[language];
      const seen = page[language];
      if (!keys || !seen) return false;
      return has(seen.stems, keys.stems) || has(seen.words, keys.words) || (keys.prefixes.length > 0 && seen.words.split(' ').some((w) => keys.prefixes.some((p) => w.startsWith(p))));
    });
}

/**
 * The kept analyses of the pages no changed pack can start on; undefined when they cannot be
 * read, or when fewer than half the pages would be taken back: reading them all is then not
 * worth it, and a long document's pages are better shared with other threads (a pack that
 * starts on nearly every page of a 2,000-page tender took 1.1× the time of a full analysis).
 */
export function pageReuse(cache: TextCache, keys: { pages: string }, change: PageChange, pageCount: number): PageReuse | undefined {
  if (change.touched.length !== pageCount) return undefined;
  const count = change.touched.filter((t) => !t).length;
  if (count < pageCount / 2) return undefined;
  const entry = cache.get<unknown>(keys.pages);
  if (!isKeptAnalyses(entry, pageCount)) return undefined;
  return { kept: (i) => (change.touched[i] ? undefined : entry.pages[i]), count };
}
