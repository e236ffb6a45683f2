// `merge` reads shards as hostile input: every line checked and located, categories of any
// name, each document counted once, crossings in document order. (merge run as a command:
// test/cli/merge.test.ts.)
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/model/build.js';
import { FORMAT_NAMES, loadFormatter } from '../../src/report/formats/index.js';
import { jsonlDocument, jsonlSummary } from '../../src/report/formats/jsonl.js';
import { mergeShards, readShard, ShardError } from '../../src/report/model/merge.js';
import type { DocumentEntry, Finding } from '../../src/types.js';

const entry = (path: string, sha = 'c'.repeat(64)): DocumentEntry => ({
  path, sha256: sha, size: 10, pageCount: 1, status: 'ok', pagesWithoutText: [], failedPages: [], runningLines: [], language: 'fr',
});
const finding = (document: string, category = 'video-surveillance'): Finding => ({
  document, page: 1, pageLabel: '1', section: null, sectionNumber: null, category, rule: 'r', matched: 'caméras', excerpt: 'Des caméras.',
  start: 4, end: 11, excerptStart: 0, excerptEnd: 12, negated: false, modality: 'asserted', language: 'fr', source: 'text',
});
const shardText = (docs: [DocumentEntry, Finding[]][]) =>
  docs.map(([d, f]) => jsonlDocument(d, f, false)).join('') + jsonlSummary(buildReport(docs.map(([d]) => d), docs.flatMap(([, f]) => f), { hash: 'h', files: [] }));

/** The error readShard throws for `text`, as the one line the CLI prints. */
function shardError(text: string): string {
  try {
    readShard(text, 'x.jsonl');
  } catch (err) {
    expect(err).toBeInstanceOf(ShardError);
    return (err as Error).message;
  }
  throw new Error('no error');
}

describe('reading a shard', () => {
  const good = shardText([[entry('a.pdf'), [finding('a.pdf')]]]);

  it('reads back the locations of formats without pages, and those of older shards without a kind', () => {
    const sheet = { ...finding('bpu.xlsx'), location: { kind: 'sheet-row' as const, sheet: 'Lot 1', row: 14, column: 'Désignation', hidden: true, heading: null } };
    const note = { ...finding('cctp.docx'), location: { kind: 'footnote' as const, note: 3, paragraph: 12, heading: 'Article 2' } };
    const shard = readShard(shardText([[entry('bpu.xlsx'), [sheet]], [entry('cctp.docx', 'd'.repeat(64)), [note]]]), 'x.jsonl');
    expect(shard.documents.flatMap((d) => d.findings.map((f) => f.location))).toEqual([sheet.location, note.location]);
    const older = shardText([[entry('a.docx'), [{ ...finding('a.docx'), location: { paragraph: 4, heading: null } as never }]]]);
    expect(readShard(older, 'x.jsonl').documents[0].findings[0].location).toEqual({ paragraph: 4, heading: null });
    expect(shardError(good.replace('"category"', '"location":{"kind":"page","heading":null},"category"'))).toMatch(/"location": "kind": expected one of/);
  });

  it('reads back what scan --format jsonl writes', () => {
    const shard = readShard(good, 'x.jsonl');
    expect(shard.documents).toHaveLength(1);
    expect(shard.documents[0].findings).toHaveLength(1);
    expect(shard.rulePacks).toEqual({ hash: 'h', files: [] });
  });

  it('names the file and line of the first bad line', () => {
    const lines = good.trim().split('\n');
    const endLine = lines.findIndex((l) => l.startsWith('{"type":"end"'));
    expect(shardError(lines[endLine])).toBe('x.jsonl:1: "end" without a document (no "begin" line before it)');
    expect(shardError(`${lines[0]}\n${JSON.stringify({ type: 'end', data: {} })}`)).toBe('x.jsonl:2: end: missing "document"');
    expect(shardError(`${lines[0]}\n\n{"type":`)).toBe('x.jsonl:3: not a JSON line');
    expect(shardError('{"type":"finding","data":{}}')).toMatch(/^x\.jsonl:1: "finding" outside a document/);
    expect(shardError(`${lines[0]}\n${lines[1].replace('"page":1', '"page":"1"')}`)).toBe('x.jsonl:2: finding: "page": expected a whole number >= 1');
    expect(shardError(lines.slice(0, 2).join('\n'))).toBe('x.jsonl:1: document "a.pdf" has no "end" line (truncated file?)');
    expect(shardError('{"type":"begin","data":{"path":"a.pdf","__proto__":{"x":1}}}')).toBe('x.jsonl:1: a key named "__proto__"');
    expect(shardError('{"type":"oops"}')).toMatch(/^x\.jsonl:1: unknown type "oops"/);
    expect(shardError(`${lines[0]}\n${lines[endLine].replace(/"sha256":"c+"/, '"sha256":"<img>"')}`)).toBe('x.jsonl:2: end: "document": "sha256": expected 64 hex digits');
  });

  it('refuses a shard whose finding lines do not add up to its "end" counts (issue 23)', () => {
    const negated = { ...finding('a.pdf'), negated: true, start: 20, end: 25 };
    const text = shardText([[entry('a.pdf'), [finding('a.pdf'), finding('a.pdf', 'drones'), negated]]]);
    expect(readShard(text, 'x.jsonl').documents[0].findings).toHaveLength(3);
    const lines = text.trim().split('\n');
    const without = (kept: (line: string) => boolean) => lines.filter(kept).join('\n');
    expect(shardError(without((l) => !l.includes('"drones"')))).toBe(
      'x.jsonl:4: end: "counts" says 2 positive findings for "a.pdf", but 1 such lines were read (lines removed or added?)',
    );
    expect(shardError(without((l) => !l.includes('"negated":true')))).toMatch(/^x\.jsonl:4: end: "counts" says 1 negated findings for "a\.pdf", but 0/);
    expect(shardError(without((l) => !l.startsWith('{"type":"finding"')))).toMatch(/says 2 positive findings .* but 0 such lines/);
  });

  it('takes a category named __proto__ or constructor like any other, in every format', async () => {
    const text = shardText([[entry('a.pdf'), [finding('a.pdf', '__proto__'), finding('a.pdf', 'constructor')]]]);
    const merged = mergeShards([{ file: 'x.jsonl', shard: readShard(text, 'x.jsonl') }]);
    const report = buildReport(merged.entries, merged.findings, merged.rulePacks!);
    expect(Object.keys(report.summary.byCategory)).toEqual(['__proto__', 'constructor']);
    expect(report.summary.byCategory.__proto__).toEqual({ findings: 1, negated: 0, pages: { 'a.pdf': [1] } });
    const options = { color: false, explain: false, language: 'en' as const, categoryName: (id: string) => id };
    for (const name of FORMAT_NAMES) expect((await loadFormatter(name))!(report, options), name).toContain(name === 'markdown' ? '\\_\\_proto\\_\\_' : '__proto__');
    expect(JSON.parse((await loadFormatter('json'))!(report, options)).summary.byCategory.__proto__.findings).toBe(1);
  });
});

