// Eight `review --mark` at once on one review file: each judgement is kept. They read, change
// and write the file under a lock (`<file>.lock`, created with O_EXCL); before, one or two of
// the eight survived.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, TEST_CACHE_HOME, tenderscan } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tenderscan-review-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: { ...process.env, LANG: 'C', XDG_CACHE_HOME: TEST_CACHE_HOME } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('concurrent review --mark', () => {
  it('keeps the judgements of eight runs at once', async () => {
    const sentences = ['Les caméras de la ville.', 'Les drones de la police.', 'La reconnaissance faciale des passants.', 'Les données de santé des patients.',
      'Les réseaux sociaux Facebook et Twitter.', 'Les données des opérateurs de téléphonie.', 'La lecture automatique des plaques d\'immatriculation.', 'Les capteurs sonores de la ville.',
      'Le fichier TAJ de la police nationale.', 'Les signalements des usagers depuis leur smartphone.'];
    writeFileSync(join(dir, 'cctp.txt'), sentences.join('\n\n'));
    const scanned = tenderscan(['scan', 'cctp.txt', '--include-text', '-f', 'json', '-o', 'report.json', '-q'], { cwd: dir });
    expect(scanned.stderr).toBe('');
    const ids = (JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { findings: { id: string }[] }).findings.map((f) => f.id);
    expect(ids.length).toBeGreaterThanOrEqual(8);
    const runs = await Promise.all(ids.slice(0, 8).map((id) => run(['review', '--mark', 'confirmed', '--finding', id, 'report.json'])));
    for (const r of runs) expect(r).toEqual({ code: 0, stderr: '' });
    const file = readFileSync(join(dir, '.tenderscan-review.yaml'), 'utf8');
    for (const id of ids.slice(0, 8)) expect(file).toContain(`id: ${id}`);
    expect(existsSync(join(dir, '.tenderscan-review.yaml.lock'))).toBe(false);
  });

  it('takes over the lock of a run that is gone', async () => {
    // A pid that no process has: the run that left this lock was killed.
    writeFileSync(join(dir, 'gone.yaml.lock'), '2147483646\n');
    const ids = (JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { findings: { id: string }[] }).findings.map((f) => f.id);
    const r = await run(['review', '--mark', 'false-positive', '--finding', ids[0], '--review-file', 'gone.yaml', 'report.json']);
    expect(r).toEqual({ code: 0, stderr: '' });
    expect(readFileSync(join(dir, 'gone.yaml'), 'utf8')).toContain(`id: ${ids[0]}`);
    expect(existsSync(join(dir, 'gone.yaml.lock'))).toBe(false);
  });
});
