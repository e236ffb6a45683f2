// Reports for a dossier: the HTML of a three-document report (one failed, one scanned) against
// its golden file, links that survive publishing (relative to the report, --link-base, never a
// local absolute path), and snapshots beside a Markdown report.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/model/build.js';
import { loadFormatter, type FormatOptions } from '../../src/report/formats/index.js';
import { pageLinker, parseLinkBase } from '../../src/report/links.js';
import { BUILTIN_CATEGORIES } from '../../src/rules/categories.js';
import type { DocumentEntry, Finding } from '../../src/types.js';
import { ROOT, tenderscan } from '../helpers/cli.js';
import { makePdf } from '../helpers/pdf.js';

const GOLDEN = join(ROOT, 'test/unit/golden/three-documents.fr.html');
const names = new Map(BUILTIN_CATEGORIES.map((c) => [c.id, c]));

function finding(over: Partial<Finding>): Finding {
  const excerpt = over.excerpt ?? 'La plateforme reçoit les flux des caméras de la ville.';
  const matched = over.matched ?? 'caméras';
  const start = excerpt.indexOf(matched);
  return {
    document: 'dossier/CCTP.pdf', page: 22, pageLabel: '22', section: 'Article 2 – Sources', sectionNumber: '2', category: 'video-surveillance',
    rule: 'fr.video-surveillance.cameras', matched, excerpt, start, end: start + matched.length, excerptStart: 0, excerptEnd: excerpt.length,
    negated: false, modality: 'asserted', language: 'fr', source: 'text', ...over,
  };
}

const entry = (over: Partial<DocumentEntry>): DocumentEntry => ({
  path: 'dossier/CCTP.pdf', sha256: 'ab'.repeat(32), size: 1000, pageCount: 30, status: 'ok', pagesWithoutText: [], failedPages: [], runningLines: [], language: 'fr', metadata: {}, ...over,
});

const documents = [
  entry({}),
  entry({ path: 'dossier/broken.pdf', sha256: 'cd'.repeat(32), pageCount: 0, status: 'error', error: { code: 'CORRUPT', message: 'broken PDF structure <b>x</b>' }, language: null }),
  entry({ path: 'dossier/annexe scan #2.pdf', sha256: 'ef'.repeat(32), pageCount: 3, pagesWithoutText: [2, 3], ocrPages: [], language: null }),
];
const findings = [
  finding({}),
  finding({ category: 'social-media', matched: 'Twitter', excerpt: 'Analyse de Twitter <script>x()</script>', page: 23, pageLabel: '23' }),
  finding({ category: 'biometrics', matched: 'reconnaissance faciale', excerpt: 'Aucune reconnaissance faciale.', negated: true, page: 14, pageLabel: '14' }),
  finding({ document: 'dossier/annexe scan #2.pdf', category: 'drones', matched: 'drones', excerpt: 'Les drones filment.', page: 1, pageLabel: '1', source: 'ocr', ocrConfidence: 91 }),
];
const report = buildReport(documents, findings, { hash: '0123456789abcdef', files: [] }, new Date('2026-11-28T12:00:00Z'), undefined, [
  { document: 'dossier/CCTP.pdf', page: 17, pageLabel: '17', section: 'Article 14', sectionNumber: '14', categories: ['police-records', 'video-surveillance'], cue: 'croisement', excerpt: 'Le croisement des flux.', excerptStart: 0, excerptEnd: 23 },
]);

const PIXEL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const options: FormatOptions = {
  color: false,
  explain: false,
  language: 'fr',
  categoryName: (id, lang = 'fr') => names.get(id)?.[lang] ?? id,
  title: 'dossier — Rapport tenderscan',
  pageLink: pageLinker({ cwd: '/work', reportDir: '/work/out' }),
  snapshot: (f) => (f.page === 22 ? { src: PIXEL, width: 1, height: 1 } : undefined),
};

