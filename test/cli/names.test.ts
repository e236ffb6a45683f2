// Documents that share a file name are cited by the shortest end of their paths that tells
// them apart, in every format and across the shards of a merge.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentNamer } from '../../src/report/names.js';
import { buildReport } from '../../src/report/model/build.js';
import { FORMAT_NAMES, loadFormatter, type FormatOptions } from '../../src/report/formats/index.js';
import type { DocumentEntry, Finding } from '../../src/types.js';
import { jsonlDocument, jsonlSummary } from '../../src/report/formats/jsonl.js';
import { analyseFile } from '../../src/engine/document.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { tenderscan } from '../helpers/cli.js';
import { makePdf } from '../helpers/pdf.js';

describe('documentNamer', () => {
  it('keeps file names that are unique and grows the others until they differ', () => {
    const name = documentNamer(['lots/lot1/CCTP.pdf', 'lots/lot2/CCTP.pdf', 'lots/RC.pdf', 'a/x/CCAP.pdf', 'b/x/CCAP.pdf', 'dossier.zip!/CCTP/cctp.pdf']);
    expect(name('lots/lot1/CCTP.pdf')).toBe('lot1/CCTP.pdf');
    expect(name('lots/lot2/CCTP.pdf')).toBe('lot2/CCTP.pdf');
    expect(name('lots/RC.pdf')).toBe('RC.pdf');
    expect(name('a/x/CCAP.pdf')).toBe('a/x/CCAP.pdf');
    expect(name('b/x/CCAP.pdf')).toBe('b/x/CCAP.pdf');
    expect(name('dossier.zip!/CCTP/cctp.pdf')).toBe('dossier.zip!/CCTP/cctp.pdf');
  });

  it('tells apart archive entries and archives of the same name, and leaves a path named twice alone', () => {
    const name = documentNamer(['x/d.zip!/a.pdf', 'y/d.zip!/a.pdf', '/abs/CCTP.pdf', 'CCTP.pdf', 'CCTP.pdf']);
    expect(name('x/d.zip!/a.pdf')).toBe('x/d.zip!/a.pdf');
    expect(name('y/d.zip!/a.pdf')).toBe('y/d.zip!/a.pdf');
    expect(name('/abs/CCTP.pdf')).toBe('abs/CCTP.pdf');
    expect(name('CCTP.pdf')).toBe('CCTP.pdf');
  });
});

const finding = (document: string): Finding => ({
  document, page: 4, pageLabel: '4', section: null, sectionNumber: null, category: 'drones', rule: 'fr.drones.uav', matched: 'drones',
  excerpt: 'Les drones filment.', start: 4, end: 10, excerptStart: 0, excerptEnd: 19, negated: false, modality: 'asserted', language: 'fr', source: 'text',
});
const entry = (path: string): DocumentEntry => ({ path, sha256: 'ef'.repeat(32), size: 10, pageCount: 4, status: 'ok', pagesWithoutText: [], failedPages: [], runningLines: [], language: 'fr' });

describe('every format', () => {
  const paths = ['dce/lots/lot1/CCTP.pdf', 'dce/lots/lot2/CCTP.pdf'];
  const report = buildReport(paths.map(entry), paths.map(finding), { hash: 'h', files: [] }, new Date('2026-11-28T12:00:00Z'), undefined, [
    { document: paths[1], page: 4, pageLabel: '4', section: null, sectionNumber: null, categories: ['drones', 'video-surveillance'], cue: 'croisement', excerpt: 'x', excerptStart: 0, excerptEnd: 1 },
  ]);
  const options: FormatOptions = { color: false, explain: false, language: 'en', categoryName: (id) => id };

  it.each(FORMAT_NAMES.filter((f) => f !== 'jsonl'))('%s cites lot1/CCTP.pdf and lot2/CCTP.pdf', async (format) => {
    const out = (await loadFormatter(format))!(report, options);
    if (format === 'terminal') {
      // The terminal names each document once, as the heading of its findings.
      expect(out).toMatch(/^lot1\/CCTP\.pdf {2}/m);
      expect(out).toMatch(/^lot2\/CCTP\.pdf {2}/m);
    } else expect(out).toContain('lot1/CCTP.pdf, p. 4');
    expect(out).toContain('lot2/CCTP.pdf, p. 4');
    expect(out).not.toMatch(/(^|[^/])CCTP\.pdf, p\. 4/m);
    if (format === 'markdown') expect(out).toContain('## Document: lot2/CCTP.pdf');
    if (format === 'html') expect(out).toContain('<th><a href="#doc-0">lot1/CCTP.pdf</a></th>');
  });
});

describe('merge of JSON Lines shards', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tenderscan-names-'));
    for (const lot of ['lot1', 'lot2']) {
      mkdirSync(join(dir, 'lots', lot), { recursive: true });
      writeFileSync(join(dir, 'lots', lot, 'CCTP.pdf'), await makePdf([{ lines: [`Lot ${lot}: les drones de la police municipale filment les manifestations.`] }]));
    }
  });

  it('names documents across all shards, as one scan of both does', async () => {
    // Each shard as `scan --shard` writes it (built in process: one spawn fewer per shard).
    const rules = loadRuleSet();
    const shards = await Promise.all(['lot1', 'lot2'].map(async (lot) => {
      const result = await analyseFile(join(dir, 'lots', lot, 'CCTP.pdf'), rules);
      const out = join(dir, `${lot}.jsonl`);
      // With its summary line: merge refuses a report without one (a run that did not finish).
      const summary = jsonlSummary(buildReport([result.entry], result.findings, { hash: rules.hash, files: rules.files }));
      writeFileSync(out, jsonlDocument(result.entry, result.findings, false, result.fusion) + summary);
      return out;
    }));
    const merged = JSON.parse(tenderscan(['merge', ...shards, '-f', 'json']).stdout);
    const whole = JSON.parse(tenderscan(['scan', join(dir, 'lots'), '-f', 'json', '--no-cache']).stdout);
    for (const report of [merged, whole]) {
      expect(report.findings.map((f: any) => f.citation)).toEqual(['lot1/CCTP.pdf, p. 1', 'lot2/CCTP.pdf, p. 1']);
    }
  });
});
