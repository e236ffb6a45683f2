// -o FILE picks the format from its extension unless -f names one; -f against the extension,
// or a name without a known extension and no -f, is exit 2 with the reason and nothing written.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tenderscan } from '../helpers/cli.js';

let dir: string;
let tender: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tenderscan-output-format-'));
  tender = join(dir, 'cctp.txt');
  writeFileSync(tender, 'Article 1 – Objet\nLa plateforme reçoit les flux des caméras de vidéoprotection de la ville.\n');
});

describe('-o without -f', () => {
  it.each([
    ['report.json', (text: string) => expect(JSON.parse(text).schemaVersion).toBe(2)],
    ['report.jsonl', (text: string) => expect(JSON.parse(text.split('\n')[0]).type).toBeDefined()],
    ['report.csv', (text: string) => expect(text.split('\n')[0]).toMatch(/^kind,|document/)],
    ['report.md', (text: string) => expect(text).toMatch(/^## Document: cctp\.txt$/m)],
    ['REPORT.HTML', (text: string) => expect(text).toMatch(/^<!doctype html>/i)],
    ['report.txt', (text: string) => expect(text).toMatch(/cctp\.txt/)],
  ])('writes %s in the format its extension names', (name, check) => {
    const out = join(dir, name);
    const run = tenderscan(['scan', tender, '-q', '-o', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    check(readFileSync(out, 'utf8'));
  });

  it('refuses a name whose extension names no format, writing nothing', () => {
    const out = join(dir, 'report.out');
    const run = tenderscan(['scan', tender, '-o', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`tenderscan: -o ${out}: cannot tell the format from the extension ".out"; name it .txt, .json, .jsonl, .ndjson, .md, .markdown, .html, .htm, .csv or give -f\n`);
    expect(existsSync(out)).toBe(false);
  });
});

describe('-o with -f', () => {
  it('refuses -f that contradicts the extension, writing nothing', () => {
    const out = join(dir, 'contradicted.json');
    const run = tenderscan(['scan', tender, '-f', 'markdown', '-o', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`tenderscan: -o ${out}: a .json file holds --format json, not markdown; change the file's extension or -f\n`);
    expect(existsSync(out)).toBe(false);
  });

  it('takes -f with an extension that names no format', () => {
    const out = join(dir, 'report.data');
    expect(tenderscan(['scan', tender, '-q', '-f', 'json', '-o', out]).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).schemaVersion).toBe(2);
  });

  it('applies to diff and merge too', () => {
    const shard = join(dir, 'shard.jsonl');
    expect(tenderscan(['scan', tender, '-q', '-o', shard]).code).toBe(0);
    const merged = join(dir, 'merged.json');
    expect(tenderscan(['merge', shard, '-o', merged]).code).toBe(0);
    expect(JSON.parse(readFileSync(merged, 'utf8')).schemaVersion).toBe(2);
    const diffed = join(dir, 'diff.json');
    expect(tenderscan(['diff', merged, shard, '-o', diffed]).code).toBe(0);
    expect(JSON.parse(readFileSync(diffed, 'utf8'))).toBeTypeOf('object');
    const wrong = tenderscan(['merge', shard, '-f', 'csv', '-o', join(dir, 'merged.html')]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/^tenderscan: -o .*merged\.html: a \.html file holds --format html, not csv;.*\n$/);
  });
});

describe('--summary', () => {
  it('prints the dossier summary alone, in the terminal format only', () => {
    const r = tenderscan(['scan', tender, '-q', '--summary']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Summary: 1 finding · 1 of 1 document analysed\n/);
    expect(r.stdout).not.toContain('Evidence');
    const json = tenderscan(['scan', tender, '-q', '--summary', '-f', 'json']);
    expect(json.code).toBe(2);
    expect(json.stderr).toBe('tenderscan: --summary applies to --format terminal, not json\n');
  });
});

describe('JSON of several documents', () => {
  it('has each document\'s findings rendered by its worker and prepared as it arrives, and writes the report those pieces make', async () => {
    const { makePdf } = await import('../helpers/pdf.js');
    const files: string[] = [];
    for (const n of [1, 2, 3, 4]) {
      const file = join(dir, `lot-${n}.pdf`);
      writeFileSync(file, await makePdf([{ lines: [`Lot ${n} : la plateforme reçoit les flux des caméras de vidéoprotection.`, 'Un drone survole le marché.'] }]));
      files.push(file);
    }
    const run = tenderscan(['scan', ...files, '-f', 'json', '-q', '--no-cache', '--jobs', '2'], { env: { TENDERSCAN_TIMINGS: '1' } });
    expect(run.code).toBe(0);
    // The formatter is loaded while the first documents are read: every document is prepared
    // as it arrives (the formatter being loaded only at the end prepared none).
    // The workers render each document's items, taken by the main thread as they are: the
    // last document too, which the main thread would otherwise render once all are in.
    const timings = JSON.parse(/tenderscan timings: (.*)/.exec(run.stderr)![1]) as { preparedAhead: number; renderedByWorkers: number };
    expect(timings).toMatchObject({ preparedAhead: 4, renderedByWorkers: 4 });
    type Found = { document: string; page: number; start: number; category: string; excerpt: string };
    const report = JSON.parse(run.stdout) as { findings: Found[] };
    expect(new Set(report.findings.map((f) => f.document))).toEqual(new Set(files));
    expect(report.findings.filter((f) => f.category === 'drones')).toHaveLength(4);
    // The same report as one written in a single piece (JSON Lines carry the same findings).
    const lines = tenderscan(['scan', ...files, '-f', 'jsonl', '-q', '--no-cache', '--jobs', '2']);
    const streamed = lines.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; data: Found });
    const key = (f: Found) => [f.document, f.page, f.start, f.category, f.excerpt];
    const found = streamed.filter((l) => l.type === 'finding').map((l) => key(l.data));
    expect(found).toHaveLength(8);
    expect(report.findings.map(key)).toEqual(found);
  });
});
