// The procurement's facts: read from notices, RCs and CCAPs built here as PDFs (analysed for
// real), gathered into the report's `dossier` block, conflicts kept, recourse windows computed
// from a stated award date, and shown escaped in the human formats.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makePdf } from '../helpers/pdf.js';
import { pageFromText } from '../helpers/text.js';
import { analyseFile } from '../../src/engine/document.js';
import { loadRuleSet, type RuleSet } from '../../src/rules/load.js';
import { buildReport } from '../../src/report/model/build.js';
import { addDays, addMonths } from '../../src/report/model/recourse.js';
import { cpvValid, extractFacts, luhnValid, parseAmount, siretValid } from '../../src/analyse/facts.js';
import { loadFormatter, type FormatOptions } from '../../src/report/formats/index.js';
import { documentNamer } from '../../src/report/names.js';
import type { DocumentResult, Report } from '../../src/types.js';

const AAPC = [
  "AVIS D'APPEL PUBLIC A LA CONCURRENCE",
  "Nom complet de l'acheteur : Ville de Saint-Exemple",
  'Type de numéro national d\'identification : SIRET - N° : 213 300 635 00017',
  'Objet du marché : Extension du système de vidéoprotection urbaine',
  "Type de procédure : Appel d'offres ouvert",
  'Code CPV principal : 32323500-8 Système de vidéosurveillance',
  'Codes CPV additionnels : 35125300-2, 72212000-4, 12345678-9',
  'Valeur estimée hors TVA : 1 250 000,00 € HT',
  'Durée du marché : 48 mois',
  'Date limite de réception des offres : 15 mars 2024 à 12h00',
  "Date d'envoi du présent avis : 02/02/2024",
];

const RC = [
  'REGLEMENT DE LA CONSULTATION',
  'Article 1 - Objet de la consultation',
  'La présente consultation est passée selon la procédure adaptée (article R2123-1).',
  'Lot n° 1 : Caméras et mâts',
  'Lot n° 2 : Centre de supervision urbain',
  'Lot 3 - Maintenance .......... 7',
  'Le titulaire devra respecter le calendrier suivant :',
  'Montant estimé du lot 1 : 800 000 € HT',
  'Date limite de réception des offres : 18/03/2024',
];

const CCAP = [
  'CAHIER DES CLAUSES ADMINISTRATIVES PARTICULIERES',
  'Titulaire : SociétéVision SAS',
  "Date d'attribution du marché : 30 mai 2024",
  'Montant du marché : 1 180 000,00 € TTC',
];

const NOTICE = ["AVIS D'ATTRIBUTION", "Date de publication de l'avis d'attribution : 20/06/2024", 'Attributaire : SociétéVision SAS'];

let rules: RuleSet;
let dir: string;

async function analyse(name: string, lines: string[][]): Promise<DocumentResult> {
  const file = join(dir, name);
  writeFileSync(file, await makePdf(lines.map((l) => ({ lines: l }))));
  return analyseFile({ path: `dossier/${name}`, file }, rules);
}

function report(results: DocumentResult[]): Report {
  return buildReport(results.map((r) => r.entry), results.flatMap((r) => r.findings), { hash: 'x', files: [] }, new Date('2026-11-28T12:00:00Z'));
}

beforeAll(() => {
  rules = loadRuleSet();
  dir = mkdtempSync(join(tmpdir(), 'tenderscan-facts-'));
});

describe('identifiers', () => {
  it('checks SIRET numbers with the Luhn key (and La Poste with its own)', () => {
    expect(luhnValid('213300635')).toBe(true);
    expect(siretValid('21330063500017')).toBe(true);
    expect(siretValid('21330063500018')).toBe(false);
    expect(siretValid('00000000000000')).toBe(false);
    expect(siretValid('35600000000010')).toBe(true);
  });

  it('takes CPV codes of a real division and the tree shape only', () => {
    expect(cpvValid('32323500-8')).toBe(true);
    expect(cpvValid('03113100-7')).toBe(true);
    expect(cpvValid('12345678-9')).toBe(false); // division 12 does not exist
    expect(cpvValid('45030200-1')).toBe(false); // a level under a zero
    expect(cpvValid('3232350-8')).toBe(false);
  });

  it('reads amounts written the French and the English way', () => {
    expect(parseAmount('1 250 000,00')).toBe(1250000);
    expect(parseAmount('1.250.000,50')).toBe(1250000.5);
    expect(parseAmount('1,250,000.00')).toBe(1250000);
    expect(parseAmount('150000')).toBe(150000);
    expect(parseAmount('1,2,3')).toBeUndefined();
  });

  it('adds days and months as the deadlines count them', () => {
    expect(addDays('2024-06-20', 31)).toBe('2024-07-21');
    expect(addMonths('2024-12-31', 2)).toBe('2025-02-28');
    expect(addMonths('2024-05-30', 6)).toBe('2024-11-30');
  });
});

