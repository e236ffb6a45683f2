// How firmly a dossier commits to each finding: required, optional, future or excluded, in
// French and English. Each sentence is written for this file, in the words of a tender; beside
// it, the category to look at, the commitment it must get and, for optional and future ones,
// the cue --explain shows.
import { describe, expect, it } from 'vitest';
import { analyseDocument } from '../../src/analyse/document.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { changeDetail } from '../../src/report/diff-words.js';
import { buildReport } from '../../src/report/model/build.js';
import { diffReports } from '../../src/report/model/compare.js';
import { ensureFindingIds } from '../../src/review/ids.js';
import type { Commitment } from '../../src/types.js';
import { pageFromText } from '../helpers/text.js';

const rules = loadRuleSet();
const findingOf = (text: string, category: string) => analyseDocument('t.pdf', [pageFromText(text)], rules).findings.find((f) => f.category === category);

interface Case {
  text: string;
  category: string;
  commitment: Commitment;
  cue?: string;
}

const CASES: Record<'fr' | 'en', Case[]> = {
  fr: [
    { text: 'Le titulaire fournit et installe quinze caméras de vidéoprotection sur la place du marché.', category: 'video-surveillance', commitment: 'required' },
    { text: 'Tranche optionnelle n° 2 : fourniture de deux drones de surveillance et formation des télépilotes.', category: 'drones', commitment: 'optional', cue: 'tranche optionnelle' },
    { text: 'Prestation supplémentaire éventuelle : un module de lecture automatisée des plaques d’immatriculation.', category: 'vehicle-tracking', commitment: 'optional', cue: 'prestation supplementaire eventuelle' },
    { text: 'Les candidats peuvent proposer une variante intégrant des capteurs sonores sur les mâts.', category: 'audio-sensors', commitment: 'optional', cue: 'variante' },
    { text: 'La plateforme sera évolutive afin de permettre l’ajout de la reconnaissance faciale.', category: 'biometrics', commitment: 'future', cue: 'evolutive' },
    { text: 'Les caméras seront compatibles avec la reconnaissance faciale.', category: 'biometrics', commitment: 'future', cue: 'compatibles avec' },
    { text: 'Les caméras seront compatibles avec la reconnaissance faciale.', category: 'video-surveillance', commitment: 'required' },
    { text: 'Le titulaire prévoit la possibilité de raccorder ultérieurement des drones.', category: 'drones', commitment: 'future' },
    { text: 'À terme, le système intégrera les données des opérateurs de téléphonie mobile.', category: 'telecom', commitment: 'future', cue: 'a terme' },
    { text: 'Le système n’utilisera en aucun cas la reconnaissance faciale.', category: 'biometrics', commitment: 'excluded' },
    { text: 'Le recours à la reconnaissance faciale est exclu du présent marché.', category: 'biometrics', commitment: 'excluded' },
  ],
  en: [
    { text: 'The contractor shall supply and install fifteen CCTV cameras in the downtown area.', category: 'video-surveillance', commitment: 'required' },
    { text: 'Optional task: supply of two drones and training of the remote pilots.', category: 'drones', commitment: 'optional', cue: 'optional' },
    { text: 'A license plate reader module may be ordered by the City at its discretion.', category: 'vehicle-tracking', commitment: 'optional', cue: 'may be ordered' },
    { text: 'Bid alternate: gunshot detection sensors on the existing poles.', category: 'audio-sensors', commitment: 'optional', cue: 'bid alternate' },
    { text: 'The video management system shall be ready for facial recognition.', category: 'biometrics', commitment: 'future', cue: 'ready for' },
    { text: 'The platform may be expanded to include facial recognition in a future phase.', category: 'biometrics', commitment: 'future' },
    { text: 'The Department may elect to integrate its video surveillance system with other technology.', category: 'video-surveillance', commitment: 'optional', cue: 'may elect to integrate' },
    { text: 'Cameras shall be compatible with facial recognition analytics.', category: 'video-surveillance', commitment: 'required' },
    { text: 'Facial recognition shall not be used.', category: 'biometrics', commitment: 'excluded' },
    { text: 'The system will not include facial recognition.', category: 'biometrics', commitment: 'excluded' },
  ],
};

describe.each(Object.entries(CASES))('commitment (%s)', (_language, cases) => {
  it.each(cases)('$commitment: $text', (c) => {
    const f = findingOf(c.text, c.category);
    expect(f, `no ${c.category} finding`).toBeDefined();
    expect(f!.commitment).toBe(c.commitment);
    // Commitment and modality never disagree: optional and future findings are "optional".
    expect(f!.modality).toBe(c.commitment === 'optional' || c.commitment === 'future' ? 'optional' : 'asserted');
    expect(f!.negated).toBe(c.commitment === 'excluded');
    if (c.commitment === 'optional' || c.commitment === 'future') {
      expect(f!.explain?.modality?.commitment).toBe(c.commitment);
      if (c.cue) expect(f!.explain?.modality?.trigger).toBe(c.cue);
    } else expect(f!.explain?.modality).toBeUndefined();
  });
});

describe('commitment of a list under a heading', () => {
  it('items under "En option :" are optional', () => {
    const text = 'En option :\n- deux drones de surveillance ;\n- une formation.';
    expect(findingOf(text, 'drones')?.commitment).toBe('optional');
  });
});

describe('diff reports a change of commitment', () => {
  const reportOf = (text: string) => {
    const findings = analyseDocument('CCTP.pdf', [pageFromText(text)], rules).findings;
    const entry = { path: 'CCTP.pdf', sha256: null, size: null, pageCount: 1, status: 'ok' as const, pagesWithoutText: [], failedPages: [], runningLines: [], language: 'fr' as const };
    return buildReport([entry], ensureFindingIds(findings), { hash: rules.hash, files: rules.files }, new Date('2026-12-01T00:00:00Z'));
  };
  const drones = (text: string) => reportOf(`Article 3 - Moyens aériens\n${text}`);
  it.each([
    ['optional', 'required', 'Tranche optionnelle : deux drones pour la surveillance des plages.', 'Tranche ferme : deux drones pour la surveillance des plages.', 'optional → planned'],
    ['future', 'optional', 'À terme, deux drones pour la surveillance des plages.', 'En option, deux drones pour la surveillance des plages.', 'for later → optional'],
  ])('%s → %s is a flip', (_from, _to, before, after, shown) => {
    const d = diffReports(drones(before), drones(after), { old: 'v1', new: 'v2' });
    const change = d.findings.find((c) => c.category === 'drones');
    expect(change?.change).toBe('flipped');
    expect(changeDetail(change!, 'en')).toBe(shown);
  });
});
