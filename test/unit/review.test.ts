// Reviewed findings: stable ids, the review file (validation, writing), and what later scans
// do with it — on real PDFs generated here, re-generated with their pages shifted.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makePdf } from '../helpers/pdf.js';
import { ROOT } from '../helpers/cli.js';
import { analyseFile } from '../../src/engine/document.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { buildReport } from '../../src/report/model/build.js';
import { formatJson } from '../../src/report/formats/json.js';
import { normaliseExcerpt, withFindingIds } from '../../src/review/ids.js';
import { readReviewFile, recordReviews, ReviewFileError } from '../../src/review/file.js';
import { ReviewedFindings } from '../../src/review/apply.js';
import { reviewsForScan, runReview } from '../../src/commands/review.js';
import type { CommandIO, ScanToReport } from '../../src/commands/report-input.js';
import type { Finding, Report } from '../../src/types.js';

const rules = loadRuleSet();
const CAMERAS = 'La plateforme integre les flux des cameras de videoprotection de la commune.';
const SUPERVISION = 'Le centre de supervision urbain reste ouvert au public le samedi.';
const DRONES = 'Le titulaire fournit des drones pour la surveillance des plages.';
let dir: string;
let v1: Report;
let v2: Report;

async function scanPdf(file: string, pages: { lines: string[] }[]): Promise<Report> {
  writeFileSync(file, await makePdf(pages));
  const result = await analyseFile(file, rules);
  return buildReport([result.entry], result.findings, { hash: rules.hash, files: rules.files }, new Date('2026-12-01T00:00:00Z'));
}

const noScan: ScanToReport = async () => {
  throw new Error('no scan expected');
};
function capture(answers?: string[]): CommandIO & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
    ...(answers ? { ask: async () => answers.shift() } : {}),
  };
  return io;
}
const byCategory = (r: Report, category: string) => r.findings.filter((f) => f.category === category);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tenderscan-review-'));
  mkdirSync(join(dir, 'v1'));
  mkdirSync(join(dir, 'v2'));
  // The same CCTP, re-published: a page inserted in front, the clauses broken over other lines.
  v1 = await scanPdf(join(dir, 'v1', 'CCTP.pdf'), [
    { lines: ['Article 1 - Objet', 'Le present marche porte sur une plateforme de la ville.'] },
    { lines: ['Article 2 - Sources', CAMERAS, SUPERVISION, DRONES] },
  ]);
  v2 = await scanPdf(join(dir, 'v2', 'CCTP.pdf'), [
    { lines: ['Avis rectificatif', 'Le present document remplace la version du 3 mars.'] },
    { lines: ['Article 1 - Objet', 'Le present marche porte sur une plateforme de la ville.'] },
    { lines: ['Article 2 - Sources', 'La plateforme integre les flux des cameras de', 'videoprotection de la commune.', SUPERVISION, DRONES] },
  ]);
  writeFileSync(join(dir, 'v1.json'), formatJson(v1, { color: false, explain: false, language: 'en', categoryName: (id) => id }));
});

describe('finding ids', () => {
  it('fold case, accents, white space and hyphenation out of the excerpt', () => {
    expect(normaliseExcerpt('Les caméras de vidéo-\nprotection')).toBe(normaliseExcerpt('les  CAMERAS de videoprotection'));
    expect(normaliseExcerpt('drones exclus')).not.toBe(normaliseExcerpt('drones en option'));
  });

  it('tell identical passages apart by their rank, not their page', () => {
    const f = (page: number, start: number): Finding => ({
      document: 'a/CCTP.pdf', page, pageLabel: String(page), section: null, sectionNumber: null, category: 'drones', rule: 'r', matched: 'drones',
      excerpt: 'Des drones.', start, end: start + 6, excerptStart: start, excerptEnd: start + 11, negated: false, modality: 'asserted', language: 'fr', source: 'text',
    });
    const before = withFindingIds([f(2, 10), f(5, 40)]);
    const after = withFindingIds([f(3, 0), f(9, 7)].map((x) => ({ ...x, document: 'b/CCTP.pdf' })));
    expect(before[0].id).not.toBe(before[1].id);
    expect(after.map((x) => x.id)).toEqual(before.map((x) => x.id));
    expect(before[0].id).toMatch(/^[0-9a-f]{12}$/);
  });

  it('survive a re-generated PDF whose pages shifted', () => {
    const cams1 = byCategory(v1, 'video-surveillance').find((f) => f.excerpt.includes('flux'))!;
    const cams2 = byCategory(v2, 'video-surveillance').find((f) => f.excerpt.includes('flux'))!;
    expect(cams1.page).toBe(2);
    expect(cams2.page).toBe(3);
    expect(cams2.id).toBe(cams1.id);
    expect(new Set(v2.findings.map((f) => f.id)).size).toBe(v2.findings.length);
  });
});

