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
    // "No." after the noun it numbers, before a column separator or a colon (price schedules,
    // bid forms, request letters), not only before a digit
    { text: 'Item No. | Description | Qty 1 | Mobile ALPR unit | 2', expect: { 'vehicle-tracking': '+' } },
    { text: 'Line No | Description | Unit price 3 | Body-worn camera with docking station | 40', expect: { 'video-surveillance': '+' } },
    { text: 'Case No: footage from the CCTV of the parking garage.', expect: { 'video-surveillance': '+' } },
    { text: 'Policy: No facial recognition shall be used on the footage.', expect: { biometrics: '-', 'video-surveillance': '+' } },
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

describe('a prohibition of uses or purposes limits the use of a technique, it does not exclude it', () => {
  run([
    { text: 'PROHIBITED USES\nThe drone shall not be used to harass protesters, to enforce immigration law or for personal business.', expect: { drones: '+' } },
    { text: 'Prohibited uses\nHarassment of individuals with the UAS; immigration enforcement; personal business.', expect: { drones: '+' } },
    { text: 'Usages interdits\nLes caméras piétons ne peuvent être utilisées pour la surveillance des agents.', expect: { 'video-surveillance': '+' } },
    { text: 'Les caméras ne sont pas utilisées pour filmer l’intérieur des habitations.', expect: { 'video-surveillance': '+' } },
    { text: 'License plate readers shall not be used for tracking individuals exercising their rights.', expect: { 'vehicle-tracking': '+' } },
    // an exclusion of the technique itself, or a use whose purpose is a technique, still holds
    { text: 'Drones are not used for this contract.', expect: { drones: '-' } },
    { text: 'Les caméras ne sont pas utilisées pour la reconnaissance faciale.', expect: { biometrics: '-' }, also: ['video-surveillance'] },
    { text: 'Out of scope\n• facial recognition\n• drones', expect: { biometrics: '-', drones: '-' } },
    { text: 'Usages interdits :\n- le harcèlement des manifestants avec le drone ;\n- les missions privées.', expect: { drones: '+' } },
    { text: 'Prohibited uses of body-worn cameras:\n• recording coworkers\n• personal use', expect: { 'video-surveillance': '+' } },
  ]);
});

describe('a negated action on an object does not negate the system that holds it', () => {
  run([
    { text: 'Probe images are not enrolled in the facial recognition database.', expect: { biometrics: '+' } },
    { text: 'Les photographies de comparaison ne sont pas enregistrées dans la base de reconnaissance faciale.', expect: { biometrics: '+' } },
    { text: 'Plate reads kept by the ALPR system do not contain any personal information.', expect: { 'vehicle-tracking': '+' } },
    { text: 'Les données collectées par les caméras LAPI ne comportent aucune donnée nominative.', expect: { 'vehicle-tracking': '+' } },
    // a container in the active voice: what it does not include is excluded, not the container
    { text: 'LPR data stored in the system does not include any personally identifying information.', expect: { 'vehicle-tracking': '+' } },
    { text: 'Body-worn camera recordings do not include the officer’s home address.', expect: { 'video-surveillance': '+' } },
    { text: 'Le fichier de vidéoprotection n’inclut pas de données biométriques.', expect: { 'video-surveillance': '+', biometrics: '-' } },
    // …unless what comes before the verb is what is not included: a relative, or no object after
    { text: 'Facial recognition is a feature that the proposed system does not include.', expect: { biometrics: '-' } },
    { text: 'Facial recognition, which this contract does not include, may be added later.', expect: { biometrics: '-' } },
    { text: 'License plate recognition is a capability the City’s cameras do not include.', expect: { 'vehicle-tracking': '-', 'video-surveillance': '-' } },
    // an attachment is not a container: what the system is not linked to is excluded
    { text: 'Les caméras ne sont pas reliées au système de reconnaissance faciale.', expect: { 'video-surveillance': '+', biometrics: '-' } },
    { text: 'The cameras are not connected to any facial recognition software.', expect: { 'video-surveillance': '+', biometrics: '-' } },
  ]);
});

describe('a negation after the term negates it, in both orders', () => {
  run([
    { text: 'Le recours au dispositif LAPI par les polices municipales n’est donc pas possible.', expect: { 'vehicle-tracking': '-' }, also: ['police-records'] },
    { text: 'L’usage de drones n’est pas possible dans ce cadre.', expect: { drones: '-' } },
    { text: 'Facial recognition by the department is not authorized.', expect: { biometrics: '-' } },
    { text: 'Face recognition is not possible with these cameras.', expect: { biometrics: '-' }, also: ['video-surveillance'] },
    { text: 'L’installation de capteurs sonores est prohibée.', expect: { 'audio-sensors': '-' } },
    { text: 'Sont prohibés les capteurs sonores et la reconnaissance faciale.', expect: { 'audio-sensors': '-', biometrics: '-' } },
    { text: 'The use of audio sensors is prohibited.', expect: { 'audio-sensors': '-' } },
    { text: 'Prohibited: the use of audio sensors in classrooms.', expect: { 'audio-sensors': '-' } },
    // a positive next to an adjective that is not a negation
    { text: 'Facial recognition is possible with these cameras.', expect: { biometrics: '+' }, also: ['video-surveillance'] },
  ]);
});

