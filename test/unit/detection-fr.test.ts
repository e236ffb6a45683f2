// Table-driven detection tests for the French vocabulary of the field (intelligence and
// retention law, police files, paraphrases caught by clause frames), the context rules that
// reverse a clause, and the negation forms of both languages. Each sentence is written for
// this file; beside it, the categories it must give: "+" positive and asserted, "?" positive
// but optional, "-" negated. Any other positive category is an error; `also` lists categories
// that may appear without being required.
import { describe, expect, it } from 'vitest';
import { analyseDocument } from '../../src/analyse/document.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { pageFromText } from '../helpers/text.js';

type Mark = '+' | '?' | '-';
interface Case {
  text: string;
  expect: Record<string, Mark>;
  also?: string[];
}

const rules = loadRuleSet();
const findings = (text: string) => analyseDocument('t.pdf', [pageFromText(text)], rules).findings;

function check(c: Case) {
  const got: Record<string, Mark> = {};
  for (const f of findings(c.text)) {
    const mark: Mark = f.negated ? '-' : f.modality === 'optional' ? '?' : '+';
    if (!(f.category in got) || got[f.category] === '-') got[f.category] = mark;
  }
  for (const extra of c.also ?? []) if (!(extra in c.expect)) delete got[extra];
  expect(got).toEqual(c.expect);
}

