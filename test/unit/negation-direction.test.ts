// Negation and direction, table-driven, French and English (issue 21, family 6): who posts
// versus who watches on social media, permissive double negatives, conditional permissions,
// purposes, an exclusion of one variant beside another, and the plain exclusions that must hold.
import { describe, it } from 'vitest';
import { loadRuleSet } from '../../src/rules/load.js';
import { checkCase, type Case } from '../helpers/detection.js';

const rules = loadRuleSet();
const run = (cases: Case[]) => it.each(cases.map((c) => [c.text, c] as const))('%s', (_, c) => checkCase(c, rules));

describe('social media: the direction of the data', () => {
  describe('outbound: the agency or its staff post, publish, announce (not social-media)', () => {
    run([
      // police manual, department accounts
      { text: 'The Public Information Officer shall approve all content posted on department social media accounts.', expect: {} },
      { text: 'Department social media sites shall clearly state that they are maintained by the Police Department.', expect: {} },
      { text: 'Only authorized members may post on the official Twitter and Facebook pages of the agency.', expect: {} },
      { text: 'The department uses social media to share crime prevention tips and announce community events.', expect: {} },
      { text: 'Comments posted by the public on the department Facebook page may be hidden if they contain obscene language.', expect: {} },
      // staff personal use
      { text: 'Employees shall not post photographs of crime scenes on their personal social media accounts.', expect: {} },
      { text: 'Members are reminded that personal use of social media while on duty is restricted.', expect: {} },
      { text: 'Officers must not identify themselves as department employees on personal social networking sites.', expect: {} },
      // FOIA answer
      { text: 'Responsive records include the posts published on the City’s Instagram account between January and March.', expect: {} },
      // French: a city or a police service on its own accounts, staff use
      { text: 'La police municipale publie sur ses comptes Facebook et Twitter les fermetures de voirie et les conseils de prévention.', expect: {} },
      { text: 'Les agents ne doivent pas diffuser sur leurs comptes personnels de réseaux sociaux des informations relatives au service.', expect: {} },
      { text: 'Le service communication de la mairie anime la page officielle de la commune sur les réseaux sociaux.', expect: {} },
      { text: 'L’usage des réseaux sociaux par les agents à titre personnel est encadré par la charte informatique.', expect: {} },
      { text: 'La préfecture annonce sur son compte X officiel les mesures de circulation.', expect: {} },
    ]);
  });
  describe('inbound: monitoring, collecting, searching posts, OSINT (social-media)', () => {
    run([
      { text: 'Analysts may search public social media posts for threats against officers, with supervisory approval.', expect: { 'social-media': '+' } },
      { text: 'The vendor shall provide a tool that monitors social media for keywords related to planned events.', expect: { 'social-media': '+' } },
      { text: 'Investigators use OSINT tools to collect publicly available posts about suspects.', expect: { 'social-media': '+' } },
      { text: 'Records show the department scraped Facebook and Instagram posts during the protests.', expect: { 'social-media': '+' }, also: ['automated-analysis'] },
      { text: 'Les enquêteurs procèdent à la collecte des publications sur les réseaux sociaux dans le cadre de l’enquête.', expect: { 'social-media': '+' } },
      { text: 'La solution assure une veille des réseaux sociaux pour détecter les appels à des rassemblements.', expect: { 'social-media': '+' }, also: ['automated-analysis'] },
      { text: 'La CNIL relève que le ministère collecte les contenus publiés sur les réseaux sociaux par les personnes concernées.', expect: { 'social-media': '+' } },
    ]);
  });
});

