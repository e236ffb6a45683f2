// The 14 category ids of the taxonomy (public interface: JSON, --fail-on, rule packs) and their names.

export interface CategoryInfo {
  id: string;
  en: string;
  fr: string;
}

export const BUILTIN_CATEGORIES: readonly CategoryInfo[] = [
  { id: 'video-surveillance', en: 'Video surveillance', fr: 'Vidéosurveillance' },
  { id: 'biometrics', en: 'Biometrics', fr: 'Biométrie' },
  { id: 'social-media', en: 'Social media', fr: 'Réseaux sociaux' },
  { id: 'health', en: 'Health data', fr: 'Données de santé' },
  { id: 'telecom', en: 'Telecom data', fr: 'Données des opérateurs télécoms' },
  { id: 'crowdsourcing', en: 'Crowdsourcing', fr: 'Signalements citoyens (crowdsourcing)' },
  { id: 'drones', en: 'Drones', fr: 'Drones' },
  { id: 'police-records', en: 'Police records', fr: 'Fichiers et registres de police' },
  { id: 'public-partners', en: 'Public partners’ data', fr: 'Données de partenaires publics' },
  { id: 'private-partners', en: 'Private partners’ data', fr: 'Données de partenaires privés' },
  { id: 'vehicle-tracking', en: 'Vehicle tracking', fr: 'Suivi des véhicules (LAPI)' },
  { id: 'audio-sensors', en: 'Audio sensors', fr: 'Capteurs sonores' },
  { id: 'automated-analysis', en: 'Automated analysis', fr: 'Analyse automatisée' },
  { id: 'geolocation', en: 'Geolocation', fr: 'Géolocalisation' },
];

export const BUILTIN_CATEGORY_IDS: readonly string[] = BUILTIN_CATEGORIES.map((c) => c.id);
