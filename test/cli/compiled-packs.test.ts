// The built-in packs checked at build time (dist/rules/builtin-packs.json, their phrases in
// builtin-phrases.json): the same check as reading the YAML sources, combined with user packs
// as before, never used once a pack changed, and a default run that loads neither yaml nor zod.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BUILTIN_PACK_DIR,
  checkRulePacks,
  compileBuiltinPacks,
  compiledBuiltinPacks,
  COMPILED_PACKS_FILE,
  COMPILED_PHRASES_FILE,
  compileRules,
  loadCheckedPacks,
  readPackSources,
  rememberBuiltinPhrases,
  type CheckedPacks,
  type CompiledPacks,
  type CompiledPhrases,
} from '../../src/rules/load.js';
import { compilePhrase, packPhrases, packTokens, unpackTokens, type PhraseToken } from '../../src/rules/phrases.js';
import { ROOT, tenderscan } from '../helpers/cli.js';
import { makePdf } from '../helpers/pdf.js';

let dir: string;
// Checking every built-in pack from YAML takes a second on a loaded machine: once per file.
let freshCheck: CheckedPacks | undefined;
const fresh = () => (freshCheck ??= checkRulePacks(readPackSources()));
/** A check as reading the YAML gives it: no stems, no start keys (both recorded by the build). */
const withoutStems = ({ phraseStems: _, ...rest }: CheckedPacks) => ({ ...rest, rules: rest.rules.map(({ start: _s, ...rule }) => rule) });
/** The built-in packs of `packDir` compiled into a file of the test's own folder. */
const compileTo = (name: string, packDir = BUILTIN_PACK_DIR) => {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(packDir === BUILTIN_PACK_DIR ? builtinCompiled() : compileBuiltinPacks(packDir)));
  return file;
};
let compiledHere: CompiledPacks | undefined;
const builtinCompiled = () => (compiledHere ??= compileBuiltinPacks());
const USER_PACK = [
  'language: fr',
  'categories:',
  '  - { id: smart-lighting, fr: Éclairage intelligent, en: Smart lighting }',
  'rules:',
  '  - id: my.lighting',
  '    kind: terms',
  '    category: smart-lighting',
  '    terms: [lampadaire connecté]',
].join('\n');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tenderscan-compiled-packs-'));
});

