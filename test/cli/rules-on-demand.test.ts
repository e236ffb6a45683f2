// Rules given on demand (their hash, and how to compile them): a document whose result is in
// the result cache is answered by the hash alone, and nothing compiles the rules. The built code
// is used, since the result cache needs the build id that `npm run build` writes.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

type Engine = typeof import('../../src/engine/document.js');
type Rules = typeof import('../../src/rules/load.js');

let engine: Engine;
let rules: ReturnType<Rules['loadRuleSet']>;
let dir: string;

beforeAll(async () => {
  engine = (await import(join(ROOT, 'dist/engine/document.js'))) as Engine;
  rules = ((await import(join(ROOT, 'dist/rules/load.js'))) as Rules).loadRuleSet();
  dir = mkdtempSync(join(tmpdir(), 'tenderscan-on-demand-'));
});

describe('rules on demand', () => {
  it('compiles nothing for a document whose result is cached, and compiles once on a miss', async () => {
    const doc = join(dir, 'cctp.txt');
    writeFileSync(doc, 'La plateforme reçoit les flux vidéo des caméras de vidéoprotection.\n');
    const cacheDir = join(dir, 'cache');
    let compiled = 0;
    const onDemand = (hash: string) => ({ hash, compile: () => (compiled++, rules) });
    const first = await engine.analyseFile(doc, onDemand(rules.hash), { cacheDir });
    expect(compiled).toBe(1);
    expect(first.findings.map((f) => f.category)).toContain('video-surveillance');
    const again = await engine.analyseFile(doc, onDemand(rules.hash), { cacheDir });
    expect(compiled).toBe(1);
    expect(again.findings).toEqual(first.findings);
    // Another hash is another rule set: its result is not the stored one.
    await engine.analyseFile(doc, onDemand('0123456789abcdef'), { cacheDir });
    expect(compiled).toBe(2);
  });
});
