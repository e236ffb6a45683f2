// Pages kept for a run with other packs (src/cache/page-reuse.ts): adding, editing or removing a
// user pack analyses again only the pages a changed pack can start on, and the report is the
// one a full analysis gives. In the slow suite: a score of whole scans (npm test stays short).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tenderscan } from '../helpers/cli.js';

let dir: string;
let tender: string;

const PAGES = [
  'CCTP — Lot 1\n\nLa plateforme reçoit les flux vidéo des caméras de vidéoprotection de la commune.',
  "Le titulaire installe une girouette connectée sur le toit de la mairie.\n\nLes images sont conservées trente jours.",
  "Les agents consultent le fichier des personnes recherchées lors des contrôles.",
  "Le titulaire assure la maintenance des serveurs et la formation des opérateurs.",
];

function pack(name: string, body: string): string {
  const file = join(dir, name);
  writeFileSync(file, body);
  return file;
}

const terms = (id: string, words: string) => `language: fr\ncategory: drones\nrules:\n  - id: ${id}\n    kind: terms\n    terms: [${words}]\n`;

/** The report without what changes from run to run, and the pages taken back. */
function scan(files: string[], extra: string[]) {
  const r = tenderscan(['scan', ...files, '-f', 'json', '-j', '1', ...extra], { env: { TENDERSCAN_TIMINGS: '1' } });
  expect([0, 1]).toContain(r.code);
  const timings = JSON.parse(/tenderscan timings: (.*)/.exec(r.stderr)![1]) as { analyseMs: number; pagesReused: number };
  const report = JSON.parse(r.stdout) as { findings: { rule: string; page: number }[] };
  const stable = JSON.stringify(report, (k, v) => (/^(generatedAt|durationMs|elapsedMs)$/.test(k) ? undefined : v));
  return { timings, report, stable };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tenderscan-page-reuse-'));
  tender = join(dir, 'cctp.txt');
  writeFileSync(tender, PAGES.join('\n\f') + '\n');
});

describe('pages kept for other packs', () => {
  it('analyses again only the pages an added, edited or removed pack can start on, with the report of a full analysis', () => {
    const cache = join(dir, 'cache-steps');
    const balloon = pack('balloon.yaml', terms('my.drones.balloon', 'girouette connectée'));
    const steps: { packs: string[]; reused: number }[] = [
      { packs: [], reused: 0 },
      // Only page 2 has "girouette": the three other pages are taken back.
      { packs: [balloon], reused: 3 },
    ];
    for (const step of steps) {
      const cached = scan([tender], ['--cache-dir', cache, ...step.packs.flatMap((p) => ['-r', p])]);
      expect(cached.timings.pagesReused).toBe(step.reused);
      if (step.reused) expect(cached.stable).toBe(scan([tender], ['--no-cache', ...step.packs.flatMap((p) => ['-r', p])]).stable);
    }
    // Edited: the old words (page 2) and the new ones (page 3) are analysed again.
    pack('balloon.yaml', terms('my.drones.balloon', 'fichier des personnes'));
    const edited = scan([tender], ['--cache-dir', cache, '-r', balloon]);
    expect(edited.stable).toBe(scan([tender], ['--no-cache', '-r', balloon]).stable);
    expect(edited.timings.pagesReused).toBe(2);
    expect(edited.report.findings.filter((f) => f.rule === 'my.drones.balloon').map((f) => f.page)).toEqual([3]);
    // Removed: back to the built-in packs' report, without the pack's findings.
    const removed = scan([tender], ['--cache-dir', cache]);
    expect(removed.stable).toBe(scan([tender], ['--no-cache']).stable);
    expect(removed.report.findings.some((f) => f.rule === 'my.drones.balloon')).toBe(false);
  });

  it('takes the whole result back when the added pack can start on no page', () => {
    const cache = join(dir, 'cache-none');
    scan([tender], ['--cache-dir', cache]);
    const unused = pack('unused.yaml', terms('my.drones.unused', 'aérostat captif'));
    const cached = scan([tender], ['--cache-dir', cache, '-r', unused]);
    expect(cached.timings.analyseMs).toBe(0);
    expect(cached.timings.pagesReused).toBe(PAGES.length);
    expect(cached.stable).toBe(scan([tender], ['--no-cache', '-r', unused]).stable);
  });

  it('runs an added exception again where it can cancel a finding', () => {
    const cache = join(dir, 'cache-exception');
    const before = scan([tender], ['--cache-dir', cache]);
    expect(before.report.findings.some((f) => f.page === 1)).toBe(true);
    const exception = pack('exception.yaml', 'language: fr\nrules:\n  - id: my.cancel.video\n    kind: exception\n    phrases: [caméras de vidéoprotection]\n');
    const cached = scan([tender], ['--cache-dir', cache, '-r', exception]);
    expect(cached.stable).toBe(scan([tender], ['--no-cache', '-r', exception]).stable);
    expect(cached.timings.pagesReused).toBe(PAGES.length - 1);
  });
  // Packs in another order, and entries of another shape: test/unit/page-reuse.test.ts. The
  // sample PDF: page-reuse.test.ts here; real documents: test/shared/page-reuse.test.ts.
});