describe('the HTML report of a dossier', async () => {
  const html = (await loadFormatter('html'))!(report, options);

  it('matches its golden file (UPDATE_GOLDEN=1 rewrites it)', () => {
    if (process.env.UPDATE_GOLDEN) {
      mkdirSync(join(ROOT, 'test/unit/golden'), { recursive: true });
      writeFileSync(GOLDEN, html);
    }
    expect(html).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('names the failed and the unread documents before anything else, and links every citation', () => {
    const summary = html.slice(html.indexOf('<section id="dossier">'), html.indexOf('</section>', html.indexOf('<section id="dossier">')));
    expect(summary).toContain('broken.pdf</a> — CORRUPT: broken PDF structure &lt;b&gt;x&lt;/b&gt;');
    expect(summary).toContain('annexe scan #2.pdf</a> — p. 2-3');
    expect(html).toContain('href="../dossier/CCTP.pdf#page=17"'); // the fusion item
    expect(html).toContain('href="../dossier/annexe%20scan%20%232.pdf#page=1"');
    expect(html.match(/class="cite"><a href=/g)).toHaveLength(findings.length + 1);
    expect(html).toContain(`src="${PIXEL}"`);
  });

  it('scales to hundreds of documents: one matrix row and one filter each', async () => {
    const many = buildReport(Array.from({ length: 300 }, (_, i) => entry({ path: `lots/${i}/CCTP.pdf` })), Array.from({ length: 300 }, (_, i) => finding({ document: `lots/${i}/CCTP.pdf` })), { hash: 'x', files: [] }, new Date('2026-11-28T12:00:00Z'));
    const big = (await loadFormatter('html'))!(many, { ...options, pageLink: undefined, snapshot: undefined });
    expect(big.match(/<tr><th><a href="#doc-\d+">/g)).toHaveLength(300);
    expect(big.match(/body:has\(#fd-\d+:checked\)/g)).toHaveLength(300);
    expect(big).toContain('href="./lots/299/CCTP.pdf#page=22"');
  });
});

describe('page links', () => {
  it('are relative to the report folder, never absolute local paths', () => {
    const fromOut = pageLinker({ cwd: '/home/me', reportDir: '/home/me/out' });
    expect(fromOut('corpus/a.pdf', 3)).toBe('../corpus/a.pdf#page=3');
    expect(fromOut('/home/me/corpus/a b.pdf', 3)).toBe('../corpus/a%20b.pdf#page=3');
    expect(fromOut('corpus/CCTP (v2)#1?.pdf', 1)).toBe('../corpus/CCTP%20%28v2%29%231%3F.pdf#page=1');
    // To stdout: relative inputs stay relative to the current folder, absolute ones get no link.
    const toStdout = pageLinker({ cwd: '/home/me' });
    expect(toStdout('corpus/a.pdf', 2)).toBe('./corpus/a.pdf#page=2');
    expect(toStdout('javascript:alert(1).pdf', 2)).toBe('./javascript%3Aalert%281%29.pdf#page=2');
    expect(toStdout('/home/me/corpus/a.pdf', 2)).toBeNull();
    // An entry of a ZIP links to its archive; DOCX to the file, without a page.
    expect(fromOut('corpus/dce.zip!/CCTP/cctp.pdf', 4)).toBe('../corpus/dce.zip');
    expect(fromOut('corpus/cctp.docx', 1)).toBe('../corpus/cctp.docx');
  });

  it('point under --link-base, keeping the path below the folder given', () => {
    const base = parseLinkBase('https://example.org/marches/dossier') as URL;
    const link = pageLinker({ cwd: '/home/me', reportDir: '/tmp', linkBase: base, roots: ['corpus'] });
    expect(link('corpus/lot 1/CCTP.pdf', 22)).toBe('https://example.org/marches/dossier/lot%201/CCTP.pdf#page=22');
    expect(link('/elsewhere/RC.pdf', 2)).toBe('https://example.org/marches/dossier/RC.pdf#page=2');
    for (const bad of ['javascript:alert(1)', 'file:///etc/passwd', 'ftp://x/', 'https://user:pw@x/', 'not a url']) expect(typeof parseLinkBase(bad)).toBe('string');
    // Issue 23: ")" or "[" in the base ended a Markdown link early and could add a javascript: one.
    const hostile = parseLinkBase("https://example.org/a)[x](javascript:alert(1))/it's*!") as URL;
    expect(hostile.href).toBe('https://example.org/a%29%5Bx%5D%28javascript:alert%281%29%29/it%27s%2A%21/');
    const cite = pageLinker({ cwd: '/home/me', linkBase: hostile, roots: ['corpus'] })('corpus/CCTP.pdf', 3)!;
    expect(cite).toMatch(/^https:\/\/example\.org\/[^()[\]\s<>'"`]+#page=3$/);
    expect(typeof parseLinkBase('https://a(b)c.org/x/')).toBe('string');
  });
});

describe('--snapshots with Markdown', () => {
  it('writes the images beside the report and links them relatively; other formats refuse it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tenderscan-snapshots-'));
    const out = join(dir, 'report.md');
    const pdf = join(dir, 'cctp.pdf');
    writeFileSync(pdf, await makePdf([{ lines: ['Article 1 - Sources', 'La plateforme analyse les publications sur Twitter.'] }, { lines: ['Les messages Facebook sont archives.'] }]));
    const r = tenderscan(['scan', pdf, '-f', 'markdown', '-o', out, '--snapshots', '--only', 'social-media', '-q']);
    expect(r.code, r.stderr).toBe(0);
    const md = readFileSync(out, 'utf8');
    const images = [...md.matchAll(/!\[[^\]]*\]\((report\.snapshots\/d0-p\d+-\d+\.png)\)/g)].map((m) => m[1]);
    expect(images.length).toBe(2);
    for (const image of images) expect(readFileSync(join(dir, image)).subarray(1, 4).toString()).toBe('PNG');
    expect(readdirSync(join(dir, 'report.snapshots'))).toHaveLength(images.length);
    expect(md).not.toContain('file:');
    expect(md).toContain('](./cctp.pdf#page=2)');
    expect(existsSync(join(dir, 'report.snapshots'))).toBe(true);
    const json = tenderscan(['scan', pdf, '-f', 'json', '--snapshots']);
    expect(json.code).toBe(2);
    expect(json.stderr).toContain('--snapshots: only for --format html');
  });
});
