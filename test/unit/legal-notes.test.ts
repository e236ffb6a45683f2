// Legal notes: the packs validate with located errors; the buyer kind and the date are read
// from the first pages; the notes that apply follow the categories found, the buyer and the
// date. The dossiers are real files built here (DOCX, PDF, text) and run through the engine.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findBuyerKind, findDossierDate } from '../../src/analyse/buyer.js';
import { analyseFile } from '../../src/engine/document.js';
import { checkLegalPack, checkLegalPacks } from '../../src/legal/check.js';
import { legalSection, type LegalSettings } from '../../src/legal/notes.js';
import { legalView } from '../../src/report/legal.js';
import { buildReport } from '../../src/report/model/build.js';
import { loadRuleSet } from '../../src/rules/load.js';
import type { Report } from '../../src/types.js';
import { docxOfParagraphs } from '../helpers/office.js';
import { makePdf } from '../helpers/pdf.js';
import { pageFromText } from '../helpers/text.js';

const rules = loadRuleSet();
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tenderscan-legal-'));
});

async function reportOf(name: string, bytes: Uint8Array | string, settings: LegalSettings = {}): Promise<Report> {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const result = await analyseFile({ path: name, file }, rules, { language: undefined });
  const report = buildReport([result.entry], result.findings, { hash: rules.hash, files: rules.files }, new Date('2026-12-01T00:00:00Z'));
  report.legal = legalSection(report, settings);
  return report;
}
const ids = (r: Report) => r.legal!.notes.map((n) => n.id);
const conflicts = (r: Report) => r.legal!.notes.filter((n) => n.severity === 'conflict').map((n) => n.id);
const commitmentOf = (r: Report, category: string) => r.findings.find((f) => f.category === category)?.commitment;