const FAMILIES: Record<string, Case[]> = {
  'intelligence techniques on communications': [
    { text: 'Le service pourra recourir aux interceptions de sécurité pour les personnes désignées par l’autorisation.', expect: { telecom: '+' } },
    { text: 'La loi organise l’accès administratif aux données de connexion détenues par les opérateurs.', expect: { telecom: '+' } },
    { text: 'Un appareil de type IMSI-catcher permet d’identifier les téléphones présents dans un périmètre.', expect: { telecom: '+' } },
    { text: 'Les correspondances émises par la voie des communications électroniques peuvent être interceptées.', expect: { telecom: '+' } },
    { text: 'Le décret prévoit le recueil en temps réel, sur les réseaux des opérateurs, des informations relatives aux personnes signalées.', expect: { telecom: '+' } },
    { text: 'Les métadonnées des communications sont conservées un an par les fournisseurs d’accès.', expect: { telecom: '+' } },
    { text: 'L’autorité peut requérir des opérateurs la transmission en temps réel des données techniques relatives aux terminaux.', expect: { telecom: '+' }, also: ['geolocation'] },
    { text: 'Le plan de surveillance des communications émises ou reçues à l’étranger est fixé par décret.', expect: { telecom: '+' } },
  ],
  'connection and technical data only in a telecom or intelligence sentence': [
    { text: 'Les données de connexion des internautes sont transmises par le fournisseur d’accès.', expect: { telecom: '+' } },
    { text: 'Le portail conserve les données de connexion des agents pendant six mois (journalisation).', expect: {} },
    { text: 'Le titulaire fournit les données techniques des équipements livrés (fiches produits).', expect: {} },
    { text: 'Les métadonnées des photographies de la médiathèque sont saisies par les bibliothécaires.', expect: {} },
    { text: 'Le bilan des opérations de maintenance comprend les données techniques de chaque intervention.', expect: {} },
  ],
  'automated detection, the intelligence black boxes': [
    { text: 'Les opérateurs mettent en œuvre sur leurs réseaux des traitements automatisés destinés à détecter des connexions suspectes.', expect: { 'automated-analysis': '+', telecom: '+' } },
    { text: 'Les « boîtes noires » installées chez les opérateurs analysent les métadonnées de millions d’abonnés.', expect: { 'automated-analysis': '+', telecom: '+' } },
    { text: 'La personne a le droit de ne pas faire l’objet d’une décision fondée exclusivement sur un traitement automatisé de données à caractère personnel.', expect: {} },
    { text: 'Le logiciel fait l’objet de tests en boîte noire avant la recette.', expect: {} },
  ],
  'real-time location and tracking beacons': [
    { text: 'Le service peut utiliser un dispositif permettant la localisation en temps réel d’un véhicule ou d’un objet.', expect: { geolocation: '+' } },
    { text: 'Les enquêteurs procèdent à la pose d’une balise sous le véhicule du suspect.', expect: { geolocation: '+' } },
    { text: 'Le titulaire assure le balisage de chantier et la signalisation temporaire de la zone.', expect: {} },
    { text: 'Chaque page comporte une balise HTML de titre et une balise de description.', expect: {} },
  ],
  'bugging and image capture in private places': [
    { text: 'La technique permet la captation et l’enregistrement de paroles prononcées à titre privé.', expect: { 'audio-sensors': '+' } },
    { text: 'Le juge peut autoriser la sonorisation de certains lieux et véhicules privés.', expect: { 'audio-sensors': '+' } },
    { text: 'Le dispositif permet la captation, la fixation et l’enregistrement d’images dans un lieu privé.', expect: { 'video-surveillance': '+' } },
    { text: 'Le lot 4 comprend la sonorisation de la salle des fêtes et l’éclairage scénique.', expect: {} },
  ],
  'police files': [
    { text: 'Les agents consultent le fichier judiciaire national automatisé des auteurs d’infractions.', expect: { 'police-records': '+' } },
    { text: 'La plateforme interroge le FIJAIS et le fichier des personnes recherchées.', expect: { 'police-records': '+' } },
    { text: 'Les empreintes sont comparées à celles du FAED.', expect: { 'police-records': '+', biometrics: '+' } },
  ],
  'plate reading paraphrased': [
    { text: 'Le dispositif procède au relevé automatique des immatriculations des véhicules entrant dans le parc.', expect: { 'vehicle-tracking': '+' } },
    { text: 'Le numéro d’immatriculation de l’assuré à la sécurité sociale est enregistré dans le système.', expect: {} },
  ],
  'drones and online platforms named by the law': [
    { text: 'Les services peuvent procéder à la captation d’images au moyen de caméras installées sur des aéronefs.', expect: { drones: '+' }, also: ['video-surveillance'] },
    { text: 'Le titulaire assure la maintenance des aéronefs de ligne de la compagnie.', expect: {} },
    { text: 'L’administration peut collecter et exploiter les contenus librement accessibles publiés sur internet par les utilisateurs des opérateurs de plateforme en ligne.', expect: { 'social-media': '+' } },
    { text: 'Le titulaire met à jour les contenus du site de la ville et en analyse la fréquentation.', expect: {} },
  ],
  'crowdsourcing, a frame (who + send + device)': [
    { text: 'Les usagers pourront, à tout moment, transmettre leurs observations et photos depuis leur téléphone.', expect: { crowdsourcing: '+' } },
    { text: 'Depuis l’application, chaque riverain signale en quelques secondes un dépôt sauvage.', expect: { crowdsourcing: '+' } },
    { text: 'Les habitants recevront une notification sur leur téléphone en cas d’alerte.', expect: {} },
    { text: 'L’enduit est appliqué en trois passes ; les passants ne doivent pas être gênés.', expect: {} },
    { text: 'L’usage du téléphone portable est interdit pendant les épreuves ; signaler tout incident au surveillant.', expect: {} },
  ],
  'public partners, a frame (body + supply + data)': [
    { text: 'Le prestataire sollicitera l’office HLM, le syndicat des transports et l’intercommunalité pour verser leurs données dans l’entrepôt.', expect: { 'public-partners': '+' } },
    { text: 'Le SDIS et la CAF mettront à disposition leurs jeux de données sur la plateforme.', expect: { 'public-partners': '+' } },
    { text: 'Les offres sont transmises par les candidats via la plateforme des achats de l’État.', expect: {} },
  ],
  'context that reverses the meaning': [
    { text: 'Si le traitement porte sur des données biométriques ou des données de santé, le sous-traitant applique des garanties renforcées.', expect: {} },
    { text: 'Les catégories particulières comprennent les opinions politiques, les convictions religieuses, les données génétiques, les données biométriques et les données concernant la santé.', expect: {} },
    { text: 'Les statistiques de fréquentation sont transmises au ministère de l’Intérieur chaque trimestre.', expect: {}, also: ['police-records'] },
    { text: 'Les données de fréquentation de la préfecture sont intégrées à la plateforme.', expect: { 'public-partners': '+' } },
    { text: 'Le prestataire assure la publication sur les réseaux sociaux de la ville des événements culturels.', expect: {} },
    { text: 'La plateforme collecte les publications publiques diffusées sur les réseaux sociaux de la ville et d’ailleurs.', expect: { 'social-media': '+' } },
    { text: 'Fourniture et pose d’une main courante en acier laqué fixée sur consoles dans l’escalier.', expect: {} },
    { text: 'Le logiciel de main courante de la police municipale est raccordé à l’hyperviseur.', expect: { 'police-records': '+' }, also: ['automated-analysis'] },
  ],
};

