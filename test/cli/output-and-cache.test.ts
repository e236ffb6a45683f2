// What the tool writes and deletes: the report file (never over an input or a rule pack,
// never through a planted link, checked before any document is read), the text cache (only
// what it wrote is cleared; an unusable cache is skipped), numeric option ranges, and closed
// standard streams.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, openSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, statSync, symlinkSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, TEST_CACHE_HOME, tenderscan } from '../helpers/cli.js';
import { CACHE_MARKER, clearCache, MAX_ENTRY_BYTES, prepareCacheDir, TextCache } from '../../src/cache/text-cache.js';
import { openReportSink } from '../../src/sources/output.js';
import { INPUT_NAMES } from '../../src/extract/input-types.js';
import { OPTION_RANGES, wholeNumber } from '../../src/cli/option-ranges.js';

let dir: string;
let good: string;
let dwgOnly: string;
let pack: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tenderscan-out-'));
  good = join(dir, 'good.txt');
  writeFileSync(good, 'La plateforme reçoit les flux vidéo des caméras de vidéoprotection de la ville.\n');
  dwgOnly = join(dir, 'plans.zip');
  writeFileSync(dwgOnly, zipSync({ 'plan.dwg': new Uint8Array([1, 2, 3]) }));
  pack = join(dir, 'pack.yaml');
  writeFileSync(pack, 'language: fr\ncategory: drones\nrules:\n  - id: my.drones.balloon\n    kind: terms\n    terms: [ballon captif]\n');
});

const fresh = (name: string) => mkdtempSync(join(dir, `${name}-`));
const entryFile = (cacheDir: string) => join(cacheDir, String(readdirSync(cacheDir, { recursive: true }).find((f) => String(f).endsWith('.json'))));

describe('cache clear removes only what the cache wrote', () => {
  it('refuses a folder without the marker, another tool’s cache, a file and a missing folder, touching nothing', () => {
    const project = fresh('project');
    writeFileSync(join(project, 'thesis.md'), 'months of work');
    mkdirSync(join(project, 'ab'));
    writeFileSync(join(project, 'ab', `${'a'.repeat(64)}.json`), '{}'); // the cache's layout, but no marker
    expect(() => clearCache(project)).toThrow(/not a tenderscan cache .*refusing to delete anything/);
    const other = fresh('other-tool');
    writeFileSync(join(other, CACHE_MARKER), 'Signature: 8a477f597d28d172789f06886806bc55\n# another tool\n');
    expect(() => clearCache(other)).toThrow(/not a tenderscan cache/);
    expect(() => clearCache(good)).toThrow(/is not a folder/);
    expect(() => clearCache(join(dir, 'never-made'))).toThrow(/does not exist: there is no cache to clear/);
    expect(readdirSync(project, { recursive: true }).map(String).sort()).toEqual(['ab', `ab/${'a'.repeat(64)}.json`, 'thesis.md']);
    expect(readdirSync(other)).toEqual([CACHE_MARKER]);
  });

  it('removes entries and temporary files, leaves foreign files and links (and their targets), then the folder once empty', () => {
    const cacheDir = join(fresh('cache'), 'tenderscan');
    expect(prepareCacheDir(cacheDir)).toBeUndefined();
    const cache = new TextCache(cacheDir);
    cache.set('pdf|1|v1', { pages: ['one'] });
    cache.set('pdf|2|v1', { pages: ['two'] });
    new TextCache(join(cacheDir, 'packs')).set('pack|x', { doc: {} });
    const shard = readdirSync(cacheDir).find((f) => /^[0-9a-f]{2}$/.test(f))!;
    writeFileSync(join(cacheDir, shard, `${'b'.repeat(64)}.json.123.abc.tmp`), 'half');
    const outside = join(dir, 'precious.txt');
    writeFileSync(outside, 'keep me');
    symlinkSync(outside, join(cacheDir, shard, `${'c'.repeat(64)}.json`));
    writeFileSync(join(cacheDir, 'notes.txt'), 'mine');

    const first = clearCache(cacheDir);
    expect(first.removed).toBe(4);
    expect(first.kept.map((k) => k.slice(cacheDir.length + 1)).sort()).toEqual([`${shard}/${'c'.repeat(64)}.json`, 'notes.txt']);
    expect(readFileSync(outside, 'utf8')).toBe('keep me');
    expect(readdirSync(cacheDir).sort()).toEqual([shard, CACHE_MARKER, 'notes.txt'].sort());

    unlinkSync(join(cacheDir, shard, `${'c'.repeat(64)}.json`)); // the link, not its target
    unlinkSync(join(cacheDir, 'notes.txt'));
    expect(clearCache(cacheDir)).toEqual({ removed: 0, kept: [] });
    expect(existsSync(cacheDir)).toBe(false);
  });

  it('through the CLI: exit 2 and no "emptied" for a folder that is not a cache or does not exist', () => {
    const project = fresh('cli-project');
    writeFileSync(join(project, 'keep.txt'), 'x');
    const refused = tenderscan(['cache', 'clear', '--cache-dir', project]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/^tenderscan: .*is not a tenderscan cache .*\n$/);
    expect(readdirSync(project)).toEqual(['keep.txt']);
  });
});

