// Every real document of ../shared/corpus/ ends as findings or a coded per-document error.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tenderscan } from '../helpers/cli.js';
import { ocrToolsPresent } from '../helpers/tools.js';

const CORPUS = join(ROOT, '../shared/corpus');

const files = readdirSync(CORPUS).filter((f) => /\.pdf$/i.test(f)).sort();

/** Expected status (and code) per file, from what INDEX.md says of each. */
const EXPECTED: Record<string, { status: string; code?: string }> = {
  'broken_okaloosa_2-byte-fake-pdf.pdf': { status: 'error', code: 'UNSUPPORTED' },
  'pdfjs_issue6010_1_ENCRYPTED-user-password-abc.pdf': { status: 'error', code: 'ENCRYPTED' },
  'pdfjs_saslprep-r6_ENCRYPTED-AES256-R6-user-password.pdf': { status: 'error', code: 'ENCRYPTED' },
  'pdfjs_bug900822_ENCRYPTED-RC4-owner-only-nocopy.pdf': { status: 'ok' },
  'pdfjs_empty_protected_ENCRYPTED-AES256-owner-only.pdf': { status: 'ok' },
  'en_eugene-OR_flock-LPR-contract-2025-03244-part2_ENCRYPTED-owner.pdf': { status: 'ok' },
};