const NEGATION: Case[] = [
  { text: 'Les données recueillies ne peuvent en aucun cas porter sur des données biométriques.', expect: { biometrics: '-' } },
  { text: 'Le titulaire ne collectera, ni directement ni indirectement, de données de santé.', expect: { health: '-' } },
  { text: 'Le cadre juridique ne permet ni la collecte ni l’exploitation des données de connexion des internautes par les opérateurs.', expect: { telecom: '-' } },
  { text: 'Sont exclus du marché : la reconnaissance faciale, les drones, et les capteurs sonores.', expect: { biometrics: '-', drones: '-', 'audio-sensors': '-' } },
  { text: 'Hors périmètre du marché\n- la reconnaissance faciale\n- les drones', expect: { biometrics: '-', drones: '-' } },
  { text: 'Exclusions :\n- la reconnaissance faciale ;\n- les drones.\nLa plateforme intègre les flux vidéo du CSU.', expect: { biometrics: '-', drones: '-', 'video-surveillance': '+' } },
  { text: 'Aucun usager ne pourra transmettre de photos depuis son téléphone.', expect: { crowdsourcing: '-' } },
  { text: 'En option, les habitants pourront signaler les incidents depuis l’application.', expect: { crowdsourcing: '?' } },
  { text: 'The vendor shall neither collect nor receive biometric data from the city.', expect: { biometrics: '-' } },
  { text: 'The platform does not include facial recognition or drones.', expect: { biometrics: '-', drones: '-' } },
  { text: 'The cameras do not capture people and are not continuously-recording surveillance cameras.', expect: { 'video-surveillance': '-' } },
  { text: 'The following capabilities are excluded:\n• facial recognition\n• drones\nThe vendor installs the cameras.', expect: { biometrics: '-', drones: '-', 'video-surveillance': '+' } },
  { text: 'Out of scope\n• facial recognition\n• drones', expect: { biometrics: '-', drones: '-' } },
  { text: 'The grant will not fund: drones, facial recognition software, or cell-site simulators.', expect: { biometrics: '-', drones: '-', telecom: '-' } },
  // A heading glued to the next sentence does not negate it.
  { text: 'Case Study with Limited or No Agency-Owned Data The system will deploy drones over the parade route.', expect: { drones: '+' } },
  { text: 'Section 4 Funding Without Federal Grants The city will deploy drones over the parade.', expect: { drones: '+' } },
  { text: 'Exigences Relatives Aux Données Sans Recours Aux Drones La ville déploiera des caméras de vidéoprotection.', expect: { drones: '-', 'video-surveillance': '+' } },
];

describe('French vocabulary of the field, by family', () => {
  for (const [family, cases] of Object.entries(FAMILIES)) {
    describe(family, () => {
      it.each(cases)('$text', (c) => check(c));
    });
  }
});

describe('negation forms, French and English', () => {
  it.each(NEGATION)('$text', (c) => check(c));
});

describe('a generic word yields to the category that explains it on the page', () => {
  const categories = (text: string) => [...new Set(findings(text).filter((f) => !f.negated).map((f) => f.category))].sort();
  it.each([
    ['Les caméras LAPI lisent les plaques. Les caméras seront posées sur des mâts.', ['vehicle-tracking']],
    ['Les caméras LAPI lisent les plaques. Les caméras de vidéoprotection filment le parvis.', ['vehicle-tracking', 'video-surveillance']],
    ['Les caméras seront posées sur des mâts au carrefour.', ['video-surveillance']],
    ['The city will install 30 LPR cameras. Camera placement follows the main intersections, and the cameras are solar powered.', ['vehicle-tracking']],
    ['The city will install 30 LPR cameras and the CCTV cameras of the plaza.', ['vehicle-tracking', 'video-surveillance']],
  ])('%s', (text, expected) => {
    expect(categories(text)).toEqual(expected);
  });
});

describe('excerpts', () => {
  it('read as the document does: no line-end hyphen, offsets still index the page text', () => {
    const text = 'La ville exploite un système de vidéo-\nprotection relié par un sous-\ntraitant au centre de supervision.';
    const [f] = findings(text).filter((x) => x.category === 'video-surveillance');
    expect(f.matched).toBe('système de vidéoprotection');
    expect(f.excerpt).toBe('La ville exploite un système de vidéoprotection relié par un sous-traitant au centre de supervision.');
    expect(text.slice(f.start, f.end)).toBe('système de vidéo-\nprotection');
    expect(text.slice(f.excerptStart, f.excerptEnd).replace(/-\n(?=p)/, '').replace(/\n/, '')).toBe(f.excerpt);
  });
});