describe('an AAPC with CPV codes, amounts and dates', () => {
  let result: DocumentResult;
  beforeAll(async () => {
    result = await analyse('AAPC.pdf', [AAPC]);
  });

  it('states each fact once, read and located verbatim', () => {
    const facts = result.entry.facts!;
    const page = (result.entry.pageCount, facts[0].page);
    expect(page).toBe(1);
    const by = (field: string) => facts.filter((f) => f.field === field).map((f) => f.value ?? f.text);
    expect(by('buyer')).toEqual(['Ville de Saint-Exemple']);
    expect(by('buyerId')).toEqual(['21330063500017']);
    expect(by('title')).toEqual(['Extension du système de vidéoprotection urbaine']);
    expect(by('procedure')).toEqual(['open']);
    expect(by('cpv')).toEqual(['32323500-8', '35125300-2', '72212000-4']);
    expect(facts.find((f) => f.field === 'amount')).toMatchObject({ text: '1 250 000,00 € HT', value: 1250000, currency: 'EUR', tax: 'HT' });
    expect(by('duration')).toEqual(['P48M']);
    expect(by('deadline')).toEqual(['2024-03-15']);
    expect(by('published')).toEqual(['2024-02-02']);
  });

  it('quotes every fact from the page text at its offsets', async () => {
    const { extractPdfPages } = await import('../../src/extract/pdf.js');
    const { readFileSync } = await import('node:fs');
    const pages = (await extractPdfPages(readFileSync(join(dir, 'AAPC.pdf')))).pages;
    for (const f of result.entry.facts!) expect(pages[f.page - 1].text.slice(f.start, f.end)).toBe(f.text);
  });
});