describe('the compiled built-in packs', () => {
  it('that npm run build wrote are the check of the YAML sources, pack hash included', () => {
    const compiled = JSON.parse(readFileSync(COMPILED_PACKS_FILE, 'utf8')) as CompiledPacks;
    const check = fresh();
    expect(withoutStems(compiled.checked)).toEqual(check);
    expect(compiled.checked.hash).toBe(check.hash);
    expect(compiled.sources.map((s) => s.name)).toEqual(check.files);
    // The stems of the rules' words come with them: workers compile without stemming.
    expect(compiled.checked.phraseStems?.fr.length).toBeGreaterThan(100);
  });

  it('record where each rule can start as compiling it says, for the rules compiled on first use', () => {
    const compiled = JSON.parse(readFileSync(COMPILED_PACKS_FILE, 'utf8')) as CompiledPacks;
    const eager = compileRules(fresh());
    for (const language of ['fr', 'en'] as const) {
      const recorded = compiled.checked.rules.filter((r) => r.language === language);
      const rules = eager.byLanguage[language];
      expect(recorded.map((r) => r.id)).toEqual(rules.map((r) => r.id));
      expect(recorded.map((r) => r.start)).toEqual(rules.map((r) => ({ keys: r.startKeys, ...(r.alsoKeys ? { also: r.alsoKeys } : {}), category: r.category, ...(r.span ? { span: r.span } : {}) })));
    }
    expect(compiled.checked.rules.some((r) => r.start?.span === 2)).toBe(true);
    expect(compiled.checked.rules.some((r) => r.start?.also?.length)).toBe(true);
    // A lazy set gives each rule the same index entries as the eager one.
    const lazy = compileRules(compiled.checked, { lazy: true });
    for (const language of ['fr', 'en'] as const) {
      expect(lazy.byLanguage[language].map((r) => [r.id, r.kind, r.category, r.startKeys, r.alsoKeys, r.span])).toEqual(eager.byLanguage[language].map((r) => [r.id, r.kind, r.category, r.startKeys, r.alsoKeys, r.span]));
    }
  });

  it('carry their phrases as compiling the rules here makes them, used only for the same packs and code', () => {
    const compiled = JSON.parse(readFileSync(COMPILED_PHRASES_FILE, 'utf8')) as CompiledPhrases;
    const check = fresh();
    expect(compiled.hash).toBe(check.hash);
    const set = compileRules(check);
    void set.index.fr;
    void set.index.en;
    const here = packPhrases();
    const groups = Object.entries(compiled.phrases);
    expect(groups.map(([g]) => g).sort()).toEqual(['en stem', 'en word', 'fr stem', 'fr word']);
    expect(groups.reduce((n, [, phrases]) => n + Object.keys(phrases).length, 0)).toBeGreaterThan(1000);
    for (const [group, phrases] of groups) for (const [source, tokens] of Object.entries(phrases)) expect(here[group]?.[source], `${group}: ${source}`).toBe(tokens);

    const file = join(dir, 'phrases.json');
    const bogus: PhraseToken[] = [{ kind: 'word', value: 'bogus' }];
    writeFileSync(file, JSON.stringify({ checker: builtinCompiled().checker, hash: check.hash, phrases: { 'fr stem': { 'zzz essai': packTokens(bogus), constructor: 'not tokens' } } }));
    rememberBuiltinPhrases({ ...check, hash: '0000000000000000' }, file);
    expect(compilePhrase('zzz essai', 'stem', 'fr').tokens).not.toEqual(bogus);
    rememberBuiltinPhrases(check, file);
    expect(compilePhrase('zzz essai', 'stem', 'fr').tokens).toEqual(bogus);
    // A phrase the table holds badly, or that names a property of every object, is compiled here.
    expect(compilePhrase('constructor', 'stem', 'fr').tokens).toEqual([{ kind: 'stem', value: 'constructor' }]);
    expect(compilePhrase('toString', 'stem', 'fr').tokens).toEqual([{ kind: 'stem', value: 'tostring' }]);
  });

  it('pack phrase tokens into one string and back, refusing what would not come back', () => {
    const tokens: PhraseToken[] = [{ kind: 'stem', value: 'camer' }, { kind: 'any' }, { kind: 'word', value: 'pieton' }, { kind: 'prefix', value: 'transm' }];
    expect(packTokens(tokens)).toBe('scamer * wpieton ptransm');
    expect(unpackTokens(packTokens(tokens)!)).toEqual(tokens);
    expect(packTokens([{ kind: 'word', value: 'a b' }])).toBeUndefined();
    expect(packTokens([{ kind: 'acronym', value: 'LAPI' }])).toBeUndefined();
    expect(unpackTokens('xfoo')).toBeUndefined();
    expect(unpackTokens('s')).toBeUndefined();
  });

  it('are what a run uses when they are up to date', () => {
    const file = compileTo('up-to-date.json');
    expect(compiledBuiltinPacks({ compiledFile: file })).toBeDefined();
    expect(withoutStems(loadCheckedPacks([], { compiledFile: file }))).toEqual(fresh());
  });

  it('combine with user packs as the sources do: overrides, switched-off rules, new categories, order and hash', () => {
    const file = compileTo('with-user-packs.json');
    const some = fresh().rules.filter((r) => r.language === 'fr' && r.kind === 'terms').slice(0, 2);
    const override = join(dir, 'override.yaml');
    writeFileSync(
      override,
      [`language: fr`, `category: ${some[0].category}`, 'rules:', `  - id: ${some[0].id}`, '    kind: terms', '    terms: [caméra piéton]', `  - id: ${some[1].id}`, '    kind: terms', '    terms: [x]', '    enabled: false'].join('\n'),
    );
    const lighting = join(dir, 'lighting.yaml');
    writeFileSync(lighting, USER_PACK);
    const combined = loadCheckedPacks([lighting, override], { compiledFile: file });
    const expected = checkRulePacks(readPackSources([lighting, override]));
    expect(withoutStems(combined)).toEqual(expected);
    expect(combined.rules.at(-1)!.id).toBe(some[0].id);
    expect(combined.rules.some((r) => r.id === some[1].id)).toBe(false);
    expect(combined.hash).not.toBe(fresh().hash);
    // A user pack's errors are the ones the sources give.
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'language: fr\ncategory: drones\nrules:\n  - id: my.x\n    kind: terms\n    terms: [drone]\n    colour: red\n');
    expect(() => loadCheckedPacks([broken], { compiledFile: file })).toThrow(/broken\.yaml: rule my\.x: field colour: unknown field/);
  });

  it('are not used once a pack is edited, added or removed without a rebuild: the YAML sources are read', () => {
    const packDir = join(dir, 'packs');
    cpSync(BUILTIN_PACK_DIR, packDir, { recursive: true });
    const file = compileTo('stale.json', packDir);
    const drones = join(packDir, 'fr', 'drones.yaml');
    const original = readFileSync(drones, 'utf8');
    const check = (where: { packDir: string; compiledFile: string }) => withoutStems(loadCheckedPacks([], where));

    writeFileSync(drones, original.replace(/^rules:\n/m, 'rules:\n  - id: fr.drones.edited\n    kind: terms\n    terms: [multicoptère]\n'));
    expect(compiledBuiltinPacks({ packDir, compiledFile: file })).toBeUndefined();
    const edited = check({ packDir, compiledFile: file });
    expect(edited.rules.map((r) => r.id)).toContain('fr.drones.edited');
    expect(edited).toEqual(checkRulePacks(readPackSources([], { packDir })));

    writeFileSync(drones, original);
    expect(compiledBuiltinPacks({ packDir, compiledFile: file })).toBeDefined();
    // Same bytes count, same inode, the modification time set back to the nanosecond (touch -r):
    // the change time still tells, and the bytes are read.
    const restamped = compileTo('restamped.json', packDir);
    const stamp = join(dir, 'stamp');
    writeFileSync(stamp, '');
    expect(spawnSync('touch', ['-r', drones, stamp]).status).toBe(0);
    const before = statSync(drones, { bigint: true });
    writeFileSync(drones, original.replace('drones', 'dronez'));
    expect(spawnSync('touch', ['-r', stamp, drones]).status).toBe(0);
    const after = statSync(drones, { bigint: true });
    expect([after.ino, after.size, after.mtimeNs]).toEqual([before.ino, before.size, before.mtimeNs]);
    expect(compiledBuiltinPacks({ packDir, compiledFile: restamped })).toBeUndefined();
    writeFileSync(drones, original);
    // Stats that no longer fit (a copied install) send back to the digests, which still hold.
    const moved = JSON.parse(readFileSync(file, 'utf8')) as CompiledPacks;
    for (const source of moved.sources) source.stat = '0:0:0:0';
    writeFileSync(file, JSON.stringify(moved));
    expect(compiledBuiltinPacks({ packDir, compiledFile: file })).toBeDefined();
    // A built-in pack cites its sources (a user pack may not).
    writeFileSync(join(packDir, 'fr', 'added.yaml'), USER_PACK.replace('language: fr\n', 'language: fr\nsources: [{ title: A glossary, url: https://example.org }]\n'));
    expect(compiledBuiltinPacks({ packDir, compiledFile: file })).toBeUndefined();
    expect(check({ packDir, compiledFile: file }).files).toContain('builtin:fr/added.yaml');

    rmSync(join(packDir, 'fr', 'added.yaml'));
    rmSync(join(packDir, 'en', 'drones.yaml'));
    expect(compiledBuiltinPacks({ packDir, compiledFile: file })).toBeUndefined();
    expect(check({ packDir, compiledFile: file }).files).not.toContain('builtin:en/drones.yaml');
  });

  it('are not used when the file is missing or broken, or was checked by other code', () => {
    expect(compiledBuiltinPacks({ compiledFile: join(dir, 'missing.json') })).toBeUndefined();
    writeFileSync(join(dir, 'broken.json'), '{"checker":');
    expect(compiledBuiltinPacks({ compiledFile: join(dir, 'broken.json') })).toBeUndefined();
    const other = { ...builtinCompiled(), checker: '0000000000000000' };
    writeFileSync(join(dir, 'other-checker.json'), JSON.stringify(other));
    expect(compiledBuiltinPacks({ compiledFile: join(dir, 'other-checker.json') })).toBeUndefined();
    expect(withoutStems(loadCheckedPacks([], { compiledFile: join(dir, 'missing.json') }))).toEqual(fresh());
  });
});

