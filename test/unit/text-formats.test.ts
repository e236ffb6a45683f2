// DOCX, ODT and Markdown read in-process by the engine's document pipeline (analyseFile):
// pages split at explicit breaks, findings located by paragraph and section. The same files
// through the CLI (archives, globs, stdin, skipped files): test/cli/formats.test.ts.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docxOfParagraphs, odtOfParagraphs } from '../helpers/office.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseFile } from '../../src/engine/document.js';
import { loadRuleSet, type RuleSet } from '../../src/rules/load.js';

const docx = docxOfParagraphs;
const odt = odtOfParagraphs;

let dir: string;
let rules: RuleSet;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tenderscan-text-formats-'));
  rules = loadRuleSet();
  writeFileSync(join(dir, 'cctp.docx'), docx(['Article 1 – Objet', 'Le titulaire installe des caméras de vidéoprotection.', '<pagebreak>', 'Article 2 – Exclusions', 'Aucune donnée biométrique n’est collectée &amp; traitée.']));
  writeFileSync(join(dir, 'annexe.odt'), odt(['Article 3 – Drones', 'Les drones de la police municipale filment les manifestations.']));
  writeFileSync(join(dir, 'notes.md'), '# Notes\n\nLe SAMU transmet les données de santé des urgences.\n');
});

const read = (name: string) => analyseFile(join(dir, name), rules);

describe('DOCX, ODT and text', () => {
  it('reads DOCX paragraphs, splits pages at explicit page breaks, and locates findings by paragraph', async () => {
    const report = await read('cctp.docx');
    const doc = report.entry;
    expect(doc).toMatchObject({ status: 'ok', pageCount: 2, pagesWithoutText: [] });
    const video = report.findings.find((f: any) => f.category === 'video-surveillance');
    expect(video).toMatchObject({ page: 1, section: 'Article 1 – Objet', location: { paragraph: 2, heading: 'Article 1 – Objet' } });
    const bio = report.findings.find((f: any) => f.category === 'biometrics');
    expect(bio).toMatchObject({ page: 2, negated: true });
    expect(bio?.excerpt).toContain('collectée & traitée');
  });

  it('reads ODT and Markdown', async () => {
    const report = { findings: [...(await read('annexe.odt')).findings, ...(await read('notes.md')).findings] };
    const found = new Set(report.findings.map((f: any) => `${f.document.split('/').pop()} ${f.category}`));
    expect(found).toEqual(new Set(['annexe.odt drones', 'notes.md health']));
    expect(report.findings.find((f: any) => f.document.endsWith('annexe.odt'))?.section).toBe('Article 3 – Drones');
  });
});
