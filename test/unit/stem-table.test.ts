// The stems kept in the cache folder (src/cache/stem-table.ts): taken by the next thread that
// analyses, written once a thread stays idle after enough new words, ignored when malformed.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keepStems, useStemTable } from '../../src/cache/stem-table.js';
import { TextCache } from '../../src/cache/text-cache.js';
import { checkerFingerprint } from '../../src/rules/check.js';
import { stem, type StemTable } from '../../src/text/tokens.js';

const KEY = () => `stems|${checkerFingerprint()}`;
const folder = () => mkdtempSync(join(tmpdir(), 'tenderscan-stems-'));

describe('the stem table of the cache folder', () => {
  it('gives its stems to the thread that takes it', () => {
    const dir = folder();
    new TextCache(join(dir, 'packs')).set<StemTable>(KEY(), { fr: [['zzqtablemot', 'zzqtable']], en: [['zzqtableword', 'zzqtablew']] });
    useStemTable(dir, true);
    expect(stem('zzqtablemot', 'fr')).toBe('zzqtable');
    expect(stem('zzqtableword', 'en')).toBe('zzqtablew');
  });

  it('is written once the thread is idle after a document with new words', async () => {
    const dir = folder();
    useStemTable(dir, true);
    const words = Array.from({ length: 300 }, (_, i) => `zzqnouveau${i}eaux`);
    for (const word of words) stem(word, 'fr');
    keepStems(true);
    const cache = new TextCache(join(dir, 'packs'));
    expect(cache.get(KEY())).toBeUndefined(); // not before the thread is idle
    await new Promise((resolve) => setTimeout(resolve, 100));
    const kept = new Map(cache.get<StemTable>(KEY())!.fr);
    for (const word of words) expect(kept.get(word)).toBe(stem(word, 'fr'));
  });

  it('is not written when a document follows at once', async () => {
    const dir = folder();
    useStemTable(dir, true);
    for (let i = 0; i < 300; i++) stem(`zzqsuivant${i}ment`, 'fr');
    keepStems(true);
    useStemTable(dir, true); // the next document
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(new TextCache(join(dir, 'packs')).get(KEY())).toBeUndefined();
  });

  it('is not taken by the main thread (a small document read in-process)', () => {
    const dir = folder();
    new TextCache(join(dir, 'packs')).set<StemTable>(KEY(), { fr: [['zzqprincipalmot', 'zzqp']], en: [] });
    useStemTable(dir, false);
    expect(stem('zzqprincipalmot', 'fr')).not.toBe('zzqp');
  });

  it('is not written by the main thread (a small document read in-process)', async () => {
    const dir = folder();
    useStemTable(dir, true);
    for (let i = 0; i < 300; i++) stem(`zzqprincipal${i}ment`, 'fr');
    keepStems(false);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(new TextCache(join(dir, 'packs')).get(KEY())).toBeUndefined();
  });

  it('is ignored when it is not a table of stems', () => {
    const dir = folder();
    new TextCache(join(dir, 'packs')).set(KEY(), { fr: 'zzq', en: [[1, 2]] });
    expect(() => useStemTable(dir, true)).not.toThrow();
    expect(stem('camera', 'en')).toBe('camera');
  });
});