describe('a negation with a condition is a conditional permission', () => {
  run([
    { text: 'Facial recognition searches shall not be run without a supervisor’s approval.', expect: { biometrics: '?' } },
    { text: 'ALPR queries shall not be conducted without a documented case number.', expect: { 'vehicle-tracking': '?' } },
    { text: 'A drone shall not be deployed without prior approval of the watch commander.', expect: { drones: '?' } },
    { text: 'Aucune consultation du fichier des personnes recherchées ne peut être effectuée sans l’accord du chef de service.', expect: { 'police-records': '?' } },
    { text: 'La consultation du fichier des personnes recherchées n’est pas réalisée sans autorisation du procureur.', expect: { 'police-records': '?' } },
    // without a condition, the same clause excludes
    { text: 'Facial recognition searches are not conducted by the department.', expect: { biometrics: '-' } },
  ]);
});

describe('a missing capability is still a negation, unlike a negated handling of data', () => {
  run([
    { text: 'Le dispositif ne permet pas de vérifier l’identité des personnes par reconnaissance faciale.', expect: { biometrics: '-' }, also: ['video-surveillance'] },
    { text: 'The system is not able to verify identities with facial recognition.', expect: { biometrics: '-' } },
    { text: 'Les images de vidéoprotection ne peuvent pas être supprimées par les agents.', expect: { 'video-surveillance': '+' } },
    { text: 'ALPR records have not been purged since 2019.', expect: { 'vehicle-tracking': '+' } },
  ]);
});

// A data-protection decision reports duties the controller missed about a system that exists:
// informing the people filmed, assessing the impact, justifying the need. Before, "did not
// inform … of the video surveillance system" negated the system, and the page lost its finding.
describe('a missed duty of a data-protection decision is no exclusion of the system', () => {
  run([
    { text: 'The controller did not inform the data subjects of the video surveillance system.', expect: { 'video-surveillance': '+' } },
    { text: 'The employees were not informed of the CCTV cameras in the warehouse.', expect: { 'video-surveillance': '+' } },
    { text: 'The controller has not demonstrated that the biometric time-clock is necessary.', expect: { biometrics: '+' } },
    { text: 'The company did not carry out a data protection impact assessment of the facial recognition system.', expect: { biometrics: '+' } },
    { text: 'Le responsable de traitement n’a pas informé les salariés de la présence des caméras.', expect: { 'video-surveillance': '+' } },
    { text: 'Les salariés n’ont pas été informés de la géolocalisation de leurs véhicules.', expect: { geolocation: '+', 'vehicle-tracking': '+' } },
    { text: 'La société n’a pas réalisé d’analyse d’impact relative au dispositif de vidéosurveillance.', expect: { 'video-surveillance': '+' } },
    { text: 'La commune n’a pas justifié la nécessité du dispositif de reconnaissance faciale.', expect: { biometrics: '+' } },
    // an exclusion of the system itself still holds
    { text: 'The system does not capture biometric data.', expect: { biometrics: '-' } },
    { text: 'Le dispositif ne permet pas la reconnaissance faciale.', expect: { biometrics: '-' } },
    { text: 'La commune n’utilise pas de drones.', expect: { drones: '-' } },
  ]);
});

// Legal French negates "pouvoir" and "savoir" without "pas"; a purpose after a use verb limits
// the use and excludes what the purpose names, not the subject.
describe('the literary negation of legal French, and purposes that leave the subject standing', () => {
  run([
    { text: 'La reconnaissance faciale ne peut être utilisée dans ce cadre.', expect: { biometrics: '-' } },
    { text: 'Les drones ne pourront être équipés de micros.', expect: { drones: '+', 'audio-sensors': '-' } },
    { text: 'Les drones ne peuvent être utilisés en vue de capter des sons.', expect: { drones: '+', 'audio-sensors': '-' } },
    { text: 'Les drones ne peuvent par ailleurs être utilisés en vue de recourir à la reconnaissance faciale.', expect: { drones: '+', biometrics: '-' } },
    { text: 'Les caméras ne sauraient être utilisées pour la reconnaissance faciale.', expect: { 'video-surveillance': '+', biometrics: '-' } },
    { text: 'Les caméras piétons ne peuvent pas être utilisées pour la surveillance des agents.', expect: { 'video-surveillance': '+' } },
    { text: 'Aucun drone ne peut survoler le stade.', expect: { drones: '-' } },
    // a restriction, a measure held unlawful, an employer: no exclusion
    { text: 'Le système ne peut être utilisé que pour la vidéoprotection.', expect: { 'video-surveillance': '+' } },
    { text: 'Un traitement de lecture automatisée des plaques d’immatriculation ne saurait être mis en œuvre licitement par la commune.', expect: { 'vehicle-tracking': '+' } },
    { text: 'Un dispositif de géolocalisation ne saurait permettre à l’employeur de suivre les salariés hors du temps de travail.', expect: { geolocation: '+' } },
    { text: 'The drones may not be used to capture audio or to perform facial recognition.', expect: { drones: '+', 'audio-sensors': '-', biometrics: '-' } },
    { text: 'Under no circumstances shall the cameras be used for facial recognition.', expect: { 'video-surveillance': '+', biometrics: '-' } },
    { text: 'Facial recognition cannot lawfully be used by the council under the current statute.', expect: { biometrics: '+' } },
  ]);
});

