// The project config file: found upward (not above the git root), located errors, and the
// command line winning over it.
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';
import { ConfigError, findConfig, loadConfig } from '../../src/cli/config.js';
import { tenderscan } from '../helpers/cli.js';

let root: string;

beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'tenderscan-config-')));
});

function project(name: string, config: string | undefined, git = true): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'dossier', 'annexes'), { recursive: true });
  if (git) mkdirSync(join(dir, '.git'));
  if (config !== undefined) writeFileSync(join(dir, '.tenderscan.yaml'), config);
  return dir;
}

describe('config discovery', () => {
  it('finds .tenderscan.yaml in the current folder or a folder above it', () => {
    const dir = project('upward', 'format: json\n');
    expect(findConfig(join(dir, 'dossier', 'annexes'))).toBe(join(dir, '.tenderscan.yaml'));
    expect(findConfig(dir)).toBe(join(dir, '.tenderscan.yaml'));
  });

  it('stops at the git root: a config above the repository is not used', () => {
    const outer = project('outer', 'format: json\n', false);
    const inner = join(outer, 'repo');
    mkdirSync(join(inner, '.git'), { recursive: true });
    mkdirSync(join(inner, 'sub'));
    expect(findConfig(join(inner, 'sub'))).toBeUndefined();
    // Outside a repository the search goes on up (here: to the outer folder's file).
    mkdirSync(join(outer, 'plain', 'deeper'), { recursive: true });
    expect(findConfig(join(outer, 'plain', 'deeper'))).toBe(join(outer, '.tenderscan.yaml'));
  });

  it('applies the config found above the current folder in a real run (excludes show in --files)', () => {
    const dir = project('run', 'exclude: [brouillon*]\n');
    writeFileSync(join(dir, 'dossier', 'cctp.txt'), 'Caméras de vidéoprotection.\n');
    writeFileSync(join(dir, 'dossier', 'brouillon-cctp.txt'), 'Caméras.\n');
    const run = tenderscan(['scan', '.', '--files', '--include-text'], { cwd: join(dir, 'dossier') });
    // A config from a parent folder changes results: the run names it (issue 23).
    expect(run.stderr).toBe('tenderscan: config: ../.tenderscan.yaml (--no-config ignores it)\n');
    expect(run.stdout).toBe('cctp.txt\n');
    expect(run.code).toBe(0);
  });

  it('names the config it applied in the report’s evidence, in every format; -q keeps stderr quiet (issue 23)', async () => {
    const dir = project('evidence', 'format: json\n', false);
    writeFileSync(join(dir, 'dossier', 'cctp.txt'), 'Des drones survolent la ville.\n');
    const run = tenderscan(['scan', 'cctp.txt', '-q'], { cwd: join(dir, 'dossier') });
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout);
    expect(Object.keys(report).slice(0, 5)).toEqual(['schemaVersion', 'tool', 'generatedAt', 'rulePacks', 'config']);
    expect(report.config).toBe('../.tenderscan.yaml');
    const { loadFormatter } = await import('../../src/report/formats/index.js');
    const options = { color: false, explain: false, language: 'en' as const, categoryName: (id: string) => id };
    const hostile = { ...report, config: '../\u001b[2J<b>x</b>.yaml' };
    expect((await loadFormatter('terminal'))!(hostile, options)).toContain('Config file: ../\\x1b[2J<b>x</b>.yaml');
    const markdown = (await loadFormatter('markdown'))!(hostile, options);
    expect(markdown).toMatch(/Config file: \.\.\/\S*x1b\S*2J&lt;b&gt;x&lt;\/b&gt;\.yaml/);
    expect(markdown).not.toContain('\u001b');
    expect((await loadFormatter('html'))!(hostile, options)).toContain('Config file: ../\\x1b[2J&lt;b&gt;x&lt;/b&gt;.yaml');
    expect((await loadFormatter('markdown'))!({ ...report, config: undefined }, options)).not.toContain('Config file');
  });
});

