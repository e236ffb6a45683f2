// `tenderscan find` as a user runs it: grep's lines with page labels and office locations,
// archives, a broken file among good ones, exit codes, --json, -c, -l, colour, hostile names.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, PDFName } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { tenderscan } from '../helpers/cli.js';
import { docxOfParagraphs } from '../helpers/office.js';
import { makePdf } from '../helpers/pdf.js';
import { rawZip } from '../helpers/zip.js';

let dir: string;

/** A PDF whose pages are labelled i, then 1, 2…: its second page is printed "1". */
async function labelledPdf(pages: string[][]): Promise<Uint8Array> {
  const doc = await PDFDocument.load(await makePdf(pages.map((lines) => ({ lines }))));
  doc.catalog.set(PDFName.of('PageLabels'), doc.context.obj({ Nums: [0, { S: 'r' }, 1, { S: 'D' }] }));
  return doc.save();
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tenderscan-find-cli-'));
  mkdirSync(join(dir, 'dossier'));
  writeFileSync(
    join(dir, 'dossier', 'cctp.pdf'),
    await labelledPdf([['Sommaire du cahier des clauses techniques particulières', 'Article 1 – Objet', 'Article 2 – Vidéoprotection'], ['Article 2 – Vidéoprotection', 'Le logiciel Briefcam analyse les flux des caméras.', 'Fin de l’article.']]),
  );
  writeFileSync(join(dir, 'dossier', 'rc.docx'), docxOfParagraphs(['Règlement de la consultation', 'Le candidat décrit la LAPI et le BRIEFCAM proposés.']));
  writeFileSync(join(dir, 'dossier.zip'), rawZip([{ name: 'lot1/rc.docx', data: Buffer.from(docxOfParagraphs(['Lecture des plaques (LAPI).'])) }]));
  writeFileSync(join(dir, 'broken.pdf'), '%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');
  writeFileSync(join(dir, 'evil\nname.txt'), 'Un drone Briefcam.\n');
});

// The text cache (the test run's own) is shared by the runs: each document is extracted once.
const run = (args: string[], env: Record<string, string> = {}) => tenderscan(['find', ...args], { cwd: dir, env });

describe('tenderscan find', () => {
  it('prints document:page:line: text, the printed page first, accents and case folded; exit 0', () => {
    const r = run(['-i', 'briefcam', 'dossier', 'evil\nname.txt']);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toEqual([
      'dossier/cctp.pdf:p. 1 (PDF p. 2):2: Le logiciel Briefcam analyse les flux des caméras.',
      'dossier/rc.docx:¶ 2: Le candidat décrit la LAPI et le BRIEFCAM proposés.',
      'evil\\nname.txt:¶ 1: Un drone Briefcam.',
      '',
    ]);
    expect(r.code).toBe(0);
  });

  it('exit 1 when nothing matches, with nothing on stdout; -C prints context lines', () => {
    const none = run(['Atos', 'dossier']);
    expect([none.code, none.stdout]).toEqual([1, '']);
    const context = run(['-C', '1', 'camera', 'dossier/cctp.pdf'], { LANG: 'fr_FR.UTF-8' });
    expect(context.stdout.split('\n')).toEqual([
      'dossier/cctp.pdf-p. 1 (p. 2 du PDF)-1- Article 2 – Vidéoprotection',
      'dossier/cctp.pdf:p. 1 (p. 2 du PDF):2: Le logiciel Briefcam analyse les flux des caméras.',
      'dossier/cctp.pdf-p. 1 (p. 2 du PDF)-3- Fin de l’article.',
      '',
    ]);
    expect(context.code).toBe(0);
  });

  it('exit 2 on a pattern that cannot run in linear time, in one line naming it; nothing read', () => {
    const r = run(['-e', '(drone)\\1', 'dossier']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^tenderscan: --regexp "\(drone\)\\1": .*backreferences/);
  });

  it('exit 3 when a document cannot be read: it is named, the archive is still searched', () => {
    const r = run(['-w', 'LAPI', 'broken.pdf', 'dossier.zip']);
    expect(r.stdout).toBe('dossier.zip!/lot1/rc.docx:¶ 1: Lecture des plaques (LAPI).\n');
    expect(r.stderr).toMatch(/^broken\.pdf: CORRUPT: /m);
    expect(r.code).toBe(3);
  });

  it('--json: one object per match with stable fields; -c counts, -l lists', () => {
    const json = run(['--json', '-e', 'LAPI|Briefcam', 'dossier', 'dossier.zip']);
    const rows = json.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((r) => [r.document, r.page, r.pageLabel, r.line, r.column, r.match])).toEqual([
      ['dossier/cctp.pdf', 2, '1', 2, 13, 'Briefcam'],
      ['dossier/rc.docx', 1, '1', 2, 23, 'LAPI'],
      ['dossier.zip!/lot1/rc.docx', 1, '1', 1, 22, 'LAPI'],
    ]);
    expect(rows[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[1].location).toEqual({ kind: 'paragraph', paragraph: 2 });
    expect(rows[0].text).toBe('Le logiciel Briefcam analyse les flux des caméras.');
    expect(json.code).toBe(0);
    const count = run(['-c', '-i', 'lapi', 'dossier']);
    expect(count.stdout).toBe('dossier/cctp.pdf:0\ndossier/rc.docx:1\n');
    const list = run(['-l', 'Briefcam', 'dossier', 'dossier.zip']);
    expect(list.stdout).toBe('dossier/cctp.pdf\n');
  });

  it('colours only when asked (--color always), never under NO_COLOR by default', () => {
    const coloured = run(['--color', 'always', 'Briefcam', 'dossier/cctp.pdf']);
    expect(coloured.stdout).toContain('\u001b[1m\u001b[31mBriefcam\u001b[39m\u001b[22m');
    const plain = run(['Briefcam', 'dossier/cctp.pdf'], { NO_COLOR: '1', FORCE_COLOR: '1' });
    expect(plain.stdout).not.toContain('\u001b');
  });

  it('--shard I/N: the shards search disjoint shares whose union is the whole run, as scan --shard splits it', () => {
    const inputs = ['dossier', 'dossier.zip', 'evil\nname.txt'];
    const lines = (r: { stdout: string }) => r.stdout.split('\n').filter(Boolean);
    const whole = lines(run(['-c', '-i', 'l', ...inputs, '--include-text']));
    const shards = [1, 2].map((i) => lines(run(['-c', '-i', 'l', ...inputs, '--include-text', '--shard', `${i}/2`])));
    expect(whole.length).toBeGreaterThanOrEqual(3);
    expect(shards.flat().sort()).toEqual([...whole].sort());
    // The same share of documents as scan --files gives for that shard.
    // The same share of documents as scan --files gives for that shard (and not all of them).
    const files = tenderscan(['scan', ...inputs, '--include-text', '--files', '--shard', '1/2'], { cwd: dir }).stdout;
    expect(shards[0].map((l) => l.slice(0, l.lastIndexOf(':'))).sort()).toEqual(files.split('\n').filter(Boolean).map((f) => f.replace(/\n/g, '\\n')).sort());
    expect(shards[0].length).toBeGreaterThan(0);
    expect(shards[1].length).toBeGreaterThan(0);
    const bad = run(['x', 'dossier', '--shard', '4/3']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^tenderscan: --shard: expected I\/N with 1 <= I <= N/);
  });
});
