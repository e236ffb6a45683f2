// test/unit/ is for in-process tests: none of its files may run the built CLI in a child
// process (those belong in test/cli/, a project of their own). Checked here, so that a spawn
// added to a unit file is moved rather than slowing the quick suite down unnoticed.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const TEST = fileURLToPath(new URL('../', import.meta.url));
const files = (dir: string) => readdirSync(join(TEST, dir)).filter((f) => f.endsWith('.test.ts'));

/** What starts the CLI, as imported (lines that start with `import`): the helper's tenderscan() or BIN, or node:child_process. */
function spawnsOf(text: string): string[] {
  const found: string[] = [];
  const helper = text.match(/^import\s*\{([^}]*)\}\s*from\s*'\.\.\/helpers\/cli\.js'/m);
  for (const name of helper?.[1].split(',').map((n) => n.trim()) ?? []) if (name === 'tenderscan' || name === 'BIN') found.push(`${name} from helpers/cli`);
  if (/^import[^;]*from\s*'node:child_process'/m.test(text)) found.push('node:child_process');
  return found;
}

describe('the layout of the tests', () => {
  it('test/unit/ files run nothing in a child process', () => {
    const offenders = files('unit').flatMap((f) => spawnsOf(readFileSync(join(TEST, 'unit', f), 'utf8')).map((s) => `${f}: ${s}`));
    expect(offenders).toEqual([]);
  });

  it('the check sees a spawn where there is one', () => {
    expect(spawnsOf("import { ROOT, tenderscan } from '../helpers/cli.js';")).toEqual(['tenderscan from helpers/cli']);
    expect(spawnsOf("import { spawnSync } from 'node:child_process';")).toEqual(['node:child_process']);
    expect(spawnsOf("import { ROOT } from '../helpers/cli.js';")).toEqual([]);
    // Every test/cli/ file does start the CLI (else it belongs in test/unit/).
    for (const f of files('cli')) expect(spawnsOf(readFileSync(join(TEST, 'cli', f), 'utf8')), f).not.toEqual([]);
  });
});
