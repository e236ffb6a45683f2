// The CLI runs from its bundle (dist/tenderscan-bundle.cjs) with a V8 code cache kept in the
// cache folder (bin/bundle.cjs): the report is the same whether the cache is there, missing,
// corrupt, swapped for a link or a folder, or rejected by V8, and whether the bundle is there
// or not (dist/ as ES modules); a bad cache file is replaced by a good one.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tenderscan } from '../helpers/cli.js';
import { makePdf } from '../helpers/pdf.js';

const bundle = createRequire(import.meta.url)('../../bin/bundle.cjs') as {
  readCodeCache(file: string, hash: string): { data: Buffer; withPdf: boolean } | undefined;
  cacheFile(hash: string, env?: NodeJS.ProcessEnv, withPdf?: boolean): string;
};
const BUNDLE = join(ROOT, 'dist/tenderscan-bundle.cjs');
// A small PDF with findings: what is checked is the bundle and its cache, not the reading of a
// long tender (the sample's 25 pages made this the slowest file of `npm test`).
const SAMPLE = join(mkdtempSync(join(tmpdir(), 'tenderscan-code-cache-pdf-')), 'cctp.pdf');
const ARGS = ['scan', SAMPLE, '--no-cache', '--lang', 'fr'];

/** The report without its run date (the only part that changes from run to run). */
const stable = (report: string) => report.replace(/\d{1,2}:\d{2} UTC/g, 'HH:MM UTC');

const hashOf = () => readFileSync(BUNDLE, 'latin1').split('\n', 1)[0].split(' ').pop()!;