describe('tenderscan review', () => {
  let reviewFile: string;
  let falsePositive: Finding;
  let confirmed: Finding;
  beforeAll(async () => {
    reviewFile = join(dir, 'reviews.yaml');
    falsePositive = v1.findings.find((f) => f.excerpt.includes('supervision'))!;
    confirmed = v1.findings.find((f) => f.category === 'drones')!;
    expect(falsePositive && confirmed).toBeTruthy();
    const io = capture();
    const base = { reviewFile, finding: [] as string[] };
    expect(await runReview([join(dir, 'v1.json')], { ...base, mark: 'false-positive', finding: [falsePositive.id!], comment: 'opening hours, not a camera' }, noScan, io)).toBe(0);
    // A unique prefix is enough, as with git.
    expect(await runReview([join(dir, 'v1.json')], { ...base, mark: 'confirmed', finding: [confirmed.id!.slice(0, 6)] }, noScan, io)).toBe(0);
    expect(io.stdout).toContain(`${falsePositive.id} false-positive`);
  });

  it('writes a readable, committed YAML file that reads back', () => {
    const text = readFileSync(reviewFile, 'utf8');
    expect(text).toMatch(/^# Findings of tenderscan reports/);
    expect(text).toContain(`id: ${falsePositive.id}`);
    expect(text).toContain('comment: opening hours, not a camera');
    expect(text).toContain(`excerpt: ${SUPERVISION}`);
    const file = readReviewFile(reviewFile);
    expect(file.entries.map((e) => [e.id, e.status])).toEqual([[falsePositive.id, 'false-positive'], [confirmed.id, 'confirmed']]);
    expect(file.entries[0].date).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(readdirSync(dir).filter((n) => n.includes('tenderscan-tmp'))).toEqual([]);
  });

  it('marks survive the re-published PDF: false positive hidden and counted, confirmed labelled', () => {
    const review = new ReviewedFindings(readReviewFile(reviewFile));
    const shown = review.apply(v2.findings);
    expect(shown.find((f) => f.excerpt.includes('supervision'))).toBeUndefined();
    expect(shown.find((f) => f.id === confirmed.id)?.review).toEqual({ status: 'confirmed', date: expect.any(String) });
    expect(review.summary()).toEqual({ file: reviewFile, falsePositives: 1, hidden: 1, confirmed: 1, unreviewed: v2.findings.length - 2 });
  });

  it('--show-reviewed shows false positives labelled; --new-only only the unreviewed', () => {
    const all = new ReviewedFindings(readReviewFile(reviewFile), { showReviewed: true }).apply(v2.findings);
    expect(all).toHaveLength(v2.findings.length);
    expect(all.find((f) => f.id === falsePositive.id)?.review).toMatchObject({ status: 'false-positive', comment: 'opening hours, not a camera' });
    const fresh = new ReviewedFindings(readReviewFile(reviewFile), { newOnly: true }).apply(v2.findings);
    expect(fresh.map((f) => f.id)).toEqual(v2.findings.filter((f) => f.id !== falsePositive.id && f.id !== confirmed.id).map((f) => f.id));
    expect(() => reviewsForScan({ reviewFile, showReviewed: true, newOnly: true })).toThrow(/cannot be combined/);
    expect(() => reviewsForScan({ newOnly: true }, join(dir, 'none.yaml'))).toThrow(/--new-only: no review file/);
  });

  it('a re-mark replaces the entry in place and keeps comments written by people', () => {
    const file = join(dir, 'kept.yaml');
    writeFileSync(file, `# our team's review\nversion: 1\nfindings:\n  # checked on the paper copy\n  - id: ${falsePositive.id}\n    status: confirmed\n    comment: old\n    document: CCTP.pdf\n    category: video-surveillance\n    excerpt: x\n`);
    const entry = { id: falsePositive.id!, status: 'false-positive' as const, document: 'CCTP.pdf', category: 'video-surveillance', excerpt: 'x' };
    recordReviews(file, [entry]);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain("# our team's review");
    expect(text).toContain('# checked on the paper copy');
    expect(text).not.toContain('comment: old');
    expect(readReviewFile(file).entries).toEqual([entry]);
  });

  it('asks finding by finding at a terminal, writing each answer', async () => {
    const file = join(dir, 'asked.yaml');
    const io = capture(['f', 'not a plan', 'c', '', 'q']);
    expect(await runReview([join(dir, 'v1.json')], { reviewFile: file, finding: [] }, noScan, io)).toBe(0);
    const entries = readReviewFile(file).entries;
    expect(entries.map((e) => e.status)).toEqual(['false-positive', 'confirmed']);
    expect(entries[0]).toMatchObject({ id: v1.findings[0].id, comment: 'not a plan' });
    expect(io.stdout).toContain('2 judgements recorded');
  });

  it('lists the unreviewed findings when not at a terminal, and refuses unknown ids', async () => {
    const io = capture();
    await runReview([join(dir, 'v1.json')], { reviewFile, finding: [] }, noScan, io);
    expect(io.stdout).not.toContain(falsePositive.id);
    expect(io.stdout).toContain(v1.findings.find((f) => f.category === 'video-surveillance')!.id);
    expect(io.stderr).toMatch(/unreviewed findings?; record a judgement with: tenderscan review --mark/);
    await expect(runReview([join(dir, 'v1.json')], { reviewFile, finding: ['0123456789ab'], mark: 'confirmed' }, noScan, io)).rejects.toThrow(/--finding 0123456789ab: no finding with this id in .*v1\.json/);
    await expect(runReview([join(dir, 'v1.json')], { reviewFile, finding: [], mark: 'confirmed' }, noScan, io)).rejects.toThrow(/--mark needs/);
  });
});

describe('review file validation', () => {
  const check = (yaml: string) => {
    const file = join(dir, `bad-${Math.random().toString(16).slice(2)}.yaml`);
    writeFileSync(file, yaml);
    try {
      readReviewFile(file);
    } catch (err) {
      expect(err).toBeInstanceOf(ReviewFileError);
      return (err as Error).message.replace(file, 'F');
    }
    throw new Error('expected an error');
  };
  const entry = (over = '') => `  - id: 0123456789ab\n    status: confirmed\n    document: a.pdf\n    category: drones\n    excerpt: x\n${over}`;

  it('names the file, line, entry, id and field', () => {
    expect(check(`version: 1\nfindings:\n${entry()}  - id: abcdefabcdef\n    status: maybe\n    document: a.pdf\n    category: drones\n    excerpt: y\n`)).toBe(
      'F:9: entry 2 (id abcdefabcdef): field status: expected one of false-positive, confirmed',
    );
    expect(check(`version: 1\nfindings:\n${entry('    colour: red\n')}`)).toMatch(/^F:8: entry 1 \(id 0123456789ab\): field colour: unknown field; an entry has id, status, comment, date/);
    expect(check(`version: 1\nfindings:\n${entry()}${entry()}`)).toBe('F:8: entry 2 (id 0123456789ab): field id: already judged in entry 1');
    expect(check(`version: 1\nfindings:\n  - id: 12\n    status: confirmed\n    document: a\n    category: b\n    excerpt: c\n`)).toMatch(/^F:3: entry 1: field id: expected 12 hex digits/);
    expect(check(`version: 2\nfindings: []\n`)).toMatch(/^F:1: field version:/);
    expect(check(`version: 1\nfindings: [\n`)).toMatch(/^F:\d+: not valid YAML/);
    expect(check(`version: 1\nfindings:\n${entry('    date: yesterday\n')}`)).toMatch(/^F:8: entry 1 \(id 0123456789ab\): field date: expected a date like 2026-12-01/);
  });

  it('refuses a folder, and a missing file is an empty review', () => {
    expect(() => readReviewFile(dir)).toThrow(/not a regular file/);
    expect(readReviewFile(join(dir, 'missing.yaml')).entries).toEqual([]);
    expect(() => reviewsForScan({ reviewFile: join(dir, 'missing.yaml') })).toThrow(/--review-file .*missing\.yaml: no such file/);
  });
});

describe('scan with a review file (the built CLI, in process)', () => {
  it('hides the false positive, labels the confirmed one, counts both; --new-only is the baseline', async () => {
    expect(existsSync(join(ROOT, 'dist/cli/main.js'))).toBe(true);
    const { main } = await import(join(ROOT, 'dist/cli/main.js'));
    const reviewFile = join(dir, 'reviews.yaml');
    const run = async (...extra: string[]) => {
      const out = join(dir, `scan-${extra.join('')}.json`);
      const code = await main(['node', 'tenderscan', 'scan', join(dir, 'v2', 'CCTP.pdf'), '-f', 'json', '-o', out, '-q', '--no-cache', '-j', '1', '--review-file', reviewFile, ...extra]);
      return { code, report: JSON.parse(readFileSync(out, 'utf8')) as Report };
    };
    const plain = await run();
    expect(plain.code).toBe(0);
    expect(plain.report.findings.some((f) => f.excerpt.includes('supervision'))).toBe(false);
    expect(plain.report.findings.find((f) => f.category === 'drones')?.review?.status).toBe('confirmed');
    expect(plain.report.summary.review).toMatchObject({ falsePositives: 1, hidden: 1, confirmed: 1 });
    // A false positive is not a finding: --fail-on does not see it; --new-only leaves the confirmed out too.
    const baseline = await run('--new-only', '--fail-on', 'drones');
    expect(baseline.code).toBe(0);
    expect(baseline.report.findings.every((f) => !f.review)).toBe(true);
    expect(baseline.report.summary.review).toMatchObject({ hidden: 2 });
    const shown = await run('--show-reviewed');
    expect(shown.report.findings.find((f) => f.excerpt.includes('supervision'))?.review?.status).toBe('false-positive');
  });
});
