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

// An entry is one line of JSON whose payload comes last, so that the payload's exact bytes can
// be checksummed without parsing and re-serialising them:
//   {"format":1,"key":"…","checksum":"<sha256 of the payload JSON>","payload":<payload JSON>}
const PAYLOAD_MARK = ',"payload":';

// pdf.js's legacy build replaces JSON.stringify with a much slower polyfill when it loads in a
// worker; the cache keeps the engine's own (this module is loaded before pdf.js).
const stringify = JSON.stringify;

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
    const head = `{"format":1,"key":${stringify(key)},"checksum":"`;
    const mark = head.length + 64;
    if (!text.startsWith(head) || !text.startsWith(PAYLOAD_MARK, mark + 1) || !text.endsWith('}')) return undefined;
    const payload = text.slice(mark + 1 + PAYLOAD_MARK.length, -1);
    if (checksum(payload) !== text.slice(head.length, mark)) return undefined;
    try {
      return JSON.parse(payload) as T;
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
      const json = stringify(payload);
      writeFileSync(temporary, `{"format":1,"key":${stringify(key)},"checksum":"${checksum(json)}"${PAYLOAD_MARK}${json}}`);
      renameSync(temporary, target);
    } catch {
      rmSync(temporary, { force: true });
    }
  }

  clear(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
