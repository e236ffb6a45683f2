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
  /** Mark an optional or conditional clause: the buyer may order it (commitment "optional"). */
  optional: string[];
  /**
   * Mark a capability kept for later: the system is to be ready for it, or may grow into it
   * (commitment "future"). Also makes the modality "optional": nothing is ordered yet.
   */
  future: string[];
  /**
   * Future cues that govern only what follows them: in "caméras compatibles avec la
   * reconnaissance faciale" the cameras are ordered, the facial recognition is for later.
   */
  futureAhead: string[];
  /**
   * Short headings that open a list of exclusions without a colon ("Hors périmètre",
   * "Out of scope"): the list items after them are negated.
   */
  listHeadings: string[];
  /**
   * An exception right after a negation makes it a conditional permission, not an exclusion:
   * "prohibited unless authorised", "interdit sauf autorisation", "shall not be used except
   * with a court order", "à d'autres fins que…". The mention stays positive, as an option.
   */
  exceptions: string[];
  /**
   * A purpose after a negation limits the use without excluding it: "shall not be used other
   * than for law enforcement", "à d'autres fins que…". The mention stays a plain positive.
   */
  purposes: string[];
  /**
   * A cessation whose verb comes first ("discontinued its use of", "stopped using", "a cessé
   * d'utiliser", "a mis fin au contrat de"): what follows the verb is no longer part of the
   * system. The scope starts right after the verb, so that the program's own words ("ended the
   * drone program") are covered; a verb with any other object ("ended the backlog") is none.
   */
  cessations: string[];
  /**
   * A cessation said of a program by a verb after it ("the drone program ended in 2021", "the
   * subscription lapsed"): the scope runs back from the verb, the program's name included.
   */
  endings: string[];
  /**
   * Words that point back to the sentence before ("no such system", "this technology", "un tel
   * dispositif", "ce ne sera pas le cas"): negated, they exclude what that sentence proposed.
   */
  anaphors: string[];
  /**
   * Words by which a sentence only proposes, asks about or tried a technique ("a vendor
   * offered", "whether to add", "a proposé d'ajouter", "a testé"): what it names is what an
   * anaphor of the next sentence may exclude. A question ("…?") is one too.
   */
  antecedents: string[];
  /**
   * Words by which a sentence asks or examines ("whether", "asked", « a demandé si », « a
   * examiné »): like a question, it proposes only what a verb of use takes ("whether the cameras
   * would use X"), not what a duty concerns ("examined whether residents were told of the CCTV").
   */
  inquiries: string[];
  /** Verbs of use or addition inside a proposal: what is proposed is their object ("whether the cameras would use X"). */
  proposedUse: string[];
}

const NEGATED_VERBS_FR =
  'autoris*|permis*|utilis*|admis*|active|activee|actives|activees|prevu*|inclu*|concern*|vise*|mis|mise*|exploit*|collect*|deploy*|deploi*|traite*|requis*|souhait*|demande*|envisag*|recour*|accept*|employe|employes|employee|employees|employer|emploie|emploient|install*|equip*|partie|integr*|raccord*|connect*|relie*|transmis*|communiqu*|pratique*|retenu*|couvert*|effectu*|consult*|realis*|possible|envisageable|accessible*|acquis|acquise|acquises|achete|achetee|achetes|achetees';
// Participles and base forms: "audio is not captured" excludes the audio; in "the cameras do not
// capture audio" (an active verb) the cameras are excluded only when the verb has no object of
// its own that is a finding (see `active` in negation.ts).
const NEGATED_VERBS_EN =
  'permit*|allow*|authori*|activated|enabled|use|used|using|include*|deploy*|collect*|accept*|requir*|part|integrat*|connect*|link*|share*|shared|employ|employs|employed|employing|install*|equip*|sought|requested|contemplat*|provid*|procur*|purchas*|acquir*|capture*|store*|retain*|record|records|recorded|intercept*|monitor*|run|conduct*|perform*|operat*|possible|feasible|permissible|accessible';

/** Forms of "pouvoir" and "savoir" that negate without "pas" after "ne" (not the subjunctive "puisse", often expletive). */
const LITERARY_FR = 'peut|peuvent|pourra|pourront|pourrait|pourraient|saurait|sauraient|saura|sauront';
/** Handling of data that exist (purged, deleted, verified, passed on…): negated, it reports a practice. */
const HANDLED_DATA_FR = 'purge*|efface*|effaca*|supprim*|detrui*|detruis*|actualis*|verifi*|notifi*|respect*|transmettai*|communiquai*|informai*|procedai*|mettai*';
const HANDLED_DATA_EN = 'purge*|purging|delete*|deleting|destroy*|erase*|erasing|update*|updating|notif*|verif*|audit*|comply|complied|correct*|alter*|modif*|edit*|tamper*';
/** Verbs of forbidding, for the permissive double negatives ("rien n'interdit", "ne s'oppose pas"). */
const FORBID_FR = 'interdit|interdisent|interdira|empeche|empechent|empechera|prohibe|prohibent|proscrit';