describe('the bundle and its code cache', () => {
  let home: string;
  let file: string;
  let reference: { code: number; stdout: string; stderr: string };

  beforeAll(async () => {
    writeFileSync(
      SAMPLE,
      await makePdf([
        { lines: ['Article 3 - Vidéoprotection', 'Le titulaire raccorde les caméras de vidéoprotection au centre de supervision urbain.'] },
        { lines: ['Article 4 - Lecture des plaques', 'Les véhicules de la police municipale sont équipés de caméras LAPI.'] },
      ]),
    );
    home = mkdtempSync(join(tmpdir(), 'tenderscan-code-cache-'));
    file = bundle.cacheFile(hashOf(), { XDG_CACHE_HOME: home });
    const first = tenderscan(ARGS, { env: { XDG_CACHE_HOME: home } });
    reference = { ...first, stdout: stable(first.stdout) };
  });

  it('is built, and a scan writes its code cache in the cache folder, marked as the cache\'s', () => {
    expect(readFileSync(BUNDLE, 'latin1')).toMatch(/^\/\/ tenderscan-bundle [0-9a-f]{32}\n\(function /);
    expect(reference.code).toBe(0);
    expect(reference.stderr).not.toMatch(/warning|error/i); // the notice of the scanned page only
    expect(reference.stdout).toMatch(/vidéoprotection/i);
    expect(file.startsWith(join(home, 'tenderscan', 'code') + '/')).toBe(true);
    expect(bundle.readCodeCache(file, hashOf())).toMatchObject({ withPdf: true });
    expect(bundle.readCodeCache(file, hashOf())?.data.length).toBeGreaterThan(100_000);
    expect(readFileSync(join(home, 'tenderscan', 'CACHEDIR.TAG'), 'utf8')).toMatch(/^Signature: 8a477f597d28d172789f06886806bc55/);
  });

  it('carries the rule checker\'s fingerprint of the files it was made of, and the stemmers', async () => {
    const text = readFileSync(BUNDLE, 'latin1');
    const { checkerFingerprint } = (await import(join(ROOT, 'dist/rules/check.js'))) as { checkerFingerprint(): string };
    expect(text).toContain(`return fingerprint="${checkerFingerprint()}"`);
    // natural's stemmers are in the bundle (its code cache holds them), yaml and zod are not.
    expect(text).toMatch(/node_modules\/natural\/lib\/natural\/stemmers\/porter_stemmer_fr\.js/);
    expect(text).not.toMatch(/node_modules\/(yaml|zod)\//);
  });

  it('made by a run without pdf.js (text files), is made again by the first run with it', () => {
    const home2 = mkdtempSync(join(tmpdir(), 'tenderscan-code-cache-'));
    const file2 = bundle.cacheFile(hashOf(), { XDG_CACHE_HOME: home2 });
    const text = join(home2, 'cctp.txt');
    writeFileSync(text, 'La plateforme reçoit les flux des caméras de vidéoprotection.\n');
    expect(tenderscan(['scan', text, '-q'], { env: { XDG_CACHE_HOME: home2 } }).code).toBe(0);
    expect(bundle.readCodeCache(file2, hashOf())).toBeUndefined();
    expect(bundle.readCodeCache(bundle.cacheFile(hashOf(), { XDG_CACHE_HOME: home2 }, false), hashOf())?.withPdf).toBe(false);
    const withPdf = tenderscan(ARGS, { env: { XDG_CACHE_HOME: home2 } });
    expect({ ...withPdf, stdout: stable(withPdf.stdout) }).toEqual(reference);
    expect(bundle.readCodeCache(file2, hashOf())?.withPdf).toBe(true);
    // Kept by a later run without pdf.js.
    const kept = readFileSync(file2);
    expect(tenderscan(['scan', text, '-q'], { env: { XDG_CACHE_HOME: home2 } }).code).toBe(0);
    expect(readFileSync(file2).equals(kept)).toBe(true);
  });

  it('has a file without pdf.js for runs that name several documents, and keeps the one with it', () => {
    const home4 = mkdtempSync(join(tmpdir(), 'tenderscan-code-cache-'));
    const env = { XDG_CACHE_HOME: home4 };
    const withPdf = bundle.cacheFile(hashOf(), env);
    const withoutPdf = bundle.cacheFile(hashOf(), env, false);
    expect(tenderscan(ARGS, { env }).code).toBe(0);
    const made = readFileSync(withPdf);
    const two = join(home4, 'autre.rtf');
    writeFileSync(two, '{\\rtf1\\ansi Un drone survole le quartier.\\par}\n');
    const args = ['scan', SAMPLE, two, '--no-cache', '--lang', 'fr', '-f', 'json'];
    const first = tenderscan(args, { env });
    expect(first.code).toBe(0);
    // The run compiled the bundle (the file without pdf.js was missing) and wrote that file,
    // smaller than the one with pdf.js.
    expect(bundle.readCodeCache(withoutPdf, hashOf())?.withPdf).toBe(false);
    expect(readFileSync(withoutPdf).length).toBeLessThan(made.length * 0.6);
    expect(readFileSync(withPdf).equals(made)).toBe(true);
    const without = readFileSync(withoutPdf);
    const again = tenderscan(args, { env });
    expect(again.stdout.replace(/"generatedAt": "[^"]*"/, '')).toBe(first.stdout.replace(/"generatedAt": "[^"]*"/, ''));
    expect(readFileSync(withoutPdf).equals(without)).toBe(true);
    expect(readFileSync(withPdf).equals(made)).toBe(true);
  });

  it('is used as it is by the next run (not rewritten), with the same report', () => {
    const before = readFileSync(file);
    const again = tenderscan(ARGS, { env: { XDG_CACHE_HOME: home } });
    expect({ ...again, stdout: stable(again.stdout) }).toEqual(reference);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  const good = () => readFileSync(file);
  const damages: [string, (bytes: Buffer) => void][] = [
    ['a flipped byte in the data', (bytes) => {
      const b = Buffer.from(bytes);
      b[b.length - 1000] ^= 0xff;
      writeFileSync(file, b);
    }],
    ['a truncated file', (bytes) => writeFileSync(file, bytes.subarray(0, bytes.length >> 1))],
    ['an empty file', () => writeFileSync(file, '')],
    ['another bundle\'s header', (bytes) => writeFileSync(file, Buffer.from(bytes.toString('latin1').replace(/^(tenderscan-code-cache 1 )[0-9a-f]/, '$1_'), 'latin1'))],
    ['data V8 rejects under a header and checksum that hold', (bytes) => {
      const header = bytes.toString('latin1', 0, bytes.indexOf(10)).split(' ').slice(0, -1).join(' ');
      const data = Buffer.alloc(200_000, 7);
      writeFileSync(file, Buffer.concat([Buffer.from(`${header} ${createHash('sha256').update(data).digest('hex')}\n`, 'latin1'), data]));
    }],
  ];

  for (const [what, damage] of damages) {
    it(`takes ${what} for a miss: same report, and a good cache written in its place`, () => {
      damage(good());
      const run = tenderscan(ARGS, { env: { XDG_CACHE_HOME: home } });
      expect({ ...run, stdout: stable(run.stdout) }).toEqual(reference);
      expect(bundle.readCodeCache(file, hashOf())?.data.length).toBeGreaterThan(100_000);
    });
  }

  it('never follows a link, and leaves a folder in its place alone', () => {
    const elsewhere = join(home, 'elsewhere.v8');
    copyFileSync(file, elsewhere);
    rmSync(file);
    symlinkSync(elsewhere, file);
    expect(bundle.readCodeCache(file, hashOf())).toBeUndefined();
    const linked = tenderscan(ARGS, { env: { XDG_CACHE_HOME: home } });
    expect({ ...linked, stdout: stable(linked.stdout) }).toEqual(reference);
    expect(lstatSync(file).isSymbolicLink()).toBe(false); // replaced by a file of its own
    rmSync(file);
    mkdirSync(file);
    const folder = tenderscan(ARGS, { env: { XDG_CACHE_HOME: home } });
    expect({ ...folder, stdout: stable(folder.stdout) }).toEqual(reference);
    expect(statSync(file).isDirectory()).toBe(true);
    rmSync(file, { recursive: true });
  });

  it('is skipped, quietly, where the cache folder cannot be one (a file in its place)', () => {
    const home3 = mkdtempSync(join(tmpdir(), 'tenderscan-code-cache-'));
    writeFileSync(join(home3, 'tenderscan'), 'not a folder\n');
    const run = tenderscan(ARGS, { env: { XDG_CACHE_HOME: home3 } });
    expect({ ...run, stdout: stable(run.stdout) }).toEqual(reference);
    expect(readFileSync(join(home3, 'tenderscan'), 'utf8')).toBe('not a folder\n');
  });

  it('is removed by `cache clear`', () => {
    tenderscan(ARGS, { env: { XDG_CACHE_HOME: home } });
    const cleared = tenderscan(['cache', 'clear'], { env: { XDG_CACHE_HOME: home } });
    expect(cleared.code).toBe(0);
    expect(cleared.stdout).toMatch(/\(1 entries removed\)|\(1 entry removed\)/);
    expect(readdirSync(home)).toEqual(['elsewhere.v8']);
  });

  it('gives the report dist/ gives, without the bundle or with a broken one', () => {
    // A copy of the package whose dist/ is the real one but for the bundle.
    const root = mkdtempSync(join(tmpdir(), 'tenderscan-unbundled-'));
    mkdirSync(join(root, 'bin'));
    for (const name of readdirSync(join(ROOT, 'bin'))) copyFileSync(join(ROOT, 'bin', name), join(root, 'bin', name));
    copyFileSync(join(ROOT, 'package.json'), join(root, 'package.json'));
    for (const name of ['node_modules', 'src', 'fixtures']) symlinkSync(join(ROOT, name), join(root, name));
    mkdirSync(join(root, 'dist'));
    for (const name of readdirSync(join(ROOT, 'dist'))) if (name !== 'tenderscan-bundle.cjs') symlinkSync(join(ROOT, 'dist', name), join(root, 'dist', name));
    const bin = join(root, 'bin', 'tenderscan');
    // tenderscan() runs the real bin: this copy's is run as it does.
    const viaCopy = (args = ARGS) => {
      const r = spawnSync(process.execPath, [bin, ...args], {
        cwd: ROOT,
        env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '0', LC_ALL: '', LC_MESSAGES: '', LANG: 'C', XDG_CACHE_HOME: join(root, 'cache') },
        encoding: 'utf8',
        timeout: 120_000,
      });
      return { code: r.status ?? -1, stdout: stable(r.stdout), stderr: r.stderr };
    };
    expect(viaCopy()).toEqual(reference);
    // Two documents: the pool's workers run (bin/worker.cjs from the bundle, worker.js without).
    const two = [join(root, 'a.pdf'), join(root, 'b.pdf')];
    for (const copy of two) copyFileSync(SAMPLE, copy);
    const pool = ['scan', ...two, '--no-cache', '--jobs', '2'];
    const pooled = tenderscan(pool, { env: { XDG_CACHE_HOME: home } });
    expect(pooled.code).toBe(0);
    expect(pooled.stdout).toMatch(/a\.pdf[\s\S]*b\.pdf/);
    expect(viaCopy(pool)).toEqual({ ...pooled, stdout: stable(pooled.stdout) });
    writeFileSync(join(root, 'dist', 'tenderscan-bundle.cjs'), 'module.exports = 1;\n');
    expect(viaCopy()).toEqual(reference);
    // A bundle older than dist/ (tsc run since the build) is not run; a newer one is.
    const other = join(root, 'dist', 'tenderscan-bundle.cjs');
    writeFileSync(other, `// tenderscan-bundle ${'0'.repeat(32)}\n(function (exports) { exports.run = async () => { process.stdout.write('other bundle\\n'); return 0; }; })`);
    utimesSync(other, new Date('2001-01-01'), new Date('2001-01-01'));
    expect(viaCopy()).toEqual(reference);
    utimesSync(other, new Date(), new Date());
    expect(viaCopy().stdout).toBe('other bundle\n');
    // Neither wrote a code cache: there was no bundle to cache.
    expect(() => readdirSync(join(root, 'cache', 'tenderscan', 'code'))).toThrow();
  });
});