describe('a litotes or a limit on releasing data keeps the data', () => {
  run([
    { text: 'It is not uncommon for officers to review footage from the cameras.', expect: { 'video-surveillance': '+' } },
    { text: 'The vendor is prohibited from selling plate data to third parties.', expect: { 'vehicle-tracking': '+' } },
    { text: 'No footage will be shared with federal immigration agencies.', expect: { 'video-surveillance': '+' } },
    { text: 'No footage is recorded in the changing rooms.', expect: { 'video-surveillance': '-' } },
  ]);
});

describe('contractions, contrasts and long lists', () => {
  run([
    { text: 'It also doesn’t use facial recognition or store data for longer than 30 days.', expect: { biometrics: '-' } },
    { text: "The department won't deploy drones at protests.", expect: { drones: '-' } },
    { text: "We don't have to send officers; the cameras cover downtown.", expect: { 'video-surveillance': '+' } },
    { text: 'The body cameras record video but not audio.', expect: { 'video-surveillance': '+', 'audio-sensors': '-' } },
    { text: 'Le dispositif enregistre les images mais pas les sons, et identifie le télépilote du drone.', expect: { drones: '+' }, also: ['video-surveillance', 'audio-sensors'] },
    {
      text: 'Our Department does not use aerial drones, remotely piloted vehicles (RPVs), remotely piloted aircraft (RPAs), unmanned aerials (UAs), unmanned aerial vehicles (UAVs), and/or unmanned aerial systems (UASs).',
      expect: { drones: '-' },
    },
    { text: 'It shall be unlawful for any City department to obtain, retain, access, or use facial recognition technology.', expect: { biometrics: '-' } },
    { text: 'Unlawful access to ALPR data is prohibited.', expect: { 'vehicle-tracking': '+' } },
    // a second subordinate clause keeps its negation to itself
    {
      text: 'Le juge a relevé que la commune utilisait le logiciel pour la lecture des plaques d’immatriculation et que la fonction de reconnaissance faciale n’avait jamais été utilisée.',
      expect: { 'vehicle-tracking': '+', biometrics: '-' },
    },
    { text: 'The court found that the city read license plates with the cameras and that facial recognition was never used.', expect: { 'vehicle-tracking': '+', biometrics: '-' }, also: ['video-surveillance'] },
  ]);
});

describe('functions switched off, ordinance approvals, bans listed, limits on sharing', () => {
  run([
    { text: 'Their audio capabilities are not activated.', expect: { 'audio-sensors': '-' } },
    { text: 'The audio function of the cameras is not activated.', expect: { 'audio-sensors': '-', 'video-surveillance': '+' } },
    { text: 'La fonction audio des caméras n’est pas activée.', expect: { 'audio-sensors': '-', 'video-surveillance': '+' } },
    { text: 'Facial recognition is not enabled on the cameras.', expect: { biometrics: '-', 'video-surveillance': '+' } },
    { text: 'The body cameras are not activated during breaks.', expect: { 'video-surveillance': '+' } },
    {
      text: 'Parmi les interdictions figurent les films à l’intérieur des domiciles, la surveillance permanente, l’enregistrement de sons et la reconnaissance faciale.',
      expect: { biometrics: '-', 'audio-sensors': '-' },
      also: ['video-surveillance'],
    },
    {
      text: 'The purpose of this chapter is to prohibit the city’s acquisition and use of face recognition technology prior to obtaining city council approval.',
      expect: { biometrics: '?' },
    },
    { text: 'The Police Department does not permit the sharing of ALPR data for federal immigration enforcement.', expect: { 'vehicle-tracking': '+' } },
  ]);
});

describe('an exclusion named by an anaphor excludes what the sentence before proposed', () => {
  run([
    { text: 'The vendor proposed a facial recognition module for the jail. No such system will be purchased.', expect: { biometrics: '-' } },
    { text: 'Staff considered buying two drones for search missions. This technology will not be acquired.', expect: { drones: '-' } },
    { text: 'A council member asked whether the patrol cars would carry license plate readers. That will not be the case.', expect: { 'vehicle-tracking': '-' } },
    // the proposed object is what the use verb takes: the cameras it is added to exist
    { text: 'The contractor suggested adding facial recognition to the lobby cameras. Such a feature will not be installed.', expect: { biometrics: '-', 'video-surveillance': '+' } },
    // an object the rules do not know leaves the cameras it is added to standing
    { text: 'The contractor suggested adding a new widget to the lobby cameras. Such a feature will not be installed.', expect: { 'video-surveillance': '+' } },
    { text: 'Q: Does the sheriff use cell-site simulators?\nA: No.', expect: { telecom: '-' } },
    { text: 'Le titulaire a proposé un logiciel d’analyse prédictive de la délinquance. Un tel outil ne sera pas acquis.', expect: { 'automated-analysis': '-' }, also: ['police-records'] },
    { text: 'Le comité a envisagé d’équiper les agents de caméras-piétons. Ce ne sera pas le cas.', expect: { 'video-surveillance': '-' } },
    { text: 'Des riverains ont demandé si les caméras de la place utiliseraient la reconnaissance faciale. Cette technologie ne sera pas employée.', expect: { biometrics: '-', 'video-surveillance': '+' } },
    { text: 'La commune recourt-elle à des drones pour surveiller les plages ?\nNon.', expect: { drones: '-' } },
    // a sentence that affirms a use keeps its findings
    { text: 'The jail scans the fingerprints of every person booked. This system will not be replaced.', expect: { biometrics: '+' }, also: ['police-records'] },
    { text: 'Patrol cars carry license plate readers. This technology will not be used for parking enforcement.', expect: { 'vehicle-tracking': '+' } },
    { text: 'The city will buy ten body-worn cameras. Such cameras will be issued to every officer.', expect: { 'video-surveillance': '+' } },
    { text: 'La ville exploite des caméras de vidéoprotection au centre. Ce dispositif ne sera pas étendu.', expect: { 'video-surveillance': '+' } },
    { text: 'Les agents disposent de caméras-piétons. Ce n’est pas le cas des gardiens.', expect: { 'video-surveillance': '+' } },
    // a question answered yes, and a no that answers nothing
    { text: 'Q: Does the department use drones?\nA: Yes, for search and rescue.', expect: { drones: '+' } },
    { text: 'The vendor proposed a drone for roof inspections.\n\nNo.', expect: { drones: '+' } },
  ]);
});

