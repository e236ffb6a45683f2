// Kept page analyses read back from a cache folder anyone may have written: an entry of
// another shape, or for another page count, or naming packs whose rules are not kept, is a miss.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changedPages, keepPages, pageReuse, packFingerprints } from '../../src/cache/page-reuse.js';
import { TextCache } from '../../src/cache/text-cache.js';
import type { CheckedPacks, CheckedRule } from '../../src/rules/load.js';
import type { KeptPage } from '../../src/analyse/document.js';
import { loadStemmers, stem } from '../../src/analyse/tokens.js';

const rule = (id: string, file: string, terms: string[]): CheckedRule => ({ id, kind: 'terms', language: 'fr', category: 'drones', file, body: { id, terms } as CheckedRule['body'] });
const packs = (...rules: CheckedRule[]): CheckedPacks => ({ rules, categories: [], hash: rules.map((r) => r.id).join('+'), files: [...new Set(rules.map((r) => r.file))] });
/** A kept page whose French passages have these words (and their stems). */
const page = (words: string): KeptPage => ({
  analysis: { findings: [], mentionOnly: [], crossings: [], words: words ? { fr: { words, stems: words.split(' ').map((w) => stem(w, 'fr')).join(' ') } } : {} },
});
loadStemmers();
const keys = { words: 'w', pages: 'p' };

function cacheWith(checked: CheckedPacks, pages: KeptPage[]): TextCache {
  const cache = new TextCache(mkdtempSync(join(tmpdir(), 'tenderscan-kept-')));
  keepPages(cache, keys, checked, pages);
  return cache;
}

describe('kept page analyses', () => {
  const a = rule('my.a', '/p/a.yaml', ['girouette']);
  const b = rule('my.b', '/p/b.yaml', ['aerostat']);

  it('marks the pages where an added pack can start, by stem, and none for the same packs', () => {
    const cache = cacheWith(packs(a), [page('la girouette tourne'), page('un aerostats captif'), page('')]);
    expect(changedPages(cache, keys, packs(a))?.touched).toEqual([false, false, false]);
    // "aerostats" has the stem of "aerostat": page 2 only.
    const change = changedPages(cache, keys, packs(a, b))!;
    expect(change.touched).toEqual([false, true, false]);
    const reuse = pageReuse(cache, keys, change, 3)!;
    expect(reuse.kept(0)).toBeDefined();
    expect(reuse.kept(1)).toBeUndefined();
    // A removed pack: its kept rules say where it could start (page 1).
    const removed = changedPages(cache, keys, packs(b))!;
    expect(removed.touched).toEqual([true, true, false]);
    // One page of three to take back: not worth reading them (nor keeping a long document unshared).
    expect(pageReuse(cache, keys, removed, 3)).toBeUndefined();
  });

  it('asks a rule only about the words of passages of its language', () => {
    const english = rule('my.en', '/p/en.yaml', ['girouette']);
    english.language = 'en';
    const cache = cacheWith(packs(a), [page('girouette')]);
    // The page's passages were French: an English rule on the same word never ran there.
    expect(changedPages(cache, keys, packs(a, english))?.touched).toEqual([false]);
  });

  it('takes nothing back when the common packs come in another order or a removed pack is unknown', () => {
    const cache = cacheWith(packs(a, b), [page('girouette'), page('rien')]);
    expect(changedPages(cache, keys, packs(b, a))).toBeUndefined();
    const other = cacheWith(packs(a), [page('girouette')]);
    // The pack's rules were kept in another folder: here they are unknown.
    const elsewhere = new TextCache(mkdtempSync(join(tmpdir(), 'tenderscan-kept-')));
    elsewhere.set(keys.words, { packs: packFingerprints(packs(b)).map((p) => p.fingerprint), rules: 'x', words: [page('girouette').analysis.words] });
    expect(changedPages(elsewhere, keys, packs(a))).toBeUndefined();
    expect(changedPages(other, keys, packs(a))?.touched).toEqual([false]);
  });

  it('treats an entry of another shape or page count as a miss', () => {
    const cache = cacheWith(packs(a), [page('girouette'), page('rien')]);
    const change = changedPages(cache, keys, packs(a))!;
    expect(pageReuse(cache, keys, change, 3)).toBeUndefined();
    cache.set(keys.pages, { pages: [{ analysis: { findings: [], mentionOnly: [0], crossings: [] } }, { analysis: { findings: [], mentionOnly: [], crossings: [] } }] });
    expect(pageReuse(cache, keys, change, 2)).toBeUndefined();
    cache.set(keys.words, { packs: 'not a list', rules: 'x', words: [] });
    expect(changedPages(cache, keys, packs(a))).toBeUndefined();
  });
});
