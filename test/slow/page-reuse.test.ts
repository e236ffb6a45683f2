// Kept page analyses on the sample tender (running lines read alone, headings, a page without
// text): a pack of common words takes back the pages it cannot start on, with the report of a
// full analysis, and an edit of it again.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tenderscan } from '../helpers/cli.js';

const SAMPLE = join(ROOT, 'fixtures/sample/cctp-observatoire-tranquillite.pdf');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tenderscan-page-reuse-slow-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function scan(extra: string[]) {
  const r = tenderscan(['scan', SAMPLE, '-f', 'json', '-j', '1', ...extra], { env: { TENDERSCAN_TIMINGS: '1' } });
  expect(r.code).toBe(0);
  const timings = JSON.parse(/tenderscan timings: (.*)/.exec(r.stderr)![1]) as { pagesReused: number };
  return { timings, stable: JSON.stringify(JSON.parse(r.stdout), (k, v) => (/^(generatedAt|durationMs|elapsedMs)$/.test(k) ? undefined : v)) };
}

describe('kept page analyses on the sample tender', () => {
  it('gives the report of a full analysis with a pack of common words, added then edited', () => {
    const cache = join(dir, 'cache');
    scan(['--cache-dir', cache]);
    const pack = join(dir, 'common.yaml');
    // Words of a few pages: a document takes pages back only when at least half come back.
    for (const terms of ['capteurs, hyperviseur', 'capteurs, rassemblements']) {
      writeFileSync(pack, `language: fr\ncategory: automated-analysis\nrules:\n  - id: my.analysis.common\n    kind: terms\n    terms: [${terms}]\n`);
      const cached = scan(['--cache-dir', cache, '-r', pack]);
      expect(cached.timings.pagesReused).toBeGreaterThan(0);
      expect(cached.timings.pagesReused).toBeLessThan(24);
      expect(cached.stable).toBe(scan(['--no-cache', '-r', pack]).stable);
    }
  });
});