describe('an unusable cache is skipped, a hostile entry is never read', () => {
  it('skips a cache folder that is a file with one notice; the run goes on', () => {
    const notAFolder = join(fresh('cache-file'), 'cache');
    writeFileSync(notAFolder, 'I am a file');
    expect(prepareCacheDir(notAFolder)).toBe('not a folder');
    expect(() => new TextCache(notAFolder).set('k', { a: 1 })).not.toThrow();
    const r = tenderscan(['scan', good, '-f', 'json', '--cache-dir', notAFolder]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).documents[0].status).toBe('ok');
    expect(r.stderr).toBe(`${notAFolder}: not a folder; running without the text cache\n`);
    expect(readFileSync(notAFolder, 'utf8')).toBe('I am a file');
  });

  it('marks a new, empty or older cache folder, never a folder holding other files', () => {
    const project = fresh('project-as-cache');
    writeFileSync(join(project, 'thesis.md'), 'x');
    expect(prepareCacheDir(project)).toMatch(/holds files of its own and no CACHEDIR\.TAG/);
    expect(readdirSync(project)).toEqual(['thesis.md']);
    const older = fresh('older-cache');
    new TextCache(older).set('k', { a: 1 });
    expect(prepareCacheDir(older)).toBeUndefined();
    expect(readdirSync(older)).toContain(CACHE_MARKER);
  });

  it('ignores an entry that is a link to a device or a folder, at once', () => {
    const cacheDir = fresh('hostile-cache');
    const cache = new TextCache(cacheDir);
    cache.set('key', { pages: ['text'] });
    expect(cache.get('key')).toEqual({ pages: ['text'] });
    const file = entryFile(cacheDir);
    const replace = (make: () => void) => {
      unlinkSync(file);
      make();
    };
    replace(() => symlinkSync('/dev/zero', file));
    const started = Date.now();
    expect(cache.get('key')).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(5_000);
    replace(() => mkdirSync(file));
    expect(cache.get('key')).toBeUndefined();
    rmdirSync(file);
    cache.set('key', { pages: ['again'] }); // rebuilt in place
    expect(cache.get('key')).toEqual({ pages: ['again'] });
  });

  it('ignores an entry over the size bound without reading it', () => {
    const cacheDir = fresh('huge-cache');
    const cache = new TextCache(cacheDir);
    cache.set('key', { pages: ['text'] });
    const file = entryFile(cacheDir);
    truncateSync(file, MAX_ENTRY_BYTES + 1); // sparse: no disk used
    expect(cache.get('key')).toBeUndefined();
  });
});

describe('--output never overwrites what the run reads', () => {
  it('compares by file identity: the same file by another name, a hard link, a link', () => {
    const other = join(dir, 'links');
    mkdirSync(other, { recursive: true });
    const hard = join(other, 'hard.yaml');
    linkSync(pack, hard);
    const soft = join(other, 'soft.yaml');
    symlinkSync(pack, soft);
    for (const output of [hard, soft, join(other, '..', 'pack.yaml')]) {
      expect(() => openReportSink(output, [good, pack])).toThrow(/refusing to overwrite/);
    }
    expect(readFileSync(pack, 'utf8')).toContain('ballon');
  });

  it('protects files found after opening (stdin lists, archives) and documents inside a folder given as input', () => {
    const sink = openReportSink(dwgOnly, [good]);
    expect(() => sink.protect([dwgOnly])).toThrow(/refusing to overwrite/);
    expect(readdirSync(dir).filter((f) => f.includes('tenderscan-tmp'))).toEqual([]);
    expect(() => openReportSink(join(dir, 'links', '..', 'plans.zip'), [], { folders: { paths: [dir], types: INPUT_NAMES } })).toThrow(/one of the inputs \(in /);
    const beside = openReportSink(join(dir, 'report.json'), [], { folders: { paths: [dir], types: INPUT_NAMES } }); // a new name in the folder is fine
    beside.abort();
  });

  it('through the CLI: an archive with only .dwg (listed on stdin), a corrupt archive and a rule pack stay intact', () => {
    const zipBefore = readFileSync(dwgOnly);
    const asOutput = tenderscan(['scan', '-', good, '-o', dwgOnly], { input: `${dwgOnly}\n` });
    expect(asOutput.code).toBe(2);
    expect(asOutput.stderr).toMatch(/refusing to overwrite/);
    expect(readFileSync(dwgOnly).equals(zipBefore)).toBe(true);
    const corrupt = join(dir, 'corrupt.zip');
    writeFileSync(corrupt, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64, 0x5a)]));
    expect(tenderscan(['scan', good, corrupt, '-o', corrupt]).code).toBe(2);
    expect(readFileSync(corrupt).subarray(4).every((b) => b === 0x5a)).toBe(true);
    const packBefore = readFileSync(pack, 'utf8');
    const r = tenderscan(['scan', good, '-r', pack, '-o', pack]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--output .*pack\.yaml is one of the files this run reads .*refusing to overwrite it/);
    expect(readFileSync(pack, 'utf8')).toBe(packBefore);
  });
});

