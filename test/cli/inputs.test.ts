// How inputs are found and read: non-regular files refused before any read, archives inflated
// once and bounded as a whole, entries of one name kept apart, encrypted entries named as such,
// names that are not UTF-8 and symbolic links followed (once).
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expandInputs } from '../../src/sources/expand.js';
import { INPUT_NAMES } from '../../src/extract/input-types.js';
import { readInputBytes } from '../../src/sources/read.js';
import { DEFAULT_ZIP_LIMITS } from '../../src/sources/zip.js';
import { displayName } from '../../src/sources/names.js';
import { BIN, TEST_CACHE_HOME, tenderscan } from '../helpers/cli.js';
import { rawZip } from '../helpers/zip.js';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const bytesOf = (input: Parameters<typeof readInputBytes>[0]) => {
  const read = readInputBytes(input);
  if (!('bytes' in read)) throw new Error('expected bytes');
  return read.bytes;
};
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return `${(err as { code?: string }).code}: ${(err as Error).message}`;
  }
  return 'no error';
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tenderscan-inputs-'));
});

describe('non-regular files', () => {
  it('are refused from fstat, before any byte is read', () => {
    expect(codeOf(() => readInputBytes({ path: '/dev/zero', file: '/dev/zero' }))).toBe('UNSUPPORTED: not a regular file (a character device)');
    expect(codeOf(() => readInputBytes({ path: dir, file: dir }))).toBe('UNREADABLE: is a folder');
  });

  it('a FIFO and /dev/zero, as files or as an archive, end at once as UNSUPPORTED; the rest of the batch is analysed', () => {
    const fifo = join(dir, 'pipe.pdf');
    const fifoZip = join(dir, 'pipe.zip');
    execFileSync('mkfifo', [fifo, fifoZip]);
    const good = join(dir, 'good.txt');
    writeFileSync(good, 'Les caméras de vidéoprotection filment la place.\n');
    // Before: the worker waited on the FIFO until --timeout, then the main thread opened it to
    // hash it and waited for good (and /dev/zero was read without end).
    const r = tenderscan(['scan', fifo, fifoZip, '/dev/zero', good, '-f', 'json', '--no-cache', '--timeout', '20']);
    const docs = JSON.parse(r.stdout).documents;
    const byPath = Object.fromEntries(docs.map((d: any) => [d.path, d]));
    expect(byPath[fifo].error).toEqual({ code: 'UNSUPPORTED', message: 'not a regular file (a FIFO)' });
    expect(byPath[fifoZip].error).toEqual({ code: 'UNSUPPORTED', message: 'not a regular file (a FIFO)' });
    expect(byPath['/dev/zero'].error).toEqual({ code: 'UNSUPPORTED', message: 'not a regular file (a character device)' });
    expect(byPath[good]).toMatchObject({ status: 'ok', sha256: sha256(readFileSync(good)) });
    expect(r.code).toBe(3);
  });
});