describe('a cessation excludes what is no longer used', () => {
  run([
    { text: 'The department discontinued its use of the social media monitoring tool in 2022.', expect: { 'social-media': '-' } },
    { text: 'The county stopped using cell-site simulators after the audit.', expect: { telecom: '-' } },
    { text: 'The sheriff ended the drone program last spring.', expect: { drones: '-' } },
    { text: 'The gunshot detection pilot ended in 2020.', expect: { 'audio-sensors': '-' } },
    { text: 'The mobile fingerprint readers were decommissioned in 2019.', expect: { biometrics: '-' } },
    { text: 'The city decommissioned the license plate readers on the bridge.', expect: { 'vehicle-tracking': '-' } },
    { text: 'La police municipale a cessé d’utiliser les drones en 2021.', expect: { drones: '-' } },
    { text: 'La ville a abandonné le projet de reconnaissance faciale au stade.', expect: { biometrics: '-' } },
    { text: 'Le conseil a mis fin au contrat de capteurs sonores.', expect: { 'audio-sensors': '-' } },
    { text: 'L’expérimentation des caméras-piétons a pris fin en 2022.', expect: { 'video-surveillance': '-' } },
    { text: 'Les caméras de la gare ont été démontées en 2020.', expect: { 'video-surveillance': '-' } },
    { text: 'La fonction de reconnaissance faciale est désactivée.', expect: { biometrics: '-' } },
    // verbs of ending with another object, and completions, end nothing
    { text: 'The new team ended the backlog of body-worn camera footage.', expect: { 'video-surveillance': '+' } },
    { text: 'Officers stop vehicles flagged by the license plate readers.', expect: { 'vehicle-tracking': '+' } },
    { text: 'Officers shall stop recording with the body-worn camera when a victim asks.', expect: { 'video-surveillance': '+' } },
    { text: 'The City may terminate this agreement for the ALPR system on thirty days notice.', expect: { 'vehicle-tracking': '+' } },
    { text: 'The installation of the CCTV cameras ended on time.', expect: { 'video-surveillance': '+' } },
    { text: 'Tout abandon de poste est relevé sur les images de vidéoprotection.', expect: { 'video-surveillance': '+' } },
    { text: 'À la fin du marché, le titulaire restitue les enregistrements des caméras.', expect: { 'video-surveillance': '+' } },
    { text: 'Un arrêté préfectoral autorise l’utilisation du dispositif de vidéoprotection.', expect: { 'video-surveillance': '+' } },
    { text: 'Le déploiement des caméras est terminé.', expect: { 'video-surveillance': '+' } },
    { text: 'Les images des caméras ont été supprimées au bout de trente jours.', expect: { 'video-surveillance': '+' } },
  ]);
});

describe('the lines under an exclusion heading without bullets inherit the exclusion', () => {
  run([
    { text: 'What is not collected\nFingerprints.\nAudio recordings.', expect: { biometrics: '-', 'audio-sensors': '-' } },
    { text: 'The list below is part of the contract.\n\nExcluded technologies\nDrones\nIMSI catchers', expect: { drones: '-', telecom: '-' } },
    { text: 'Data not collected\nHealth records of patients', expect: { health: '-' } },
    { text: 'Données exclues\nLes empreintes digitales.\nLes données de santé.', expect: { biometrics: '-', health: '-' } },
    { text: 'Technologies interdites\nLa reconnaissance faciale\nLes drones', expect: { biometrics: '-', drones: '-' } },
    // a sentence, a blank line or a numbered heading ends the list
    { text: 'What is not collected\nFingerprints.\nThe system reads the license plates of passing cars and keeps each read for thirty days.', expect: { biometrics: '-', 'vehicle-tracking': '+' } },
    { text: 'What is not collected\nFingerprints.\nThe cameras are used to read license plates.', expect: { biometrics: '-', 'vehicle-tracking': '+' }, also: ['video-surveillance'] },
    { text: 'The list below is part of the contract.\n\nExcluded technologies\nDrones\n\nLicense plate readers', expect: { drones: '-', 'vehicle-tracking': '+' } },
    { text: 'Données exclues\nLes données de santé.\n2. Caméras de vidéoprotection', expect: { health: '-', 'video-surveillance': '+' } },
    // a heading that names what is collected, or the uses that are prohibited, excludes nothing
    { text: 'Data collected\nLicense plate images\nGPS location of each read', expect: { 'vehicle-tracking': '+', geolocation: '+' } },
    { text: 'Données collectées\nLes images des caméras de vidéoprotection.', expect: { 'video-surveillance': '+' } },
    { text: 'Prohibited uses\nFollowing protesters with the drone.', expect: { drones: '+' } },
  ]);
});