describe('the review file is never a report (issue 23)', () => {
  it('-o refuses the default review file (even with --no-review) and an explicit --review-file, leaving both intact', () => {
    const project = fresh('review');
    const judged = 'version: 1\nfindings:\n  - id: "0123456789ab"\n    status: false-positive\n    document: good.txt\n    category: drones\n    excerpt: x\n';
    writeFileSync(join(project, '.tenderscan-review.yaml'), judged);
    writeFileSync(join(project, 'mine.yaml'), judged);
    for (const args of [['-o', '.tenderscan-review.yaml', '--no-review'], ['--review-file', 'mine.yaml', '-o', './mine.yaml']]) {
      const r = tenderscan(['scan', good, '-f', 'json', ...args], { cwd: project });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/--output .*yaml is (one of the files this run reads|the same file as).*refusing to overwrite it/);
    }
    expect(readFileSync(join(project, '.tenderscan-review.yaml'), 'utf8')).toBe(judged);
    expect(readFileSync(join(project, 'mine.yaml'), 'utf8')).toBe(judged);
  });
});

describe('the temporary report file', () => {
  it('is created exclusively under a random name: a planted link is not followed and the report lands in place', () => {
    const folder = fresh('planted');
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'untouched');
    const target = join(folder, 'report.json');
    const names = ['guessed', 'fresh'];
    symlinkSync(victim, join(folder, '.report.json.tenderscan-tmp-guessed'));
    const sink = openReportSink(target, [], { randomName: () => names.shift()! });
    sink.write('{"report":true}');
    sink.commit();
    expect(readFileSync(victim, 'utf8')).toBe('untouched');
    expect(readFileSync(target, 'utf8')).toBe('{"report":true}');
    expect(statSync(target).mode & 0o022).toBe(0); // 0644 at most
  });

  it('writes through a link to its target, keeping the link (as for /dev/stdout redirected to a file)', () => {
    const folder = fresh('through-link');
    const real = join(fresh('elsewhere'), 'real.json');
    writeFileSync(real, 'old');
    const link = join(folder, 'report.json');
    symlinkSync(real, link);
    const sink = openReportSink(link, []);
    sink.write('new');
    sink.commit();
    expect(readFileSync(real, 'utf8')).toBe('new');
    expect(readdirSync(folder)).toEqual(['report.json']);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('follows a dangling link to write its target, keeping the link; a target in a missing folder is exit 2 (issue 23)', () => {
    const folder = fresh('dangling');
    const elsewhere = fresh('dangling-target');
    symlinkSync(join(elsewhere, 'this-year.json'), join(folder, 'latest.json'));
    symlinkSync('latest.json', join(folder, 'current.json')); // a relative link to the link
    const sink = openReportSink(join(folder, 'current.json'), []);
    sink.write('{"new":true}');
    sink.commit();
    expect(readFileSync(join(elsewhere, 'this-year.json'), 'utf8')).toBe('{"new":true}');
    expect(lstatSync(join(folder, 'current.json')).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(folder, 'latest.json')).isSymbolicLink()).toBe(true);
    expect(readdirSync(elsewhere)).toEqual(['this-year.json']);
    symlinkSync(join(elsewhere, 'gone', 'r.json'), join(folder, 'nowhere.json'));
    expect(() => openReportSink(join(folder, 'nowhere.json'), [])).toThrow(`--output ${join(folder, 'nowhere.json')}: a link to ${join(elsewhere, 'gone', 'r.json')}, and the folder ${join(elsewhere, 'gone')} does not exist`);
    expect(lstatSync(join(folder, 'nowhere.json')).isSymbolicLink()).toBe(true);
  });

  it('gets a different name on each run, and an existing report keeps its permissions', () => {
    const folder = fresh('random');
    const target = join(folder, 'r.json');
    writeFileSync(target, 'old');
    chmodSync(target, 0o600);
    const a = openReportSink(target, []);
    const b = openReportSink(target, []);
    const temporaries = readdirSync(folder).filter((f) => f.includes('tenderscan-tmp'));
    expect(new Set(temporaries).size).toBe(2);
    expect(temporaries.every((t) => /tenderscan-tmp-[0-9a-f]{16}$/.test(t))).toBe(true);
    b.abort();
    a.write('new');
    a.commit();
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(readdirSync(folder)).toEqual(['r.json']);
  });
});

