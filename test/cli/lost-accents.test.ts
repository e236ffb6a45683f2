// A PDF whose font maps its accented letters to U+0000 in its Unicode map: pdf.js then gives a
// text layer that reads "cam\0ras vid\0o", as some re-exported CCTP do (their letters are simply
// missing). The built CLI finds the video words there and quotes the page as printed; the same
// page with a full Unicode map gives the same categories.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tenderscan } from '../helpers/cli.js';
import { unicodeTextPdf } from '../helpers/raw-pdf.js';

const LINES = [
  'Article 3 - Consistance des travaux',
  'Le lot comprend la fourniture de 13 caméras vidéo dômes et le raccordement au centre de',
  'supervision. Le schéma d\u2019implantation des caméras est joint en annexe.',
];
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tenderscan-accents-'));
  writeFileSync(join(dir, 'lost.pdf'), unicodeTextPdf(LINES, {}, { lost: 'àâçèéêëîïôùû\u2019' }));
  writeFileSync(join(dir, 'kept.pdf'), unicodeTextPdf(LINES));
});

const scan = (file: string) => {
  const r = tenderscan(['scan', join(dir, file), '-f', 'json', '--no-cache', '--no-config', '--no-review', '-q']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { findings: { category: string; matched: string; negated: boolean; excerpt: string }[] };
};

describe('a text layer without its accented letters', () => {
  it('gives the categories of the same page with its accents, quoting the page as printed', () => {
    const lost = scan('lost.pdf');
    const kept = scan('kept.pdf');
    const categories = (r: ReturnType<typeof scan>) => [...new Set(r.findings.map((f) => f.category))].sort();
    expect(categories(kept)).toEqual(['video-surveillance']);
    expect(categories(lost)).toEqual(categories(kept));
    // The text layer really lost the letters: the quotation shows them missing.
    expect(lost.findings[0].excerpt).toMatch(/camras vido/);
    expect(kept.findings[0].excerpt).toMatch(/caméras vidéo/);
  });
});
