// A single small file is read on the main thread (engine/in-process.ts): broken and hostile
// PDFs scanned alone must end exactly as they do in a worker (a limit given keeps the worker).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tenderscan } from '../helpers/cli.js';
import { deflateBomb, hugePageCount, loopingPageTree, selfReferencingForm, textPdf } from '../helpers/raw-pdf.js';

const good = textPdf(['Article 1 - Objet', 'La plateforme recoit les flux video des cameras de videoprotection de la ville.']);
const cut = (fraction: number) => good.subarray(0, Math.floor(good.length * fraction));
const garbage = Buffer.from(good);
garbage.fill(0x5a, Math.floor(good.length * 0.3), Math.floor(good.length * 0.6));

const CASES: Record<string, Buffer> = {
  'good.pdf': good,
  'zero-bytes.pdf': Buffer.alloc(0),
  'text-renamed.pdf': Buffer.from('Ceci est un texte, pas un PDF.\n'),
  'truncated-10.pdf': cut(0.1),
  'truncated-60.pdf': cut(0.6),
  'truncated-90.pdf': cut(0.9),
  'junk-before-header.pdf': Buffer.concat([Buffer.from('JUNK'.repeat(50)), good]),
  'garbage-in-middle.pdf': garbage,
  'looping-page-tree.pdf': loopingPageTree(),
  'billion-pages.pdf': hugePageCount(),
  'self-referencing-form.pdf': selfReferencingForm(),
  'deflate-bomb.pdf': deflateBomb(60),
};

const undated = (json: string) => json.replace(/"generatedAt": "[^"]+"/, '"generatedAt": ""');

describe('a hostile or broken PDF scanned alone', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tenderscan-alone-'));
  it.each(Object.keys(CASES))('%s: the same report, stderr and exit code on the main thread as in a worker', (name) => {
    const file = join(dir, name);
    writeFileSync(file, CASES[name]);
    const here = tenderscan(['scan', file, '-f', 'json', '--no-cache']);
    const worker = tenderscan(['scan', file, '-f', 'json', '--no-cache', '--timeout', '119']);
    expect(JSON.parse(here.stdout).documents).toHaveLength(1);
    expect({ ...here, stdout: undated(here.stdout) }).toEqual({ ...worker, stdout: undated(worker.stdout) });
  });
});
