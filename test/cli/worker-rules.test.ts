// Pool workers compile a built-in rule when a passage first holds its start words (as the main
// thread does for one document), not every rule of a language before the first document.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makePdf } from '../helpers/pdf.js';
import { tenderscan } from '../helpers/cli.js';

const PACKS = fileURLToPath(new URL('../../dist/rules/builtin-packs.json', import.meta.url));

describe('the rules a pool worker compiles', () => {
  it('are those its documents meet, and the report is the one read on the main thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tenderscan-worker-rules-'));
    const files: string[] = [];
    for (const n of [1, 2]) {
      const file = join(dir, `lot-${n}.pdf`);
      writeFileSync(file, await makePdf([{ lines: [`Lot ${n} : la plateforme reçoit les flux des caméras de vidéoprotection.`, 'Un drone survole le marché.'] }]));
      files.push(file);
    }
    const total = (JSON.parse(readFileSync(PACKS, 'utf8')) as { checked: { rules: unknown[] } }).checked.rules.length;
    const run = tenderscan(['scan', ...files, '-f', 'json', '-q', '--no-cache', '--jobs', '2'], { env: { TENDERSCAN_TIMINGS: '1' } });
    expect(run.code).toBe(0);
    const { rulesCompiled } = JSON.parse(/tenderscan timings: (.*)/.exec(run.stderr)![1]) as { rulesCompiled: number };
    expect(rulesCompiled).toBeGreaterThan(0);
    expect(rulesCompiled).toBeLessThan(total / 4);
    // Each document alone is read on the main thread (no worker): the same findings.
    type Found = { document: string; page: number; start: number; category: string; excerpt: string };
    const report = JSON.parse(run.stdout) as { findings: Found[] };
    for (const file of files) {
      const alone = JSON.parse(tenderscan(['scan', file, '-f', 'json', '-q', '--no-cache']).stdout) as { findings: Found[] };
      expect(report.findings.filter((f) => f.document === file)).toEqual(alone.findings);
    }
  });
});
