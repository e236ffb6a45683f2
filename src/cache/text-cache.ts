// On-disk cache of extracted page text, keyed by the file's SHA-256 and the extractor version,
// so that re-running with new rules costs no extraction. Entries carry a checksum: a corrupt
// entry is ignored (and rewritten), never trusted.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.trim() ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'tenderscan');
}

interface Envelope<T> {
  format: 1;
  key: string;
  checksum: string;
  payload: T;
}

function checksum(json: string): string {
  return createHash('sha256').update(json).digest('hex');
}

export class TextCache {
  constructor(readonly dir: string) {}

  private file(key: string): string {
    const name = createHash('sha256').update(key).digest('hex');
    return join(this.dir, name.slice(0, 2), `${name}.json`);
  }

  /** The payload stored under `key`, or undefined when absent, unreadable or corrupt. */
  get<T>(key: string): T | undefined {
    let text: string;
    try {
      text = readFileSync(this.file(key), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const envelope = JSON.parse(text) as Envelope<T>;
      if (envelope.format !== 1 || envelope.key !== key) return undefined;
      if (checksum(JSON.stringify(envelope.payload)) !== envelope.checksum) return undefined;
      return envelope.payload;
    } catch {
      return undefined;
    }
  }

  /** Stores atomically (temporary file + rename); a cache that cannot be written is skipped. */
  set<T>(key: string, payload: T): void {
    const target = this.file(key);
    const temporary = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      mkdirSync(join(target, '..'), { recursive: true });
      const json = JSON.stringify(payload);
      const envelope = `{"format":1,"key":${JSON.stringify(key)},"checksum":"${checksum(json)}","payload":${json}}`;
      writeFileSync(temporary, envelope);
      renameSync(temporary, target);
    } catch {
      rmSync(temporary, { force: true });
    }
  }

  clear(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
