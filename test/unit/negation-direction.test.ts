// Negation, table-driven, French and English (issue 21, family 6): permissive double negatives,
// conditional permissions, purposes, an exclusion of one variant beside another, and the plain
// exclusions that must still hold. The direction of social media (who posts versus who watches)
// is in the case files of the context packs, test/cases/{en,fr}/context.yaml.
import { describe, it } from 'vitest';
import { loadRuleSet } from '../../src/rules/load.js';
import { checkCase, type Case } from '../helpers/detection.js';

const rules = loadRuleSet();
const run = (cases: Case[]) => it.each(cases.map((c) => [c.text, c] as const))('%s', (_, c) => checkCase(c, rules));

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

// A prohibition whose subject is a misuse ("unauthorized access … is prohibited") or whose
// object is a ground ("searches based solely on religion") limits a system that is used.
describe('a forbidden misuse or ground leaves the system a plain positive', () => {
  run([
    { text: 'Unauthorized access to or disclosure of ALPR data is prohibited.', expect: { 'vehicle-tracking': '+' } },
    { text: 'Improper use of body-worn camera recordings is strictly prohibited.', expect: { 'video-surveillance': '+' } },
    { text: 'Deputies shall not request face recognition searches based solely on a person\u2019s religion or political views.', expect: { biometrics: '+' } },
    { text: 'Tout accès non autorisé aux images de vidéoprotection est interdit.', expect: { 'video-surveillance': '+' } },
    { text: 'L’usage abusif des données de géolocalisation des véhicules est interdit.', expect: { geolocation: '+' }, also: ['vehicle-tracking'] },
    { text: 'Aucune interrogation du fichier ne peut être fondée sur les seules opinions politiques de la personne.', expect: {} },
    { text: 'Aucune recherche par reconnaissance faciale ne peut être fondée sur les seules opinions politiques de la personne.', expect: { biometrics: '+' } },
    { text: 'Officers shall not disclose their passwords and shall not run face recognition searches based solely on a person\u2019s race.', expect: { biometrics: '+' } },
    { text: 'Staff were not offered an alternative to facial recognition at the turnstiles.', expect: { biometrics: '+' } },
    { text: 'Les agents ne se sont vu proposer aucune alternative au pointage par empreinte digitale.', expect: { biometrics: '+' } },
    { text: 'The cameras shall not be moved and shall not capture audio.', expect: { 'video-surveillance': '+', 'audio-sensors': '-' } },
    // the plain prohibition, with no misuse and no ground, still excludes
    { text: 'Access to ALPR data by private companies is prohibited.', expect: { 'vehicle-tracking': '-' }, also: ['private-partners'] },
    { text: 'L’accès aux images de vidéoprotection par des tiers est interdit.', expect: { 'video-surveillance': '-' } },
  ]);
});

// A rhetorical question: what everyone has seen exists.
describe('a rhetorical "who has not seen" is no exclusion', () => {
  run([
    { text: 'Who has not seen a CCTV camera at the entrance of a supermarket?', expect: { 'video-surveillance': '+' } },
    { text: 'Qui n’a jamais vu une caméra de vidéosurveillance à l’entrée d’un magasin ?', expect: { 'video-surveillance': '+' } },
    // a plain exclusion after "who" still holds
    { text: 'Visitors who do not consent will not be filmed by the CCTV cameras.', expect: { 'video-surveillance': '-' } },
  ]);
});

// "no plans to extend the retention": the change is ruled out, what it would change exists.
describe('no plan to change a system is no exclusion of it', () => {
  run([
    { text: 'There are no proposals at present for extending the ANPR data retention period.', expect: { 'vehicle-tracking': '+' } },
    { text: 'The department has no plans to expand its network of CCTV cameras.', expect: { 'video-surveillance': '+' } },
    { text: 'La commune n’a aucun projet d’étendre la durée de conservation des images de vidéoprotection.', expect: { 'video-surveillance': '+' } },
    { text: 'Il n’y a pas de projet de remplacer les caméras de vidéoprotection existantes.', expect: { 'video-surveillance': '+' } },
    // a plan to acquire is still excluded
    { text: 'The department has no plans to acquire drones.', expect: { drones: '-' } },
    { text: 'La ville n’a aucun projet d’acquérir des drones.', expect: { drones: '-' } },
  ]);
});

