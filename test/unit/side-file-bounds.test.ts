// Big side files are bounded, with the bound named in the error: a 15 MB review file made
// `review --mark` take 75 s and 2.3 GB (now at most 4 MiB: about 18,000 judgements, 21 s on a
// loaded machine), and a report with an excerpt of 100 MB made `diff` take 70 s and 4.2 GB
// (an excerpt read back is at most 64 Ki characters; tenderscan writes about 500 at most).
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readReviewFile } from '../../src/review/file.js';
import { readReportFile } from '../../src/report/model/read.js';
import { analyseDocument } from '../../src/analyse/document.js';
import { loadRuleSet } from '../../src/rules/load.js';
import type { Page } from '../../src/types.js';

const dir = mkdtempSync(join(tmpdir(), 'tenderscan-bounds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('big side files', () => {
  it('a review file over 4 MiB is refused before it is read', () => {
    const path = join(dir, 'review.yaml');
    writeFileSync(path, '');
    truncateSync(path, 5 * 1024 * 1024);
    expect(() => readReviewFile(path)).toThrow(`${5 * 1024 * 1024} bytes, more than the ${4 * 1024 * 1024} allowed for this file`);
  });

  it('a report whose excerpt is huge is refused, naming the finding and the bound', () => {
    const path = join(dir, 'report.json');
    const finding = { document: 'a.pdf', page: 1, category: 'drones', excerpt: 'x'.repeat(1_000_000), id: 'abcdefabcdef' };
    writeFileSync(path, JSON.stringify({ schemaVersion: 2, documents: [{ path: 'a.pdf', status: 'ok' }], findings: [finding] }));
    expect(() => readReportFile(path)).toThrow('findings[0]: an excerpt of 1000000 characters, more than the 65536 a report\'s excerpt may hold');
  });

  it('an excerpt finishes its words, but not a word of 100,000 letters', () => {
    const text = `${'Les habitants de la commune. '.repeat(20)}Les drones ${'a'.repeat(100_000)} de la ville.`;
    const page = { number: 1, text, lines: [{ number: 1, text, start: 0, end: text.length }] } as Page;
    const [finding] = analyseDocument('a.txt', [page], loadRuleSet()).findings;
    expect(finding.category).toBe('drones');
    expect(finding.excerpt.length).toBeLessThan(600);
  });
});