describe('config validation', () => {
  const check = (text: string) => {
    const dir = mkdtempSync(join(root, 'check-'));
    const file = join(dir, '.tenderscan.yaml');
    writeFileSync(file, text);
    try {
      loadConfig(file);
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      return (err as Error).message.replace(file, 'FILE');
    }
    return 'valid';
  };

  it('names the file, line and key of an unknown key, with the nearest known one', () => {
    expect(check('format: json\nfial-on: [drones]\n')).toBe(
      'FILE:2: key fial-on: unknown key (did you mean fail-on?); the keys are rules, ocr, lang, report-lang, fail-on, exclude, format, review-file',
    );
  });

  it('names the key and what was expected for a wrong value', () => {
    expect(check('ocr: sometimes\n')).toMatch(/^FILE:1: key ocr: .*"never"\|"auto"\|"always"/);
    expect(check('format: json\nrules:\n  - a.yaml\n  - 3\n')).toMatch(/^FILE:4: key rules\.1: /);
  });

  it('reports YAML syntax errors with their line, and a file that is not a mapping', () => {
    expect(check('format: json\nrules: [a.yaml\n')).toMatch(/^FILE:\d: not valid YAML: /);
    expect(check('- a\n- b\n')).toMatch(/^FILE: expected a mapping of keys/);
    expect(check('format: json\nformat: csv\n')).toMatch(/^FILE:\d: not valid YAML: .*[Mm]ap keys must be unique/);
    // A "billion laughs": each alias list names the one before it nine times (issue 23).
    const laughs = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 9; i++) laughs.push(`${'abcdefghi'[i]}: &${'abcdefghi'[i]} [${Array(9).fill(`*${'abcdefghi'[i - 1]}`).join(', ')}]`);
    expect(check(`${laughs.join('\n')}\nformat: json\n`)).toMatch(/^FILE:2: not valid YAML: Excessive alias count/);
  });

  it('resolves rule packs and the review file against the config file, not the current folder', () => {
    const dir = project('paths', 'rules: packs/mine.yaml\nreview-file: reviews.yaml\nfail-on: [drones, biometrics]\n');
    const config = loadConfig(join(dir, '.tenderscan.yaml'));
    expect(config.values).toEqual({ rules: [join(dir, 'packs/mine.yaml')], reviewFile: join(dir, 'reviews.yaml'), failOn: 'drones,biometrics' });
  });
});

describe('precedence: the command line wins', () => {
  /** The options scan's action receives, for these arguments. */
  async function scanOptions(args: string[]): Promise<Record<string, unknown>> {
    const { program } = buildProgram();
    let seen: Record<string, unknown> = {};
    program.commands.find((c) => c.name() === 'scan')!.action((_paths, options) => {
      seen = options;
    });
    await program.parseAsync(['node', 'tenderscan', 'scan', 'x.pdf', ...args]);
    return seen;
  }
  let file: string;
  beforeAll(() => {
    const dir = project('precedence', 'format: json\nocr: auto\nlang: fr\nreport-lang: fr\nfail-on: drones\nrules: [a.yaml]\nexclude: ["*.tmp"]\n');
    file = join(dir, '.tenderscan.yaml');
  });

  it('takes the config for options left at their default', async () => {
    const o = await scanOptions(['--config', file]);
    expect(o).toMatchObject({ format: 'json', ocr: 'auto', lang: 'fr', reportLang: 'fr', failOn: 'drones', exclude: ['*.tmp'], configFile: file });
    expect(o.rules).toEqual([join(file, '..', 'a.yaml')]);
  });

  it('keeps the options given on the command line; packs and excludes add up, the config first', async () => {
    const o = await scanOptions(['--config', file, '-f', 'csv', '--ocr', 'never', '--report-lang', 'en', '--fail-on', 'biometrics', '-r', 'b.yaml', '--exclude', 'old/**']);
    expect(o).toMatchObject({ format: 'csv', ocr: 'never', reportLang: 'en', failOn: 'biometrics', lang: 'fr' });
    expect(o.rules).toEqual([join(file, '..', 'a.yaml'), 'b.yaml']);
    expect(o.exclude).toEqual(['*.tmp', 'old/**']);
  });

  it('--no-config ignores it', async () => {
    const o = await scanOptions(['--config', file, '--no-config']);
    expect(o).toMatchObject({ format: 'terminal', ocr: 'never', rules: [], exclude: [] });
    expect(o.configFile).toBeUndefined();
  });

  it('never writes a report over the config file', () => {
    const dir = project('protected', 'format: json\n');
    writeFileSync(join(dir, 'cctp.txt'), 'Caméras de vidéoprotection.\n');
    const run = tenderscan(['scan', 'cctp.txt', '-f', 'json', '-o', '.tenderscan.yaml'], { cwd: dir });
    expect(run.stderr).toMatch(/^tenderscan: config: \.tenderscan\.yaml .*\ntenderscan: --output \.tenderscan\.yaml .*refusing to overwrite it\n$/);
    expect(run.code).toBe(2);
    expect(readFileSync(join(dir, '.tenderscan.yaml'), 'utf8')).toBe('format: json\n');
  });
});
