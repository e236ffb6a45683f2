import { describe, expect, it } from 'vitest';
import { buildAnalysisText, readingText } from '../../src/text/clean.js';
import { FoldedTextBuilder, foldChar, foldString } from '../../src/text/fold.js';
import { tokenize } from '../../src/text/tokens.js';
import { findRunningLines } from '../../src/text/headers.js';
import { DocumentVocabulary } from '../../src/text/hyphenation.js';
import { rebuildLines } from '../../src/text/lines.js';
import { pageFromText } from '../helpers/text.js';

describe('folding', () => {
  it('folds case, accents, ligatures, odd spaces and apostrophes', () => {
    expect(foldString('CAMÉRAS ﬁxes\u00a0d’Œuvre')).toBe("cameras fixes d'oeuvre");
  });

  it('maps every folded character back to the original text', () => {
    const builder = new FoldedTextBuilder(2); // too small on purpose: it grows
    builder.append('xx ﬁlm Été', 10);
    builder.appendRaw('\n\n', 20);
    builder.append('Œuvre', 22);
    const out = builder.finish();
    expect(out.text).toBe('xx film ete\n\noeuvre');
    expect(out.map[3]).toBe(13); // "f" of the ligature
    expect(out.map[4]).toBe(13); // "i" of the same ligature
    expect(out.map[8]).toBe(17); // "e" of "Été"
    expect([...out.map.subarray(11)]).toEqual([20, 20, 22, 22, 23, 24, 25, 26]); // breaks, then "Œ" → "oe"
    expect(out.map).toHaveLength(out.text.length);
  });
});

describe('folding, character by character', () => {
  it('folds a plain ASCII string as it folds each of its characters', () => {
    let all = '';
    for (let c = 0; c < 0x80; c++) all += String.fromCharCode(c);
    for (const text of [all, all.slice(0x20, 0x7f), 'CCTP Art. 4-2 LAPI', 'a`b', 'Tab\there']) {
      expect(foldString(text), JSON.stringify(text)).toBe([...text].map((ch) => foldChar(ch)).join(''));
    }
  });


  it('gives the same text and offsets on mixed lines as folding each code point alone', () => {
    const lines = ['Vidéo `protection` N°12', 'A\tB\u00a0C', 'caméra 📷 drone 🚁 fin', '\ud800 lone surrogate', 'ÉTÉ – ŒUVRE ß', 'plain ascii line'];
    for (const line of lines) {
      const builder = new FoldedTextBuilder(1);
      builder.append(line, 5);
      const out = builder.finish();
      let text = '';
      const map: number[] = [];
      let i = 0;
      for (const ch of line) {
        const folded = foldString(ch);
        text += folded;
        for (let k = 0; k < folded.length; k++) map.push(5 + i);
        i += ch.length;
      }
      expect(out.text, line).toBe(text);
      expect([...out.map], line).toEqual(map);
    }
  });
});

describe('tokens', () => {
  it('are the runs of letters and digits, as /[\\p{L}\\p{N}]+/u finds them, in any script', () => {
    const texts = [
      "l'operateur n'installera aucune camera (art. 2.3) ; 2 000 drones",
      'x\u0301y a\u00a0b 𝐀𝐁c 😀d ٣٤ 日本語 ﻿z', // combining mark, astral letters, emoji, Arabic digits, CJK
      '\ud800a b\udc00 \ud83d', // lone surrogates
      '',
      '---',
    ];
    // And random strings over those kinds of characters (a fixed seed: the same cases every run).
    const alphabet = ['a', 'Z', '7', ' ', "'", '-', '`', '@', '[', 'é', 'ß', '\u0301', '٣', '日', '𝐀', '😀', '\ud800', '\udc00', '\u00a0', '\n'];
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) % alphabet.length;
    for (let k = 0; k < 300; k++) texts.push(Array.from({ length: 1 + (k % 23) }, () => alphabet[next()]).join(''));
    for (const text of texts) {
      const expected = [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
      expect(tokenize(text), JSON.stringify(text)).toEqual(expected);
    }
  });
});

describe('line rebuilding', () => {
  const run = (text: string, x: number, y: number, endsLine = false) => ({
    text, x, y, width: text.length * 5, fontSize: 10, dirX: 1, dirY: 0, endsLine,
  });

  it('joins runs on one baseline and breaks on a new baseline', () => {
    const page = rebuildLines([run('Article', 10, 700), run('2', 50, 700, true), run('Les caméras', 10, 680)]);
    expect(page.text).toBe('Article 2\nLes caméras');
    expect(page.lines[1]).toMatchObject({ number: 2, start: 10, end: 21 });
  });

  it('keeps words flagged as line ends on one line when they share a baseline (scanner OCR layers)', () => {
    const vertical = (text: string, y: number) => ({ text, x: 670, y, width: 20, fontSize: 10, dirX: 0, dirY: -1, endsLine: true });
    const page = rebuildLines([vertical('The', 485), vertical('Irvine', 467), vertical('Police', 444)]);
    expect(page.text).toBe('The Irvine Police');
  });
});