describe('an inquiry proposes only what a verb of use takes', () => {
  run([
    { text: 'The commissioner examined whether residents were told about the CCTV cameras. That was not the case.', expect: { 'video-surveillance': '+' } },
    { text: 'La CNIL a examiné si la commune informait les personnes de la présence des caméras. Ce n’était pas le cas.', expect: { 'video-surveillance': '+' } },
    { text: 'Does the city have drones?\nNo.', expect: { drones: '-' } },
    { text: 'Is the CCTV footage kept for thirty days?\nNo.', expect: { 'video-surveillance': '+' } },
  ]);
});

describe('cessations and anaphors, second round: subjects with complements, any noun after "such"', () => {
  run([
    { text: 'The trial of live facial recognition at the station concluded in 2021.', expect: { biometrics: '-' } },
    { text: 'The pilot with the drone unit ended after a year.', expect: { drones: '-' } },
    { text: 'The deputies stopped the pilot of license plate readers in May.', expect: { 'vehicle-tracking': '-' } },
    { text: 'In 2021 the mayor floated the idea of gunshot detection sensors downtown. No such sensors will be installed.', expect: { 'audio-sensors': '-' } },
    { text: 'Will the body cameras record audio?\nNo.', expect: { 'audio-sensors': '-' }, also: ['video-surveillance'] },
    { text: 'Le service de vidéoverbalisation a été suspendu puis abandonné.', expect: { 'vehicle-tracking': '-' }, also: ['video-surveillance'] },
    { text: 'Les élus ont évoqué l’idée de capteurs sonores. Un tel dispositif ne sera pas installé.', expect: { 'audio-sensors': '-' } },
    // a verb of use inside the proposed thing's own words is not its verb
    { text: 'Le candidat peut proposer en variante une analyse automatisée des images. Une telle fonctionnalité ne sera pas retenue.', expect: { 'automated-analysis': '-' }, also: ['video-surveillance'] },
    // an ending with an object or a clause, a due date, "such as"
    { text: 'The body-worn camera program ended the backlog of complaints.', expect: { 'video-surveillance': '+' } },
    { text: 'The pilot concluded that the license plate readers reduced thefts.', expect: { 'vehicle-tracking': '+' } },
    { text: 'Le contrat de maintenance des caméras prend fin le 31 décembre.', expect: { 'video-surveillance': '+' } },
    { text: 'The city considered tools such as gunshot detection. Such sensors were installed in 2022.', expect: { 'audio-sensors': '+' } },
    { text: 'Officers stopped the vehicle after the license plate reader alert.', expect: { 'vehicle-tracking': '+' } },
  ]);
});

// A verb of acquisition or operation in the perfect or the simple past is active: its object is
// what was never had ("has never purchased, leased or operated a cell-site simulator"); in the
// passive ("were never deployed", "has not been installed") the subject is what is excluded. A
// carrier's lease of tower space is not telecom data, but "leased a cell-site simulator" is.
describe('a negated acquisition in the perfect or the simple past excludes its object', () => {
  run([
    { text: 'The Department has never purchased, leased, borrowed or operated a cell-site simulator.', expect: { telecom: '-' } },
    { text: 'The Department never purchased or operated a cell-site simulator.', expect: { telecom: '-' } },
    { text: 'The Department neither owns, leases nor borrows a cell-site simulator, and no employee has been trained to operate one.', expect: { telecom: '-' } },
    { text: 'The City has not deployed drones over the beach this year.', expect: { drones: '-' } },
    { text: 'The sheriff had not acquired face recognition software before the ban.', expect: { biometrics: '-' } },
    { text: 'The police department has not installed any gunshot detection sensors downtown.', expect: { 'audio-sensors': '-' } },
    // the passive keeps its subject excluded
    { text: 'The drones were never deployed over the park by the police.', expect: { drones: '-' } },
    { text: 'The license plate readers have not been installed on the bridge.', expect: { 'vehicle-tracking': '-' } },
    // look-alikes: asserted acquisitions, a negated handling of data, a negated duty
    { text: 'The police department has installed a cell-site simulator in the van.', expect: { telecom: '+' } },
    { text: 'The Department leased a cell-site simulator from the county in 2023.', expect: { telecom: '+' } },
    { text: 'The city has not deleted the footage of the CCTV cameras yet.', expect: { 'video-surveillance': '+' } },
    { text: 'The controller has not informed the residents of the CCTV cameras.', expect: { 'video-surveillance': '+' } },
    { text: 'Officers who have not used the body-worn cameras before receive training.', expect: { 'video-surveillance': '+' } },
  ]);
});