describe('the built-in packs', () => {
  it('load and validate; every entry cites a public https source and has both summaries', () => {
    const packs = checkLegalPacks();
    expect(packs.entries.length).toBeGreaterThan(15);
    expect(new Set(packs.entries.map((e) => e.jurisdiction))).toEqual(new Set(['fr', 'eu', 'us']));
    for (const e of packs.entries) {
      expect(e.source, e.id).toMatch(/^https:\/\//);
      expect(e.summary.fr.length * e.summary.en.length, e.id).toBeGreaterThan(0);
    }
    expect(packs.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(packs.version).toMatch(/^[0-9a-f]{12}$/);
  });

  const entry = (fields: string) =>
    `jurisdiction: fr\ndate: 2026-01-01\nentries:\n  - id: fr.x\n    categories: [drones]\n    severity: note\n    reference: CSI\n    summary:\n      fr: a\n      en: b\n    source: https://example.org/x\n${fields}`;
  it.each([
    [entry('').replace('severity: note', 'severity: fatal'), /^t\.yaml:6: entry fr\.x: field severity: .*"conflict"\|"check"\|"note"/],
    [entry('    colour: red\n'), /^t\.yaml:12: entry fr\.x: field colour: .*"colour"/],
    [entry('').replace('[drones]', '[dronez]'), /^t\.yaml:5: entry fr\.x: field categories\.0: /],
    [entry('').replace('https://example.org/x', 'http://example.org/x'), /^t\.yaml:11: entry fr\.x: field source: a public https:\/\/ URL/],
    [entry('    from: 2025-04-01\n    until: 2025-03-31\n'), /^t\.yaml:13: entry fr\.x: field until: expected a date on or after from \(2025-04-01\)/],
    [entry('    buyers: [city]\n'), /^t\.yaml:12: entry fr\.x: field buyers\.0: /],
    [entry('').replace('id: fr.x', 'id: eu.x'), /^t\.yaml:4: entry eu\.x: field id: expected an id starting with "fr\."/],
    [entry('') + entry('').split('entries:\n')[1], /^t\.yaml:12: entry fr\.x: field id: expected a unique id/],
    ['jurisdiction: fr\ndate: [2026\n', /^t\.yaml:3: not valid YAML/],
  ])('a broken pack is a located error (%#)', (text, message) => {
    expect(() => checkLegalPack('t.yaml', text)).toThrow(message);
  });
});

describe('buyer kind and date from the first pages', () => {
  it.each([
    ['VILLE DE SAINT-AUBIN\nCahier des clauses techniques particulières', 'commune', 'VILLE DE SAINT-AUBIN'],
    ['Commune de Fleury, police municipale\nCCTP', 'commune', 'Commune de Fleury'],
    ['Métropole Rivages\nAccord-cadre de vidéoprotection', 'epci', 'Métropole Rivages'],
    ['Conseil départemental de la Somme\nRC', 'departement', 'Conseil départemental de la Somme'],
    ['Région Occitanie\nDirection des lycées', 'region', 'Région Occitanie'],
    ['PRÉFECTURE DE LA GIRONDE\nSecrétariat général', 'state', 'PRÉFECTURE DE LA GIRONDE'],
    ['Règlement de la consultation\nPouvoir adjudicateur : Communauté de communes du Val\nObjet', 'epci', 'Communauté de communes du Val'],
    ['City of Springfield\nRequest for Proposals', 'commune', 'City of Springfield'],
    ['Springfield Police Department\nRequest for Proposals', 'police', 'Springfield Police Department'],
    ['County of Marin\nRFP 2025-14', 'departement', 'County of Marin'],
  ])('%j → %s', (text, kind, matched) => {
    const found = findBuyerKind([pageFromText(text)]);
    expect(found?.kind).toBe(kind);
    expect(found?.matched.toLowerCase()).toContain(matched.toLowerCase());
  });

  it("the buyer the procurement facts read (a label of any page) gives the kind the first pages do not", async () => {
    const filler = Array.from({ length: 14 }, (_, i) => `Ligne ${i + 1} du cahier des charges.`);
    const pages = [{ lines: ['Cahier des clauses techniques particulières', ...filler] }, { lines: filler }, { lines: filler }, { lines: ['Section I : Pouvoir adjudicateur', 'Nom officiel : Commune de Fleury-les-Aubrais', 'Adresse postale : place de la République'] }];
    const report = await reportOf('avis.pdf', await makePdf(pages));
    const entry = report.documents[0];
    expect(entry.facts?.find((f) => f.field === 'buyer')?.text).toContain('Commune de Fleury');
    expect(entry.legalContext?.buyer).toMatchObject({ kind: 'commune', page: 4 });
    expect(entry.legalContext?.buyer?.matched).toContain('Commune de Fleury');
  });

  it('a name further down the text is not the buyer (no label, not the title block)', () => {
    const body = Array.from({ length: 14 }, (_, i) => `Ligne ${i + 1} du cahier des charges.`).join('\n');
    expect(findBuyerKind([pageFromText(`${body}\nLes données du ministère de l'Intérieur sont transmises.`)])).toBeUndefined();
  });

  it.each([
    ['Date limite de réception des offres : 12/09/2025 à 12h00', '2025-09-12'],
    ["Date d'envoi du présent avis : 3 avril 2025", '2025-04-03'],
    ['Fait à Lyon, le 1er mars 2024', '2024-03-01'],
    ['Date of issue: March 3, 2025', '2025-03-03'],
    ['Proposals due 2025-06-30 at 2 pm', '2025-06-30'],
    ['Date limite de remise des offres\nDate : 19 avril 2025 ....\nHeure : 15h00', '2025-04-19'],
    ['Date et heure limites de réception des offres :\nMERCREDI 15 JUILLET 2026 A 12:00', '2026-07-15'],
    ['Loi du 19 mai 2023 relative aux jeux Olympiques', undefined],
    ['Date limite de réception des offres : 31/02/2025', undefined],
  ])('%j → %s', (text, value) => {
    expect(findDossierDate([pageFromText(text)])?.value).toBe(value);
  });
});

describe('notes of French dossiers', () => {
  it("a commune's CCTP (DOCX) with plate readers: a conflict, cited with where the buyer was read", async () => {
    const r = await reportOf('cctp-commune.docx', docxOfParagraphs(['Commune de Saint-Aubin', 'CCTP – Lot 2', 'Le titulaire installe un système de lecture automatisée des plaques d’immatriculation (LAPI) aux entrées de ville.']));
    expect(r.legal!.buyer).toMatchObject({ kind: 'commune', from: 'document', document: 'cctp-commune.docx' });
    expect(conflicts(r)).toEqual(['fr.lapi.local-buyer']);
    expect(ids(r)).toContain('fr.lapi.reserved');
    expect(ids(r)[0]).toBe('fr.lapi.local-buyer');
  });

  it("a prefecture's CCTP (PDF) with plate readers: the note only", async () => {
    const pdf = await makePdf([{ lines: ['Prefecture de la Gironde', 'CCTP', 'Le titulaire fournit des dispositifs de lecture automatisee des plaques d immatriculation (LAPI) mobiles.'] }]);
    const r = await reportOf('cctp-prefecture.pdf', pdf);
    expect(r.legal!.buyer?.kind).toBe('state');
    expect(conflicts(r)).toEqual([]);
    expect(ids(r)).toContain('fr.lapi.reserved');
  });

  it('a drone clause for a police municipale: a conflict; a tranche optionnelle keeps it, as optional', async () => {
    const r = await reportOf('cctp-drones.txt', 'Ville de Fleury - Police municipale\nTranche optionnelle : deux drones de surveillance pour la police municipale.\n');
    expect(commitmentOf(r, 'drones')).toBe('optional');
    expect(conflicts(r)).toEqual(['fr.drones.municipal-police']);
  });

  it('excluded facial recognition: no biometric note, conflict or other', async () => {
    const r = await reportOf('cctp-sans-rf.txt', 'Ville de Fleury\nLe système de vidéoprotection n’utilisera en aucun cas la reconnaissance faciale.\n');
    expect(commitmentOf(r, 'biometrics')).toBe('excluded');
    expect(r.legal!.notes.filter((n) => n.categories.includes('biometrics'))).toEqual([]);
  });

  it('an "évolutif" platform for facial recognition: future, and its notes still shown', async () => {
    const r = await reportOf('cctp-evolutif.txt', 'Ville de Fleury\nLa plateforme sera évolutive afin de permettre l’ajout de la reconnaissance faciale.\n');
    expect(commitmentOf(r, 'biometrics')).toBe('future');
    expect(ids(r)).toContain('eu.gdpr.special-categories');
  });

  it('without a buyer kind, the notes that need one are pending; --buyer-kind settles them', async () => {
    const text = 'Cahier des clauses techniques particulières\nLe titulaire fournit deux drones de surveillance.\n';
    const unknown = await reportOf('cctp-anonyme.txt', text);
    expect(unknown.legal!.buyer).toBeNull();
    expect(unknown.legal!.pending).toContainEqual({ id: 'fr.drones.municipal-police', categories: ['drones'], needs: ['buyer-kind'] });
    expect(conflicts(unknown)).toEqual([]);
    expect(legalView(unknown, 'en', (p) => p)?.pending).toMatch(/^\d+ notes? not shown: .*the buyer kind, unknown/);
    const given = await reportOf('cctp-anonyme.txt', text, { buyerKind: 'commune' });
    expect(given.legal!.buyer).toEqual({ kind: 'commune', from: 'option' });
    expect(conflicts(given)).toEqual(['fr.drones.municipal-police']);
  });

  it('algorithmic video: a conflict after 31 March 2025, a check before, pending without a date', async () => {
    const text = (date: string) => `Ville de Fleury\nDate limite de réception des offres : ${date}\nLa plateforme assure l’analyse automatisée en temps réel des flux vidéo des caméras de vidéoprotection par des algorithmes.\n`;
    const after = await reportOf('vsa-2025.txt', text('15/09/2025'));
    expect(after.legal!.date).toMatchObject({ value: '2025-09-15', from: 'document', page: 1 });
    expect(conflicts(after)).toContain('fr.vsa.experiment-ended');
    const before = await reportOf('vsa-2024.txt', text('15/09/2024'));
    expect(conflicts(before)).not.toContain('fr.vsa.experiment-ended');
    expect(ids(before)).toContain('fr.vsa.experiment');
    const undated = await reportOf('vsa.txt', text('prochainement'));
    expect(undated.legal!.pending.map((p) => p.id)).toContain('fr.vsa.experiment-ended');
    const given = await reportOf('vsa.txt', text('prochainement'), { date: '2026-01-10' });
    expect(given.legal!.date).toEqual({ value: '2026-01-10', from: 'option' });
    expect(conflicts(given)).toContain('fr.vsa.experiment-ended');
  });
});

describe('notes of US dossiers', () => {
  it('a city RFP with plate readers: the US checks, no French note', async () => {
    const r = await reportOf('rfp-city.txt', 'City of Springfield\nRequest for Proposals\nThe vendor shall install automated license plate readers at the city limits.\n');
    expect(r.legal!.packs.jurisdictions).toEqual(['us']);
    expect(ids(r)).toEqual(expect.arrayContaining(['us.ca.alpr-policy', 'us.ccops.model-bill']));
    expect(ids(r).some((id) => !id.startsWith('us.'))).toBe(false);
  });

  it('an optional drone lot, a facial-recognition readiness, an excluded face matching', async () => {
    const r = await reportOf(
      'rfp-police.txt',
      'Springfield Police Department\nOptional task: two drones for search and rescue.\n\nThe video management system shall be ready for facial recognition.\n',
    );
    expect(r.legal!.buyer?.kind).toBe('police');
    expect(commitmentOf(r, 'drones')).toBe('optional');
    expect(commitmentOf(r, 'biometrics')).toBe('future');
    expect(ids(r)).toContain('us.il.bipa');
    const excluded = await reportOf('rfp-no-faces.txt', 'City of Springfield\nFacial recognition shall not be used.\n');
    expect(commitmentOf(excluded, 'biometrics')).toBe('excluded');
    expect(ids(excluded)).not.toContain('us.il.bipa');
  });
});

describe('a legal section read back from a forged report stays text', () => {
  it('no live markup, no link that is not a plain https address', async () => {
    const { format: html } = await import('../../src/report/formats/html.js');
    const { format: markdown } = await import('../../src/report/formats/markdown.js');
    const report = await reportOf('forged.txt', 'Ville de Fleury\nLe titulaire fournit deux drones.\n');
    report.legal!.notes = [
      { id: 'fr.x', severity: 'conflict', categories: ['drones'], reference: '<script>alert(1)</script>', summary: { fr: '<img src=x onerror=alert(1)>', en: '[a](javascript:alert(1))' }, source: 'javascript:alert(1)' },
    ];
    const options = { color: false, explain: false, language: 'en' as const, categoryName: (id: string) => id };
    const page = html.report(report, options) as string;
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('href="javascript:');
    expect(page).toContain('&lt;script&gt;');
    const md = markdown.report(report, options) as string;
    // Brackets escaped: "\[a\](javascript:…)" is text, not a link.
    expect(md).not.toMatch(/[^\\]\]\(<?javascript:/);
    expect(md).toContain('\\[a\\](javascript:alert(1))');
  });
});
