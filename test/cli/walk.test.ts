// Folder walks take documents, not notes: tenderscan's own reports are never read back, and
// text files are read only when named or with --include-text.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/model/build.js';
import { FORMAT_NAMES, loadFormatter, type FormatOptions } from '../../src/report/formats/index.js';
import { expandInputs } from '../../src/sources/expand.js';
import { INPUT_NAMES } from '../../src/extract/input-types.js';
import { ownReportFormat } from '../../src/sources/own-report.js';
import { analyseFile } from '../../src/engine/document.js';
import { loadRuleSet } from '../../src/rules/load.js';
import type { DocumentEntry, Finding } from '../../src/types.js';
import { tenderscan } from '../helpers/cli.js';
import { makePdf } from '../helpers/pdf.js';

const doc: DocumentEntry = { path: 'dce/CCTP.pdf', sha256: '12'.repeat(32), size: 10, pageCount: 3, status: 'ok', pagesWithoutText: [], failedPages: [], runningLines: [], language: 'fr' };
const finding: Finding = {
  document: 'dce/CCTP.pdf', page: 2, pageLabel: '2', section: null, sectionNumber: null, category: 'drones', rule: 'fr.drones.uav', matched: 'drones',
  excerpt: 'Les drones filment.', start: 4, end: 10, excerptStart: 0, excerptEnd: 19, negated: false, modality: 'asserted', language: 'fr', source: 'text',
};
const report = buildReport([doc], [finding], { hash: '0123456789abcdef', files: [] }, new Date('2026-11-28T12:00:00Z'));
const options = (language: 'fr' | 'en'): FormatOptions => ({ color: false, explain: false, language, categoryName: (id) => id });
const render = async (format: string, language: 'fr' | 'en' = 'fr') => (await loadFormatter(format))!(report, options(language));

describe('tenderscan recognises its own reports', () => {
  it.each(FORMAT_NAMES)('%s, in either language', async (format) => {
    expect(ownReportFormat(await render(format, 'fr'))).toBe(format);
    expect(ownReportFormat(await render(format, 'en'))).toBe(format);
  });

  it('and nothing else: notes, other JSON, other CSV, other HTML', () => {
    for (const text of [
      '# Notes de lecture\n\nLe CCTP cite tenderscan 0.1.0 · sans plus.\n',
      '{"schemaVersion": 2, "tool": {"name": "other"}}',
      'document,page,comment\nCCTP.pdf,3,drones\n',
      '<!doctype html><html><head><meta name="generator" content="Hugo 0.120"></head></html>',
      'Summary: 3 findings, 1/1 documents\n',
    ]) {
      expect(ownReportFormat(text), text).toBeUndefined();
    }
  });
});

describe('folder walks', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tenderscan-walk-'));
    mkdirSync(join(dir, 'dce'));
    writeFileSync(join(dir, 'dce', 'CCTP.pdf'), await makePdf([{ lines: ['Les drones de la police municipale filment les manifestations.'] }]));
    writeFileSync(join(dir, 'dce', 'notes.md'), '# Notes\n\nLe SAMU transmet les données de santé des urgences.\n');
    writeFileSync(join(dir, 'dce', 'rapport.md'), await render('markdown'));
    writeFileSync(join(dir, 'dce', 'rapport.txt'), await render('terminal'));
    writeFileSync(join(dir, 'dce', 'rapport.json'), await render('json'));
    writeFileSync(join(dir, 'dossier.zip'), zipSync({ 'CCTP.pdf': await makePdf([{ lines: ['Les caméras.'] }]), 'rapport.md': strToU8(await render('markdown')) }));
  });

  it('take documents only; text files are left out and said, own reports too', () => {
    const { inputs, skipped } = expandInputs([join(dir, 'dce')], undefined, { types: INPUT_NAMES });
    expect(inputs.map((i) => i.path)).toEqual([join(dir, 'dce', 'CCTP.pdf')]);
    expect(skipped.map((s) => [s.path.slice(dir.length + 1), s.kind])).toEqual([
      ['dce/notes.md', 'text'],
      ['dce/rapport.json', 'unsupported'],
      ['dce/rapport.md', 'text'],
      ['dce/rapport.txt', 'text'],
    ]);
  });

  it('with --include-text take notes but never a report, which stays out even when named', () => {
    const walked = expandInputs([join(dir, 'dce')], undefined, { types: INPUT_NAMES, includeText: true });
    expect(walked.inputs.map((i) => i.path.slice(dir.length + 1))).toEqual(['dce/CCTP.pdf', 'dce/notes.md']);
    expect(walked.skipped.filter((s) => s.kind === 'report').map((s) => s.reason)).toEqual([
      'a report written by tenderscan (markdown), not a document',
      'a report written by tenderscan (terminal), not a document',
    ]);
    const named = expandInputs([join(dir, 'dce', 'notes.md'), join(dir, 'dce', 'rapport.md'), join(dir, 'dce', 'rapport.json')], undefined, { types: INPUT_NAMES });
    expect(named.inputs.map((i) => i.path)).toEqual([join(dir, 'dce', 'notes.md')]);
    expect(named.skipped.map((s) => [s.kind, s.named])).toEqual([['report', true], ['report', true]]);
  });

  it('an own report inside an archive is refused when it is read', async () => {
    const { inputs } = expandInputs([join(dir, 'dossier.zip')], undefined, { types: INPUT_NAMES, includeText: true });
    const result = await analyseFile(inputs.find((i) => i.path.endsWith('rapport.md'))!, loadRuleSet());
    expect(result.entry.error).toEqual({ code: 'UNSUPPORTED', message: 'a report written by tenderscan (markdown), not a document' });
  });

  it('--verbose lists what was skipped and why', () => {
    const r = tenderscan(['scan', join(dir, 'dce'), '--verbose', '-f', 'json', '--no-cache']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).documents.map((d: any) => d.path)).toEqual([join(dir, 'dce', 'CCTP.pdf')]);
    expect(r.stderr).toContain(`${join(dir, 'dce', 'notes.md')}: skipped (a text file: read when named, or with --include-text)`);
    expect(r.stderr).toContain(`${join(dir, 'dce', 'rapport.json')}: skipped (unsupported type)`);
  });
});

describe('a text entry read out of a larger buffer', () => {
  it('is judged by its own last bytes, not by what follows it in memory (another entry, a report)', async () => {
    const { extractPlainText } = await import('../../src/extract/text.js');
    const text = 'Le CCTP prévoit des caméras de vidéoprotection.\n';
    // A terminal report's evidence block right after the entry, in the same memory.
    const next = '\nEvidence\n  tenderscan 0.1.0 · Rule packs 0123456789abcdef · Run date\n';
    const whole = Buffer.from(text + next);
    const entry = whole.subarray(0, Buffer.byteLength(text));
    expect(extractPlainText(entry).pages[0].text).toContain('caméras');
    expect(() => extractPlainText(whole)).toThrow(/a report written by tenderscan \(terminal\)/);
  });
});