describe('running headers and footers', () => {
  const pages = [1, 2, 3, 4].map((n) =>
    pageFromText(
      [
        'Ville de Test – CCTP vidéoprotection',
        `Article ${n} – ${["Objet", "Durée", "Prix", "Délais"][n - 1]}`,
        'Corps du texte propre à la page ' + 'abcd'[n - 1],
        `Marché n° 2026-01 – page ${n}/4`,
      ].join('\n'),
      n,
    ),
  );

  it('finds lines repeated at the edges of most pages, page numbers masked', () => {
    const found = findRunningLines(pages);
    expect(found.texts).toEqual(['Ville de Test – CCTP vidéoprotection', 'Marché n° 2026-01 – page 1/4']);
    expect([...found.linesByPage[2]].sort()).toEqual([0, 3]);
  });

  it('leaves running lines out of the analysis text', () => {
    const found = findRunningLines(pages);
    const vocabulary = new DocumentVocabulary();
    const text = buildAnalysisText(pages[0].text, pages[0].lines, found.linesByPage[0], vocabulary).text;
    expect(text).not.toContain('videoprotection');
    expect(text).toContain('article 1');
  });

  it('needs at least two pages to call a line running', () => {
    expect(findRunningLines([pages[0]]).texts).toEqual([]);
  });
});

describe('line-end hyphenation', () => {
  const analyse = (text: string, elsewhere = '') => {
    const page = pageFromText(text);
    const vocabulary = new DocumentVocabulary();
    vocabulary.add(text);
    vocabulary.add(elsewhere);
    const folded = buildAnalysisText(page.text, page.lines, new Set(), vocabulary);
    return { folded, page };
  };

  it('joins a word cut at a line end, with offsets into the original text', () => {
    const { folded, page } = analyse('le système de vidéo-\nprotection urbaine');
    expect(folded.text).toBe('le systeme de videoprotection urbaine');
    const at = folded.text.indexOf('protection');
    expect(page.text[folded.map[at]]).toBe('p');
    expect(page.text.slice(folded.map[folded.text.indexOf('video')], folded.map[at + 9] + 1)).toBe('vidéo-\nprotection');
  });

  it('keeps the hyphen of a compound the document writes elsewhere', () => {
    expect(analyse('le sous-\ntraitant déclaré', 'un sous-traitant').folded.text).toBe('le sous-traitant declare');
  });

  it('keeps the hyphen after a compound prefix, joins otherwise', () => {
    expect(analyse('le non-\nrespect des délais').folded.text).toBe('le non-respect des delais');
    expect(analyse('les camé-\nras').folded.text).toBe('les cameras');
  });

  it('joins when the document writes the joined word elsewhere', () => {
    expect(analyse('la vidéo-\nprotection', 'la vidéoprotection de la ville').folded.text).toBe('la videoprotection');
  });
});

describe('reading text (excerpts, matched words)', () => {
  const read = (text: string, from: string, to: string) => {
    const page = pageFromText(text);
    const vocabulary = new DocumentVocabulary();
    vocabulary.add(text);
    const folded = buildAnalysisText(page.text, page.lines, new Set(), vocabulary);
    return readingText(page.text, folded, page.text.indexOf(from), page.text.indexOf(to) + to.length);
  };

  it('quotes the page text as the document reads: cut words joined, line breaks as spaces', () => {
    expect(read('le système de vidéo-\nprotection urbaine\net ses caméras', 'le', 'caméras')).toBe('le système de vidéoprotection urbaine et ses caméras');
  });

  it('leaves out soft hyphens and keeps characters outside the basic plane whole', () => {
    expect(read('la vidéo\u00adprotection 📷 des caméras', 'la', 'caméras')).toBe('la vidéoprotection 📷 des caméras');
  });

  it('leaves out U+0000, which a font map gives for a letter it lost, without breaking the word', () => {
    expect(foldString('cam\u0000ras')).toBe('camras');
    expect(read('des cam\u0000ras vid\u0000o', 'des', 'o')).toBe('des camras vido');
  });

  it('is the page text itself, verbatim, where nothing is left out', () => {
    const text = 'Article 3 – Les données de géolocalisation sont conservées trente jours.';
    expect(read(text, 'Article', 'jours.')).toBe(text);
  });
});

describe('sections for citations', async () => {
  const { findHeadings, headingAt } = await import('../../src/analyse/sections.js');
  const page = pageFromText(
    [
      'Article 2 – Sources de données',
      'La plateforme reçoit les flux.',
      '2.3 Réseaux sociaux',
      'Les publications publiques sont collectées, conformément à',
      'Article 12 du CCAG, et suivant la liste en',
      'Attachment D, each covering all lanes.',
      '1.1 Caractère sensible des données . . . . 9',
      '3.2.1 Vidéoprotection',
    ].join('\n'),
  );
  const headings = findHeadings(page.lines, new Set());

  it('finds articles and numbered headings, not wrapped sentences or contents lines', () => {
    expect(headings.map((h) => [h.number, h.text])).toEqual([
      ['2', 'Article 2 – Sources de données'],
      ['2.3', '2.3 Réseaux sociaux'],
      ['3.2.1', '3.2.1 Vidéoprotection'],
    ]);
  });

  it('gives the heading in force at an offset, carried over from earlier pages', () => {
    expect(headingAt(headings, page.text.indexOf('Les publications'), null)?.number).toBe('2.3');
    const carried = { start: 0, text: 'Article 1 – Objet', number: '1' };
    expect(headingAt([], 10, carried)?.number).toBe('1');
  });
});