export const CUES: Record<Language, CueLists> = {
  fr: {
    before: [
      'ne|n ~3 pas|plus|jamais|aucun*|nullement|aucunement|guere|point|rien|ni',
      // the literary negation of "pouvoir" and "savoir" without "pas", common in legal French
      // ("ne peuvent être utilisés en vue de capter des sons", "ne saurait être couplé à…";
      // "ne peut être utilisé que…" is a restriction, a pseudo-negation below)
      `ne|n ${LITERARY_FR}`,
      'aucun|aucune|aucuns|aucunes|nul|nulle|nuls|nulles',
      'ni',
      'sans',
      'a l exclusion',
      'exclu|exclue|exclus|exclues|exclut|excluent|exclure|excluant|exclusion|exclusions',
      'interdit*|interdiction|interdictions|interdire|interdis*',
      'prohib*|proscri*',
      'en aucun cas',
      'jamais',
      'non recours|utilisation|usage|collecte|deploiement',
      // « L'absence de drone », « Sur l'absence de géolocalisation » (a heading of a decision)
      'absence|absences de|d',
      'renonce*|renoncer|abstien*|abstenir',
      // une option examinée puis écartée (« a écarté l'option d'une reconnaissance faciale »,
      // « a refusé l'offre d'un module de lecture des plaques ») ; pas « a rejeté la demande »
      'ecarte|ecartee|ecartes|ecartees|rejete|rejetee|rejetes|rejetees|refuse|refusee|refuses|refusees|decline|declinee ~3 option|options|offre|offres|proposition|propositions|variante|variantes|module|modules|fonctionnalite|fonctionnalites|extension|extensions|solution|solutions|experimentation|abonnement',
      // « concerne les images mais pas les sons »
      'mais pas|non|jamais',
    ],
    after: [
      `ne|n ~3 pas|plus|jamais|nullement|aucunement|point ~2 ${NEGATED_VERBS_FR}`,
      `ne|n ${LITERARY_FR} ~3 ${NEGATED_VERBS_FR}`,
      'est|sont|sera|seront|soit|soient|etre|demeure*|reste* ~1 exclu*|interdit*|proscrit*|prohibe*|bann*',
      'exclu|exclue|exclus|exclues|interdit|interdite|interdits|interdites|proscrit|proscrite|proscrits|proscrites',
      'hors perimetre|champ',
      'hors du perimetre|champ',
      // a cessation ("le projet … a été abandonné", « la fonction est désactivée », « a pris fin »):
      // the subject is no longer part of the system (not « terminé »: an installation completed)
      'a|ont|avait|avaient|aurait|auraient ete ~2 abandonne*|desactive*|demantele*|demonte*|desinstalle*|retire|retiree|retires|retirees',
      'est|sont|etait|etaient|sera|seront ~1 abandonne*|desactive*',
      // a feature kept switched off (« la captation du son reste désactivée »)
      // « la reconnaissance faciale est absente de la version livrée »
      'est|sont|sera|seront|reste|restent|demeure|demeurent ~1 absent|absente|absents|absentes',
      'reste|restent|restera|resteront|demeure|demeurent|demeurera|demeureront|maintenu|maintenue|maintenus|maintenues ~1 desactive*|inactive|inactives|inhibe*',
      'a|ont|avait|avaient pris fin',
      // a document that does not exist (« le document sollicité, relatif aux drones, n'existe
      // pas »): a records answer's denial excludes its subject
      'ne|n ~1 existe|existent|existait|existaient pas|plus',
    ],
    pseudo: [
      // une condition (« en l'absence de réponse »), pas le constat d'une absence
      'en l absence|absences',
      // une manière d'alimenter, pas une exclusion (« alimenté, sans saisie manuelle, par… »)
      'sans ~1 saisie|intervention|ressaisie|action|manipulation ~1 manuelle|humaine|manuelles|humaines',
      // a device switched off at times (« si la caméra est désactivée, l'agent le signale »)
      // (« dès que », not the article « des »: « les fonctions … des caméras sont désactivées »)
      'si|lorsque|lorsqu|quand ~6 est|sont|etait|reste ~1 desactive*',
      'des que|qu|lors ~6 est|sont|etait|reste ~1 desactive*',
      'non seulement',
      'pas seulement|uniquement|exclusivement',
      // "sont transmises exclusivement à…", "à titre exclusif": a restriction, not an
      // exclusion (the prefix "exclu*" of the exclusion cues would take them)
      'exclusivement|exclusif|exclusive|exclusifs|exclusives',
      'sans prejudice',
      'sans delai|delais|que|qu|toutefois|limitation|surcout|frais|cout|interruption|exclure|exception|prejudice',
      'sans s y limiter|restreindre',
      'ne|n ~3 que|qu',
      'ne|n ~3 pas ~1 seulement|uniquement|exclusivement|limit*|moins|que|qu|exclu*|exclure|excluant|interdit*|seul*',
      'ne|n ~1 exclut|exclu|excluent',
      'ne|n ~2 limite|limitent|limitera|limiteront|restreint|restreignent|borne|bornent ~1 pas',
      'non exhaustiv*|limitativ*',
      // a measure held unlawful ("ne saurait être mis en œuvre licitement par la commune", "ne
      // peut légalement être utilisé"): a regulator or a court describes it, it is not excluded
      'ne|n ~5 licitement|legalement|regulierement|valablement',
      // a number abbreviation ("délibération n° 2021-045"), compound nouns with "interdit"
      // ("stationnement interdit", "zone interdite"), form answers ("sans objet")
      'n|no 0*|1*|2*|3*|4*|5*|6*|7*|8*|9*',
      'stationnement|arret|zone|zones|secteur|secteurs|espace|espaces|perimetre|perimetres|acces|sens|circulation|survol interdit*',
      'non applicable',
      // une question rhétorique (« qui n'a jamais vu une caméra à l'entrée d'un magasin ? ») :
      // ce que chacun a vu existe
      'qui n|ne ~2 jamais|pas vu|vue|remarque|croise|entendu',
      // aucun projet de changer ce qui existe (« aucun projet d'étendre la durée de
      // conservation des images ») : les images existent, c'est le changement qui est écarté
      'aucun|aucune ~2 projet|projets|proposition|propositions|intention ~3 etend*|extension|elarg*|augment*|modifi*|prolong*|remplac*|redui*|reduction',
      'pas de ~2 projet|projets|proposition|propositions|intention ~3 etend*|extension|elarg*|augment*|modifi*|prolong*|remplac*|redui*|reduction',
      'sans objet',
      // the legal name of drones in French law ("aéronefs circulant sans personne à bord",
      // CSI L. 242-1; "aéronef sans équipage", "avion sans pilote"): a name, not an exclusion
      // a court or the CNIL forbidding a practice that took place ("le Conseil d'État
      // interdisait l'usage des drones", "la CNIL a enjoint de cesser les vols"): the decision
      // describes the measure, as a provision struck down is still described
      // (past tenses only: "la CNIL interdit aux employeurs de…" states a rule, an exclusion)
      'etat|constitutionnel|cnil|tribunal|cour|juge|referes ~3 a|ont|avait|avaient interdit|censure',
      'etat|constitutionnel|cnil|tribunal|cour|juge|referes ~3 interdisait|interdisaient|censurait|enjoin*|enjoint',
      // what escapes oversight exists ("l'article exclut du contrôle de la CNCTR la
      // surveillance des transmissions"): the control is excluded, not the measure
      'exclu* ~3 controle|controles',
      // a fine issued without stopping the driver ("verbaliser, sans interception, un
      // véhicule"; "sans interpellation"): the stop is what does not happen
      'sans interpellation',
      'sans interception ~3 conducteur*|contrevenant*|automobiliste*|vehicule*|usager*',
      'sans personne a bord',
      'sans equipage|pilote',
      // a prohibition heading over a list of purposes ("Usages interdits") negates the
      // purposes, not the technique the policy governs
      'usages|usage|utilisations|finalites|fins|pratiques interdit*|proscrit*|prohibe*',
      // a negated handling of existing data ("n'a pas effacé les images", "ne transmettaient
      // pas les décisions"): the data exist, a practice is reported
      // The verb comes right after the negation words, so that "ne permet pas de vérifier"
      // (a capability) is still a negation.
      `ne|n ~1 ${HANDLED_DATA_FR}`,
      `ne|n ~2 pas|jamais|plus ~1 ete|etre ${HANDLED_DATA_FR}`,
      `ne|n ~2 pas|jamais|plus ${HANDLED_DATA_FR}`,
      'ne|n ~3 pas|jamais|plus ~1 mis|mise|mises|mettre|met|mettent a jour',
      // a safeguard on existing data ("il n'existe aucune possibilité de modifier les images
      // enregistrées"): the images exist, tampering is what is ruled out
      'aucune|aucun|pas ~2 possibilite|moyen|capacite|faculte ~1 de|d ~1 falsifi*|modifi*|alter*|effac*|supprim*|retouch*|manipul*',
      // a breached duty in a data-protection decision ("n'a pas informé les salariés de la
      // présence des caméras", "n'a pas réalisé d'analyse d'impact du dispositif", "n'a pas
      // justifié la nécessité du dispositif biométrique"): the system exists, a duty was missed
      'ne|n ~2 pas|jamais|plus informe|informes|informee|informees|informer|explique*|justifie*|demontre*',
      // « n'a pas distingué les données des victimes de celles des mis en cause »
      'ne|n ~2 pas|jamais distingu*|separe*|dissocie*',
      // a negated sale or disclosure of data the system holds ("les données ne sont pas cédées
      // à des tiers", "ne seront ni vendues ni divulguées"): the data exist, their release is limited
      'ne|n ~3 pas|jamais|ni ~1 vend*|cede|cedee*|cedes|divulgu*|revend*|commercialis*|louee*',
      'ne|n ~3 pas|jamais ~1 transmis*|communique*|partage* ~3 tiers|tierce|tierces',
      'ne|n ~2 pas|jamais|plus ~1 ete informe|informes|informee|informees',
      'ne|n ~3 pas|jamais ~1 realise*|effectue*|conduit*|procede*|mene* ~4 analyse|analyses|aipd|etude|etudes',
      // a missing legal basis ("il n'existe pas de base légale pour le traitement de
      // reconnaissance faciale", « sans fondement juridique »): the processing exists, a
      // regulator or a court finds it unlawful
      'ne|n ~3 pas|aucun|aucune ~2 base|bases|fondement|fondements ~1 legal|legale|legales|legaux|juridique|juridiques',
      'sans|absence|defaut ~3 base|bases|fondement|fondements ~1 legal|legale|legales|legaux|juridique|juridiques',
      // permissive double negatives: "rien n'interdit", "aucune disposition ne s'oppose à",
      // "n'interdit pas", "ne fait pas obstacle à", "ne s'oppose pas à"
      `rien|aucune|aucun|nul|nulle ~3 n|ne ~1 ${FORBID_FR}|exclut`,
      'rien|aucune|aucun|nul|nulle ~3 n|ne ~2 oppose|opposent|opposera|obstacle',
      `ne|n ~2 ${FORBID_FR}|oppose|opposent ~1 pas|nullement|aucunement`,
      'ne|n ~3 pas|nullement|aucunement ~1 obstacle',
    ],
    terminators: [
      'mais|sauf|excepte|toutefois|cependant|neanmoins|pourtant|hormis|seul|seuls|seule|seules|uniquement',
      'en revanche',
      'par contre',
      'a l exception',
      'autre|autres que|qu',
      'alors|tandis que|qu',
      // a second subordinate clause (« a relevé que la commune … et que la fonction de
      // reconnaissance faciale n'avait jamais été utilisée »): a negation stays in its own
      'et|ou que|qu',
      // « sans alternative à la reconnaissance faciale » : ce à quoi on n'offre pas
      // d'alternative est bien employé
      'alternative|alternatives a|au|aux',
    ],
    optional: [
      'en option',
      'option|options|optionnel*',
      'a titre optionnel',
      'tranche|tranches optionnel*|conditionnel*',
      'pse',
      'prestation|prestations supplementaire* eventuel*',
      'le cas echeant',
      'eventuel|eventuelle|eventuels|eventuelles|eventuellement',
      'variante*',
      'pourr* ~2 etre ~1 commande*|active*|propose*|retenu*',
      'a la demande du pouvoir adjudicateur|acheteur',
    ],
    future: [
      'a terme',
      'ulterieur*',
      'pourr* ~2 etendu*|etendre|completee*|complete|integre*|integrer|evoluer|ajout*|raccord*',
      'evolutif|evolutive|evolutifs|evolutives|evolutivite',
      'permettre ~2 terme|ulterieurement',
      'dans une phase|etape ulterieure|future',
      'phase|etape|tranche future|suivante',
      'en prevision ~2 extension|evolution|deploiement',
    ],
    futureAhead: [
      'compatible|compatibles ~1 avec',
      'prevoir|prevoira|prevoient|prevu|prevue ~2 possibilite',
      'pre equipe*|preequipe*|pre cable*|precable*',
      'pret|prete|prets|pretes pour',
    ],
    listHeadings: [
      'exclusion|exclusions',
      'hors perimetre|champ',
      'hors du perimetre|champ',
      'prestations|elements|fonctionnalites|equipements exclu*|interdit*',
      // « Données exclues », « Technologies interdites », « Données non collectées »
      'donnees|informations|technologies|techniques|traitements|dispositifs|outils|capteurs|materiels exclu*|interdit*|proscrit*',
      'donnees|informations non collectee*|enregistree*|conservee*|traitee*|captee*|recueillie*',
      'ne|n ~3 pas|jamais collect*|enregistr*|capt*|conserv*|detect*|recueill*',
      'ne ~3 pas partie',
      'non compris|inclus|couvert*|prevu*',
      'pratiques exclu*',
    ],
    exceptions: [
      'sauf|excepte|hormis ~3 autoris*|accord|derogation|decision|mandat|requisition|urgence|cas|si|lorsque|dans|en|sur|avec|apres|conformement|dispositions|necessit*|demande',
      'a moins que|qu|d',
      'sans ~3 autoris*|accord|mandat|requisition|decision|consentement|information|justification|motif|habilitation|validation',
      // "ne peuvent être déployées sans base légale": permitted where the law provides
      'sans ~1 base|cadre|fondement ~1 legal|legale|juridique|legislatif|legislative|reglementaire',
      'a l exception ~3 cas|autoris*|urgence|requisition*',
      'en dehors ~3 cas|autoris*|requisition*',
      'hors ~2 cas|autorisation|autorisations|requisition|requisitions',
    ],
    purposes: [
      'a|pour d autres fins|finalites que|qu',
      'autrement que|qu ~2 pour|dans|par',
      'sauf|excepte|hormis pour',
      // un usage écarté pour un genre de fins (« à des fins personnelles ») : le dispositif sert,
      // c'est son détournement qui est interdit
      'a|pour ~1 des|de fins|finalites personnel*|privee*|commercial*|etrangere*|illicite*|politique*',
      'a titre personnel|prive',
      // un motif écarté (« aucune recherche ne peut être fondée sur les seules opinions
      // politiques ») : les recherches existent, c'est le motif qui est exclu
      'au|pour le seul|seuls motif|motifs|titre',
      'sur le|la|les seul|seule|seuls|seules fondement|base|motif',
      'fonde*|base* ~1 uniquement|exclusivement|seulement sur',
      'fonde*|base* sur les|la|le seul|seule|seuls|seules',
      'uniquement|exclusivement|seulement en raison|sur la base',
    ],
    cessations: [
      // « a cessé d'utiliser les drones », « arrête de recourir à… »
      'cesse|cesser|cessent|cessera|cesseront|cessait|cessaient|arrete|arreter|arretent|arretera|arreteront|arretait ~1 d|de ~1 utiliser|exploiter|recourir|employer|deployer|proposer|fournir|acheter|financer|faire',
      // « a abandonné le projet de… », « l'abandon du dispositif », « la suppression du programme »
      // (not « la suppression des images du dispositif »: two words at most before the head)
      'abandon|abandonne|abandonnee|abandonnes|abandonnent|abandonner|abandonnera|abandonnait|renonce|renoncent|renoncer|renoncera|suppression|arret ~2 utilisation|usage|emploi|exploitation|recours|deploiement|programme|dispositif|experimentation|projet|contrat|abonnement|partenariat|service',
      // « a mis fin au contrat de… » (not « à la fin du marché »)
      'mis|mise|mises|mettre|met|mettent|mettra|mettront fin ~1 a|au|aux ~2 utilisation|usage|emploi|exploitation|recours|deploiement|programme|dispositif|experimentation|projet|contrat|abonnement|partenariat|service',
    ],
    // « le programme de drones a pris fin »: the name follows its head, an `after` cue covers it
    endings: [],
    anaphors: [
      'tel|telle|tels|telles ~1 dispositif|dispositifs|systeme|systemes|outil|outils|technologie|technologies|equipement|equipements|fonctionnalite|fonctionnalites|traitement|traitements|module|modules|solution|solutions|option|options|programme|projet|service|logiciel|logiciels|usage|usages',
      'ce|cet|cette|ces dispositif|dispositifs|systeme|systemes|outil|outils|technologie|technologies|equipement|equipements|fonctionnalite|fonctionnalites|traitement|traitements|module|modules|solution|solutions|option|options|programme|projet|service|logiciel|logiciels|proposition|demande|experimentation|usage|utilisation',
      'le|l dispositif|programme|experimentation|test',
      // « ce ne sera pas le cas »
      'le cas',
      // a search that found nothing for the item before (« Point 3 : documents relatifs aux
      // drones. Aucun document correspondant n'a été retrouvé. »)
      'document|documents correspondant|correspondants|repondant|repondants',
    ],
    antecedents: [
      'propose|proposee|proposes|proposees|proposait|proposaient|proposition|suggere*|envisag*|souhait*|variante|variantes|option|options|optionnel*|idee|idees|hypothese|possibilite',
      // the item of a records request (« documents relatifs aux drones »)
      'document|documents ~1 relatif|relatifs|relative|relatives|concernant|portant|afferent|afferents',
      'teste|testee|testes|testees|tester|experimente*|experimentation|lance|lancee|lances|lancees',
    ],
    inquiries: [
      'demande|demandes|demandee|demandent|demandaient|etudie*|examine|examinee|evoque*|si',
    ],
    proposedUse: [
      'ajout*|utilis*|inclu*|integr*|acquer*|acquisition|achat|achet*|deploi*|deploy*|install*|equip*|recour*|employ*|dote*|raccord*|dispose*|disposent|possede*|exploit*|enregistr*|capt*|collect*|conserv*|lire|lit|lisent|analys*|filme*|filmer|suivre',
    ],
  },
  en: {
    before: [
      'no|not|never|neither|nor|none|cannot|without',
      'excluding|exclude|excludes|excluded|exclusion|exclusions',
      'prohibit|prohibits|prohibited|prohibiting|prohibition',
      'forbid*|ban|bans|banned|banning',
      'refrain* from',
      // "Absence of drones", "the lack of any facial recognition" (a heading or a finding)
      'absence|lack of',
      // a bar on a person ("bars officers from entering case data into an AI tool", "precludes
      // the vendor from enabling face matching"); a bar on selling or sharing data is a limit,
      // and the data stay (the limits below)
      'bar|bars|barred|barring|preclude|precludes|precluded|precluding ~3 from',
      'in no case|event',
      'under no circumstances',
      // "records video but not audio"
      'but not',
      // the ban of a surveillance ordinance ("It shall be unlawful for any City department to
      // obtain, retain, access, or use: …"): the cue ends on the verb, so a colon opens its list
      'is|be unlawful for ~8 to ~6 use|possess|deploy|operate|install|purchase|acquire',
      // "makes it unlawful for any City department to obtain, retain, access or use …"
      'makes|make|made it unlawful for ~8 to ~6 use|possess|deploy|operate|install|purchase|acquire|obtain|access',
      // an option considered and turned down ("the Trust rejected a supplier option that would
      // have allowed fingerprints", "declined the vendor's offer of face matching"): what the
      // option offered is excluded (not "rejected the claim that the cameras…")
      'rejected|declined|refused|discarded ~3 option|options|offer|offers|proposal|proposals|alternative|alternatives|module|modules|feature|features|addon|upgrade|upgrades|capability|capabilities|solution|solutions|pilot|trial|subscription',
      'ruled out ~3 option|options|offer|offers|proposal|proposals|alternative|alternatives|module|modules|feature|features|upgrade|upgrades|capability|capabilities|solution|solutions|pilot|trial|subscription',
      'turned down ~3 option|options|offer|offers|proposal|proposals|alternative|alternatives|module|modules|feature|features|upgrade|upgrades|capability|capabilities|solution|solutions|pilot|trial|subscription',
    ],
    after: [
      `not|never ~2 ${NEGATED_VERBS_EN}`,
      'is|are|be|being|remain*|was|were ~1 prohibited|excluded|forbidden|banned|disallowed',
      'excluded|prohibited|forbidden|banned',
      'out of scope',
      'outside the scope',
      // a cessation: "the cameras were decommissioned", "the drone program ended in 2021"
      'was|were|been ~1 discontinued|decommissioned|abandoned|dismantled|scrapped|halted|deactivated|uninstalled|terminated|cancelled|canceled|ended',
      'was|were|been ~1 phased|shut out|down',
      // a feature switched off ("audio capture shall remain disabled", "face matching is
      // disabled by default", "the microphones are turned off")
      'is|are|be|been|remain|remains|remained|stay|stays|kept|left ~1 disabled|deactivated',
      'is|are|be|been|remain|remains|remained|stay|stays|kept|left switched|turned off',
      // a feature named with its state, no verb ("delivers the platform with the face-matching
      // and face-search features disabled", "with those capabilities switched off")
      'feature|features|function|functions|functionality|functionalities|capability|capabilities|module|modules|option|options disabled|deactivated',
      'feature|features|function|functions|functionality|functionalities|capability|capabilities|module|modules|option|options switched|turned off',
      // "face matching is absent from the edition licensed to the City"
      'is|are|be|been|remain|remains|remained ~1 absent|missing',
    ],
    pseudo: [
      // a condition ("in the absence of a warrant"), not a statement that something is absent
      'in the absence|lack',
      'not only|just|necessarily',
      // a device switched off at times ("if a body camera is disabled, the officer reports it")
      // and people with a disability ("spaces are for disabled drivers")
      'if|when|whenever|once|until ~6 is|are|be|becomes|become ~1 disabled|deactivated|switched|turned',
      'disabled people|persons|person|drivers|driver|users|user|access|parking|veterans|employees|individuals|residents|visitors|passengers|children|adults',
      // a verb of ending with a clause ("the pilot concluded that cameras deterred theft")
      'concluded|ended|ceased|stopped that',
      // a device switched on only at times ("body cameras are not activated during breaks")
      'not ~1 activated|enabled ~1 during|while|when|until|before|after|between',
      // a measure held unlawful ("cannot lawfully be used by the council"): described, not excluded
      'not|cannot|never ~3 lawfully|legally|validly',
      // litotes: "it is not uncommon for officers to review footage" says they do
      'not uncommon|unusual|infrequent|infrequently|unheard|unknown|unlike',
      'whether or not',
      'if not',
      'no later|less|more|fewer|sooner',
      'not limited|exceed*',
      'not be limited',
      'not to exceed',
      'without limitation|limiting|prejudice|delay|charge|additional|interruption',
      // a manner of feeding, not an exclusion ("CCA ingests, without manual entry: (a) …")
      'without ~1 manual|human|operator|user|further ~1 entry|input|intervention|action|keying|rekeying|handling|re',
      'no cost|charge|additional|extra',
      'at no',
      'not be excluded|prohibited',
      // a rhetorical question ("who has not seen a video device at a reception desk?"): what
      // everyone has seen exists
      'who ~1 has|have|hasn|haven ~1 not|never|t ~1 seen|heard|noticed|encountered|come',
      // no plan to change what exists ("there are no proposals for extending the ANPR data
      // retention period", "no plans to expand the camera network"): the data or the network
      // exist, the change is what is ruled out
      'no ~2 proposal|proposals|plan|plans|intention|intentions ~3 extend*|expand*|increas*|chang*|modif*|replac*|reduc*|renew*|shorten*|lengthen*',
      // a number abbreviation ("Resolution No. 2021-14"), compound nouns ("no parking zone",
      // "no-fly zone"), form answers ("not applicable")
      'no|nos 0*|1*|2*|3*|4*|5*|6*|7*|8*|9*',
      'no parking|stopping|entry|fly|flying|trespassing|standing',
      'not applicable',
      // a prohibition heading over a list of purposes ("Prohibited uses") negates the
      // purposes, not the technique the policy governs
      'prohibited|forbidden|banned uses|use|purposes|activities|conduct',
      // a negated handling of existing data ("did not purge the data", "shall not delete
      // footage"): the data exist, a practice or a retention rule is described
      // The verb comes right after "not" or "not be/been", so that "not able to verify" (a
      // capability) is still a negation.
      `not|never ${HANDLED_DATA_EN}`,
      `not|never be|been|being|yet ${HANDLED_DATA_EN}`,
      'not exclude*|prohibit*',
      // a court or a regulator forbidding a practice that took place ("the court barred the
      // police from using face recognition"): the decision describes the measure
      'court|judge|commissioner|regulator|ico|cnil ~3 prohibited|banned|barred|enjoined|forbade',
      // a safeguard on existing data ("there is no way to alter or delete the recordings")
      'no|not|cannot ~3 ability|way|means|possibility|capability|option ~3 alter*|modif*|edit*|delete*|tamper*|falsif*|manipulat*|overwrit*',
      // a negated sale or disclosure of data the system holds ("will not sell or share ALPR data
      // with third parties", "shall not be disclosed to the public"): the data exist, their
      // release is limited
      'not|never ~2 sell|sold|selling|resell*|disclos*|release*|disseminat*|rent|rented',
      // "does not permit the sharing of ALPR data … for immigration enforcement"
      'not|never ~1 permit|permits|allow|allows|authorize|authorizes|authorise|authorises ~2 sharing|sale|disclosure|release|dissemination|transfer',
      // … or by a determiner ("no footage will be shared with federal agencies")
      'no ~2 will|shall|may|is|are|can|be ~2 shared|sold|resold|disclosed|released|disseminated|transferred|rented|given|provided ~2 with|to',
      // the same limit said by a prohibition ("the vendor is prohibited from selling plate data")
      'prohibited|forbidden|barred|restricted|precluded from sell*|resell*|disclos*|releas*|disseminat*|rent*|shar*|transfer*|monetiz*|monetis*',
      'not|never ~2 share|shared|sharing ~6 with ~2 third|other|outside|any|federal|private|commercial|non|vendors|companies|entities|parties|agencies|partners',
      // a breached duty in a data-protection decision ("did not inform the data subjects of the
      // CCTV", "has not demonstrated that the biometric system is necessary", "did not carry out
      // an impact assessment of the cameras"): the system exists, a duty was missed
      'not|never ~2 inform|informed|explain*|justif*|demonstrat*',
      // "did not distinguish between the personal data of victims and suspects": a duty of the
      // records' keeper, the records exist
      'not|never ~2 distinguish*|differentiat*|separat*|segregat*',
      'not|never ~1 conduct*|perform*|carr*|complet*|prepar*|undert* ~5 assessment|assessments|dpia|dpias',
      // a missing legal basis ("there is no lawful basis for the collection of biometric data",
      // "did not have a valid legal basis"): the processing exists and is found unlawful
      'no|not|never|without|lack|lacks|lacked|lacking|absence ~3 legal|lawful|valid|proper|adequate|appropriate|statutory ~1 basis|bases|ground|grounds|authority|authorization|authorisation|justification',
      // permissive double negatives: "nothing in this policy shall prohibit", "does not
      // preclude", "no provision of this section prevents"
      'nothing ~6 prohibit*|preclude*|prevent*|forbid*|restrict*|bar|bars|limit*|exclude*|ban|bans',
      'no provision|part|section ~6 prohibit*|preclude*|prevent*|forbid*|restrict*|bar|bars|exclude*',
      'not|never ~2 preclude*|prevent*|forbid*|bar|restrict*',
    ],
    terminators: [
      'but|except|excepting|however|although|though|whereas|while|unless|instead|rather|apart|aside|save',
      // "if you do not have the equipment to blur them, then you should…": the condition ends there
      'then',
      // "found that the city used it for plates and that facial recognition was never used"
      'and|or that',
      'other than',
      'with the exception',
      'only',
      // "not offered an alternative to having their fingers scanned": what has no alternative
      // is used
      'alternative|alternatives to',
    ],
    optional: [
      'optional|optionally|option|options',
      'if applicable|requested|needed',
      'where applicable',
      'as needed',
      'alternate|alternates',
      'alternative bid',
      'at ~3 option',
      'may ~1 be ~1 ordered|requested|exercised|purchased|procured',
      'may ~2 include|integrate*',
      'bid alternate|additive',
      'add alternate|alternates',
    ],
    future: [
      'may ~2 extended|expanded|added',
      'at a later stage|date',
      'later|future phase|phases|expansion|upgrade|upgrades',
      'phase ii|2',
      'future proof|proofed',
      'futureproof*',
      'provision for future',
      'in the future',
    ],
    futureAhead: [
      'ready for',
      'compatible with',
      'capable of supporting|accommodating',
      'scalable to',
      'pre wired|equipped',
      'prewired',
    ],
    listHeadings: [
      'exclusion|exclusions',
      'out of scope',
      'outside the scope',
      'not in scope',
      'not included|covered|permitted|allowed',
      // a transparency portal's "What's Not Detected" / "Not collected" list
      'not detected|collected|captured|recorded|stored|tracked|monitored',
      'excluded uses|activities',
      'prohibited|excluded|forbidden items|capabilities|features|technologies',
      // "Data not collected", "Excluded data"
      'data|information|images never|not collected|captured|recorded|stored|retained|kept',
      'prohibited|excluded|forbidden',
    ],
    exceptions: [
      'unless',
      'except|excepting|save ~3 when|where|if|with|upon|pursuant|as|under|in|by|after|during|authori*|approv*|permitted|allowed|required|necessary|exigent|emergency',
      'without ~3 warrant|warrants|authori*|approval|consent|order|permission|subpoena|justification|case|reason|need|supervisor*|supervisory',
      // the clause of surveillance-technology ordinances: "prohibit the acquisition … prior to
      // obtaining city council approval"
      'prior to obtaining|receiving|securing|seeking ~4 approval|authori*|consent|warrant',
      'before obtaining|receiving|securing|seeking ~4 approval|authori*|consent|warrant',
      'with the exception ~3 of',
      'only ~3 when|where|if|with|upon|pursuant|under|after|during',
    ],
    purposes: [
      'other than ~3 for|law|official|legitimate|lawful|authorized|authorised|investigat*|criminal|public',
      'except|excepting|save for',
      'only ~3 for',
      // a use ruled out for one kind of purpose ("shall not access NCIC for personal reasons",
      // "shall not be used for personal or non-law-enforcement purposes"): the system is used,
      // its misuse is what the policy forbids
      'for ~1 personal|private|unauthorized|unauthorised|improper|unlawful|illegitimate|recreational|commercial|political|retaliatory|discriminatory|non ~4 reasons|reason|purpose|purposes|use|uses|gain|business|matters',
      'for the sole|only|exclusive|single purpose|purposes',
      // a ground ruled out for a search ("shall not request face searches based solely on a
      // person's religion"): the searches exist, the ground is what is excluded
      'based solely|only|exclusively|merely on|upon',
      'solely|only|merely because|due',
      'on the sole|only basis',
    ],
    cessations: [
      // "stopped using", "will stop offering", "ceased operating" (not "stop recording", a
      // rule of body-camera use)
      'stop|stops|stopped|stopping|cease|ceases|ceased|ceasing|discontinue|discontinues|discontinued|discontinuing|quit|quits ~1 using|offering|operating|deploying|flying|purchasing|buying|running|licensing|subscribing|funding|providing',
      // "discontinued its use of", "ended the drone program", "shut down the pilot" (not "ended
      // the backlog"; not "may terminate this agreement", a clause of every contract)
      'discontinue|discontinues|discontinued|ceased|ended|stopped|halted|abandoned|abandons|scrapped|decommissioned|dismantled ~3 use|usage|program|programs|programme|pilot|trial|project|contract|subscription|deployment|operation|operations|service|partnership',
      'shut|shutting down ~3 use|usage|program|programs|programme|pilot|trial|project|contract|subscription|deployment|operation|operations|service|partnership',
      // "decommissioned the cameras", "phased out its gunshot sensors"
      'decommissioned|decommissioning|dismantled|dismantling|uninstalled|deactivated the|its|their|all|those|these',
      'phased|phasing out',
    ],
    endings: ['program|programs|programme|pilot|trial|trials|project|contract|subscription|experiment|deployment|partnership|service ~8 ended|ceased|expired|lapsed|stopped|concluded'],
    anaphors: [
      // "no such sensors", "such a system" (not "such as")
      'no such',
      'such ~1 system|systems|technology|technologies|tool|tools|device|devices|capability|capabilities|program|programme|software|equipment|feature|features|option|options|solution|service|module|application|use|uses|sensor|sensors|camera|cameras|reader|readers|drone|drones|aircraft|database|databases|data|tracking|monitoring|surveillance|analytics',
      'this|that|these|those system|systems|technology|technologies|tool|tools|device|devices|capability|capabilities|program|programme|software|equipment|feature|features|option|options|solution|service|module|application|proposal|request|pilot|trial|use',
      'the program|programme|pilot|trial|experiment',
      // "that will not be the case"
      'be|is|was the case',
      // a search that found nothing for the item before ("Item 3: records relating to
      // cell-site simulators. A diligent search located no responsive records.")
      'responsive records|documents',
      'records|documents responsive',
    ],
    antecedents: [
      'offer|offers|offered|offering|propos*|suggest*|recommend*|pitch*|contemplat*|envisag*|option|options|optional|alternate|idea|ideas|floated|mooted|possibility',
      // the item of a records request ("records relating to cell-site simulators")
      'records|documents ~1 relating|regarding|concerning|pertaining|related|about|referencing|reflecting',
      'pilot|pilots|piloted|piloting|tested|testing|trial|trials|trialled|trialed|trialling|launched|introduced|experiment*',
    ],
    inquiries: [
      'consider*|discuss*|request|requests|requested|ask|asks|asked|explor*|examin*|whether',
    ],
    proposedUse: [
      'add|adding|added|use|uses|using|used|include|including|integrat*|acquir*|buy|buying|purchas*|deploy*|install*|equip*|introduc*|employ|employing|connect*|link*|have|has|own|owns|possess*|operat*|carry|carries|record|records|recording|captur*|collect*|store|stores|storing|retain*|read|reads|scan|scans|track|tracks|monitor*|analy*',
    ],
  },
};
