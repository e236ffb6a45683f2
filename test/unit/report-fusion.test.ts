// Data fusion: a crossing word with words of two or more positive source categories in its own
// clause raises one fusion item per article; a negated or statistical crossing, a single source,
// a technique (automated analysis) or sources named elsewhere in the article do not.
import { describe, expect, it } from 'vitest';
import { analyseDocument } from '../../src/analyse/document.js';
import { CROSSING_TERMS, findFusion, type CrossingPassage } from '../../src/analyse/fusion.js';
import { compileCue } from '../../src/analyse/cue-patterns.js';
import { loadRuleSet } from '../../src/rules/load.js';
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

  it.each([
    ['an evaluation: correlate to a reduction', 'The CCTV cameras and the license plate readers will correlate to a reduction in thefts reported to the police.'],
    ['an evaluation: correlated with a decrease', 'Success will be measured by whether ALPR reads and CCTV footage are correlated with a decrease in crime rates.'],
    ['une évaluation : corrélation avec la baisse', 'L’étude mesure la corrélation entre le déploiement des caméras de vidéoprotection, des LAPI et la baisse des vols.'],
    ['une évaluation : corrélé à une diminution', 'Le nombre de lectures LAPI et d’images de vidéoprotection est corrélé à une diminution des cambriolages.'],
  ])('is not raised by %s', (_, sentence) => {
    expect(fusion(`Article 3 – Évaluation\n${sentence}`)).toEqual([]);
  });

  it('needs the sources in the crossing word’s clause, not elsewhere in the article', () => {
    expect(fusion('Article 5 – Sources\nLes caméras de vidéoprotection alimentent le CSU.\nLes mains courantes sont importées.\nLes données sont croisées chaque nuit.')).toEqual([]);
    expect(fusion('Article 5 – Sources\nLa plateforme croise les flux vidéo des caméras ; les mains courantes de la police municipale sont archivées.')).toEqual([]);
    expect(fusion('Section 5. Sources\nThe platform will correlate incidents. CCTV cameras and license plate readers are installed downtown.')).toEqual([]);
    expect(fusion('Article 5 – Sources\nLe système croise les sources suivantes : les flux vidéo des caméras, les lectures LAPI.')).toEqual([['vehicle-tracking+video-surveillance', 'croise']]);
  });

  it('raises one item per article, gathering its crossings, across pages', () => {
    const got = analyse(
      'Article 5 – Sources\nLa plateforme croise les flux vidéo des caméras et les mains courantes de la police municipale.',
      'Les lectures LAPI sont recoupées avec les données des opérateurs de téléphonie mobile.\nArticle 6 – Hébergement\nLe croisement des journaux techniques est quotidien.',
    ).fusion;
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ page: 1, sectionNumber: '5', section: 'Article 5 – Sources', categories: ['police-records', 'telecom', 'vehicle-tracking', 'video-surveillance'] });
    expect(got[0].explain?.passages.map((p) => p.page)).toEqual([1, 2]);
  });

  it('explains the verb, the source words and the passages behind each crossing', () => {
    const text = 'Article 7 – Platform\nThe vendor shall cross-reference ALPR reads with CCTV footage and police incident reports.';
    const [item] = analyse(text).fusion;
    expect(item.explain).toEqual({
      verb: 'cross-reference',
      sources: [
        { category: 'police-records', words: expect.arrayContaining(['incident reports']) },
        { category: 'vehicle-tracking', words: ['ALPR'] },
        { category: 'video-surveillance', words: expect.arrayContaining(['CCTV']) },
      ],
      passages: [{ document: 't.pdf', page: 1, pageLabel: '1', text: item.excerpt }],
    });
    const fr = analyse('Article 2 – Croisements\nLe logiciel rapproche les images des caméras de vidéoprotection et les données de géolocalisation des patrouilles.').fusion[0];
    expect(fr.explain).toMatchObject({ verb: 'rapproche', sources: [{ category: 'geolocation' }, { category: 'video-surveillance' }] });
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
  const crossing = (section: string | null, sources: [string, string][], excerptStart = 0, page = 1): CrossingPassage => ({
    document: 'd.pdf', page, pageLabel: String(page), section, sectionNumber: section ? section.split(' ')[1] : null, cue: 'croisement',
    excerpt: 'Le croisement…', excerptStart, excerptEnd: excerptStart + 14, verb: 'croisement',
    sources: sources.map(([category, text]) => ({ category, text })),
  });

  it('needs two source categories in a crossing passage; techniques do not count', () => {
    expect(findFusion([crossing('Article 1', [['telecom', 'opérateurs'], ['telecom', 'bornage']])])).toEqual([]);
    expect(findFusion([crossing('Article 1', [['telecom', 'opérateurs'], ['automated-analysis', 'algorithme']])])).toEqual([]);
    expect(findFusion([crossing('Article 1', [['telecom', 'opérateurs'], ['health', 'SAMU']])]).map((f) => f.categories)).toEqual([['health', 'telecom']]);
  });

  it('quotes, per article, the crossing passage that names the most categories, and explains all', () => {
    const items = findFusion([
      crossing('Article 1', [['telecom', 'FADET'], ['drones', 'drone']], 10),
      crossing('Article 1', [['telecom', 'opérateurs'], ['health', 'SAMU'], ['drones', 'drones']], 50),
      crossing('Article 2', [['telecom', 'opérateurs']], 90),
    ]);
    expect(items).toHaveLength(1);
    expect(items[0].excerptStart).toBe(50);
    expect(items[0].categories).toEqual(['drones', 'health', 'telecom']);
    expect(items[0].explain?.sources).toEqual([
      { category: 'drones', words: ['drone', 'drones'] },
      { category: 'health', words: ['SAMU'] },
      { category: 'telecom', words: ['FADET', 'opérateurs'] },
    ]);
    expect(items[0].explain?.passages.map((p) => p.page)).toEqual([1, 1]);
    expect(items[0]).not.toHaveProperty('verb');
    expect(items[0]).not.toHaveProperty('sources');
  });

  it('crossing words are valid cue patterns, in both languages', () => {
    for (const language of ['fr', 'en'] as const) for (const term of CROSSING_TERMS[language]) expect(() => compileCue(term)).not.toThrow();
  });
});