describe('nested archives', () => {
  const texts = Array.from({ length: 40 }, (_, i) => `Document ${i}: les drones survolent le quartier ${i}.\n`);
  let outer: string;
  let inner: Buffer;

  beforeAll(() => {
    // Filler that deflates about 30:1: the inner archive passes the ratio check of the outer.
    const filler = Buffer.alloc(3 * 1024 * 1024, 0x61);
    for (let i = 0; i < filler.length; i += 64) filler[i] = (i * 2654435761) >>> 24;
    inner = rawZip([...texts.map((t, i) => ({ name: `doc-${String(i).padStart(2, '0')}.txt`, data: Buffer.from(t) })), { name: 'filler.bin', data: filler, method: 0 }]);
    outer = join(dir, 'outer.zip');
    writeFileSync(outer, rawZip([{ name: 'inner.zip', data: inner }]));
  });

  it('are inflated once: their entries carry their own compressed bytes, readable without the archive', () => {
    const copy = join(dir, 'outer-copy.zip');
    writeFileSync(copy, readFileSync(outer));
    const { inputs, problems } = expandInputs([copy], undefined, { types: INPUT_NAMES, includeText: true });
    expect(problems).toEqual([]);
    expect(inputs.map((i) => i.path)).toEqual(texts.map((_, i) => `${copy}!/inner.zip!/doc-${String(i).padStart(2, '0')}.txt`));
    // Each entry holds only its own compressed bytes, not the 3 MB inner archive.
    for (const input of inputs) expect(input.zip!.compressed!.byteLength).toBeLessThan(200);
    // A worker never opens the outer archive again, let alone inflates the inner one.
    rmSync(copy);
    expect(inputs.map((i) => bytesOf(i).toString())).toEqual(texts);
  });

  it('count their inner entries against the limits of the outer archive', () => {
    const limits = { ...DEFAULT_ZIP_LIMITS, maxTotalBytes: inner.length + 1024 };
    // The inner archive alone fits; with the 3 MB it holds, the whole does not.
    const { inputs, problems } = expandInputs([outer], undefined, { types: INPUT_NAMES, includeText: true, limits });
    expect(inputs).toEqual([]);
    expect(problems).toEqual([{ path: `${outer}!/inner.zip`, code: 'RESOURCE_LIMIT', message: expect.stringMatching(/zip bomb/) }]);
    const few = expandInputs([outer], undefined, { types: INPUT_NAMES, includeText: true, limits: { ...DEFAULT_ZIP_LIMITS, maxEntries: 30 } });
    expect(few.problems).toEqual([{ path: `${outer}!/inner.zip`, code: 'RESOURCE_LIMIT', message: 'archive has more than 30 entries' }]);
  });

  it('are held to --max-file-size: the archive, an inner archive, an entry', () => {
    const size = statSync(outer).size;
    expect(expandInputs([outer], undefined, { types: INPUT_NAMES, includeText: true, maxFileSize: size - 1 }).problems).toEqual([
      { path: outer, code: 'TOO_LARGE', message: `${size} bytes, more than --max-file-size ${size - 1}` },
    ]);
    expect(expandInputs([outer], undefined, { types: INPUT_NAMES, includeText: true, maxFileSize: size + 1 }).problems).toEqual([
      { path: `${outer}!/inner.zip`, code: 'TOO_LARGE', message: `${inner.length} bytes uncompressed, more than --max-file-size ${size + 1}` },
    ]);
    const r = tenderscan(['scan', outer, '-f', 'json', '--no-cache', '--include-text', '--max-file-size', '1']);
    expect(JSON.parse(r.stdout).documents).toMatchObject([{ path: `${outer}!/inner.zip`, status: 'error', error: { code: 'TOO_LARGE' } }]);
  });
});

describe('archive entries', () => {
  it('of one name are each read, named apart, each with its own SHA-256; encrypted ones end as ENCRYPTED', () => {
    const real = Buffer.from('CCTP. Les caméras de vidéoprotection sont reliées au CSU.\n');
    const decoy = Buffer.from('CCTP. Fourniture de mobilier de bureau.\n');
    const secretInner = rawZip([{ name: 'annexe.txt', data: Buffer.from('x') }]);
    const zip = join(dir, 'dossier.zip');
    writeFileSync(
      zip,
      rawZip([
        { name: 'CCTP.txt', data: real },
        { name: 'CCTP.txt', data: decoy },
        { name: 'secret.pdf', data: Buffer.from('%PDF-1.7 scrambled bytes'), method: 0, flags: 0x801 },
        { name: 'secret.zip', data: secretInner, method: 0, flags: 0x801 },
      ]),
    );
    const { inputs, problems, notices } = expandInputs([zip], undefined, { types: INPUT_NAMES, includeText: true });
    expect(inputs.map((i) => i.path)).toEqual([`${zip}!/CCTP.txt`, `${zip}!/CCTP.txt (2)`]);
    expect(inputs.map((i) => sha256(bytesOf(i)))).toEqual([sha256(real), sha256(decoy)]);
    expect(notices).toEqual([`${zip}: 2 entries named "CCTP.txt"; each is read, the later ones as "CCTP.txt (2)"…`]);
    const encrypted = 'the archive entry is encrypted (password-protected ZIP); tenderscan cannot read it';
    expect(problems).toEqual([
      { path: `${zip}!/secret.pdf`, code: 'ENCRYPTED', message: encrypted },
      { path: `${zip}!/secret.zip`, code: 'ENCRYPTED', message: encrypted },
    ]);

    const r = tenderscan(['scan', zip, '-f', 'json', '--no-cache', '--include-text']);
    const report = JSON.parse(r.stdout);
    expect(report.documents.map((d: any) => [d.path, d.status, d.sha256 ?? d.error.code])).toEqual([
      [`${zip}!/secret.pdf`, 'error', 'ENCRYPTED'],
      [`${zip}!/secret.zip`, 'error', 'ENCRYPTED'],
      [`${zip}!/CCTP.txt`, 'ok', sha256(real)],
      [`${zip}!/CCTP.txt (2)`, 'ok', sha256(decoy)],
    ]);
    expect(report.findings.map((f: any) => f.document)).toContain(`${zip}!/CCTP.txt`);
    expect(r.stderr).toContain('2 entries named "CCTP.txt"');
  });

  it('whose data does not match the central directory are CORRUPT, not misread', () => {
    const zip = rawZip([{ name: 'a.txt', data: Buffer.from('Les caméras du CSU.\n') }]);
    zip[40] ^= 0xff; // a byte of the deflated data
    const file = join(dir, 'damaged.zip');
    writeFileSync(file, zip);
    const [input] = expandInputs([file], undefined, { types: INPUT_NAMES, includeText: true }).inputs;
    expect(codeOf(() => readInputBytes(input))).toMatch(/^CORRUPT: broken ZIP archive/);
  });
});

