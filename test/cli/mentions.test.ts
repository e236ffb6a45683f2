// Mentions by name (a category named only inside a citation) are reported apart in every
// format, never as findings: through the engine, the CLI, the result cache and merge.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseFile } from '../../src/engine/document.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { readShard, mergeShards } from '../../src/report/model/merge.js';
import { filterReport } from '../../src/report/model/filter.js';
import { buildReport } from '../../src/report/model/build.js';
import type { Finding, Report } from '../../src/types.js';
import { makePdf } from '../helpers/pdf.js';
import { tenderscan } from '../helpers/cli.js';

const COVER = 'Cahier des clauses techniques particulières du marché de gardiennage des bâtiments publics';
const CITATION = 'Vu la loi n° 2011-267 du 14 mars 2011 relative à la vidéoprotection ;';
const CAMERAS = 'Le titulaire installe douze caméras de vidéoprotection sur la place du marché.';

const dir = mkdtempSync(join(tmpdir(), 'tenderscan-mentions-'));
// A page whose only video reference is a statute's title, and a page that also has a camera clause.
writeFileSync(join(dir, 'only.txt'), `${COVER}\n\n${CITATION}\n`);
writeFileSync(join(dir, 'both.txt'), `${COVER}\n\n${CITATION}\n\n${CAMERAS}\n`);
const scan = (args: string[], env?: Record<string, string>) => tenderscan(['scan', 'only.txt', 'both.txt', ...args], { cwd: dir, env });
const parse = (text: string) => JSON.parse(text) as Report & { mentions?: (Finding & { citation: string })[] };

