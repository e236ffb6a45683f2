// Table-driven detection tests: each sentence with the categories it must give, and how
// (marks and `also`: see test/helpers/detection.ts).
import { describe, expect, it } from 'vitest';
import { analyseDocument } from '../../src/analyse/document.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { checkCase, findingsOf, type Case } from '../helpers/detection.js';
import { pageFromText } from '../helpers/text.js';

const rules = loadRuleSet();
const run = (text: string) => findingsOf(text, rules);
const check = (c: Case) => checkCase(c, rules);

const FRENCH: Case[] = [
  { text: 'La plateforme agrège les flux vidéo des 312 caméras de vidéoprotection de la ville.', expect: { 'video-surveillance': '+' } },
  { text: 'LES CAMERAS DE VIDEOPROTECTION SONT RACCORDEES AU CENTRE DE SUPERVISION URBAIN.', expect: { 'video-surveillance': '+' } },
  { text: 'Le titulaire ne collectera aucune donnée biométrique.', expect: { biometrics: '-' } },
  { text: 'Le présent marché n’inclut pas l’usage de drones.', expect: { drones: '-' } },
  { text: "Le présent marché n'inclut pas l'usage de drones.", expect: { drones: '-' } },
  { text: 'La reconnaissance faciale est exclue du périmètre du marché.', expect: { biometrics: '-' } },
  { text: 'Le système ne collectera que les flux des caméras de voie publique.', expect: { 'video-surveillance': '+' } },
  { text: "Le titulaire s'interdit tout traitement de données de santé, mais il intègre les flux vidéo du CSU.", expect: { health: '-', 'video-surveillance': '+' } },
  { text: 'La plateforme analysera les publications des réseaux sociaux (Twitter, Facebook) pour détecter les rassemblements.', expect: { 'social-media': '+' }, also: ['automated-analysis'] },
  { text: 'Une tranche optionnelle porte sur le déploiement de capteurs sonores détectant les bruits anormaux.', expect: { 'audio-sensors': '?' }, also: ['automated-analysis'] },
  { text: 'Le cas échéant, la plateforme pourra intégrer les images captées par drone.', expect: { drones: '?' }, also: ['video-surveillance'] },
  { text: "Les candidats sont des opérateurs économiques au sens de l'article L. 1220-1 du code de la commande publique.", expect: {} },
  { text: "La présente consultation est passée en application de l'article R. 2124-2 du code de la commande publique.", expect: {} },
  { text: 'Le titulaire produit une attestation de police d’assurance en responsabilité civile.', expect: {} },
  { text: 'Le réseau de fibre optique communal relie 41 sites.', expect: {} },
  { text: 'Un procès-verbal de réception est établi contradictoirement à la fin des travaux.', expect: {} },
  { text: 'Le titulaire est immatriculé au registre du commerce et des sociétés.', expect: {} },
  { text: 'Les données issues des opérateurs de téléphonie mobile (données de bornage) sont intégrées.', expect: { telecom: '+' }, also: ['geolocation'] },
  { text: 'Les signalements des citoyens transmis par l’application smartphone sont géolocalisés.', expect: { crowdsourcing: '+', geolocation: '+' } },
  { text: 'La police municipale transmet ses mains courantes et ses verbalisations.', expect: { 'police-records': '+' } },
  { text: 'Des algorithmes d’apprentissage automatique identifient les points chauds.', expect: { 'automated-analysis': '+' }, also: ['geolocation'] },
  { text: 'Les lecteurs LAPI lisent les plaques d’immatriculation des véhicules.', expect: { 'vehicle-tracking': '+' } },
  { text: 'La plateforme ne se limite pas aux caméras : elle intègre aussi les capteurs sonores.', expect: { 'video-surveillance': '+', 'audio-sensors': '+' } },
  { text: 'Sans préjudice des dispositions du CCAG, le titulaire raccorde les caméras au CSU.', expect: { 'video-surveillance': '+' } },
  { text: 'Aucune donnée de santé ni de géolocalisation ne sera collectée.', expect: { health: '-', geolocation: '-' } },
];

const ENGLISH: Case[] = [
  { text: 'The platform shall ingest video feeds from 400 CCTV cameras.', expect: { 'video-surveillance': '+' } },
  { text: 'The system is limited to the CCTV feeds, excluding facial recognition.', expect: { 'video-surveillance': '+', biometrics: '-' } },
  { text: 'Facial recognition shall not be used.', expect: { biometrics: '-' } },
  { text: 'The vendor shall not use drones or any unmanned aircraft.', expect: { drones: '-' } },
  { text: 'The carrier shall deliver the goods to the City warehouse.', expect: {} },
  { text: 'Applicants must provide their Social Security number on the application form.', expect: {} },
  { text: 'The office is located at 12 Hospital Road.', expect: {} },
  { text: 'Gunshot detection sensors shall alert the real-time crime center.', expect: { 'audio-sensors': '+' } },
  { text: 'Automated license plate readers (ALPR) shall share hits with the hot list.', expect: { 'vehicle-tracking': '+' }, also: ['police-records'] },
  { text: 'As an optional item, the vendor may extend the platform to body-worn cameras.', expect: { 'video-surveillance': '?' } },
  { text: 'Proposals are due no later than 2:00 PM; late proposals containing camera specifications will be rejected.', expect: { 'video-surveillance': '+' } },
  { text: 'The solution shall use machine learning to flag abnormal behaviour.', expect: { 'automated-analysis': '+' } },
];

describe('French sentences', () => {
  it.each(FRENCH)('$text', (c) => check(c));
});

describe('English sentences', () => {
  it.each(ENGLISH)('$text', (c) => check(c));
});

describe('data fusion', () => {
  it('needs a crossing word that is not itself negated', () => {
    const crossing = 'Article 3 – Sources\nLa plateforme croise les flux vidéo des caméras et les mains courantes de la police municipale.';
    const negated = 'Article 3 – Sources\nLes flux vidéo des caméras ne sont pas croisés avec les mains courantes de la police municipale.';
    const fusion = (text: string) => analyseDocument('t.pdf', [pageFromText(text)], rules).fusion;
    expect(fusion(crossing).map((f) => f.categories)).toEqual([['police-records', 'video-surveillance']]);
    expect(fusion(negated)).toEqual([]);
  });
});

describe('findings', () => {
  it('quote the page text, line breaks read as spaces, with offsets into it', () => {
    const text = 'Article 2 – Sources\nLa plateforme intègre les flux des CAMÉRAS\nde la ville.';
    const [f] = run(text);
    expect(f.matched).toContain('CAMÉRAS');
    expect(text.slice(f.start, f.end)).toBe(f.matched);
    expect(text.slice(f.excerptStart, f.excerptEnd).replace(/\n/g, ' ')).toBe(f.excerpt);
    expect(f.excerpt).toContain('La plateforme intègre');
  });

  it('give one finding per passage and category', () => {
    const findings = run('Les caméras et la vidéoprotection, les caméras encore.');
    expect(findings.filter((f) => f.category === 'video-surveillance')).toHaveLength(1);
  });

  it('explain the rule, the words and the negation cue', () => {
    const [f] = run('Le titulaire ne collectera aucune donnée biométrique.');
    expect(f.explain?.negation?.trigger).toMatch(/aucune|ne/);
    expect(f.explain?.words.length).toBeGreaterThan(0);
  });
});
