// The real spreadsheets and Word files of ../shared (French tenders, a Flock sharing table):
// every one is read, and its rows and paragraphs are cited where a reader finds them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/extract/registry.js';
import { ROOT, tenderscan } from '../helpers/cli.js';

const EXTRA = join(ROOT, '../shared/real-labelled/extra');
const CORPUS = join(ROOT, '../shared/corpus');
const files = [
  ...readdirSync(EXTRA).filter((f) => /\.(xlsx|docx)$/i.test(f)).map((f) => join(EXTRA, f)),
  ...readdirSync(CORPUS).filter((f) => /\.docx$/i.test(f)).map((f) => join(CORPUS, f)),
].sort();

describe('real XLSX and DOCX files', () => {
  let report: any;
  beforeAll(() => {
    const run = tenderscan(['scan', ...files, '--format', 'json']);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    report = JSON.parse(run.stdout);
  });

  it('finds some', () => {
    expect(files.filter((f) => f.endsWith('.xlsx')).length).toBeGreaterThanOrEqual(5);
    expect(files.filter((f) => f.endsWith('.docx')).length).toBeGreaterThanOrEqual(3);
  });

  it.each(files.map((f) => f.split('/').pop()!))('%s is read', (name) => {
    const doc = report.documents.find((d: any) => d.path.endsWith('/' + name));
    expect(doc.status).toBe('ok');
    expect(doc.pageCount).toBeGreaterThan(0);
  });

  it('cites the BPU and DQE "Objets connectés (ex.: caméra…)" line by sheet, row and column', () => {
    const at = (name: string) => report.findings.filter((f: any) => f.document.endsWith(name) && f.excerpt.startsWith('Objets connectés (ex.: caméra'));
    const [bpu] = at('BPU_25TIC06.xlsx');
    expect(bpu.category).toBe('video-surveillance');
    expect(bpu.location).toMatchObject({ kind: 'sheet-row', sheet: 'BPU', row: 77, column: 'Type' });
    expect(bpu.citation).toBe('fr_vallee-sud-grand-paris_BPU_25TIC06.xlsx, sheet "BPU", row 77, column "Type"');
    const [dqe] = at('DQE_25TIC06.xlsx');
    expect(dqe.location).toMatchObject({ kind: 'sheet-row', sheet: 'DQE (2)', row: 59 });
    // The row is one passage: the quantities of the same line are in the excerpt.
    expect(dqe.excerpt).toBe("Objets connectés (ex.: caméra, central d'alarme, …) - tranche de 10 matériels | 20 | 2 | 2 | 2");
  });

  it('cites the Flock sharing table by its own column header', () => {
    const flock = report.findings.filter((f: any) => f.document.includes('flock-shared-networks'));
    expect(flock.length).toBeGreaterThan(5);
    for (const f of flock) expect(f.location).toMatchObject({ kind: 'sheet-row', sheet: 'SharedNetworks_2025_December_30' });
    expect(new Set(flock.map((f: any) => f.location.column))).toContain('Networks Shared With Me');
  });

  it('reads Word files by paragraph, table row and text box (each box once)', async () => {
    const read = async (file: string) => {
      const bytes = readFileSync(file);
      const doc = await detectFormat(bytes, file).extract(bytes, {});
      return doc.pages.flatMap((p) => p.lines.map((l) => ({ text: l.text, location: l.location })));
    };
    const registre = await read(join(EXTRA, 'fr_grenoble-inp_registre-questions-reponses_2026FCSSA0025.docx'));
    expect(registre.filter((l) => l.text === 'QUESTION / REPONSE N°1')).toEqual([{ text: 'QUESTION / REPONSE N°1', location: { kind: 'text-box', paragraph: 3 } }]);
    expect(registre.filter((l) => l.location?.kind === 'text-box')).toHaveLength(5);
    const ae = await read(join(EXTRA, 'fr_vallee-sud-grand-paris_AE_25TIC06.docx'));
    expect(ae).toContainEqual({ text: "CPV : | 72510000-3 – Services de gestion relatifs à l'informatique", location: { kind: 'table-row', paragraph: 97, table: 1, row: 1 } });
    const crte = await read(join(CORPUS, 'fr_grenoble-inp_CRTE_2026FCSSA0025_cadre-reponse-technique.docx'));
    expect(crte).toContainEqual({ text: 'Paramètre | Valeur proposée par le candidat', location: { kind: 'table-row', paragraph: 85, table: 3, row: 1 } });
    const epicerie = await read(join(CORPUS, 'fr_villeneuve-sur-lot_AE_lot20-epicerie.docx'));
    expect(epicerie.filter((l) => l.location?.kind === 'footer').length).toBeGreaterThan(0);
    expect(epicerie).toContainEqual({ text: 'FOURNITURE DE DENREES ALIMENTAIRES Lot n° 20 : Epicerie', location: { kind: 'table-row', paragraph: 15, table: 2, row: 1 } });
  });
});
