// Negation and modality cues, French and English (NegEx / ConText style), as folded words.
import type { Language } from '../types.js';

export interface CueLists {
  /** Negate what follows, up to a terminator. */
  before: string[];
  /** Negate what precedes, back to a terminator. */
  after: string[];
  /** Look like negations but are not: they block any trigger they overlap. */
  pseudo: string[];
  /** End a negation scope. */
  terminators: string[];
  /** Mark an optional or conditional clause. */
  optional: string[];
  /**
   * Short headings that open a list of exclusions without a colon ("Hors périmètre",
   * "Out of scope"): the list items after them are negated.
   */
  listHeadings: string[];
}

const NEGATED_VERBS_FR =
  'autoris*|permis*|utilis*|admis*|prevu*|inclu*|concern*|vise*|mis|mise*|exploit*|collect*|deploy*|deploi*|traite*|requis*|souhait*|demande*|envisag*|recour*|accept*|employ*|install*|equip*|partie|integr*|raccord*|connect*|relie*|transmis*|communiqu*|pratique*|retenu*|couvert*|effectu*';
const NEGATED_VERBS_EN =
  'permit*|allow*|authori*|use|used|using|include*|deploy*|collect*|accept*|requir*|part|integrat*|connect*|link*|share*|shared|employ*|install*|equip*|sought|requested|contemplat*|provid*|procur*|purchas*|acquir*|capture*|store*|retain*';

export const CUES: Record<Language, CueLists> = {
  fr: {
    before: [
      'ne|n ~3 pas|plus|jamais|aucun*|nullement|aucunement|guere|point|rien|ni',
      'aucun|aucune|aucuns|aucunes|nul|nulle|nuls|nulles',
      'ni',
      'sans',
      'a l exclusion',
      'exclu|exclue|exclus|exclues|exclut|excluent|exclure|excluant|exclusion|exclusions',
      'interdit*|interdiction|interdire|interdis*',
      'prohib*|proscri*',
      'en aucun cas',
      'jamais',
      'non recours|utilisation|usage|collecte|deploiement',
      'renonce*|renoncer|abstien*|abstenir',
    ],
    after: [
      `ne|n ~3 pas|plus|jamais|nullement|aucunement|point ~2 ${NEGATED_VERBS_FR}`,
      'est|sont|sera|seront|soit|soient|etre|demeure*|reste* ~1 exclu*|interdit*|proscrit*|prohibe*|bann*',
      'exclu|exclue|exclus|exclues|interdit|interdite|interdits|interdites|proscrit|proscrite|proscrits|proscrites',
      'hors perimetre|champ',
      'hors du perimetre|champ',
    ],
    pseudo: [
      'non seulement',
      'pas seulement|uniquement|exclusivement',
      'sans prejudice',
      'sans delai|delais|que|qu|toutefois|limitation|surcout|frais|cout|interruption|exclure|exception|prejudice',
      'sans s y limiter|restreindre',
      'ne|n ~3 que|qu',
      'ne|n ~3 pas ~1 seulement|uniquement|exclusivement|limit*|moins|que|qu|exclu*|exclure|excluant|interdit*|seul*',
      'ne|n ~1 exclut|exclu|excluent',
      'ne|n ~2 limite|limitent|limitera|limiteront|restreint|restreignent|borne|bornent ~1 pas',
      'non exhaustiv*|limitativ*',
    ],
    terminators: [
      'mais|sauf|excepte|toutefois|cependant|neanmoins|pourtant|hormis|seul|seuls|seule|seules|uniquement',
      'en revanche',
      'par contre',
      'a l exception',
      'autre|autres que|qu',
      'alors|tandis que|qu',
    ],
    optional: [
      'en option',
      'option|options|optionnel*',
      'a titre optionnel',
      'tranche|tranches optionnel*|conditionnel*',
      'pse',
      'prestation|prestations supplementaire* eventuel*',
      'le cas echeant',
      'a terme',
      'eventuel|eventuelle|eventuels|eventuelles|eventuellement',
      'ulterieur*',
      'pourr* ~2 etendu*|etendre|completee*|complete|integre*|integrer|evoluer|ajout*|raccord*',
      'variante*',
    ],
    listHeadings: [
      'exclusion|exclusions',
      'hors perimetre|champ',
      'hors du perimetre|champ',
      'prestations|elements|fonctionnalites|equipements exclu*|interdit*',
      'ne ~3 pas partie',
      'non compris|inclus|couvert*|prevu*',
      'usages|utilisations|pratiques interdit*|proscrit*|exclu*',
    ],
  },
  en: {
    before: [
      'no|not|never|neither|nor|none|cannot|without',
      'excluding|exclude|excludes|excluded|exclusion|exclusions',
      'prohibit|prohibits|prohibited|prohibiting|prohibition',
      'forbid*|ban|bans|banned|banning',
      'refrain* from',
      'in no case|event',
      'under no circumstances',
    ],
    after: [
      `not|never ~2 ${NEGATED_VERBS_EN}`,
      'is|are|be|being|remain*|was|were ~1 prohibited|excluded|forbidden|banned|disallowed',
      'excluded|prohibited|forbidden|banned',
      'out of scope',
      'outside the scope',
    ],
    pseudo: [
      'not only|just|necessarily',
      'whether or not',
      'if not',
      'no later|less|more|fewer|sooner',
      'not limited|exceed*',
      'not be limited',
      'not to exceed',
      'without limitation|limiting|prejudice|delay|charge|additional|interruption',
      'no cost|charge|additional|extra',
      'at no',
      'not be excluded|prohibited',
      'not exclude*|prohibit*',
    ],
    terminators: [
      'but|except|excepting|however|although|though|whereas|while|unless|instead|rather|apart|aside|save',
      'other than',
    ],
    optional: [
      'optional|optionally|option|options',
      'may ~2 extended|expanded|added|include|integrate*',
      'if applicable|requested|needed',
      'where applicable',
      'as needed',
      'at a later stage',
      'later|future phase|phases|expansion',
      'phase ii|2',
      'alternate|alternates',
      'alternative bid',
      'at ~3 option',
    ],
    listHeadings: [
      'exclusion|exclusions',
      'out of scope',
      'outside the scope',
      'not in scope',
      'not included|covered|permitted|allowed',
      'prohibited|excluded|forbidden uses|activities|items|capabilities|features|technologies',
      'prohibited|excluded|forbidden',
    ],
  },
};
