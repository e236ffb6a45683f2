// The HTML report of a dossier as people see it: opened in real headless Chromium (Debian's,
// installed by .ci/run) at desktop and phone width. Three documents: a text CCTP, a broken PDF
// and a scanned annex read by OCR, with --snapshots. No console error (a CSP violation is one),
// no network request, no horizontal overflow of the page, filters that work, links that resolve
// from the report's folder, snapshot images that load. Skipped where Chromium or the OCR tools
// are absent.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenderscan } from '../helpers/cli.js';
import { makePdf } from '../helpers/pdf.js';
import { ocrToolsPresent } from '../helpers/tools.js';

const CHROMIUM = '/usr/bin/chromium';
const WIDTHS = [1280, 390] as const;

describe.skipIf(!existsSync(CHROMIUM) || !ocrToolsPresent)('the HTML report of a dossier in headless Chromium', () => {
  let browser: import('playwright-core').Browser;
  const pages = new Map<number, import('playwright-core').Page>();
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  let dir: string;
  let report: string;
  let html: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tenderscan-html-'));
    const dossier = join(dir, 'dossier');
    mkdirSync(dossier);
    mkdirSync(join(dir, 'out'));
    writeFileSync(
      join(dossier, 'cctp #1.pdf'),
      await makePdf([
        {
          lines: [
            'Article 1 - Sources',
            'La plateforme recoit les flux video des cameras de videoprotection.',
            'Veille des reseaux sociaux <script>window.pwned=1</script> <img src=x onerror="window.pwned=2">.',
            'Article 2 - Croisement',
            'La plateforme assure le croisement des images des cameras et des mains courantes de la police municipale.',
          ],
        },
        { lines: ['Article 3 - Exclusions', 'Le titulaire ne collectera aucune donnee biometrique.', 'En option, des capteurs sonores seront installes.'] },
      ]),
    );
    writeFileSync(join(dossier, 'broken.pdf'), '%PDF-1.7\nnot a PDF body at all\n');
    // A scanned annex: a text page rendered to an image, the image alone on a new page.
    const source = join(dir, 'source.pdf');
    writeFileSync(source, await makePdf([{ lines: ['Article 4 - Drones', 'Les drones de la police municipale transmettent leurs images.'] }]));
    execFileSync('pdftoppm', ['-r', '150', '-gray', '-png', '-singlefile', source, join(dir, 'page')]);
    const scan = await PDFDocument.create();
    scan.addPage([595, 842]).drawImage(await scan.embedPng(readFileSync(join(dir, 'page.png'))), { x: 0, y: 0, width: 595, height: 842 });
    writeFileSync(join(dossier, 'annexe-scan.pdf'), await scan.save());

    report = join(dir, 'out', 'report.html');
    const r = tenderscan(['scan', dossier, '-f', 'html', '-o', report, '--report-lang', 'fr', '--no-cache', '--snapshots', '--ocr', 'auto', '-j', '1'], { cwd: dir });
    expect(r.code, r.stderr).toBe(3); // one document failed
    html = readFileSync(report, 'utf8');

    // Playwright starts Chromium with a fresh, empty profile of its own.
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    for (const width of WIDTHS) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
      page.on('pageerror', (e) => consoleErrors.push(e.message));
      page.on('request', (req) => {
        if (!req.url().startsWith('file:') && !req.url().startsWith('data:')) requests.push(req.url());
      });
      await page.goto(pathToFileURL(report).href);
      await page.screenshot({ path: join(dir, `report-${width}.png`), fullPage: true });
      pages.set(width, page);
    }
    // Where to look at them.
    console.log(`screenshots: ${join(dir, 'report-1280.png')} ${join(dir, 'report-390.png')}`);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('loads with no console error (no CSP violation) and no network request', () => {
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([]);
  });

  it.each(WIDTHS)('does not overflow the page horizontally at %i px (the matrix scrolls in its own box)', async (width) => {
    const page = pages.get(width)!;
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it('names the dossier, the failed document up front, and the three documents in the list', async () => {
    const page = pages.get(1280)!;
    expect(await page.locator('h1').textContent()).toBe('dossier — Rapport tenderscan');
    const dossier = await page.locator('#dossier').textContent();
    expect(dossier).toContain('broken.pdf');
    expect(dossier).toContain('CORRUPT');
    expect(await page.locator('#contents tbody tr').count()).toBe(3);
    expect(await page.locator('.matrix tbody tr').count()).toBe(3);
    expect(await page.locator('.bar-row').count()).toBeGreaterThanOrEqual(3);
    // Chart labels stay readable on a phone.
    const size = await pages.get(390)!.locator('.bar-row span').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    expect(size).toBeGreaterThanOrEqual(12);
  });

  it('filters by category and by document, without a script', async () => {
    const page = pages.get(390)!;
    const drones = page.locator('#findings section.cat', { hasText: 'Drones' }).first();
    const video = page.locator('#findings section.cat', { hasText: 'Vidéosurveillance' }).first();
    await expect.poll(() => video.isVisible()).toBe(true);
    await page.locator('label', { hasText: 'Drones' }).first().click();
    await expect.poll(() => video.isVisible()).toBe(false);
    await expect.poll(() => drones.isVisible()).toBe(true);
    await page.locator('label[for="fc-all"], label:has(#fc-all)').click();
    await expect.poll(() => video.isVisible()).toBe(true);
    await page.locator('.filters summary').click();
    await page.locator('.filters label', { hasText: 'annexe-scan.pdf' }).click();
    await expect.poll(() => video.isVisible()).toBe(false);
    await expect.poll(() => drones.isVisible()).toBe(true);
    await page.locator('label:has(#fd-all)').click();
    await expect.poll(() => video.isVisible()).toBe(true);
  });

  it('filters negated and optional findings', async () => {
    const page = pages.get(1280)!;
    const negated = page.locator('article.finding.negated');
    const optional = page.locator('article.finding.optional');
    expect(await negated.count()).toBe(1);
    await expect.poll(() => negated.first().isVisible()).toBe(true);
    await page.locator('#show-negated').uncheck();
    await expect.poll(() => negated.first().isVisible()).toBe(false);
    await page.locator('#show-optional').uncheck();
    await expect.poll(() => optional.first().isVisible()).toBe(false);
    await page.locator('#show-negated').check();
    await page.locator('#show-optional').check();
    await expect.poll(() => negated.first().isVisible()).toBe(true);
  });

  it('links every citation, fusion ones included, to a file that exists beside the report', async () => {
    const page = pages.get(1280)!;
    expect(html).not.toContain('file:');
    const hrefs = await page.locator('#findings a[href], #fusion a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    const citations = await page.locator('#findings .cite, #fusion .cite').count();
    expect(hrefs.length).toBe(citations);
    expect(await page.locator('#fusion a[href]').count()).toBeGreaterThan(0);
    for (const href of hrefs) {
      expect(href).toMatch(/^\.\.\/dossier\/.+\.pdf#page=\d+$/);
      expect(existsSync(resolve(dirname(report), decodeURIComponent(href.replace(/#.*$/, ''))))).toBe(true);
    }
    expect(hrefs).toContain('../dossier/cctp%20%231.pdf#page=1');
  });

  it('shows a snapshot of the page for every finding, OCR ones included, loaded under the CSP', async () => {
    const page = pages.get(390)!;
    const findings = await page.locator('article.finding').count();
    const images = page.locator('article.finding img.snap');
    expect(await images.count()).toBe(findings);
    const widths = await images.evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth));
    for (const w of widths) expect(w).toBeGreaterThan(0);
    expect(await page.locator('article.finding.ocr img.snap').count()).toBeGreaterThan(0);
    // Never wider than the phone's screen.
    const shown = await images.evaluateAll((imgs) => Math.max(...imgs.map((i) => i.getBoundingClientRect().right)));
    expect(shown).toBeLessThanOrEqual(390);
  });

  it('shows a snapshot at full size on a tap at phone width, scrolling in its own box', async () => {
    const page = pages.get(390)!;
    const box = page.locator('article.finding label.snapbox').first();
    const image = box.locator('img.snap');
    const natural = await image.evaluate((i) => (i as HTMLImageElement).naturalWidth);
    expect(natural).toBeGreaterThan(390);
    expect((await image.boundingBox())!.width).toBeLessThan(390);
    await box.click();
    await expect.poll(async () => Math.round((await image.boundingBox())!.width)).toBe(natural);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await box.click();
    await expect.poll(async () => (await image.boundingBox())!.width).toBeLessThan(390);
  });

  it('shows the whole documents × categories matrix of 14 categories at 1280 px', async () => {
    const { buildReport } = await import('../../src/report/model/build.js');
    const { loadFormatter } = await import('../../src/report/formats/index.js');
    const { BUILTIN_CATEGORIES } = await import('../../src/rules/categories.js');
    const excerpt = 'La plateforme reçoit les flux des caméras.';
    const documents = Array.from({ length: 6 }, (_, d) => `dossier/DCE-2026-0042_lot-${d + 1}_cahier-des-clauses-techniques-particulieres.pdf`);
    const findings = documents.flatMap((document, d) =>
      BUILTIN_CATEGORIES.map((c, k) => ({
        document, page: 1 + k, pageLabel: String(1 + k), section: null, sectionNumber: null, category: c.id, rule: `fr.${c.id}.x`, matched: 'flux', excerpt,
        start: 28, end: 32, excerptStart: 0, excerptEnd: excerpt.length, negated: d === 0, modality: 'asserted' as const, language: 'fr' as const, source: 'text' as const,
      })),
    );
    const entries = documents.map((path) => ({ path, sha256: 'ab'.repeat(32), size: 1, pageCount: 20, status: 'ok' as const, pagesWithoutText: [], failedPages: [], runningLines: [], language: 'fr' as const }));
    const names = new Map(BUILTIN_CATEGORIES.map((c) => [c.id, c]));
    const wide = (await loadFormatter('html'))!(buildReport(entries, findings, { hash: '0123456789abcdef', files: [] }, new Date('2026-11-28T12:00:00Z')), {
      color: false, explain: false, language: 'fr', categoryName: (id) => names.get(id)?.fr ?? id,
    });
    const file = join(dir, 'out', 'wide.html');
    writeFileSync(file, wide);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(file).href);
    const matrix = page.locator('.matrix-wrap');
    expect(await page.locator('.matrix thead th').count()).toBe(15);
    expect(await matrix.evaluate((e) => e.scrollWidth - e.clientWidth)).toBeLessThanOrEqual(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.close();
  });

  it('keeps a malicious excerpt inert: shown as text, never run', async () => {
    const page = pages.get(1280)!;
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    const text = await page.locator('#findings').textContent();
    expect(text).toContain('<script>window.pwned=1</script>');
    expect(await page.locator('#findings script').count()).toBe(0);
    expect(await page.locator('#findings img:not(.snap)').count()).toBe(0);
  });
});
