// Hostile and broken inputs, generated here: every one ends as a coded result, the batch goes
// on, and the good document in the same batch keeps its findings.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tenderscan } from '../helpers/cli.js';
import { deflateBomb, hugePageCount, loopingPageTree, selfReferencingForm, textPdf } from '../helpers/raw-pdf.js';

const GOOD_TEXT = ['Article 1 - Objet', 'La plateforme recoit les flux video des cameras de videoprotection de la ville.'];

/** name → [bytes, expected status, expected code (or a list of acceptable ones)] */
function matrix(): Record<string, [Buffer, 'ok' | 'partial' | 'error', string | string[] | null]> {
  const good = textPdf(GOOD_TEXT);
  const cut = (fraction: number) => good.subarray(0, Math.floor(good.length * fraction));
  const garbage = Buffer.from(good);
  garbage.fill(0x5a, Math.floor(good.length * 0.3), Math.floor(good.length * 0.6));
  return {
    'good.pdf': [good, 'ok', null],
    'zero-bytes.pdf': [Buffer.alloc(0), 'error', 'EMPTY'],
    'text-renamed.pdf': [Buffer.from('Ceci est un texte, pas un PDF.\n'), 'error', 'UNSUPPORTED'],
    'png-renamed.pdf': [Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), 'error', 'UNSUPPORTED'],
    'truncated-10.pdf': [cut(0.1), 'error', 'CORRUPT'],
    'truncated-60.pdf': [cut(0.6), 'error', 'CORRUPT'],
    'truncated-90.pdf': [cut(0.9), 'error', 'CORRUPT'],
    'junk-before-header.pdf': [Buffer.concat([Buffer.from('JUNK'.repeat(50)), good]), 'ok', null],
    'garbage-in-middle.pdf': [garbage, 'error', ['CORRUPT']],
    'looping-page-tree.pdf': [loopingPageTree(), 'error', 'CORRUPT'],
    'billion-pages.pdf': [hugePageCount(), 'ok', null],
    'self-referencing-form.pdf': [selfReferencingForm(), 'ok', null],
    'deflate-bomb.pdf': [deflateBomb(60), 'error', ['TIMEOUT', 'RESOURCE_LIMIT']],
  };
}

describe('a batch of hostile inputs', () => {
  let report: any;
  let run: ReturnType<typeof tenderscan>;
  let dir: string;
  const cases = matrix();

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tenderscan-hostile-'));
    for (const [name, [bytes]] of Object.entries(cases)) writeFileSync(join(dir, name), bytes);
    run = tenderscan(['scan', dir, '-f', 'json', '--no-cache', '--timeout', '8', '--max-heap', '256']);
    report = JSON.parse(run.stdout);
  }, 120_000);

  it('exits 3, with one stderr line per failed document and no stack trace', () => {
    expect(run.code).toBe(3);
    const failed = report.documents.filter((d: any) => d.status === 'error');
    for (const d of failed) expect(run.stderr).toContain(`${d.path}: ${d.error.code}: `);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it.each(Object.entries(cases).map(([name, [, status, code]]) => [name, status, code]))('%s ends %s %s', (name, status, code) => {
    const doc = report.documents.find((d: any) => d.path.endsWith(`/${name}`));
    if (status === 'ok') expect(['ok', 'partial']).toContain(doc.status);
    else expect(doc.status).toBe(status);
    if (code) expect([code].flat()).toContain(doc.error.code);
    expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps the findings of the good document', () => {
    const good = report.findings.filter((f: any) => f.document.endsWith('/good.pdf'));
    expect(good.map((f: any) => f.category)).toEqual(['video-surveillance']);
  });
});
