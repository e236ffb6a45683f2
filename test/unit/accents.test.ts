// Text layers that lost their accented letters (src/text/accents.ts): the French words of such
// a page are read as they should be, the page's text and offsets stay as printed, and nothing
// changes on English pages or on French pages that kept their accents.
import { afterEach, describe, expect, it } from 'vitest';
import { analyseDocument } from '../../src/analyse/document.js';
import { countLanguageVotes, decideLanguage } from '../../src/analyse/language.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { droppedForm, gatherAccentWords, repairDroppedAccents, useAccentWords } from '../../src/text/accents.js';
import { foldString } from '../../src/text/fold.js';
import { tokenize } from '../../src/text/tokens.js';
import { pageFromText } from '../helpers/text.js';

const rules = loadRuleSet();
const analyse = (text: string) => analyseDocument('t.pdf', [pageFromText(text)], rules);
const positives = (text: string) => [...new Set(analyse(text).findings.filter((f) => !f.negated).map((f) => f.category))].sort();
const yes = () => true;

describe('pages whose text layer lost its accented letters (the build table)', () => {
  it('finds the French words of such a page', () => {
    const text = 'Le lot comprend 13 camras vido IP PTZ haute rsolution avec leurs accessoires.';
    expect(positives(text)).toEqual(['video-surveillance']);
    // The quotation is the printed text, at its place.
    const f = analyse(text).findings.find((x) => x.category === 'video-surveillance')!;
    expect(text.slice(f.start, f.end)).toBe(f.matched);
    expect(f.matched).toMatch(/^camras/);
  });

  it('reads a word glued to its elided article once the apostrophe is lost', () => {
    // "d'immatriculation" printed "dimmatriculation": the plate words are there again.
    expect(positives('Le systme de lecture automatise des plaques dimmatriculation sera install sur le vhicule.')).toContain('vehicle-tracking');
  });

  it('leaves the same sentence with its accents as it was', () => {
    expect(positives('Le lot comprend 13 caméras vidéo IP PTZ haute résolution avec leurs accessoires.')).toEqual(['video-surveillance']);
  });

  it('does not read English words as French ones without accents', () => {
    // "change", "march", "install" are also "échange", "marché", "installé" without accents.
    const text = 'In March the city will install the new system and change the payment terminals of the car park.';
    const tokens = tokenize(foldString(text));
    expect(repairDroppedAccents(tokens, text, (t) => decideLanguage(countLanguageVotes(t), null, 2) === 'fr')).toBe(tokens);
    expect(positives(text)).toEqual([]);
  });
});

describe('the repair table and the page test', () => {
  afterEach(() => useAccentWords(undefined));

  it('keeps a form without accents when it stands for one word that is no word of its own', () => {
    // "séchoir" and the made-up "schéoir" both lose their accents as "schoir".
    const table = gatherAccentWords(['caméra vidéo données marché relevé séchoir', 'sécurité securite schéoir relev'], ['march']);
    expect(droppedForm('Caméras')).toBe('camras');
    expect(droppedForm('camera')).toBeUndefined();
    expect(table.dropped).toMatchObject({ camra: 'camera', vido: 'video', donnes: 'donnees', scurit: 'securite' });
    // "march": an English word; "schoir": two words; "relev": a word of the texts.
    expect(table.dropped.march).toBeUndefined();
    expect(table.dropped.schoir).toBeUndefined();
    expect(table.dropped.relev).toBeUndefined();
  });

  it('repairs only pages with fewer accented letters than words without their accents', () => {
    useAccentWords(gatherAccentWords(['caméra vidéo implantation'], []));
    const read = (text: string) => repairDroppedAccents(tokenize(foldString(text)), text, yes).map((t) => t.text);
    expect(read('Une camra vido pour limplantation')).toEqual(['une', 'camera', 'video', 'pour', 'l', 'implantation']);
    // One accented letter for two dropped words: still such a page (a font that kept "à").
    expect(read('Une camra vido, à')).toEqual(['une', 'camera', 'video', 'a']);
    // As many accented letters as such words: a page of ordinary French with a typo.
    expect(read('Une camra vido, été à')).toEqual(['une', 'camra', 'vido', 'ete', 'a']);
    // Not French: nothing.
    const text = 'Une camra vido';
    const tokens = tokenize(foldString(text));
    expect(repairDroppedAccents(tokens, text, () => false)).toBe(tokens);
  });

  it('keeps each repaired word at the offsets of the printed one', () => {
    useAccentWords(gatherAccentWords(['caméras implantation'], []));
    const text = 'des camras, dimplantation';
    const out = repairDroppedAccents(tokenize(foldString(text)), text, yes);
    expect(out.map((t) => [t.text, text.slice(t.start, t.end)])).toEqual([
      ['des', 'des'],
      ['cameras', 'camras'],
      ['d', 'd'],
      ['implantation', 'implantation'],
    ]);
  });
});

describe('the language of a page', () => {
  it('counts "être" and "marché" as French (the words are compared folded)', () => {
    // Before the fix the two words were never counted: one English vote, too few to decide.
    expect(decideLanguage(countLanguageVotes(tokenize(foldString('Marché à être the'))), null)).toBe('fr');
  });
});
