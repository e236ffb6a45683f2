// JSON and CSV reports are written piece by piece (documents and findings a few hundred at a
// time), never built whole: on a real multi-document scan the bytes are still those of the
// formatter that builds the whole text, to stdout and through -o alike.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFormatter, type FormatOptions } from '../../src/report/formats/index.js';
import type { Report } from '../../src/types.js';
import { tenderscan } from '../helpers/cli.js';
import { makePdf } from '../helpers/pdf.js';

let dir: string;
let dossier: string;
const PHRASES = [
  'Le titulaire installe des caméras de vidéoprotection sur la voie publique.',
  'Les données de géolocalisation des véhicules sont conservées trente jours.',
  'Aucun dispositif de reconnaissance faciale ne sera mis en œuvre.',
  'Un drone survole les manifestations ; les images sont transmises au centre de supervision urbain.',
  'La lecture automatique des plaques d’immatriculation est prévue aux entrées de ville.',
];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tenderscan-streamed-'));
  dossier = join(dir, 'dossier');
  mkdirSync(dossier);
  // More findings than one piece (256) in one document, a few in others, a text file, a broken PDF.
  const page = (n: number) => ({ header: 'CCTP vidéoprotection', footer: `page ${n}`, lines: [`Article ${n}`, ...PHRASES.map((p, k) => PHRASES[(n + k) % PHRASES.length])] });
  writeFileSync(join(dossier, 'cctp.pdf'), await makePdf(Array.from({ length: 90 }, (_, i) => page(i + 1))));
  writeFileSync(join(dossier, 'ccap.pdf'), await makePdf([page(1), page(2)]));
  writeFileSync(join(dossier, 'notes.txt'), 'Article 1 – Objet\nLa plateforme reçoit les flux des caméras de vidéoprotection de la ville.\n');
  writeFileSync(join(dossier, 'broken.pdf'), '%PDF-1.7\nnot a PDF at all\n');
});

/** The report's date is the one thing two runs may differ in. */
const undated = (text: string) => text.replace(/"generatedAt": "[^"]*"/, '"generatedAt": "…"');

describe('reports written piece by piece', () => {
  it('JSON: the bytes of JSON.stringify of the whole report, to stdout and to -o', () => {
    const run = tenderscan(['scan', dossier, '--include-text', '-f', 'json', '-q', '--no-cache']);
    expect(run.code).toBe(3); // the broken PDF
    const report = JSON.parse(run.stdout) as Report;
    expect(report.documents).toHaveLength(4);
    expect(report.findings.length).toBeGreaterThan(300);
    // formatJson is JSON.stringify(report, null, 2) + "\n": the streamed text is that of its own content.
    expect(run.stdout).toBe(JSON.stringify(report, null, 2) + '\n');
    const out = join(dir, 'report.json');
    expect(tenderscan(['scan', dossier, '--include-text', '-q', '--no-cache', '-o', out]).code).toBe(3);
    expect(undated(readFileSync(out, 'utf8'))).toBe(undated(run.stdout));
  });

  it('CSV: the rows the whole-sheet formatter gives for the same report, to stdout and to -o', async () => {
    const json = tenderscan(['scan', dossier, '--include-text', '-f', 'json', '-q', '--no-cache']);
    const csv = tenderscan(['scan', dossier, '--include-text', '-f', 'csv', '-q', '--no-cache', '--excel']);
    expect(csv.code).toBe(3);
    const report = JSON.parse(json.stdout) as Report;
    const options: FormatOptions = { color: false, explain: false, excel: true, language: 'en', categoryName: (id) => id };
    expect(csv.stdout).toBe((await loadFormatter('csv'))!(report, options));
    // One row per finding, the broken document's row, the header: more than one piece of rows.
    expect(csv.stdout.split('\r\n').length).toBeGreaterThan(report.findings.length + 2);
    const out = join(dir, 'report.csv');
    expect(tenderscan(['scan', dossier, '--include-text', '-q', '--no-cache', '--excel', '-o', out]).code).toBe(3);
    expect(readFileSync(out, 'utf8')).toBe(csv.stdout);
  });
});