describe('facts read with precision', () => {
  const facts = (text: string) => extractFacts([pageFromText(text)]);

  it('takes nothing from sentences, blanks and placeholders', () => {
    expect(
      facts(
        [
          'Le titulaire devra fournir une attestation.',
          'La date limite sera communiquée ultérieurement.',
          'Titulaire : [à compléter]',
          'Acheteur : ....................',
          'Date limite de réception des offres : 31/02/2024',
          'SIRET : 213 300 635 00018',
          'Code 32323500-8 sans mention du vocabulaire',
          'Title:',
          'Docusign Envelope ID: D491964B-4BEC-49D9',
          'Le budget de 10 europe est indicatif.',
          'Objet :',
          'Objet de la consultation : ',
        ].join('\n'),
      ),
    ).toEqual([]);
  });

  it('stays linear on hostile lines', () => {
    const long = ['1.'.repeat(20000) + ' x', 'Lot 1 : ' + '1 000 '.repeat(20000), 'Objet du marché : ' + '.'.repeat(40000) + ' 3', 'Montant : ' + '9'.repeat(50000)].join('\n');
    const started = performance.now();
    facts(long);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('reads an amount in a notice\'s words, HT or TTC as written', () => {
    const [amount] = facts('montant maximum : 45 000 euro(s) (H.T.)');
    expect(amount).toMatchObject({ field: 'amount', text: '45 000 euro(s) (H.T.)', value: 45000, tax: 'HT' });
  });

  it('reads English notices', () => {
    const found = facts(['Contracting authority: City of Springfield', 'Proposals due: March 15, 2024', 'Estimated value: $250,000', 'Awarded to: Acme Corp.', 'Date of award: 2024-05-01'].join('\n'));
    expect(found.map((f) => [f.field, f.value ?? f.text])).toEqual([
      ['buyer', 'City of Springfield'],
      ['deadline', '2024-03-15'],
      ['amount', 250000],
      ['awardee', 'Acme Corp'],
      ['awardDate', '2024-05-01'],
    ]);
    expect(found[2].currency).toBe('USD');
  });
});

describe('a dossier: AAPC, RC, CCAP and award notice', () => {
  let dossier: Report;
  let results: DocumentResult[];
  beforeAll(async () => {
    results = [await analyse('AAPC.pdf', [AAPC]), await analyse('RC.pdf', [RC]), await analyse('CCAP.pdf', [CCAP])];
    dossier = report(results);
  });

  it('gathers the facts in one block, named as the Open Contracting Data Standard names them', () => {
    const d = dossier.dossier!;
    expect(d.tender.lots.map((l) => [l.value, l.text])).toEqual([
      ['1', 'Caméras et mâts'],
      ['2', 'Centre de supervision urbain'],
      ['3', 'Maintenance'],
    ]);
    expect(d.tender.items.map((i) => i.value)).toEqual(['32323500-8', '35125300-2', '72212000-4']);
    expect(d.tender.procurementMethod.map((p) => [p.value, p.details, p.citations[0].document])).toEqual([
      ['open', "appel d'offres ouvert", 'dossier/AAPC.pdf'],
      ['open', 'procédure adaptée', 'dossier/RC.pdf'],
    ]);
    expect(d.awards.suppliers.map((s) => s.text)).toEqual(['SociétéVision SAS']);
  });

  it('keeps conflicting values, each with its citation', () => {
    const d = dossier.dossier!;
    expect(d.tender.tenderPeriod.endDate.map((v) => [v.value, v.citations.map((c) => `${c.document} p. ${c.pageLabel}`)])).toEqual([
      ['2024-03-15', ['dossier/AAPC.pdf p. 1']],
      ['2024-03-18', ['dossier/RC.pdf p. 1']],
    ]);
    expect(d.tender.value.map((v) => [v.text, v.lot ?? null, v.tax])).toEqual([
      ['1 250 000,00 € HT', null, 'HT'],
      ['800 000 € HT', '1', 'HT'],
      ['1 180 000,00 € TTC', null, 'TTC'],
    ]);
    expect(d.conflicts).toEqual(['tender.procurementMethod', 'tender.tenderPeriod.endDate']);
  });

  it('computes the recourse windows from the award date: six months without an award notice', () => {
    expect(dossier.dossier!.recourse.map((r) => [r.remedy, r.from, r.fromDate, r.until])).toEqual([
      ['refere-precontractuel', 'signature', null, null],
      ['refere-contractuel', 'award', '2024-05-30', '2024-11-30'],
      ['tarn-et-garonne', null, null, null],
    ]);
  });

  it('and from the award notice: 31 days and two months', async () => {
    const withNotice = report([...results, await analyse('avis-attribution.pdf', [NOTICE])]);
    expect(withNotice.dossier!.recourse.map((r) => [r.remedy, r.from, r.until])).toEqual([
      ['refere-precontractuel', 'signature', null],
      ['refere-contractuel', 'award-notice', '2024-07-21'],
      ['tarn-et-garonne', 'award-notice', '2024-08-20'],
    ]);
  });

  it('computes no window from two award dates: the reader settles the conflict', async () => {
    const other = await analyse('AE.pdf', [['ACTE D\'ENGAGEMENT', "Date d'attribution : 02/06/2024"]]);
    const conflicting = report([...results, other]);
    expect(conflicting.dossier!.awards.date).toHaveLength(2);
    expect(conflicting.dossier!.recourse).toEqual([]);
  });

  it('cites each value in JSON and heads the human formats with them, in French and English', async () => {
    const options = (language: 'fr' | 'en'): FormatOptions => ({ color: false, explain: false, language, categoryName: (id) => id, documentName: documentNamer(dossier.documents.map((d) => d.path)) });
    const json = JSON.parse((await loadFormatter('json'))!(dossier, options('en')) as string) as Report;
    expect(json.dossier!.tender.items[0].citations[0].citation).toBe('AAPC.pdf, p. 1');
    // Shown once, in `dossier`: the documents' own lists are left out.
    expect(json.documents.every((e) => e.facts === undefined)).toBe(true);
    const fr = (await loadFormatter('markdown'))!(dossier, options('fr')) as string;
    expect(fr).toContain('## La procédure');
    expect(fr).toContain('- **Codes CPV** : 32323500-8 ([AAPC.pdf, p. 1](./dossier/AAPC.pdf#page=1))');
    expect(fr).toContain('valeurs contradictoires');
    expect(fr).toContain('Référé contractuel (CJA L551-13, R551-7) : jusqu');
    const en = (await loadFormatter('terminal'))!(dossier, options('en')) as string;
    expect(en).toContain('The procurement');
    expect(en).toContain('Deadlines of recourse (pointers, not advice)');
  });

  it('escapes what a document writes in the HTML header', async () => {
    const evil = await analyse('evil.pdf', [['Acheteur : Ville <script>alert(1)</script>']]);
    const html = (await loadFormatter('html'))!(report([evil]), { color: false, explain: false, language: 'en', categoryName: (id) => id }) as string;
    expect(html).toContain('Ville &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert');
  });
});
