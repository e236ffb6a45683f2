// CLI conventions: the committed man page and completions match the options, colour choice,
// option errors with a suggestion, --help, --version --verbose, --files, --exclude, -0.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';
import { manPage } from '../../src/cli/docs.js';
import { completionScript } from '../../src/commands/completions.js';
import { parseColor, rewriteCommanderError } from '../../src/cli/help.js';
import { colorWanted } from '../../src/commands/common/format.js';
import { TOOL_VERSION } from '../../src/report/model/build.js';
import { excludeMatcher } from '../../src/sources/exclude.js';
import { expandInputs } from '../../src/sources/expand.js';
import { INPUT_NAMES } from '../../src/extract/input-types.js';
import { editDistance, nearest } from '../../src/text/suggest.js';
import { ROOT, tenderscan } from '../helpers/cli.js';

describe('man page and completions', () => {
  const { program } = buildProgram();
  const committed = (path: string) => readFileSync(join(ROOT, path), 'utf8');

  it('are current: the committed files are what npm run docs:gen writes from the option definitions', () => {
    expect(committed('man/tenderscan.1')).toBe(manPage(program, TOOL_VERSION));
    expect(committed('completions/tenderscan.bash')).toBe(completionScript(program, 'bash'));
    expect(committed('completions/_tenderscan')).toBe(completionScript(program, 'zsh'));
    expect(committed('completions/tenderscan.fish')).toBe(completionScript(program, 'fish'));
  });

  it('name every option of every command, with its choices', () => {
    const man = manPage(program, TOOL_VERSION);
    const bash = completionScript(program, 'bash');
    const fish = completionScript(program, 'fish');
    for (const command of program.commands) {
      for (const option of [...command.options, ...command.commands.flatMap((c) => c.options)]) {
        expect(man).toContain(option.long!.replace(/-/g, '\\-'));
        expect(bash).toContain(option.long!);
        expect(fish).toContain(`-l ${option.long!.slice(2)}`);
      }
    }
    expect(bash).toMatch(/--format\|-f\)|-f\|--format\)/);
    expect(bash).toContain('terminal json jsonl markdown html csv');
    expect(fish).toContain("-a 'bash zsh fish'");
    expect(man).toMatch(/\.SH EXIT STATUS[\s\S]*\.B 130[\s\S]*\.B 143[\s\S]*\.B 129/);
  });
});

describe('colour', () => {
  it('--color always/never decide; auto follows NO_COLOR, then FORCE_COLOR, then the terminal', () => {
    expect(colorWanted('always', { NO_COLOR: '1' }, false)).toBe(true);
    expect(colorWanted('never', { FORCE_COLOR: '1' }, true)).toBe(false);
    expect(colorWanted(false, {}, true)).toBe(false); // --no-color
    expect(colorWanted('auto', {}, true)).toBe(true);
    expect(colorWanted('auto', {}, false)).toBe(false);
    expect(colorWanted('auto', { NO_COLOR: '1' }, true)).toBe(false);
    expect(colorWanted('auto', { NO_COLOR: '' }, true)).toBe(true);
    expect(colorWanted('auto', { FORCE_COLOR: '1' }, false)).toBe(true);
    expect(colorWanted('auto', { FORCE_COLOR: '' }, false)).toBe(true);
    expect(colorWanted('auto', { FORCE_COLOR: '0' }, true)).toBe(false);
    expect(colorWanted('auto', { NO_COLOR: '1', FORCE_COLOR: '1' }, false)).toBe(false);
    expect(parseColor('always')).toBe('always');
    expect(() => parseColor('alwys')).toThrow('--color: expected auto, always or never, got "alwys" (did you mean always?)');
  });

  it('FORCE_COLOR colours a terminal report written to a pipe', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tenderscan-colour-'));
    writeFileSync(join(dir, 'cctp.txt'), 'Des drones survolent les quartiers.\n');
    const run = tenderscan(['scan', 'cctp.txt'], { cwd: dir, env: { FORCE_COLOR: '1' } });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\u001b\[\d+m/);
    expect(tenderscan(['scan', 'cctp.txt', '--no-color'], { cwd: dir, env: { FORCE_COLOR: '1' } }).stdout).not.toMatch(/\u001b\[/);
  });

  it('diff follows the same colour rules: none on a pipe, unless asked', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tenderscan-colour-'));
    writeFileSync(join(dir, 'v1.txt'), 'Des drones survolent les quartiers.\n');
    writeFileSync(join(dir, 'v2.txt'), 'Des drones survolent les quartiers. Des caméras filment la place.\n');
    const plain = tenderscan(['diff', 'v1.txt', 'v2.txt'], { cwd: dir });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/Findings: 1 added/);
    expect(plain.stdout).not.toMatch(/\u001b\[/);
    expect(tenderscan(['diff', 'v1.txt', 'v2.txt', '--color', 'always'], { cwd: dir }).stdout).toMatch(/\u001b\[\d+m/);
  });
});

