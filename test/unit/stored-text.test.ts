// The text cache stores a line's text only where it is not the page text between its offsets.
import { describe, expect, it } from 'vitest';
import { readStoredText, storedText, type StoredDocument } from '../../src/cache/stored-text.js';
import type { ExtractedDocument } from '../../src/types.js';

const doc = (): ExtractedDocument => ({
  pageCount: 2,
  metadata: { title: 'CCTP' },
  pages: [
    {
      number: 1,
      text: 'Caméras 📷 fixes\nLAPI – lecture',
      lines: [
        { number: 1, start: 0, end: 16, text: 'Caméras 📷 fixes', baseline: 700 },
        { number: 2, start: 17, end: 31, text: 'LAPI – lecture', cells: [{ start: 17, end: 21, column: 'A' }] },
      ],
    },
    // A line whose text is not the page's slice (an extractor may write it so): kept as it is.
    { number: 2, text: 'abc', lines: [{ number: 1, start: 0, end: 3, text: 'ABC' }] },
  ],
} as unknown as ExtractedDocument);

describe('the text cache\'s stored text', () => {
  it('leaves out the text of lines that are their page\'s slice, and gives the same document back', () => {
    const original = doc();
    const stored = storedText(original);
    expect(stored.pages[0].lines.map((l) => l.text)).toEqual([undefined, undefined]);
    expect(stored.pages[1].lines[0].text).toBe('ABC');
    expect(original).toEqual(doc()); // left as it was
    const back = readStoredText(JSON.parse(JSON.stringify(stored)) as StoredDocument);
    expect(back).toEqual(doc());
  });

  it('refuses an entry whose offsets do not fit its page, or of another shape', () => {
    const bad = (change: (s: StoredDocument) => void) => {
      const stored = JSON.parse(JSON.stringify(storedText(doc()))) as StoredDocument;
      change(stored);
      return readStoredText(stored);
    };
    expect(bad((s) => (s.pages[0].lines[0].end = 999))).toBeUndefined();
    expect(bad((s) => (s.pages[0].lines[0].start = -1))).toBeUndefined();
    expect(bad((s) => ((s.pages[0].lines[0] as { start: unknown }).start = '0'))).toBeUndefined();
    expect(bad((s) => ((s.pages[0] as { text: unknown }).text = 7))).toBeUndefined();
    expect(bad((s) => ((s as { pages: unknown }).pages = {}))).toBeUndefined();
    expect(readStoredText(undefined)).toBeUndefined();
  });
});
