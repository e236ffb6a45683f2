// Inputs other than a single PDF: DOCX, ODT, text, ZIP archives (nested, hostile), globs, stdin.
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { docxOfParagraphs, odtOfParagraphs } from '../helpers/office.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tenderscan } from '../helpers/cli.js';

const SAMPLE = join(ROOT, 'fixtures/sample/cctp-observatoire-tranquillite.pdf');
let dir: string;

const docx = docxOfParagraphs;
const odt = odtOfParagraphs;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tenderscan-formats-'));
  writeFileSync(join(dir, 'cctp.docx'), docx(['Article 1 – Objet', 'Le titulaire installe des caméras de vidéoprotection.', '<pagebreak>', 'Article 2 – Exclusions', 'Aucune donnée biométrique n’est collectée &amp; traitée.']));
  writeFileSync(join(dir, 'annexe.odt'), odt(['Article 3 – Drones', 'Les drones de la police municipale filment les manifestations.']));
  writeFileSync(join(dir, 'notes.md'), '# Notes\n\nLe SAMU transmet les données de santé des urgences.\n');
  writeFileSync(join(dir, 'photo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const inner = zipSync({ 'annexes/notes.txt': strToU8('Les lecteurs LAPI lisent les plaques d’immatriculation.\n') });
  writeFileSync(
    join(dir, 'dossier.zip'),
    zipSync({ 'CCTP/cctp.pdf': readFileSync(SAMPLE), 'CCTP/cctp.docx': readFileSync(join(dir, 'cctp.docx')), 'nested/inner.zip': inner, 'readme.png': strToU8('x'), '../escape.txt': strToU8('Les caméras du CSU.\n') }),
  );
  // 64 MB of zeros deflate to ~64 KB: a ratio no tender document has.
  writeFileSync(join(dir, 'bomb.zip'), zipSync({ 'big.txt': new Uint8Array(64 * 1024 * 1024) }, { level: 9 }));
});

const scan = (args: string[], input?: string) => {
  const r = tenderscan(['scan', ...args, '-f', 'json', '--no-cache'], { input });
  return { ...r, report: JSON.parse(r.stdout || '{"documents":[],"findings":[]}') };
};

describe('DOCX, ODT and text', () => {
  // How DOCX, ODT and Markdown are read and cited is tested in-process: test/unit/text-formats.test.ts.
  it('decides the type from the bytes: a PNG named .pdf is UNSUPPORTED', () => {
    const fake = join(dir, 'fake.pdf');
    writeFileSync(fake, readFileSync(join(dir, 'photo.png')));
    const { report, stderr } = scan([fake]);
    expect(report.documents[0].error).toEqual({ code: 'UNSUPPORTED', message: 'a PNG image' });
    expect(stderr).toContain(`${fake}: UNSUPPORTED: a PNG image`);
  });
});

describe('ZIP archives', () => {
  // One run of the archive with its text files, shared by the tests that look at it.
  let withText: ReturnType<typeof scan> | undefined;
  const scanWithText = () => (withText ??= scan([join(dir, 'dossier.zip'), '--include-text']));

  it('are opened in place, nested ones too, with entries named archive.zip!/path', () => {
    const { report, stderr } = scanWithText();
    const zip = join(dir, 'dossier.zip');
    expect(report.documents.map((d: any) => d.path)).toEqual([
      `${zip}!/../escape.txt`,
      `${zip}!/CCTP/cctp.docx`,
      `${zip}!/CCTP/cctp.pdf`,
      `${zip}!/nested/inner.zip!/annexes/notes.txt`,
    ]);
    expect(report.documents.every((d: any) => d.status === 'ok')).toBe(true);
    expect(report.findings.some((f: any) => f.document.endsWith('inner.zip!/annexes/notes.txt') && f.category === 'vehicle-tracking')).toBe(true);
    expect(stderr).toContain('1 file skipped in folders and archives: 1 of unsupported types; --verbose lists them');
  });

  it('leave their text files out unless --include-text is given', () => {
    const { report, stderr } = scan([join(dir, 'dossier.zip')]);
    expect(report.documents.map((d: any) => d.path.split('!/').slice(1).join('!/'))).toEqual(['CCTP/cctp.docx', 'CCTP/cctp.pdf']);
    expect(stderr).toContain('3 files skipped in folders and archives: 1 of unsupported types, 2 text files (--include-text reads them); --verbose lists them');
  });

  it('never use entry names as file system paths ("../escape.txt" is only a name)', () => {
    const { report } = scanWithText();
    // The entry was read (so a write through its name would have happened by now), and nowhere else.
    expect(report.documents.map((d: any) => d.path)).toContain(`${join(dir, 'dossier.zip')}!/../escape.txt`);
    expect(() => readFileSync(join(dir, '..', 'escape.txt'))).toThrow();
  });

  it('stop zip bombs before inflating them', () => {
    const { report, code } = scan([join(dir, 'bomb.zip'), join(dir, 'notes.md')]);
    expect(code).toBe(3);
    expect(report.documents[0]).toMatchObject({ path: join(dir, 'bomb.zip'), status: 'error', error: { code: 'RESOURCE_LIMIT' } });
    expect(report.documents[0].error.message).toMatch(/zip bomb/);
    expect(report.documents[1].status).toBe('ok');
  });
});

describe('other ways to name inputs', () => {
  it('takes glob patterns and "-" for paths on stdin', () => {
    const sub = join(dir, 'glob');
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, 'a.md'), 'Les caméras.\n');
    writeFileSync(join(sub, 'b.md'), 'Les drones.\n');
    writeFileSync(join(sub, 'c.txt'), 'Le SAMU.\n');
    const globbed = scan([join(sub, '*.md')]).report.documents.map((d: any) => d.path.split('/').pop());
    expect(globbed).toEqual(['a.md', 'b.md']);
    const piped = scan(['-'], `${join(sub, 'c.txt')}\n${join(sub, 'a.md')}\n`).report.documents.map((d: any) => d.path.split('/').pop());
    expect(piped).toEqual(['c.txt', 'a.md']);
    const none = scan([join(sub, '*.odt')]);
    expect(none.report.documents[0].error.code).toBe('NOT_FOUND');
  });

  it('skips unsupported files in folders, counts them, and lists them with --verbose', () => {
    const r = tenderscan(['scan', dir, '-f', 'json', '--no-cache', '--verbose']);
    expect(r.stderr).toContain(`${join(dir, 'photo.png')}: skipped (unsupported type)`);
    const names = JSON.parse(r.stdout).documents.map((d: any) => d.path);
    expect(names).not.toContain(join(dir, 'photo.png'));
  });
});