describe('file names and links', () => {
  // "café.txt" and "résumé.txt" written in Latin-1, as a Windows archive unpacked on Linux leaves them.
  const latin1 = (name: string) => Buffer.from(name, 'latin1');
  let folder: string;

  beforeAll(() => {
    folder = join(dir, 'dce');
    mkdirSync(join(folder, 'sub'), { recursive: true });
    mkdirSync(join(dir, 'outside'));
    writeFileSync(Buffer.concat([Buffer.from(folder + '/'), latin1('café.txt')]), 'Les caméras de vidéoprotection du CSU.\n');
    writeFileSync(join(dir, 'outside', 'real.md'), 'Les drones filment la manifestation.\n');
    writeFileSync(join(folder, 'sub', 'doc.md'), 'Le SAMU transmet les données de santé.\n');
    symlinkSync(join(dir, 'outside', 'real.md'), join(folder, 'link.md'));
    symlinkSync('.', join(folder, 'loop'));
    symlinkSync('sub', join(folder, 'again'));
    symlinkSync('nowhere.pdf', join(folder, 'gone.pdf'));
  });

  it('show bytes that are not UTF-8 as \\xE9 and open the real bytes; links are followed once, loops not at all', () => {
    expect(displayName(latin1('café.txt'))).toBe('caf\\xE9.txt');
    const { inputs, problems, notices } = expandInputs([folder], undefined, { types: INPUT_NAMES, includeText: true });
    expect(inputs.map((i) => i.path)).toEqual([join(folder, 'again', 'doc.md'), join(folder, 'caf\\xE9.txt'), join(folder, 'link.md')]);
    expect(bytesOf(inputs[1]).toString()).toContain('caméras');
    expect(bytesOf(inputs[2]).toString()).toContain('drones');
    expect(problems).toEqual([{ path: join(folder, 'gone.pdf'), code: 'NOT_FOUND', message: 'a broken symbolic link' }]);
    expect(notices).toEqual([`${join(folder, 'loop')}: a folder already read under another name (symbolic link); not read again`, `${join(folder, 'sub')}: a folder already read under another name (symbolic link); not read again`]);
    // Paths on stdin keep their bytes too.
    const piped = expandInputs(['-'], () => Buffer.concat([Buffer.from(folder + '/'), latin1('café.txt'), Buffer.from('\n')]), { types: INPUT_NAMES });
    expect(piped.inputs.map((i) => [i.path, bytesOf(i).length > 0])).toEqual([[join(folder, 'caf\\xE9.txt'), true]]);
  });

  it('a name that is not UTF-8 works as a command-line argument, and the report shows it escaped', () => {
    writeFileSync(Buffer.concat([Buffer.from(dir + '/'), latin1('résumé.txt')]), 'La vidéoverbalisation lit les plaques d’immatriculation (LAPI).\n');
    const r = spawnSync('/bin/sh', ['-c', `"${process.execPath}" "${BIN}" scan "$(printf '%s/r\\351sum\\351.txt' "$DIR")" -f json --no-cache`], {
      env: { ...process.env, DIR: dir, XDG_CACHE_HOME: TEST_CACHE_HOME, LANG: 'C' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    const report = JSON.parse(r.stdout);
    expect(report.documents).toMatchObject([{ path: `${dir}/r\\xE9sum\\xE9.txt`, status: 'ok' }]);
    expect(report.findings.map((f: any) => f.category)).toContain('vehicle-tracking');
  });
});

describe('one identity per input (issue 23)', () => {
  const DRONES = Buffer.from('{\\rtf1 Des drones survolent la ville.\\par}');
  const HARMLESS = Buffer.from('{\\rtf1 Le parc est ouvert au public.\\par}');
  let base: string;
  beforeAll(() => {
    base = join(dir, 'identity');
    mkdirSync(base);
  });

  it('a literal "caf\\xE9.rtf" beside a name holding the byte 0xE9: two documents, each cited unambiguously', () => {
    const folder = join(base, 'look-alike');
    mkdirSync(folder);
    writeFileSync(Buffer.concat([Buffer.from(folder + '/'), Buffer.from('caf\xe9.rtf', 'latin1')]), DRONES);
    writeFileSync(join(folder, 'caf\\xE9.rtf'), HARMLESS);
    const { inputs } = expandInputs([folder], undefined, { types: INPUT_NAMES });
    expect(inputs.map((i) => [i.path.slice(folder.length + 1), bytesOf(i).equals(DRONES)])).toEqual([
      ['caf\\\\xE9.rtf', false], // the backslash itself is escaped
      ['caf\\xE9.rtf', true],
    ]);
    expect(displayName(Buffer.from('a\\b'))).toBe('a\\\\b');
    // The run as a user sees it: both analysed, and the gate holds.
    const r = tenderscan(['scan', folder, '--fail-on', 'drones', '-f', 'json', '-q', '--no-cache']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.documents.map((d: { path: string; sha256: string }) => [d.path.slice(folder.length + 1), d.sha256])).toEqual([
      ['caf\\\\xE9.rtf', sha256(HARMLESS)],
      ['caf\\xE9.rtf', sha256(DRONES)],
    ]);
    expect(report.findings.map((f: { document: string }) => f.document.slice(folder.length + 1))).toEqual(['caf\\xE9.rtf']);
  });

  it('an entry or a folder named like an archive path keeps a path of its own; nested archives stay named', async () => {
    const folder = join(base, 'separators');
    mkdirSync(join(folder, 'd.zip!'), { recursive: true });
    // An entry literally named "a.zip!/CCTP.rtf" beside a nested a.zip holding CCTP.rtf.
    const inner = rawZip([{ name: 'CCTP.rtf', data: DRONES }]);
    writeFileSync(join(folder, 'outer.zip'), rawZip([{ name: 'a.zip!/CCTP.rtf', data: HARMLESS }, { name: 'lots/a.zip', data: inner }, { name: 'a.zip', data: inner }]));
    // A folder "d.zip!" beside an archive d.zip.
    writeFileSync(join(folder, 'd.zip!', 'CCTP.rtf'), HARMLESS);
    writeFileSync(join(folder, 'd.zip'), rawZip([{ name: 'CCTP.rtf', data: DRONES }]));
    const { inputs } = expandInputs([folder], undefined, { types: INPUT_NAMES });
    const paths = inputs.map((i) => i.path.slice(folder.length + 1));
    expect(inputs.map((i, k) => [paths[k], bytesOf(i).equals(DRONES)])).toEqual([
      ['d.zip!/CCTP.rtf', true],
      ['d.zip\\!/CCTP.rtf', false],
      ['outer.zip!/a.zip!/CCTP.rtf', true],
      ['outer.zip!/a.zip\\!/CCTP.rtf', false],
      ['outer.zip!/lots/a.zip!/CCTP.rtf', true],
    ]);
    expect(new Set(paths).size).toBe(paths.length);
    // Citations: the shortened name keeps every archive; links go to the file that holds the document.
    const { documentNamer } = await import('../../src/report/names.js');
    const { pageLinker } = await import('../../src/report/links.js');
    const name = documentNamer(inputs.map((i) => i.path));
    expect(inputs.map((i) => name(i.path))).toEqual(['d.zip!/CCTP.rtf', 'CCTP.rtf', 'outer.zip!/a.zip!/CCTP.rtf', 'outer.zip!/a.zip\\!/CCTP.rtf', 'outer.zip!/lots/a.zip!/CCTP.rtf']);
    const link = pageLinker({ cwd: folder });
    expect(paths.map((p) => link(p, 2))).toEqual(['./d.zip', './d.zip%21/CCTP.rtf', './outer.zip', './outer.zip', './outer.zip']);
    expect(link('caf\\xE9.pdf', 2)).toBe('./caf%E9.pdf#page=2');
    expect(link('caf\\\\xE9.pdf', 2)).toBe('./caf%5CxE9.pdf#page=2');
  });
});