// The questions and answers of a procurement: numbered labels ("Q15." / "A15. No.") and an
// answer that goes on after its "No." ("No. The Platform shall not…"). The label does not come
// between the question and its answer, and "No." before a capital is the answer, not "number".
describe('a numbered "No." answer excludes what the question proposed', () => {
  run([
    { text: 'Q16. Does the City wish to deploy Wi-Fi sensors to detect mobile devices near incident scenes?\nA16. No. Such sensors are not part of this procurement.', expect: { telecom: '-' } },
    { text: 'Q15. Is integration with the County health information exchange expected?\nA15. No. The Platform shall not receive any other information.', expect: { health: '-' } },
    { text: 'Does the City intend to use drones for the perimeter?\nNo. The perimeter is watched by the guards on foot.', expect: { drones: '-' } },
    { text: 'Question 4 : le titulaire doit-il installer des capteurs sonores sur les mâts ?\nR4 : Non. Les mâts ne reçoivent que les caméras.', expect: { 'audio-sensors': '-' }, also: ['video-surveillance'] },
    // look-alikes: a "Yes." answer, a number abbreviation, an answer to a question of duty
    { text: 'Q17. Does the City wish to deploy license plate readers at the entrances?\nA17. Yes. See Section 2.8 of the RFP.', expect: { 'vehicle-tracking': '+' } },
    { text: 'Resolution No. 2021-14 authorizing the purchase of automated license plate readers.', expect: { 'vehicle-tracking': '+' } },
    { text: 'Q3. Is the CCTV footage kept for thirty days?\nA3. No. It is kept for fourteen days.', expect: { 'video-surveillance': '+' } },
  ]);
});

// A feature kept switched off ("shall remain disabled", "is disabled by default", « reste
// désactivée ») is excluded; a device switched off at times, and people with a disability,
// are not.
describe('a feature kept disabled is excluded', () => {
  run([
    { text: 'Audio capture shall remain disabled on all City cameras.', expect: { 'audio-sensors': '-' }, also: ['video-surveillance'] },
    { text: 'The face matching function of the video management system is disabled by default.', expect: { biometrics: '-' }, also: ['video-surveillance'] },
    { text: 'The microphones of the gunshot detection units are turned off.', expect: { 'audio-sensors': '-' } },
    { text: 'La captation du son reste désactivée sur l’ensemble des caméras de la commune.', expect: { 'audio-sensors': '-' }, also: ['video-surveillance'] },
    { text: 'La fonction de lecture des plaques demeure inactive sur les caméras du parking.', expect: { 'vehicle-tracking': '-' }, also: ['video-surveillance'] },
    // look-alikes
    { text: 'If a body-worn camera is disabled, the officer shall notify a supervisor.', expect: { 'video-surveillance': '+' } },
    { text: 'The parking spaces near the license plate readers are for disabled drivers.', expect: { 'vehicle-tracking': '+' } },
    { text: 'Si la caméra piéton est désactivée, l’agent le signale à son chef de service.', expect: { 'video-surveillance': '+' } },
    // a feature named with its state and no verb, a long subject, and a condition to switch it
    // on later: it is off now (det24)
    { text: 'The vendor ships the analytics server with the face-search and person re-identification features disabled.', expect: { biometrics: '-', 'automated-analysis': '-' } },
    { text: 'Les modules de lecture des plaques, de comptage des véhicules et de suivi des trajectoires livrés avec le logiciel sont désactivés et ne peuvent être activés sans délibération du conseil municipal.', expect: { 'vehicle-tracking': '-' }, also: ['automated-analysis', 'geolocation'] },
    { text: 'Face matching shall remain disabled unless the Chief of Police approves its use in writing.', expect: { biometrics: '-' } },
    { text: 'Dès que la caméra piéton est désactivée, l’agent en informe le centre de supervision.', expect: { 'video-surveillance': '+' } },
    // a use permitted under a condition is still positive and optional
    { text: 'The use of drones over private property is prohibited unless authorised by the Chief.', expect: { drones: '?' } },
  ]);
});

// The absence of a technique stated as a finding or a heading (« Sur l'absence de
// géolocalisation », "Absence of drones", "the lack of any facial recognition") excludes it; "in
// the absence of a warrant", « en l'absence de réquisition » are conditions (det24).
describe('an absence stated is an exclusion, an absence as a condition is not', () => {
  run([
    { text: 'Sur l’absence de reconnaissance faciale', expect: { biometrics: '-' } },
    { text: 'La chambre relève l’absence de lecture automatisée des plaques sur le territoire communal.', expect: { 'vehicle-tracking': '-' } },
    { text: 'Absence of gunshot detection sensors', expect: { 'audio-sensors': '-' } },
    { text: 'The audit noted the lack of any facial recognition capability in the video system.', expect: { biometrics: '-' }, also: ['video-surveillance'] },
    // look-alikes: a condition
    { text: 'En l’absence de réquisition judiciaire, les images de vidéoprotection sont effacées après quinze jours.', expect: { 'video-surveillance': '+' } },
    { text: 'In the absence of a warrant, stored ALPR data may be queried only for an active case.', expect: { 'vehicle-tracking': '+' } },
  ]);
});

