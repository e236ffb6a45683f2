// Runs the built CLI as a user would: a separate process, stdout/stderr captured.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Tests never touch the user's text cache: every run of this process gets its own. */
export const TEST_CACHE_HOME = mkdtempSync(join(tmpdir(), 'tenderscan-test-cache-'));

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/tenderscan', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function tenderscan(args: string[], options: { cwd?: string; env?: Record<string, string>; input?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    // English reports unless a test asks otherwise, whatever the machine's locale.
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '0', LC_ALL: '', LC_MESSAGES: '', LANG: 'C', XDG_CACHE_HOME: TEST_CACHE_HOME, ...options.env },
    input: options.input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    // A run that hangs (a worker holding the process open) fails here instead of blocking the suite.
    timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
