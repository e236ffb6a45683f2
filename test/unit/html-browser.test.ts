// The HTML report as people see it: opened in real headless Chromium (Debian's, installed by
// .ci/run): no console error, no network request, findings and chart shown, filters working,
// a malicious excerpt inert. Skipped where /usr/bin/chromium is absent.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenderscan } from '../helpers/cli.js';
import { makePdf } from '../helpers/pdf.js';

const CHROMIUM = '/usr/bin/chromium';

describe.skipIf(!existsSync(CHROMIUM))('the HTML report in headless Chromium', () => {
  let browser: import('playwright-core').Browser;
  let page: import('playwright-core').Page;
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tenderscan-html-'));
    const pdf = join(dir, 'cctp.pdf');
    writeFileSync(
      pdf,
      await makePdf([
        { lines: ['Article 1 - Sources', 'La plateforme recoit les flux video des cameras de videoprotection.', 'Veille des reseaux sociaux <script>window.pwned=1</script> <img src=x onerror="window.pwned=2">.'] },
        { lines: ['Article 2 - Exclusions', 'Le titulaire ne collectera aucune donnee biometrique.', 'En option, des capteurs sonores seront installes.'] },
      ]),
    );
    const report = join(dir, 'report.html');
    const r = tenderscan(['scan', pdf, '-f', 'html', '-o', report, '--report-lang', 'fr', '--no-cache']);
    expect(r.code).toBe(0);
    // Playwright starts Chromium with a fresh, empty profile of its own.
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    page.on('request', (req) => {
      if (!req.url().startsWith('file:')) requests.push(req.url());
    });
    await page.goto(pathToFileURL(report).href);
    await page.screenshot({ path: join(dir, 'report.png'), fullPage: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('loads with no console error and no network request', () => {
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('shows the findings, in French, and the chart', async () => {
    expect(await page.locator('h1').textContent()).toBe('Rapport tenderscan');
    expect(await page.locator('article.finding').count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator('#summary svg rect').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('text=cctp.pdf, p. 1 (art. 1)').count()).toBeGreaterThan(0);
  });

  it('filters negated and optional findings without a network', async () => {
    const negated = page.locator('article.finding.negated');
    const optional = page.locator('article.finding.optional');
    expect(await negated.count()).toBe(1);
    await expect.poll(() => negated.first().isVisible()).toBe(true);
    await page.locator('#show-negated').uncheck();
    await expect.poll(() => negated.first().isVisible()).toBe(false);
    await page.locator('#show-optional').uncheck();
    await expect.poll(() => optional.first().isVisible()).toBe(false);
    await page.locator('#show-negated').check();
    await expect.poll(() => negated.first().isVisible()).toBe(true);
  });

  it('keeps a malicious excerpt inert: shown as text, never run', async () => {
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    const text = await page.locator('#findings').textContent();
    expect(text).toContain('<script>window.pwned=1</script>');
    expect(await page.locator('#findings script, #findings img').count()).toBe(0);
  });
});
