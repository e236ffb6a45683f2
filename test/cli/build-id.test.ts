// The text cache keys extracted pages by a hash of the extraction code (scripts/build-id.mjs):
// text cached by other extraction code is never served. Last time a change to how PDF table
// rows became lines went out without a bump of the extractor's version string, and the cache
// kept giving the older lines (and older scores) until the version moved for another reason.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'tenderscan-build-id-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A copy of a small compiled tree, the build ids of it, and of it after `change`. */
type Ids = { build: string; extract: string; analysis: string };
function ids(change: (dist: string) => void): [Ids, Ids] {
  const dist = mkdtempSync(join(work, 'dist-'));
  for (const folder of ['extract', 'text', 'report', 'analyse', 'engine', 'rules', 'legal']) cpSync(join(ROOT, 'dist', folder), join(dist, folder), { recursive: true });
  const run = () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/build-id.mjs'), dist], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(readFileSync(join(dist, 'build-id.json'), 'utf8')) as Ids;
  };
  const before = run();
  change(dist);
  return [before, run()];
}

describe('the build ids', () => {
  it('give the extraction code its own hash, which a change to the PDF reader moves', () => {
    const [before, after] = ids((dist) => appendFileSync(join(dist, 'extract/pdf.js'), '\n// a changed line builder\n'));
    expect(before.extract).toMatch(/^[0-9a-f]{16}$/);
    expect(after.extract).not.toBe(before.extract);
    expect(after.build).not.toBe(before.build);
  });

  it('keep the extraction hash when only the reports change, so the text cache still serves', () => {
    const [before, after] = ids((dist) => writeFileSync(join(dist, 'report/i18n.js'), '// other strings\n'));
    expect(after.extract).toBe(before.extract);
    expect(after.build).not.toBe(before.build);
  });

  // The basis cache (src/analyse/basis.ts) keys what analysis decides whatever the rules by the
  // `analysis` hash: any code that decides it must move it, and code that does not must not.
  it('give the analysis code its own hash, moved by the analysis and by what it imports from other folders', () => {
    const [before, facts] = ids((dist) => appendFileSync(join(dist, 'analyse/facts.js'), '\n// a changed fact reader\n'));
    expect(before.analysis).toMatch(/^[0-9a-f]{16}$/);
    expect(facts.analysis).not.toBe(before.analysis);
    expect(facts.extract).toBe(before.extract);
    // rules/phrases.js is imported by analyse/document.js: followed, though not in analyse/.
    const [, imported] = ids((dist) => appendFileSync(join(dist, 'rules/phrases.js'), '\n// changed\n'));
    expect(imported.analysis).not.toBe(before.analysis);
    // A change to the line rebuilding moves it too (engine/document.js reads through extract/).
    const [, lines] = ids((dist) => appendFileSync(join(dist, 'text/lines.js'), '\n// changed\n'));
    expect(lines.analysis).not.toBe(before.analysis);
  });

  it('keep the analysis hash when only the reports change', () => {
    const [before, report] = ids((dist) => writeFileSync(join(dist, 'report/i18n.js'), '// other strings\n'));
    expect(report.analysis).toBe(before.analysis);
  });

  it('keep the analysis hash when a built-in pack changes: the basis does not depend on the rules', () => {
    const [before, pack] = ids((dist) => {
      const file = join(dist, 'rules/builtin-packs.json');
      const packs = JSON.parse(readFileSync(file, 'utf8')) as { checked: { rules: { body: { terms?: string[] } }[] } };
      const rule = packs.checked.rules.find((r) => r.body.terms?.length)!;
      rule.body.terms![0] += ' changed';
      writeFileSync(file, JSON.stringify(packs));
    });
    expect(pack.analysis).toBe(before.analysis);
    expect(pack.build).not.toBe(before.build);
  });

  it('are written by npm run build for the compiled code the tests run', () => {
    const written = JSON.parse(readFileSync(join(ROOT, 'dist/build-id.json'), 'utf8')) as Record<string, unknown>;
    expect(written.extract).toMatch(/^[0-9a-f]{16}$/);
    expect(written.analysis).toMatch(/^[0-9a-f]{16}$/);
  });
});
