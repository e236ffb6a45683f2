// --snapshots shares its budget (--max-snapshots) across documents, then categories: every
// document with findings gets an image before any gets a second of one category; the findings
// left without one say so.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tenderscan } from '../helpers/cli.js';
import { makePdf } from '../helpers/pdf.js';

const VIDEO = 'La plateforme recoit les flux des cameras de videoprotection de la ville.';
const DRONES = 'Les drones de la police municipale filment les rassemblements.';
const SOCIAL = 'La plateforme analyse les publications sur Twitter.';

describe('--max-snapshots', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tenderscan-budget-'));
    writeFileSync(join(dir, 'a.pdf'), await makePdf([{ lines: [VIDEO] }, { lines: [VIDEO] }, { lines: [DRONES] }]));
    writeFileSync(join(dir, 'b.pdf'), await makePdf([{ lines: [SOCIAL] }]));
  });
  const imagesBy = (md: string) =>
    Object.fromEntries(md.split(/^## Document: /m).slice(1).map((part) => [part.split('\n')[0], (part.match(/!\[[^\]]*\]\(/g) ?? []).length]));

  it('gives every document an image first, and says which findings have none', () => {
    const out = join(dir, 'two.md');
    const r = tenderscan(['scan', join(dir, 'a.pdf'), join(dir, 'b.pdf'), '--snapshots', '--max-snapshots', '2', '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    const md = readFileSync(out, 'utf8');
    expect(imagesBy(md)).toEqual({ 'a.pdf': 1, 'b.pdf': 1 });
    expect(md.match(/\*no image: beyond --max-snapshots 2\*/g)?.length).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/--snapshots: \d+ passage images? left out \(at most 2 per report, shared among documents and categories; --max-snapshots raises it\)/);
  });

  it('then a second category of a document before a second image of one', () => {
    const out = join(dir, 'three.md');
    expect(tenderscan(['scan', join(dir, 'a.pdf'), join(dir, 'b.pdf'), '--snapshots', '--max-snapshots', '3', '-o', out, '-q']).code).toBe(0);
    const md = readFileSync(out, 'utf8');
    expect(imagesBy(md)).toEqual({ 'a.pdf': 2, 'b.pdf': 1 });
    const a = md.split(/^## Document: /m)[1];
    // Drones and video surveillance each have their image; the second video passage has none.
    expect(a.split(/^### /m).slice(1).map((c) => [c.split('\n')[0], (c.match(/!\[/g) ?? []).length])).toEqual([['Drones', 1], ['Video surveillance', 1]]);
  });

  it('needs --snapshots', () => {
    const r = tenderscan(['scan', join(dir, 'b.pdf'), '--max-snapshots', '2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('tenderscan: --max-snapshots applies with --snapshots\n');
  });
});