describe('merging shards', () => {
  it('counts a document given twice (same path and SHA-256) once, with a notice', () => {
    const a = readShard(shardText([[entry('a.pdf'), [finding('a.pdf')]], [entry('b.pdf', null as never), []]]), 'a.jsonl');
    const b = readShard(shardText([[entry('c.pdf'), [finding('c.pdf')]]]), 'b.jsonl');
    const merged = mergeShards([{ file: 'a.jsonl', shard: a }, { file: 'b.jsonl', shard: b }, { file: 'a-again.jsonl', shard: a }]);
    expect(merged.entries.map((e) => e.path)).toEqual(['a.pdf', 'b.pdf', 'c.pdf']);
    expect(merged.findings).toHaveLength(2);
    expect(merged.notices).toHaveLength(2);
    expect(merged.notices[0]).toMatch(/^a-again\.jsonl:\d+: a\.pdf \(sha256 c{64}\) was already read from a\.jsonl:\d+; left out$/);
    // Same path, other bytes: both kept, and said.
    const other = readShard(shardText([[entry('a.pdf', 'd'.repeat(64)), []]]), 'o.jsonl');
    const both = mergeShards([{ file: 'a.jsonl', shard: a }, { file: 'o.jsonl', shard: other }]);
    expect(both.entries.filter((e) => e.path === 'a.pdf')).toHaveLength(2);
    expect(both.notices[0]).toMatch(/other content/);
  });

  it('puts crossings (fusion) in document order, as a single run does, whatever the order of the shards', () => {
    const crossing = (document: string) => ({
      document, page: 1, pageLabel: '1', section: null, sectionNumber: null, categories: ['video-surveillance', 'police-records'],
      cue: 'croisées', excerpt: 'Les mains courantes sont croisées avec les flux vidéo.', excerptStart: 0, excerptEnd: 53,
    });
    const shardOf = (path: string) =>
      readShard(jsonlDocument(entry(path), [finding(path)], false, [crossing(path)]) + jsonlSummary(buildReport([entry(path)], [], { hash: 'h', files: [] })), `${path}.jsonl`);
    // Shard files given last-document first, as a glob of part-N.jsonl may give them.
    const merged = mergeShards(['c.pdf', 'a.pdf', 'b.pdf'].map((path) => ({ file: `${path}.jsonl`, shard: shardOf(path) })));
    expect(merged.entries.map((e) => e.path)).toEqual(['a.pdf', 'b.pdf', 'c.pdf']);
    expect(merged.fusion.map((x) => x.document)).toEqual(['a.pdf', 'b.pdf', 'c.pdf']);
  });
});