describe('option errors', () => {
  it('suggest the nearest name within two edits (transpositions count one)', () => {
    expect(editDistance('drnoes', 'drones')).toBe(1);
    expect(nearest('drone', ['drones', 'health'])).toBe('drones');
    expect(nearest('biometric', ['biometrics'])).toBe('biometrics');
    expect(nearest('camera', ['drones', 'health'])).toBeUndefined();
  });

  it("rewrite commander's errors with one prefix, the suggestion and where to read more", () => {
    expect(rewriteCommanderError("error: unknown option '--jbos'\n(Did you mean --jobs?)\n", 'tenderscan scan')).toBe(
      "tenderscan: unknown option '--jbos' (did you mean --jobs?); see 'tenderscan scan --help'\n",
    );
    expect(rewriteCommanderError("error: option '-f, --format <name>' argument 'jsn' is invalid. Allowed choices are terminal, json, csv.\n", 'tenderscan merge')).toBe(
      `tenderscan: --format: expected one of terminal, json, csv, got "jsn" (did you mean json?); see 'tenderscan merge --help'\n`,
    );
    expect(rewriteCommanderError("error: option '-j, --jobs <n>' argument missing\n", 'tenderscan scan')).toBe("tenderscan: --jobs: expected a value; see 'tenderscan scan --help'\n");
  });

  it('name the option and suggest a category id, in a run', () => {
    const run = tenderscan(['scan', 'x.pdf', '--fail-on', 'drnoes']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^tenderscan: --fail-on: unknown category "drnoes" \(did you mean drones\?\); expected one of .*; see 'tenderscan scan --help'\n$/);
  });

  it('diff --fail-on-new and scan --only give the same category error as --fail-on, with the suggestion', () => {
    const diff = tenderscan(['diff', 'a.json', 'b.json', '--fail-on-new', 'drones, drnoes']);
    expect(diff.code).toBe(2);
    expect(diff.stderr).toMatch(/^tenderscan: --fail-on-new: unknown category "drnoes" \(did you mean drones\?\); expected one of .*; see 'tenderscan diff --help'\n$/);
    const only = tenderscan(['scan', 'x.pdf', '--only', 'geolocation,,helth']);
    expect(only.stderr).toMatch(/^tenderscan: --only: unknown category "helth" \(did you mean health\?\)/);
  });
});

describe('--help and --version --verbose', () => {
  it('scan --help gives examples, the category ids, the environment and every exit code', () => {
    const run = tenderscan(['scan', '--help']);
    expect(run.code).toBe(0);
    for (const text of ['Examples:', 'find archives/', 'video-surveillance', 'geolocation', 'NO_COLOR', 'FORCE_COLOR', 'XDG_CACHE_HOME', 'LC_ALL, LANG', '--exclude <glob>', '--config <file>']) {
      expect(run.stdout).toContain(text);
    }
    for (const code of ['0', '1', '2', '3', '130', '143', '129']) expect(run.stdout).toMatch(new RegExp(`^  ${code} +\\S`, 'm'));
  });

  it('--version --verbose names pdf.js, Node.js and the rule-pack hash', () => {
    const run = tenderscan(['--version', '--verbose'], { cwd: tmpdir() });
    expect(run.stdout).toMatch(/^tenderscan \d+\.\d+\.\d+\npdf\.js 5\.6\.205\nNode\.js v\d+.*\nrule packs [0-9a-f]{16} \(built-in\)\nconfig none\n$/);
  });
});

describe('--files, --exclude, -0', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tenderscan-files-'));
    mkdirSync(join(dir, 'dossier', 'drafts'), { recursive: true });
    for (const f of ['cctp.txt', 'rc.txt', 'drafts/old.txt', 'notes.tmp.txt']) writeFileSync(join(dir, 'dossier', f), 'Caméras.\n');
    writeFileSync(join(dir, 'dossier', 'a\nb.txt'), 'Caméras.\n');
  });

  it('--exclude matches file names without a slash, paths and their folders with one', () => {
    const leaveOut = excludeMatcher(['*.tmp.*', 'dossier/drafts', 'x.zip!/annexes/*.pdf'])!;
    expect(leaveOut('dossier/notes.tmp.txt')).toBe(true);
    expect(leaveOut('dossier/drafts/old.txt')).toBe(true);
    expect(leaveOut('./dossier/drafts/a/b.pdf')).toBe(true);
    expect(leaveOut('x.zip!/annexes/plan.pdf')).toBe(true);
    expect(leaveOut('x.zip!/cctp.pdf')).toBe(false);
    expect(leaveOut('dossier/cctp.txt')).toBe(false);
    expect(excludeMatcher([])).toBeUndefined();
  });

  it('-0 splits stdin on NUL bytes only: names keep their spaces and newlines', () => {
    const stdin = Buffer.from(`${join(dir, 'dossier', 'a\nb.txt')}\0 ${join(dir, 'dossier', 'rc.txt')}\0\0`);
    const nul = expandInputs(['-'], () => stdin, { types: INPUT_NAMES, nul: true });
    expect(nul.inputs.map((i) => i.path)).toEqual([join(dir, 'dossier', 'a\nb.txt')]);
    expect(nul.problems.map((p) => p.path)).toEqual([` ${join(dir, 'dossier', 'rc.txt')}`]); // a leading space is part of the name
    const lines = expandInputs(['-'], () => stdin.toString().replace(/\0/g, '\n'), { types: INPUT_NAMES });
    expect(lines.inputs.map((i) => i.path)).toEqual([join(dir, 'dossier', 'rc.txt')]);
  });

  it('scan --files lists what would be scanned (after --exclude), and -0 reads and writes NUL-separated names', () => {
    const listed = tenderscan(['scan', 'dossier', '--include-text', '--files', '--exclude', 'drafts', '--exclude', '*.tmp.*'], { cwd: dir });
    expect(listed.stdout).toBe('dossier/a\\nb.txt\ndossier/cctp.txt\ndossier/rc.txt\n');
    expect(listed.code).toBe(0);
    const nul = tenderscan(['scan', '-0', '-', '--files'], { cwd: dir, input: 'dossier/a\nb.txt\0dossier/rc.txt\0missing.txt\0' });
    expect(nul.stdout).toBe('dossier/a\nb.txt\0dossier/rc.txt\0');
    expect(nul.stderr).toBe('missing.txt: NOT_FOUND: no such file or folder\n');
    expect(nul.code).toBe(3);
  });
});