// An option considered and turned down ("rejected a supplier option that would have allowed
// fingerprints", « a écarté l'option d'une reconnaissance faciale »), an ordinance that "makes it
// unlawful" to use a technique, a capability "absent from" the licensed edition, and an
// elliptical denial answering an inquiry ("You asked whether … uses AI … It does not.").
describe('options turned down, absent capabilities, elliptical denials', () => {
  run([
    { text: 'The Trust considered and rejected a supplier option that would have allowed pupils to register with a fingerprint.', expect: { biometrics: '-' } },
    { text: 'The city turned down the vendor offer of gunshot detection sensors.', expect: { 'audio-sensors': '-' } },
    { text: 'La commune a écarté l’option d’une reconnaissance faciale à l’entrée du stade.', expect: { biometrics: '-' } },
    { text: 'La Ville a refusé l’offre d’un module de lecture automatisée des plaques.', expect: { 'vehicle-tracking': '-' } },
    { text: 'HBMC 2.64.110 makes it unlawful for any City department to obtain, retain, access or use a face recognition technology.', expect: { biometrics: '-' } },
    { text: 'The vendors confirmed in writing that face matching is absent from the edition licensed to the City.', expect: { biometrics: '-' } },
    { text: 'La reconnaissance faciale est absente de la version du logiciel livrée à la commune.', expect: { biometrics: '-' } },
    { text: 'You also asked whether the Department uses AI to transcribe reports. It does not. The agreement covers storage only.', expect: { 'automated-analysis': '-' } },
    { text: 'You asked whether the city uses drones at the stadium. It does not, and it never has.', expect: { drones: '-' } },
    // look-alikes: a claim or a request rejected, an answer that affirms, a person absent
    { text: 'The court rejected the claim that the CCTV cameras were unlawful.', expect: { 'video-surveillance': '+' } },
    { text: 'La commune a rejeté la demande de communication des images de vidéoprotection.', expect: { 'video-surveillance': '+' } },
    { text: 'You asked whether the city uses drones at the stadium. It does.', expect: { drones: '+' } },
    { text: 'If the officer is absent, the footage of the body-worn camera is reviewed by a sergeant.', expect: { 'video-surveillance': '+' } },
  ]);
});

// A manner of feeding ("ingests, without manual entry: (a) …", « sans saisie manuelle ») is no
// exclusion of what is fed.
describe('"without manual entry" excludes nothing', () => {
  run([
    { text: 'CCA ingests, without manual entry: (a) active calls for service from the CAD; (b) the live streams of the City cameras.', expect: { 'police-records': '+', 'video-surveillance': '+' } },
    { text: 'Les images sont transmises sans saisie manuelle au centre de supervision urbain.', expect: { 'video-surveillance': '+' } },
    { text: 'La décision a été prise sans intervention humaine par le logiciel de vidéoprotection.', expect: { 'video-surveillance': '+' } },
    // the real exclusions next to them
    { text: 'The platform operates without any drones or aerial imagery.', expect: { drones: '-' } },
    { text: 'Le dispositif fonctionne sans aucune caméra piéton.', expect: { 'video-surveillance': '-' } },
  ]);
});

// An exclusion from the scope ("… remain out of scope", « … restent hors du périmètre », "…
// are excluded") governs its whole subject, complements included, back to the clause's start;
// a clause before it keeps its findings.
describe('a scope exclusion reaches back over a long subject', () => {
  run([
    { text: "10.3 Les appels reçus par le SAMU et par le centre de traitement de l'alerte des sapeurs-pompiers restent hors du périmètre.", expect: { health: '-' } },
    { text: 'The feeds of the gunshot detection sensors installed by the county in the eastern district of the City are out of scope.', expect: { 'audio-sensors': '-' } },
    // look-alikes: the clause before the exclusion, and an exclusion with a short reach
    { text: 'Les caméras de la commune filment la place, et les images des drones de la préfecture sont exclues.', expect: { 'video-surveillance': '+', drones: '-' } },
    { text: 'The body-worn cameras record every contact; the cloud hosting of the footage outside the State is out of scope.', expect: { 'video-surveillance': '+' } },
  ]);
});

// A bar on a person ("bars officers from …", "precludes the vendor from …") excludes what they
// would use; a bar on selling or sharing data the system holds is a limit, and a permissive
// double negative ("nothing … bars") no exclusion.
describe('a bar on a person excludes what the person would use', () => {
  run([
    { text: 'Policy 340.4 bars officers from entering any case information into a generative artificial intelligence tool.', expect: { 'automated-analysis': '-' } },
    { text: 'The contract precludes the vendor from enabling face matching on the City cameras.', expect: { biometrics: '-', 'video-surveillance': '+' } },
    { text: 'Members are barred from using drones over lawful assemblies.', expect: { drones: '-' } },
    // look-alikes: a limit on selling held data, a double negative, a bar association
    { text: 'The vendor is barred from selling the license plate reader data it hosts for the City.', expect: { 'vehicle-tracking': '+' } },
    { text: 'Nothing in this policy bars officers from reviewing body-worn camera footage before writing a report.', expect: { 'video-surveillance': '+' } },
    { text: 'The State Bar reviewed the policy on body-worn cameras before the council vote.', expect: { 'video-surveillance': '+' } },
  ]);
});

// What an excluded use would run on exists ("prohibits members from using facial recognition on
// body-worn camera footage", « interdit d'utiliser la reconnaissance faciale sur les images du
// CSU »): the exclusion stops before it. Without a verb of use, or on anything but footage,
// the whole clause stays excluded.
describe('the footage an excluded use would run on stays', () => {
  run([
    { text: 'The Department prohibits members from using facial recognition software on body-worn camera footage.', expect: { biometrics: '-', 'video-surveillance': '+' } },
    { text: 'La charte interdit aux agents d’utiliser la reconnaissance faciale sur les images du CSU.', expect: { biometrics: '-', 'video-surveillance': '+' } },
    { text: 'Operators shall not run license plate recognition on the feeds of the plaza cameras.', expect: { 'vehicle-tracking': '-', 'video-surveillance': '+' } },
    // look-alikes: no verb of use, a ground that is no footage, a use before a clause break
    { text: 'No facial recognition on body-worn camera footage.', expect: { biometrics: '-', 'video-surveillance': '-' } },
    { text: 'Members shall not use drones on city property.', expect: { drones: '-' } },
    { text: 'The City shall not use drones; cameras on poles are addressed in Policy 12.', expect: { drones: '-', 'video-surveillance': '+' } },
  ]);
});