// "not accessible to the public": access is limited to some, the data exist.
describe('data not accessible to a party still exist', () => {
  run([
    { text: 'Live video from the body-worn cameras is not accessible to the public.', expect: { 'video-surveillance': '+' } },
    { text: 'Les images de vidéoprotection ne sont pas accessibles au public.', expect: { 'video-surveillance': '+' } },
    { text: 'Les données de géolocalisation ne sont pas accessibles au titulaire.', expect: { geolocation: '+' } },
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
    { text: 'The content of communications is not accessible through this request.', expect: { telecom: '-' } },
    { text: 'Le contenu des communications n’est pas accessible par cette voie.', expect: { telecom: '-' } },
    { text: 'Aucun drone ne sera utilisé dans le cadre du marché.', expect: { drones: '-' } },
  ]);
});

// A negation before a subject used on, or equipped with, something else: the use verb ends the
// excluded subject (what it is used on exists), an attachment excludes what is attached. Before,
// "No facial recognition will be applied to the footage of the cameras" negated the cameras too.
describe('a use or an attachment splits what a negation excludes', () => {
  run([
    { text: 'No facial recognition will be applied to the footage of the cameras.', expect: { biometrics: '-', 'video-surveillance': '+' } },
    { text: 'Under no circumstances will the drone be equipped with facial recognition.', expect: { drones: '+', biometrics: '-' } },
    { text: 'Aucune reconnaissance faciale ne sera appliquée aux images des caméras.', expect: { biometrics: '-', 'video-surveillance': '+' } },
    { text: 'En aucun cas le drone ne sera équipé de micros.', expect: { drones: '+', 'audio-sensors': '-' } },
    // a negated subject with no complement, or used for a purpose, is still excluded
    { text: 'No drones will be used for this contract.', expect: { drones: '-' } },
    { text: 'Aucun drone ne sera utilisé dans le cadre du marché.', expect: { drones: '-' } },
    { text: 'No data from license plate readers will be used in the analysis.', expect: { 'vehicle-tracking': '-' } },
    // a determiner excludes its subject, attached or not; "not be used to:" governs what follows
    { text: 'No drone feeds are to be integrated into the crime center platform.', expect: { drones: '-' } },
    { text: 'The platform shall not be used to: (a) acquire data from commercial data brokers; (b) access patient health records.', expect: { 'private-partners': '-', health: '-' } },
  ]);
});

// A policy limits the release of data the system holds: "will not sell or share ALPR data with
// third parties" describes ALPR data that exist. Before, it negated the plate readers.
describe('a negated sale or disclosure of held data is no exclusion', () => {
  run([
    { text: 'The vendor will not sell or share ALPR data with third parties.', expect: { 'vehicle-tracking': '+' } },
    { text: 'ALPR data shall not be sold or disclosed to any private entity.', expect: { 'vehicle-tracking': '+' } },
    { text: 'Les images de vidéoprotection ne sont pas transmises à des tiers.', expect: { 'video-surveillance': '+' } },
    { text: 'Les données LAPI ne seront ni vendues ni divulguées.', expect: { 'vehicle-tracking': '+' } },
    // data the system does not collect or receive are still excluded
    { text: 'The system shall not collect biometric data.', expect: { biometrics: '-' } },
    { text: 'Les données de santé ne sont pas transmises au titulaire.', expect: { health: '-' } },
    { text: 'The contractor shall not receive health records.', expect: { health: '-' } },
  ]);
});
