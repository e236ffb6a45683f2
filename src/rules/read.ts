// Reading rule packs: the built-in ones listed from their folder, the user's named; each file
// parsed (YAML or JSON) into plain data, with the digest its hash is made of.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readSideFile, SideFileError, SIDE_FILE_LIMITS } from '../sources/text-file.js';
import { createRequire } from 'node:module';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { YAMLParseError } from 'yaml';
import { UsageError } from '../errors.js';
import { loadYaml } from './lazy.js';

const require = createRequire(import.meta.url);

/** Where the built-in packs live (the same folder from src/ and from dist/). */
export const BUILTIN_PACK_DIR = fileURLToPath(new URL('../../src/rules/packs/', import.meta.url));

/** A pack problem, located: file, rule id, field and what was expected. */
export class RulePackError extends UsageError {
  constructor(file: string, where: { rule?: string; field?: string }, expected: string) {
    const parts = [file];
    if (where.rule) parts.push(`rule ${where.rule}`);
    if (where.field) parts.push(`field ${where.field}`);
    super(`${parts.join(': ')}: ${expected}`);
    this.name = 'RulePackError';
  }
}

/** A pack file read and parsed (plain data: worker threads receive these, not the files). */
export interface PackSource {
  name: string;
  builtin: boolean;
  /** sha256 of the file name and bytes, for the rule-set hash. */
  digest: string;
  doc: unknown;
}

/** Parsed and checked packs can be kept in the cache folder: YAML and zod were most of a scan's start-up. */
export interface PackCache {
  get<T>(key: string): T | undefined;
  set<T>(key: string, value: T): void;
}
let yamlVersion: string | undefined;
const YAML_VERSION = () => (yamlVersion ??= (require('yaml/package.json') as { version: string }).version);

export const packDigest = (file: string, bytes: Buffer) => createHash('sha256').update(basename(file)).update('\0').update(bytes).digest('hex');

function readPackSource(file: string, name: string, builtin: boolean, cache?: PackCache): PackSource {
  let bytes: Buffer;
  try {
    // Built-in packs are ours; a user's is checked to be a regular file of bounded size.
    bytes = builtin ? readFileSync(file) : readSideFile(file, SIDE_FILE_LIMITS.pack)!;
  } catch (err) {
    throw new RulePackError(name, {}, err instanceof SideFileError ? err.message : `cannot read the file (${(err as NodeJS.ErrnoException).code ?? err})`);
  }
  const json = file.endsWith('.json');
  const digest = packDigest(file, bytes);
  const cacheKey = () => `pack|${digest}|yaml-${YAML_VERSION()}`;
  let doc: unknown = json ? undefined : cache?.get<{ doc: unknown }>(cacheKey())?.doc;
  if (doc === undefined) {
    try {
      doc = json ? JSON.parse(bytes.toString('utf8')) : loadYaml().parse(bytes.toString('utf8'));
    } catch (err) {
      const where = (err as Error).name === 'YAMLParseError' && (err as YAMLParseError).linePos ? ` at line ${(err as YAMLParseError).linePos![0].line}` : '';
      throw new RulePackError(name, {}, `not valid ${json ? 'JSON' : 'YAML'}${where}: ${(err as Error).message.split('\n')[0]}`);
    }
    if (!json) cache?.set(cacheKey(), { doc });
  }
  return { name, builtin, digest, doc };
}

/** Reads and parses the built-in packs (from `packDir`) and the user's packs (in order). */
export function readPackSources(userFiles: string[] = [], options: { builtin?: boolean; cache?: PackCache; packDir?: string } = {}): PackSource[] {
  const packDir = options.packDir ?? BUILTIN_PACK_DIR;
  return [
    ...(options.builtin === false ? [] : listBuiltinPacks(packDir).map((f) => readPackSource(f, `builtin:${relative(packDir, f)}`, true, options.cache))),
    ...userFiles.map((f) => readPackSource(f, f, false, options.cache)),
  ];
}

export function listBuiltinPacks(packDir: string): string[] {
  const files: string[] = [];
  for (const lang of readdirSync(packDir).sort()) {
    for (const name of readdirSync(join(packDir, lang)).sort()) {
      if (/\.(ya?ml|json)$/.test(name)) files.push(join(packDir, lang, name));
    }
  }
  return files;
}