describe('the shared corpus', () => {
  let report: any;
  let run: ReturnType<typeof tenderscan>;
  beforeAll(() => {
    run = tenderscan(['scan', CORPUS, '--format', 'json']);
    report = JSON.parse(run.stdout);
  });

  it('reports every file, with exit 3 since some are broken', () => {
    expect(run.code).toBe(3);
    const names = report.documents.map((d: any) => d.path.split('/').pop());
    for (const f of files) expect(names).toContain(f);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it.each(files)('%s ends ok, partial or with a stable error code', (file) => {
    const doc = report.documents.find((d: any) => d.path.endsWith('/' + file));
    expect(['ok', 'partial', 'error']).toContain(doc.status);
    if (doc.status === 'error') {
      expect(doc.error.code).toMatch(/^[A-Z_]+$/);
      expect(run.stderr).toContain(`${doc.path}: ${doc.error.code}`);
    }
    const expected = EXPECTED[file];
    if (expected) {
      expect(doc.status).toBe(expected.status);
      if (expected.code) expect(doc.error.code).toBe(expected.code);
    }
  });

  it('finds plate readers in the ALPR documents', () => {
    for (const name of ['en_eugene-OR_RFI-20252027_license-plate-recognition.pdf', 'en_dhs-ice_PIA-039a_LPR-commercial-data_2017.pdf']) {
      const found = report.findings.filter((f: any) => f.document.endsWith(name) && f.category === 'vehicle-tracking' && !f.negated);
      expect(found.length, name).toBeGreaterThan(0);
    }
  });

  it('counts the vendor of the Flock contract only where a passage speaks of its use or data', () => {
    const name = 'en_eugene-OR_flock-LPR-contract-2025-03244-part2_ENCRYPTED-owner.pdf';
    const fromProduct = report.findings.filter((f: any) => f.document.endsWith(name) && f.rule === 'en.product.flock-safety');
    // The contract names "Flock" in nearly every sentence of its 35 pages.
    expect(fromProduct.length).toBeGreaterThan(0);
    expect(fromProduct.length).toBeLessThan(15);
    // Payment, warranty, indemnity and insurance clauses only name the vendor.
    expect(fromProduct.filter((f: any) => f.page >= 26).map((f: any) => f.excerpt)).toEqual([]);
  });

  it('lists the image-only pages of the scans', () => {
    const doc = report.documents.find((d: any) => d.path.endsWith('en_eugene-OR_inventory-surveillance-tech_SCANNED-no-text.pdf'));
    expect(doc.pagesWithoutText).toEqual([1, 2, 3, 4]);
  });

  it('counts the DocuSign envelope line over a scan as no usable text, and --fail-on does not pass over it', () => {
    const name = 'en_orange-county-CA_flock-MOU_mostly-scanned-docusign.pdf';
    const doc = report.documents.find((d: any) => d.path.endsWith(name));
    // Pages 2-6 carry the envelope line alone, page 1 the line and a signature block: six scans.
    expect(doc.pagesWithoutText).toEqual([1, 2, 3, 4, 5, 6]);
    expect(doc.notRead).toEqual({ count: 6, pages: [1, 2, 3, 4, 5, 6], hint: 'run again with --ocr auto' });
    const gate = tenderscan(['scan', join(CORPUS, name), '--fail-on', 'vehicle-tracking', '-q']);
    expect(gate.code).toBe(3);
    // The summary says it on stdout, even with -q (the report wraps it at 80 columns).
    const summary = gate.stdout.slice(gate.stdout.indexOf('Summary:')).replace(/\s+/g, ' ');
    expect(summary).toContain('Summary: 0 findings · 1 of 1 document analysed ⚠ 6 pages not read in 1 document');
    expect(summary).toContain('run again with --ocr auto');
  });

  it('leaves the corpus INDEX.md out of the folder walk', () => {
    expect(report.documents.some((d: any) => d.path.endsWith('INDEX.md'))).toBe(false);
    expect(report.documents.find((d: any) => d.path.endsWith('_SCANNED-no-text.PDF')).notRead.count).toBe(18);
  });

  it('stays quiet on the food and equipment tenders (at most 3 positive pages per 100)', () => {
    const negatives = report.documents.filter((d: any) => /villeneuve|tenareze|grenoble-inp_CCTP|ifpra|boamp/.test(d.path) && d.status !== 'error');
    const pages = negatives.reduce((n: number, d: any) => n + d.pageCount, 0);
    const flagged = new Set(
      report.findings.filter((f: any) => !f.negated && negatives.some((d: any) => d.path === f.document)).map((f: any) => `${f.document}#${f.page}`),
    );
    expect(pages).toBeGreaterThan(50);
    expect((flagged.size / pages) * 100).toBeLessThanOrEqual(3);
  });

  it.skipIf(!ocrToolsPresent)('reads the scanned Eugene inventory with --ocr auto: cameras and Axon products', () => {
    const file = join(CORPUS, 'en_eugene-OR_inventory-surveillance-tech_SCANNED-no-text.pdf');
    const r = JSON.parse(tenderscan(['scan', file, '--ocr', 'auto', '-f', 'json', '--explain']).stdout);
    const ocr = r.findings.filter((f: any) => !f.negated && f.source === 'ocr');
    expect(new Set(ocr.map((f: any) => f.category))).toContain('video-surveillance');
    // "Axon body worn cameras", "Axon in car video": product names read by OCR, near a use word.
    // The inventory's bare "FLOCK:" line names the vendor with no use or data word: no finding.
    expect(ocr.some((f: any) => f.rule === 'en.product.axon-video')).toBe(true);
    expect(r.documents[0].pagesWithoutText).toEqual([]);
  });
});

describe('encrypted corpus files', () => {
  const file = join(CORPUS, 'pdfjs_issue6010_1_ENCRYPTED-user-password-abc.pdf');

  it('open with --password, fail as BAD_PASSWORD with a wrong one, and never print the password', () => {
    const right = tenderscan(['scan', file, '--password', 'abc', '-f', 'json', '--no-cache']);
    expect(JSON.parse(right.stdout).documents[0].status).toBe('ok');
    const wrong = tenderscan(['scan', file, '--password', 'not-the-password', '-f', 'json', '--no-cache']);
    expect(JSON.parse(wrong.stdout).documents[0].error.code).toBe('BAD_PASSWORD');
    for (const r of [right, wrong]) {
      expect(r.stdout + r.stderr).not.toContain('not-the-password');
      expect(r.stdout).not.toMatch(/"abc"/);
    }
  });

  it('reads owner-only encryption without a password', () => {
    const r = JSON.parse(tenderscan(['scan', join(CORPUS, 'pdfjs_bug900822_ENCRYPTED-RC4-owner-only-nocopy.pdf'), '-f', 'json', '--no-cache']).stdout);
    expect(r.documents[0].status).toBe('ok');
    expect(r.documents[0].pageCount).toBe(1);
  });
});
