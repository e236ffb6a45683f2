// Running headers and footers are left out, but never a page's body: short template pages whose
// every line repeats once digits are masked keep their findings.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../src/rules/load.js';
import { analyseFile } from '../../src/engine/document.js';
import { findRunningLines } from '../../src/text/headers.js';
import { makePdf } from '../helpers/pdf.js';
import { pageFromText } from '../helpers/text.js';

const SITES = ['rue de la Gare', 'place du Marché', 'avenue Jean Jaurès', 'quai des Brumes', 'rue Victor Hugo', 'parc des Sports', 'rue de la Mairie', 'boulevard Pasteur', 'chemin des Écoles'];
const CAMERAS = [4, 9, 2, 7, 3, 8, 5, 6, 1];

/** Nine site sheets of six lines: every line looks the same on each page once digits are masked. */
function siteSheet(n: number): string[] {
  return [
    `Fiche site n° ${n} / 9`,
    `Adresse : ${10 + n} ${SITES[n - 1]}`,
    `${CAMERAS[n - 1]} caméras de vidéoprotection dôme`,
    'Enregistrement des images : 30 jours',
    "Lecture automatique de plaques d'immatriculation : oui",
    'Raccordement au réseau de la ville par fibre',
  ];
}

describe('running lines on template pages', () => {
  const pages = SITES.map((_, i) => pageFromText(siteSheet(i + 1).join('\n'), i + 1));

  it('takes at most half of a page, the outermost lines first, and not lines whose numbers are their own', () => {
    const found = findRunningLines(pages);
    for (const lines of found.linesByPage) {
      expect(lines.size).toBeLessThanOrEqual(3);
      // "4 caméras", "9 caméras"…: numbers that do not follow the pages are content.
      expect(lines.has(2)).toBe(false);
      expect(lines.has(0)).toBe(true);
      expect(lines.has(5)).toBe(true);
    }
    // Each repeated line is read once, where it first occurs.
    expect(found.firstByPage[0]).toEqual(found.linesByPage[0]);
    expect(found.firstByPage.slice(1).every((s) => s.size === 0)).toBe(true);
  });

  it('still finds a header repeated on long pages, and its page counter', () => {
    const long = [1, 2, 3].map((n) =>
      pageFromText([`Ville de Test – CCTP – page ${n}/3`, ...Array.from({ length: 12 }, (_, k) => `Ligne ${k} propre à la page ${'abc'[n - 1]}`), 'Confidentiel'].join('\n'), n),
    );
    const found = findRunningLines(long);
    expect(found.texts).toEqual(['Ville de Test – CCTP – page 1/3', 'Confidentiel']);
    expect(found.linesByPage.every((s) => s.has(0) && s.has(13) && s.size === 2)).toBe(true);
  });

  it('keeps the findings of every sheet of a generated PDF, and reads a line repeated on every page once', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tenderscan-sheets-')), 'fiches-sites.pdf');
    writeFileSync(file, await makePdf(SITES.map((_, i) => ({ lines: siteSheet(i + 1) }))));
    const result = await analyseFile(file, loadRuleSet());
    expect(result.entry.status).toBe('ok');
    const pagesOf = (category: string) => [...new Set(result.findings.filter((f) => f.category === category && !f.negated).map((f) => f.page))];
    expect(pagesOf('video-surveillance')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // Said only in a line repeated on every page: found once, where it first occurs.
    expect(pagesOf('vehicle-tracking')).toEqual([1]);
    expect(result.entry.runningLines).toContain('Fiche site n° 1 / 9');
  });
});