describe('the engine keeps mentions by name apart', () => {
  const rules = loadRuleSet();

  it('sets a citation that is the page\'s only evidence aside, with an id, out of findings', async () => {
    const result = await analyseFile(join(dir, 'only.txt'), rules);
    expect(result.findings).toEqual([]);
    expect(result.mentions?.map((f) => [f.category, f.matched, f.mention])).toEqual([['video-surveillance', 'vidéoprotection', true]]);
    expect(result.mentions![0].id).toMatch(/^[0-9a-f]{12}$/);
  });

  it('keeps a citation beside a camera clause as a finding marked mention, and sets nothing aside', async () => {
    const result = await analyseFile(join(dir, 'both.txt'), rules);
    expect(result.mentions).toBeUndefined();
    expect(result.findings.map((f) => [f.matched, Boolean(f.mention)])).toEqual([['vidéoprotection', true], ['caméras de vidéoprotection', false]]);
  });

  it('does the same on PDF pages, page by page', async () => {
    const pdf = join(dir, 'pages.pdf');
    // Another statute on page 2: a line repeated at the head of every page would be a running header.
    const decree = 'Vu le décret n° 2023-828 du 28 août 2023 relatif à la vidéoprotection ;';
    writeFileSync(pdf, await makePdf([{ lines: [COVER, CITATION] }, { lines: [decree, CAMERAS] }]));
    const result = await analyseFile(pdf, rules);
    expect(result.mentions?.map((f) => f.page)).toEqual([1]);
    expect(result.findings.filter((f) => !f.negated).map((f) => [f.page, Boolean(f.mention)])).toEqual([[2, true], [2, false]]);
    const ids = [...result.findings, ...result.mentions!].map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('every format shows mentions by name, and none counts them', () => {
  it('json: a top-level mentions array of the findings\' shape; findings and summary without it', () => {
    const r = scan(['--format', 'json', '--no-cache']);
    expect(r.code).toBe(0);
    const report = parse(r.stdout);
    expect(Object.keys(report)).toEqual(['schemaVersion', 'tool', 'generatedAt', 'rulePacks', 'documents', 'findings', 'mentions', 'fusion', 'summary', 'legal']);
    expect(report.mentions!.map((f) => [f.document, f.category, f.mention, f.citation])).toEqual([['only.txt', 'video-surveillance', true, 'only.txt, ¶ 3']]);
    expect(report.mentions![0].id).toMatch(/^[0-9a-f]{12}$/);
    expect(report.findings.every((f) => f.document === 'both.txt')).toBe(true);
    expect(report.findings.map((f) => f.mention ?? false)).toEqual([true, false]);
    expect(report.summary.byCategory['video-surveillance'].findings).toBe(2);
    expect(report.summary.byCategory['video-surveillance'].pages).toEqual({ 'both.txt': [1] });
  });

  it('json: a report without mentions has no mentions key', () => {
    const r = tenderscan(['scan', 'both.txt', '--format', 'json', '--no-cache'], { cwd: dir });
    expect(parse(r.stdout)).not.toHaveProperty('mentions');
    expect(r.stdout).not.toContain('"mentions"');
  });

  it('jsonl: a mention line inside its document, counted in its end line only', () => {
    const lines = scan(['--format', 'jsonl', '--no-cache']).stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; data: Record<string, unknown> });
    expect(lines.map((l) => l.type)).toEqual(['begin', 'mention', 'end', 'begin', 'finding', 'finding', 'end', 'summary']);
    expect(lines[1].data).toMatchObject({ document: 'only.txt', category: 'video-surveillance', mention: true });
    expect(lines[2].data.counts).toEqual({ findings: 0, negated: 0, mentions: 1 });
    expect(lines[6].data.counts).toEqual({ findings: 2, negated: 0 });
    expect(lines[7].data).toMatchObject({ findings: 2 });
  });

  it('csv: the mention is a row of kind "mention", the kept citation a finding flagged mention', () => {
    const rows = scan(['--format', 'csv', '--no-cache']).stdout.trim().split('\r\n');
    expect(rows[0].endsWith(',error_code,error_message,mention,kind,commitment,legal_notes')).toBe(true);
    expect(rows.slice(1).map((row) => [row.split(',')[0], row.split(',').slice(-4, -2).join(',')])).toEqual([
      ['both.txt', 'true,finding'],
      ['both.txt', 'false,finding'],
      ['only.txt', 'true,mention'],
    ]);
  });

  it('terminal, markdown and html: a section per document, in English and French', () => {
    const terminal = scan(['--no-cache']).stdout;
    const only = terminal.slice(terminal.indexOf('only.txt'), terminal.indexOf('both.txt'));
    expect(only).toContain('no findings');
    expect(only).toContain('Mentions by name (not counted as findings)');
    expect(only).toMatch(/relative à la\s+vidéoprotection/);
    expect(terminal).toContain('[mention by name]');
    expect(terminal).toMatch(/Summary: 2 findings/);

    const markdown = scan(['--format', 'markdown', '--no-cache', '--report-lang', 'fr']).stdout;
    const mdOnly = markdown.slice(markdown.indexOf('## Document : only.txt'), markdown.indexOf('## Document : both.txt'));
    expect(mdOnly).toContain('### Mentions par leur nom (non comptées comme occurrences)');
    expect(mdOnly).toContain('relative à la vidéoprotection');
    expect(markdown).toContain('*mention par le nom*');

    const html = scan(['--format', 'html', '--no-cache']).stdout;
    expect(html).toContain('<section class="mentions"><h3>Mentions by name (not counted as findings)</h3>');
    expect(html).toContain('<span class="tag mention">mention by name</span>');
  });
});

describe('filters, --fail-on, the result cache and merge', () => {
  it('--fail-on never fails on a mention, and does on the camera clause', () => {
    expect(tenderscan(['scan', 'only.txt', '--format', 'json', '--no-cache', '--fail-on', 'video-surveillance'], { cwd: dir }).code).toBe(0);
    expect(tenderscan(['scan', 'both.txt', '--format', 'json', '--no-cache', '--fail-on', 'video-surveillance'], { cwd: dir }).code).toBe(1);
  });

  it('--only shows the mentions of the categories asked for', () => {
    expect(parse(scan(['--format', 'json', '--no-cache', '--only', 'drones']).stdout)).not.toHaveProperty('mentions');
    expect(parse(scan(['--format', 'json', '--no-cache', '--only', 'video-surveillance']).stdout).mentions).toHaveLength(1);
    const report = buildReport([], [], { hash: 'h', files: [] }, new Date(0), undefined, [], []);
    expect(filterReport(report, { only: ['drones'] })).not.toHaveProperty('mentions');
  });

  it('a result read back from the cache still holds its mentions', () => {
    const cacheHome = mkdtempSync(join(tmpdir(), 'tenderscan-mentions-cache-'));
    const first = parse(scan(['--format', 'json'], { XDG_CACHE_HOME: cacheHome }).stdout);
    const again = parse(scan(['--format', 'json'], { XDG_CACHE_HOME: cacheHome }).stdout);
    expect({ ...again, generatedAt: '' }).toEqual({ ...first, generatedAt: '' });
    expect(again.mentions).toHaveLength(1);
  });

  it('shards carry mentions through merge', () => {
    const one = tenderscan(['scan', 'only.txt', 'both.txt', '--format', 'jsonl', '--no-cache', '--shard', '1/2'], { cwd: dir });
    const two = tenderscan(['scan', 'only.txt', 'both.txt', '--format', 'jsonl', '--no-cache', '--shard', '2/2'], { cwd: dir });
    writeFileSync(join(dir, 's1.jsonl'), one.stdout);
    writeFileSync(join(dir, 's2.jsonl'), two.stdout);
    const merged = tenderscan(['merge', 's1.jsonl', 's2.jsonl', '--format', 'json'], { cwd: dir });
    expect(merged.stderr).toBe('');
    const report = parse(merged.stdout);
    expect(report.documents.map((d) => d.path).sort()).toEqual(['both.txt', 'only.txt']);
    expect(report.mentions?.map((f) => f.document)).toEqual(['only.txt']);
    expect(report.findings.map((f) => f.document)).toEqual(['both.txt', 'both.txt']);
    expect(report.summary.byCategory['video-surveillance'].findings).toBe(2);
  });

  it('readShard reads a mention line and refuses one out of place or malformed', () => {
    const text = scan(['--format', 'jsonl', '--no-cache']).stdout;
    const shard = readShard(text, 'x.jsonl');
    expect(shard.documents.map((d) => [d.entry.path, d.findings.length, d.mentions.length])).toEqual([['only.txt', 0, 1], ['both.txt', 2, 0]]);
    expect(mergeShards([{ file: 'x.jsonl', shard }]).mentions).toHaveLength(1);
    const mention = text.split('\n')[1];
    expect(() => readShard(mention + '\n', 'x.jsonl')).toThrow('x.jsonl:1: "mention" outside a document');
    const broken = text.replace('"mention":true', '"mention":"yes"');
    expect(() => readShard(broken, 'x.jsonl')).toThrow(/x\.jsonl:2: mention: .*"mention": expected true or false/);
  });
});