describe('--output is checked before any document is read', () => {
  it('refuses a folder, a missing folder and a parent that is a file', () => {
    expect(() => openReportSink(dir, [])).toThrow(/is a folder; give a file name/);
    expect(() => openReportSink(join(dir, 'no-such', 'r.json'), [])).toThrow(/the folder .*no-such does not exist/);
    expect(() => openReportSink(join(good, 'r.json'), [])).toThrow(/good\.txt is not a folder/);
  });

  it('through the CLI: exit 2 with one line, before the failing document is even announced', () => {
    const r = tenderscan(['scan', good, join(dir, 'missing.pdf'), '-o', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`tenderscan: --output ${dir} is a folder; give a file name\n`);
  });
});

describe('numeric options are bounded', () => {
  it('names the option and the range', () => {
    expect(() => wholeNumber('--timeout')('99999999')).toThrow('--timeout: expected a whole number from 1 to 2147483 (seconds), got "99999999"');
    expect(wholeNumber('--timeout')('2147483')).toBe(2147483);
    for (const bad of ['0', '1e3', '0x10', '-5', '1.5', '']) expect(() => wholeNumber('--jobs')(bad)).toThrow(/--jobs: expected a whole number/);
    expect(OPTION_RANGES['--max-file-size'].max * 1024 * 1024).toBeLessThan(2 ** 31);
  });

  it('through the CLI: --timeout 99999999 is a usage error, not a run where everything times out', () => {
    const r = tenderscan(['scan', good, '--timeout', '99999999']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('tenderscan: --timeout: expected a whole number from 1 to 2147483 (seconds), got "99999999"; see \'tenderscan scan --help\'\n');
  });
});

/** Runs the CLI with stdout or stderr closed by its reader as soon as the process starts. */
function runWithClosed(stream: 'stdout' | 'stderr', args: string[]): Promise<{ code: number | null; stdout: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, XDG_CACHE_HOME: TEST_CACHE_HOME, LANG: 'C' } });
  child[stream].destroy();
  let stdout = '';
  if (stream === 'stderr') child.stdout.on('data', (d) => (stdout += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout })));
}

describe('closed standard streams', () => {
  it('a closed stderr loses notices only: the report is whole and the exit code is the results’ one', async () => {
    const out = join(fresh('stderr'), 'r.json');
    const r = await runWithClosed('stderr', ['scan', good, join(dir, 'missing.pdf'), '-f', 'json', '-o', out]);
    expect(r.code).toBe(3);
    expect(JSON.parse(readFileSync(out, 'utf8')).documents.map((d: { status: string }) => d.status)).toEqual(['error', 'ok']);
  });

  it.skipIf(!existsSync('/dev/full'))('a full disk is exit 2 with the reason, for every command that writes a report (issue 23)', () => {
    const folder = fresh('full');
    const shard = join(folder, 'r.jsonl');
    expect(tenderscan(['scan', good, '-f', 'jsonl', '-o', shard, '-q']).code).toBe(0);
    const full = openSync('/dev/full', 'w');
    const toFull = (args: string[]) => {
      const r = spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, XDG_CACHE_HOME: TEST_CACHE_HOME, LANG: 'C' }, cwd: folder, stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
      return { code: r.status, stderr: r.stderr };
    };
    const runs = {
      'scan > /dev/full': toFull(['scan', good, '-f', 'json']),
      'scan -o /dev/full': toFull(['scan', good, '-f', 'jsonl', '-o', '/dev/full']),
      'merge > /dev/full': toFull(['merge', shard, '-f', 'json']),
      'diff > /dev/full': toFull(['diff', shard, shard, '-f', 'json']),
      'review > /dev/full': toFull(['review', shard]),
    };
    closeSync(full);
    for (const [run, r] of Object.entries(runs)) expect({ run, ...r }).toEqual({ run, code: 2, stderr: expect.stringContaining('tenderscan: cannot write the report: no space left on device\n') });
  });

  it('a closed stdout stops quietly with the exit code of the failed documents, not 0', async () => {
    const r = await runWithClosed('stdout', ['scan', join(dir, 'missing.pdf'), good, '-f', 'jsonl']);
    expect(r.code).toBe(3);
  });
});
