// A long PDF shared out among up to four workers: the same JSON report whatever --jobs, and a
// document that times out takes its lent workers' reading with it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tenderscan } from '../helpers/cli.js';
import { makePdf } from '../helpers/pdf.js';

let dir: string;
let long: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tenderscan-split-slow-'));
  long = join(dir, 'long.pdf');
  const lines = ['Les caméras de vidéoprotection filment la voie publique.', 'Les plaques d’immatriculation sont lues (LAPI).', 'Sans reconnaissance faciale.'];
  writeFileSync(long, await makePdf(Array.from({ length: 300 }, (_, i) => ({ footer: `page ${i + 1}`, lines: [`Article ${i + 1}`, lines[i % 3], lines[(i + 1) % 3]] }))));
});

const withoutDate = (json: string) => json.replace(/"generatedAt": "[^"]+"/, '');

describe('a long PDF across workers', () => {
  it('gives the same JSON report for --jobs 1, 2 and 4', () => {
    const [one, two, four] = [1, 2, 4].map((jobs) => tenderscan(['scan', long, '-f', 'json', '--no-cache', '--jobs', String(jobs)]));
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout).documents[0]).toMatchObject({ status: 'ok', pageCount: 300 });
    expect(withoutDate(two.stdout)).toBe(withoutDate(one.stdout));
    expect(withoutDate(four.stdout)).toBe(withoutDate(one.stdout));
  });

  it('stops the lent workers of a document that times out, and goes on with the next one', async () => {
    const { DocumentPool } = await import(join(ROOT, 'dist/engine/pool/pool.js'));
    const { checkRulePacks, readPackSources } = await import(join(ROOT, 'dist/rules/load.js'));
    // Far more pages than 4 s can read on any machine; lending takes a second or two.
    const huge = join(dir, 'huge.pdf');
    // Full pages (40 lines each): a page of two lines is read in about a millisecond.
    const page = (i: number) => [`Article ${i + 1}`, ...Array.from({ length: 40 }, (_, k) => `${k + 1}. Les caméras de vidéoprotection filment la voie publique ${i}.`)];
    writeFileSync(huge, await makePdf(Array.from({ length: 2000 }, (_, i) => ({ lines: page(i) }))));
    const pool = new DocumentPool(2, { rules: checkRulePacks(readPackSources()) }, { timeoutMs: 4000, heapMb: 512, maxRssMb: 8192 });
    const internals = pool as unknown as { slots: { helping?: unknown; job?: unknown }[] };
    let lent = false;
    const watch = setInterval(() => (lent ||= internals.slots.some((s) => s.helping)), 20);
    const first = await pool.run({ path: huge, file: huge }, {});
    clearInterval(watch);
    expect(lent).toBe(true);
    expect(first.code).toBe('TIMEOUT');
    // No worker is left reading for the stopped document.
    expect(internals.slots.filter((s) => s.helping || s.job)).toEqual([]);
    const small = join(dir, 'small.pdf');
    writeFileSync(small, await makePdf([{ lines: ['Les caméras de la ville.'] }]));
    const next = await pool.run({ path: small, file: small }, {});
    await pool.close();
    expect(next.entry.status).toBe('ok');
  });
});