// A missing legal basis found by a regulator or a court ("there is no lawful basis for the
// collection of biometric data", « il n'existe pas de base légale pour le traitement ») is no
// exclusion: the processing exists and is unlawful. A real exclusion next to it stays one.
describe('a missing legal basis leaves the processing standing', () => {
  run([
    { text: 'There is no lawful basis for the facial recognition processing carried out by the school.', expect: { biometrics: '+' } },
    { text: 'The Commissioner found that the employer lacked a valid legal basis for collecting biometric data.', expect: { biometrics: '+' } },
    { text: 'Il n’existe pas de base légale pour le traitement de reconnaissance faciale mis en œuvre par la commune.', expect: { biometrics: '+' } },
    { text: 'La commune a installé, sans fondement juridique, des caméras équipées de micros.', expect: { 'video-surveillance': '+', 'audio-sensors': '+' } },
    // look-alikes: exclusions that name no legal basis
    { text: 'The school does not use facial recognition at its gates.', expect: { biometrics: '-' } },
    { text: 'La commune n’a recours à aucune reconnaissance faciale.', expect: { biometrics: '-' } },
  ]);
});

// A records answer that found nothing excludes what was asked about, in the same sentence
// or in the item before ("Item 3: records relating to cell-site simulators. A diligent search
// located no responsive records."); a request restated or records enclosed are no exclusion.
describe('a records search that found nothing excludes its subject', () => {
  run([
    { text: 'There are no records responsive to your request regarding gunshot detection sensors.', expect: { 'audio-sensors': '-' } },
    { text: 'Item 3: Records relating to cell-site simulators. A diligent search located no responsive records.', expect: { telecom: '-' } },
    { text: 'La commune ne détient aucun document relatif à un dispositif de reconnaissance faciale.', expect: { biometrics: '-' } },
    { text: 'Le document sollicité, relatif aux drones de la police municipale, n’existe pas.', expect: { drones: '-' } },
    { text: 'Point 3 : documents relatifs aux drones de la police municipale. Aucun document correspondant n’a été retrouvé.', expect: { drones: '-' } },
    // look-alikes: the request restated, records enclosed
    { text: 'Your request for records regarding automated license plate readers was received on May 2.', expect: {} },
    { text: 'Item 4: Records regarding the drone program. Responsive records are enclosed.', expect: { drones: '+' } },
    { text: 'Votre demande de communication des documents relatifs aux drones a été enregistrée le 3 mai.', expect: {} },
  ]);
});

// A duty of the records' keeper missed ("did not distinguish between the data of victims and
// suspects", « n'a pas distingué les données des victimes ») leaves the records standing.
describe('records not kept apart still exist', () => {
  run([
    { text: 'The force did not distinguish between the personal data of victims and suspects of crime.', expect: { 'police-records': '+' } },
    { text: 'Le service n’a pas distingué, dans le fichier des mains courantes, les victimes et les mis en cause.', expect: { 'police-records': '+' } },
    // look-alike: a real exclusion
    { text: 'The system does not hold any criminal records.', expect: { 'police-records': '-' } },
  ]);
});

// A negation whose scope runs to the colon ("shall not use facial recognition for the
// following:", « les images ne peuvent être utilisées pour : ») excludes the items under it;
// an item with its own condition ("… unless the person is under investigation") is a
// conditional permission; a lead-in whose negation stops before the colon governs nothing.
describe('a negated use over a list excludes its items', () => {
  run([
    { text: 'Personnel shall not use facial recognition for the following:\n\n- In connection with portable recorders;\n\n- For predictive analysis.', expect: { biometrics: '-', 'automated-analysis': '-' } },
    { text: 'Les images ne peuvent être utilisées par les agents pour :\n\n- la reconnaissance faciale des passants ;\n\n- la lecture des plaques d’immatriculation.', expect: { biometrics: '-', 'vehicle-tracking': '-' } },
    { text: 'Personnel shall not use facial recognition for the following:\n\n- To surveil the public through any camera unless the person is under an active criminal investigation.', expect: { biometrics: '-', 'video-surveillance': '?' } },
    // look-alikes: the negation stops before the colon, or an exception opens the list
    { text: 'Drones are not used; the system stores the following:\n\n- the license plate reads of the City cameras.', expect: { drones: '-', 'vehicle-tracking': '+' } },
    { text: 'Footage shall not be released except for the following:\n\n- body-worn camera recordings requested by a court.', expect: { 'video-surveillance': '+' } },
  ]);
});

// A store of data not linked to the system is no source of it ("Non-mugshot databases, such as
// the driver's license photo database, are not linked to the DMS"); equipment not connected to
// a finding keeps the equipment and excludes the finding.
describe('a store of data not linked to the system is excluded', () => {
  run([
    { text: "Non-mugshot databases, such as the state's driver's license photo database, are not linked to the system.", expect: { 'public-partners': '-' }, also: ['police-records'] },
    { text: 'Les bases de données de la préfecture ne sont pas reliées à la plateforme de la commune.', expect: { 'public-partners': '-' } },
    // look-alikes: equipment not attached to a finding, a database linked to one
    { text: 'The cameras are not connected to any facial recognition software.', expect: { 'video-surveillance': '+', biometrics: '-' } },
    { text: 'Les caméras ne sont pas reliées au réseau de la commune.', expect: { 'video-surveillance': '+' } },
  ]);
});
