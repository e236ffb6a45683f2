// Negation scope on genres nobody tuned on (issue 21, family 6, second round): police policies,
// data-protection decisions, contracts, public-records answers. Each family has cases that must
// be negated and cases that must stay positive, in French and English.
import { describe, it } from 'vitest';
import { loadRuleSet } from '../../src/rules/load.js';
import { checkCase, type Case } from '../helpers/detection.js';

const rules = loadRuleSet();
const run = (cases: Case[]) => it.each(cases.map((c) => [c.text, c] as const))('%s', (_, c) => checkCase(c, rules));

describe('cue homonyms: number abbreviations, compound nouns, form answers', () => {
  run([
    { text: 'Resolution No. 2021-14 authorizing the purchase of automated license plate readers.', expect: { 'vehicle-tracking': '+' } },
    { text: 'Item No. 4: body-worn cameras for patrol officers.', expect: { 'video-surveillance': '+' } },
    { text: 'Le lot n° 3 comprend la fourniture de caméras de vidéoprotection.', expect: { 'video-surveillance': '+' } },
    { text: 'Le marché n° 2023-17 porte sur des drones.', expect: { drones: '+' } },
    { text: 'Détection par caméra des véhicules en stationnement interdit.', expect: { 'video-surveillance': '+' }, also: ['vehicle-tracking'] },
    { text: 'Surveillance de la zone interdite par vidéoprotection.', expect: { 'video-surveillance': '+' } },
    { text: 'Cameras detect vehicles in no parking zones.', expect: { 'video-surveillance': '+' }, also: ['vehicle-tracking'] },
    { text: 'Drone flights over the restricted area: not applicable.', expect: { drones: '+' } },
    // the real negations next to them still hold
    { text: 'Le marché ne porte pas sur des drones.', expect: { drones: '-' } },
    { text: 'No drones will be flown over the stadium.', expect: { drones: '-' } },
    { text: 'Drones are banned in the park.', expect: { drones: '-' } },
  ]);
});

describe('a negated handling of existing data reports a practice, it excludes nothing', () => {
  run([
    { text: 'The agency did not purge the license plate reader data after 30 days.', expect: { 'vehicle-tracking': '+' } },
    { text: 'The department did not delete body-worn camera footage as required.', expect: { 'video-surveillance': '+' } },
    { text: 'Officers shall not delete body-worn camera recordings.', expect: { 'video-surveillance': '+' } },
    { text: 'Le service n’a pas effacé les images de vidéoprotection au terme du délai.', expect: { 'video-surveillance': '+' } },
    { text: 'Les parquets ne transmettaient pas les décisions de classement au gestionnaire du fichier de traitement des antécédents judiciaires.', expect: { 'police-records': '+' } },
    // an exclusion by design still holds
    { text: 'The contract does not include drones.', expect: { drones: '-' } },
    { text: 'Le titulaire ne collectera aucune donnée de santé.', expect: { health: '-' } },
  ]);
});