describe('permissive double negatives are not exclusions', () => {
  run([
    { text: 'Nothing in this policy shall prohibit the use of license plate readers during an active investigation.', expect: { 'vehicle-tracking': '+' } },
    { text: 'This policy does not preclude the use of body-worn cameras by detectives.', expect: { 'video-surveillance': '+' } },
    { text: 'Data sources include, but are not limited to, CCTV footage and ALPR reads.', expect: { 'video-surveillance': '+', 'vehicle-tracking': '+' } },
    { text: 'Il n’est pas interdit de recourir aux drones pour la surveillance des rassemblements.', expect: { drones: '+' } },
    { text: 'Rien n’interdit au titulaire de raccorder les caméras de vidéoprotection au centre de supervision urbain.', expect: { 'video-surveillance': '+' } },
    { text: 'Aucune disposition ne s’oppose à l’usage de la lecture automatisée des plaques d’immatriculation par la police municipale.', expect: { 'vehicle-tracking': '+' }, also: ['police-records'] },
    { text: 'La présente délibération ne fait pas obstacle à l’utilisation de caméras piétons par les agents.', expect: { 'video-surveillance': '+' } },
  ]);
});

describe('prohibited unless authorised: a conditional permission (optional), not an exclusion', () => {
  run([
    { text: 'Facial recognition shall not be used except with a court order.', expect: { biometrics: '?' } },
    { text: 'The use of drones over private property is prohibited unless authorized by the Chief of Police.', expect: { drones: '?' } },

    { text: 'Audio recording is not permitted without a warrant.', expect: { 'audio-sensors': '?' } },
    { text: 'L’usage des drones est interdit sauf autorisation préalable du préfet.', expect: { drones: '?' } },
    { text: 'Il est interdit de consulter les données de géolocalisation, sauf réquisition judiciaire.', expect: { geolocation: '?' } },
  ]);
});

describe('a purpose after a negation limits the use: a plain positive', () => {
  run([
    { text: 'ALPR data may not be shared other than for law enforcement purposes.', expect: { 'vehicle-tracking': '+' } },
    { text: 'Body-worn camera footage shall not be used except for official investigations.', expect: { 'video-surveillance': '+' } },
    { text: 'Les images de vidéoprotection ne peuvent pas être utilisées à d’autres fins que la sécurité des personnes.', expect: { 'video-surveillance': '+' } },
    { text: 'Les données des capteurs sonores ne sont pas exploitées, sauf pour la détection de coups de feu.', expect: { 'audio-sensors': '+' } },
  ]);
});

describe('an exclusion of one variant does not negate the other', () => {
  run([
    { text: 'Live facial recognition is not used and retrospective facial recognition is limited to stored footage.', expect: { biometrics: '+', 'video-surveillance': '+' } },
    { text: 'The cameras do not record sound.', expect: { 'video-surveillance': '+', 'audio-sensors': '-' } },
    { text: 'Les caméras n’intègrent pas de micros.', expect: { 'video-surveillance': '+', 'audio-sensors': '-' } },
    { text: 'Les caméras ne peuvent pas utiliser la reconnaissance faciale.', expect: { 'video-surveillance': '+', biometrics: '-' } },
    { text: 'The body-worn cameras shall not capture audio in patient areas.', expect: { 'video-surveillance': '+', 'audio-sensors': '-' }, also: ['health'] },
    { text: 'La reconnaissance faciale en temps réel n’est pas utilisée ; la comparaison faciale a posteriori est réservée aux enquêteurs.', expect: { biometrics: '+' } },
    { text: 'Real-time face matching is not used, only retrospective facial recognition on recorded video.', expect: { biometrics: '+', 'video-surveillance': '+' } },
  ]);
});

describe('plain exclusions still hold', () => {
  run([
    { text: 'Le cadre juridique ne permet ni la collecte ni l’exploitation des données de connexion des abonnés par les opérateurs.', expect: { telecom: '-' } },
    { text: 'Les dispositifs, à l’exclusion de toute reconnaissance faciale, sont installés sur la voie publique.', expect: { biometrics: '-' } },
    { text: 'The system shall not capture biometric data.', expect: { biometrics: '-' } },
    { text: 'Drones are not used by the department.', expect: { drones: '-' } },
    { text: 'Facial recognition is prohibited.', expect: { biometrics: '-' } },
    { text: 'Le titulaire ne collectera aucune donnée de santé.', expect: { health: '-' } },
    { text: 'Aucun drone ne sera utilisé dans le cadre du marché.', expect: { drones: '-' } },
  ]);
});
