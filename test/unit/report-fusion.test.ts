// Data fusion: an article that names two or more positive source categories together with a
// crossing word raises one fusion item; a negated crossing, a single source or a technique
// (automated analysis) does not.
import { describe, expect, it } from 'vitest';
import { analyseDocument } from '../../src/analyse/document.js';
import { CROSSING_TERMS, findFusion, type CrossingPassage } from '../../src/analyse/fusion.js';
import { compileCue } from '../../src/analyse/cue-patterns.js';
import { loadRuleSet } from '../../src/rules/load.js';
import type { Finding } from '../../src/types.js';
import { pageFromText } from '../helpers/text.js';

const rules = loadRuleSet();
const analyse = (...pages: string[]) => analyseDocument('t.pdf', pages.map((text, i) => pageFromText(text, i + 1)), rules);
const fusion = (...pages: string[]) => analyse(...pages).fusion.map((f) => [f.categories.join('+'), f.cue]);

describe('data fusion', () => {
  it.each([
    ['La plateforme croise les flux vidéo des caméras et les mains courantes de la police municipale.', 'police-records+video-surveillance', 'croise'],
    ['Le titulaire doit intégrer dans une plateforme unique les images des drones et les données des opérateurs de téléphonie mobile.', 'drones+telecom', 'integrer dans une plateforme unique'],
    ['Les données des caméras sont recoupées avec les signalements de l’application citoyenne.', 'crowdsourcing+video-surveillance', 'recoupees'],
    ['The platform shall correlate CCTV feeds with police incident reports and social media posts.', 'police-records+social-media+video-surveillance', 'correlate'],
    ['The platform shall integrate CCTV feeds and police incident reports into a single platform.', 'police-records+video-surveillance', 'single platform'],
  ])('is raised by a crossing word: %s', (sentence, categories, cue) => {
    expect(fusion(`Article 3 – Sources\n${sentence}`)).toEqual([[categories, cue]]);
  });

  it.each([
    ['a negated crossing', 'Les flux vidéo des caméras ne sont pas croisés avec les mains courantes de la police municipale.'],
    ['a forbidden interconnection', 'Aucune interconnexion des caméras avec les fichiers de police n’est autorisée.'],
    ['an English negated crossing', 'CCTV footage shall not be correlated with police incident reports.'],
    ['one source only', 'La plateforme croise les flux vidéo des caméras de vidéoprotection.'],
    ['a technique, not a source', 'Les algorithmes d’intelligence artificielle croisent les flux vidéo des caméras.'],
    ['two sources without a crossing word', 'La plateforme reçoit les flux vidéo des caméras et les mains courantes de la police municipale.'],
    ['"données agrégées", statistics', 'Le SAMU transmet des données agrégées ; les caméras de vidéoprotection filment la voie publique.'],
  ])('is not raised by %s', (_, sentence) => {
    expect(fusion(`Article 3 – Sources\n${sentence}`)).toEqual([]);
  });

  it('looks at the whole article, across pages, and raises one item per article', () => {
    const got = analyse(
      'Article 5 – Sources\nLes caméras de vidéoprotection alimentent le CSU.\nLes données sont croisées chaque nuit.',
      'Les mains courantes de la police municipale sont importées chaque nuit.\nLe croisement est quotidien.\nArticle 6 – Hébergement\nLe croisement des journaux techniques est quotidien.',
    ).fusion;
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ page: 1, sectionNumber: '5', section: 'Article 5 – Sources', categories: ['police-records', 'video-surveillance'] });
  });

  it('outside any article, needs the crossing paragraph itself to name the sources', () => {
    expect(fusion('Les caméras de vidéoprotection alimentent le CSU.\nLes mains courantes sont importées.\nLes données sont croisées.')).toEqual([]);
    expect(fusion('Les images des caméras de vidéoprotection sont croisées avec les mains courantes de la police municipale.')).toHaveLength(1);
  });

  it('quotes the crossing passage verbatim, with its offsets in the page text', () => {
    const text = 'Article 14 – Croisement des sources\nLa plateforme assure l’interconnexion des flux vidéo des caméras et des mains courantes de la police municipale.';
    const [item] = analyse(text).fusion;
    expect(item.excerpt).toBe(text.slice(item.excerptStart, item.excerptEnd));
    expect(item.excerpt).toContain('interconnexion');
    expect(item).toMatchObject({ document: 't.pdf', page: 1, pageLabel: '1', sectionNumber: '14', cue: 'interconnexion' });
  });
});

describe('findFusion (pure)', () => {
  const finding = (category: string, section: string | null, negated = false): Finding => ({
    document: 'd.pdf', page: 1, pageLabel: '1', section, sectionNumber: section ? section.split(' ')[1] : null, category, rule: 'r', matched: 'x',
    excerpt: 'x', start: 0, end: 1, excerptStart: 0, excerptEnd: 1, negated, modality: 'asserted', language: 'fr', source: 'text',
  });
  const crossing = (section: string | null, passageCategories: string[], excerptStart = 0): CrossingPassage => ({
    document: 'd.pdf', page: 1, pageLabel: '1', section, sectionNumber: section ? section.split(' ')[1] : null, cue: 'croisement',
    excerpt: 'Le croisement…', excerptStart, excerptEnd: excerptStart + 14, passageCategories,
  });

  it('counts only positive findings of the same article', () => {
    const findings = [finding('telecom', 'Article 1'), finding('health', 'Article 1', true), finding('drones', 'Article 2'), finding('health', 'Article 1')];
    expect(findFusion([crossing('Article 1', [])], findings).map((f) => f.categories)).toEqual([['health', 'telecom']]);
    expect(findFusion([crossing('Article 2', [])], findings)).toEqual([]);
  });

  it('quotes, per article, the crossing passage that names the most categories', () => {
    const findings = [finding('telecom', 'Article 1'), finding('health', 'Article 1')];
    const items = findFusion([crossing('Article 1', ['telecom'], 10), crossing('Article 1', ['telecom', 'health'], 50)], findings);
    expect(items).toHaveLength(1);
    expect(items[0].excerptStart).toBe(50);
  });

  it('crossing words are valid cue patterns, in both languages', () => {
    for (const language of ['fr', 'en'] as const) for (const term of CROSSING_TERMS[language]) expect(() => compileCue(term)).not.toThrow();
  });
});
