// What `npm install -g .` and `npm link` install from a clone: the `bin` and `man` fields of
// package.json point at files that exist, and the command works through a link on the PATH
// from any folder, as npm puts it there (a symbolic link to bin/tenderscan).
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, TEST_CACHE_HOME } from '../helpers/cli.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

describe('installing from a clone', () => {
  it('declares an executable bin and the man page, both shipped', () => {
    expect(pkg.bin).toEqual({ tenderscan: 'bin/tenderscan' });
    accessSync(join(ROOT, pkg.bin.tenderscan), constants.X_OK);
    expect(readFileSync(join(ROOT, pkg.bin.tenderscan), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    const man = [pkg.man].flat() as string[];
    expect(man).toEqual(['./man/tenderscan.1']);
    expect(readFileSync(join(ROOT, man[0]), 'utf8')).toMatch(/^\.TH TENDERSCAN 1/m);
    expect(pkg.files).toEqual(expect.arrayContaining(['bin', 'dist', 'man']));
  });

  it('runs through a link on the PATH, from another folder', () => {
    const home = mkdtempSync(join(tmpdir(), 'tenderscan-path-'));
    const bin = join(home, 'bin');
    mkdirSync(bin);
    symlinkSync(join(ROOT, pkg.bin.tenderscan), join(bin, 'tenderscan'));
    writeFileSync(join(home, 'cctp.txt'), 'La plateforme reçoit les flux des caméras de vidéoprotection.\n');
    const r = spawnSync('tenderscan', ['scan', 'cctp.txt', '-q', '-f', 'json'], {
      cwd: home,
      env: { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH}`, XDG_CACHE_HOME: TEST_CACHE_HOME },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).findings[0].category).toBe('video-surveillance');
  });
});