describe('a run with the built-in packs only', () => {
  it('loads neither yaml nor zod, in the loader or in the CLI; a user pack does', async () => {
    // The loader, as built: what it has required, without and then with a user pack.
    const pack = join(dir, 'user.yaml');
    writeFileSync(pack, USER_PACK);
    const script = `
      import { createRequire } from 'node:module';
      const { loadCheckedPacks } = await import(${JSON.stringify(join(ROOT, 'dist/rules/load.js'))});
      const loaded = () => Object.keys(createRequire(import.meta.url).cache).filter((f) => /node_modules\\/(yaml|zod)\\//.test(f)).length;
      const builtin = loadCheckedPacks();
      const before = loaded();
      const user = loadCheckedPacks([${JSON.stringify(pack)}]);
      console.log(JSON.stringify({ before, after: loaded(), hashes: [builtin.hash, user.hash] }));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: dir });
    const out = JSON.parse(r.stdout);
    expect(out.before).toBe(0);
    expect(out.after).toBeGreaterThan(0);
    expect(out.hashes[0]).toBe(fresh().hash);
    expect(out.hashes[1]).toBe(checkRulePacks(readPackSources([pack])).hash);

    // The CLI: Node's module debug log of the main thread names every CommonJS module it loads
    // outside the bundle (yaml and zod are such, loaded for a user pack; commander, chalk,
    // pdf.js and natural's stemmers are in the bundle).
    const pdf = join(dir, 'one.pdf');
    writeFileSync(pdf, await makePdf([{ lines: ['Le marché prévoit des caméras de vidéoprotection.'] }]));
    const withPack = tenderscan(['scan', pdf, '-f', 'json', '--no-cache', '-r', pack], { cwd: dir, env: { NODE_DEBUG: 'module' } });
    expect(withPack.code).toBe(0);
    expect(withPack.stderr).toMatch(/node_modules\/yaml\//);
    expect(withPack.stderr).toMatch(/node_modules\/zod\//);
    const scan = tenderscan(['scan', pdf, '-f', 'json', '--no-cache'], { cwd: dir, env: { NODE_DEBUG: 'module' } });
    expect(scan.code).toBe(0);
    expect(JSON.parse(scan.stdout).rulePacks.hash).toBe(fresh().hash);
    expect(scan.stderr).not.toMatch(/node_modules\/(yaml|zod)\//);
  });
});
