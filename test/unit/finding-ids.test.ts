// Finding ids in HTML and Markdown (what `review --finding` takes), and the command that marks
// one, shown once per report with a real id of it.
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/model/build.js';
import { loadFormatter, type FormatOptions } from '../../src/report/formats/index.js';
import { BUILTIN_CATEGORIES } from '../../src/rules/categories.js';
import type { DocumentEntry, Finding } from '../../src/types.js';

const excerpt = 'La plateforme reçoit les flux des caméras de la ville.';
const finding = (over: Partial<Finding>): Finding => ({
  document: 'CCTP.pdf', page: 3, pageLabel: '3', section: null, sectionNumber: null,
  category: 'video-surveillance', rule: 'fr.video-surveillance.cameras', matched: 'caméras', excerpt,
  start: excerpt.indexOf('caméras'), end: excerpt.indexOf('caméras') + 7, excerptStart: 0, excerptEnd: excerpt.length,
  negated: false, modality: 'asserted', language: 'fr', source: 'text', ...over,
});
const doc: DocumentEntry = { path: 'CCTP.pdf', sha256: 'ab'.repeat(32), size: 1000, pageCount: 9, status: 'ok', pagesWithoutText: [], failedPages: [], runningLines: [], language: 'fr' };
const findings = [finding({ id: '3f1c09a2b7de' }), finding({ id: '02d96f1d79e9', page: 5, pageLabel: '5', category: 'drones', matched: 'flux' }), finding({ id: '<b>forged</b>', page: 7, pageLabel: '7' })];
const report = buildReport([doc], findings, { hash: '0123456789abcdef', files: [] }, new Date('2026-11-28T12:00:00Z'));
const names = new Map(BUILTIN_CATEGORIES.map((c) => [c.id, c]));
const options = (language: 'fr' | 'en'): FormatOptions => ({ color: false, explain: false, language, categoryName: (id, lang = language) => names.get(id)?.[lang] ?? id });
const count = (text: string, part: string) => text.split(part).length - 1;

describe('finding ids', () => {
  it('end every finding of the HTML report, escaped', async () => {
    const html = (await loadFormatter('html'))!(report, options('en'));
    expect(html).toContain('<code class="fid">3f1c09a2b7de</code>');
    expect(html).toContain('<code class="fid">02d96f1d79e9</code>');
    expect(html).toContain('<code class="fid">&lt;b&gt;forged&lt;/b&gt;</code>');
    expect(html).not.toContain('<b>forged</b>');
  });

  it.each(['html', 'markdown'])('%s shows the command to mark one once, with an id of the report', async (format) => {
    for (const language of ['en', 'fr'] as const) {
      const text = (await loadFormatter(format))!(report, options(language));
      expect(count(text, 'tenderscan review --mark false-positive --finding 3f1c09a2b7de DOCUMENTS…')).toBe(1);
      expect(count(text, language === 'en' ? 'Each finding ends with its id' : 'Chaque occurrence se termine par son identifiant')).toBe(1);
    }
  });

  it('Markdown shows each id beside its citation', async () => {
    const md = (await loadFormatter('markdown'))!(report, options('en'));
    expect(md).toMatch(/CCTP\.pdf, p\. 3.* · `3f1c09a2b7de`/);
    expect(md).toMatch(/CCTP\.pdf, p\. 5.* · `02d96f1d79e9`/);
  });

  it('no command when no finding has an id', async () => {
    const bare = buildReport([doc], [finding({})], { hash: '0123456789abcdef', files: [] }, new Date('2026-11-28T12:00:00Z'));
    for (const format of ['html', 'markdown']) expect((await loadFormatter(format))!(bare, options('en'))).not.toContain('review --mark');
  });
});
