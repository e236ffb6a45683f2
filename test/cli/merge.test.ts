// `merge` as a user runs it: a malformed shard is one located line on stderr and exit 2; an
// input error of a --shard run is reported by one shard only. (Reading and combining shards
// in-process: test/unit/merge.test.ts.)
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocumentEntry } from '../../src/types.js';
import { tenderscan } from '../helpers/cli.js';

const entry = (path: string, sha = 'c'.repeat(64)): DocumentEntry => ({
  path, sha256: sha, size: 10, pageCount: 1, status: 'ok', pagesWithoutText: [], failedPages: [], runningLines: [], language: 'fr',
});

describe('merge and --shard (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tenderscan-merge-'));

  it('refuses a malformed shard with one located line and exit 2', () => {
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, `${JSON.stringify({ type: 'end', data: { document: entry('a.pdf'), counts: { findings: 0, negated: 0 }, fusion: [] } })}\n`);
    const r = tenderscan(['merge', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`tenderscan: ${file}:1: "end" without a document (no "begin" line before it)\n`);
    expect(r.stdout).toBe('');
  });

  it('reports an input error in exactly one shard', () => {
    const missing = join(dir, 'missing.pdf');
    const shards = [1, 2].map((i) => tenderscan(['scan', missing, '-f', 'jsonl', '--no-cache', '--shard', `${i}/2`]).stdout);
    const ends = shards.map((out) => out.split('\n').filter((l) => l.startsWith('{"type":"end"')).length);
    expect(ends.sort()).toEqual([0, 1]);
  });
});
