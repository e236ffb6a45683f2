// A temporary folder for the rule packs a test file writes, made once per file.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll } from 'vitest';

export interface PackFolder {
  /** The folder (set once the file's tests start). */
  readonly dir: string;
  /** Writes `body` as `name` in the folder and returns its path. */
  pack(name: string, body: string): string;
}

export function packFolder(prefix: string): PackFolder {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  return {
    get dir() {
      return dir;
    },
    pack(name, body) {
      const path = join(dir, name);
      writeFileSync(path, body);
      return path;
    },
  };
}
