// The built-in packs checked at build time (scripts/compile-packs.mjs), used while they are
// those of the sources and of this code: a run then neither parses YAML nor loads zod.
import { readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkerFingerprint, checkPacks, type CheckedPacks, type CompiledPacks } from './check.js';
import { compileBothLanguages, recordStarts } from './compile.js';
import { packPhrases, rememberPhrases, type PackedPhrases } from './phrases.js';
import { BUILTIN_PACK_DIR, listBuiltinPacks, packDigest, readPackSources } from './read.js';
import { readBuildJson } from '../text/build-json.js';
import { knownStems } from '../text/tokens.js';

/** The built-in packs as `npm run build` checked them (scripts/compile-packs.mjs writes it). */
export const COMPILED_PACKS_FILE = fileURLToPath(new URL('../../dist/rules/builtin-packs.json', import.meta.url));
/** Their phrases tokenised and stemmed, for the workers (written beside it). */
export const COMPILED_PHRASES_FILE = fileURLToPath(new URL('../../dist/rules/builtin-phrases.json', import.meta.url));

export type BuiltinLocation = { packDir?: string; compiledFile?: string };

/** Checks the built-in packs of `packDir` as `npm run build` does, for COMPILED_PACKS_FILE. */
export function compileBuiltinPacks(packDir = BUILTIN_PACK_DIR): CompiledPacks {
  const sources = readPackSources([], { packDir });
  const checked = checkPacks(sources);
  recordStarts(checked, compileBothLanguages(checked));
  checked.phraseStems = knownStems();
  const fileOf = (name: string) => join(packDir, name.replace(/^builtin:/, ''));
  return { checker: checkerFingerprint(), sources: sources.map((s) => ({ name: s.name, digest: s.digest, stat: statKey(fileOf(s.name)) })), checked };
}

/**
 * A pack file's inode, size, modification and change times (nanoseconds): while they are all
 * the same, the file was not written since its digest was taken (any write moves the change
 * time, which no tool sets back), so its bytes need not be read and hashed again.
 */
function statKey(file: string): string | undefined {
  try {
    const s = statSync(file, { bigint: true });
    return `${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
  } catch {
    return undefined;
  }
}

/** The phrases of compiled packs, by the code that compiled them (see rememberPhrases). */
export interface CompiledPhrases {
  checker: string;
  /** The packs' hash. */
  hash: string;
  phrases: PackedPhrases;
}

/** The phrases compiled in this thread, after compileBuiltinPacks (which compiles both languages). */
export function compiledPhrases(packs: CompiledPacks): CompiledPhrases {
  return { checker: packs.checker, hash: packs.checked.hash, phrases: packPhrases() };
}

/**
 * Takes the built-in rules' phrases as the build compiled them, when they are those of these
 * packs and of this code: compiling the rules then neither tokenises nor stems them (half of
 * a worker's compile).
 */
export function rememberBuiltinPhrases(checked: CheckedPacks, file = COMPILED_PHRASES_FILE): void {
  let compiled: CompiledPhrases;
  try {
    compiled = readBuildJson(file) as CompiledPhrases;
  } catch {
    return;
  }
  if (compiled.checker === checkerFingerprint() && compiled.hash === checked.hash && compiled.phrases && typeof compiled.phrases === 'object') rememberPhrases(compiled.phrases);
}

/**
 * The compiled built-in packs, when they are those of `packDir` today: the same files with the
 * same bytes, checked by the same code. Otherwise (a pack edited or added without a rebuild,
 * the file missing) undefined, and the packs are read and checked from their YAML instead:
 * the rules in use are always those of the sources.
 */
export function compiledBuiltinPacks(where: BuiltinLocation = {}): CompiledPacks | undefined {
  let compiled: CompiledPacks;
  try {
    compiled = readBuildJson(where.compiledFile ?? COMPILED_PACKS_FILE) as CompiledPacks;
  } catch {
    return undefined;
  }
  const packDir = where.packDir ?? BUILTIN_PACK_DIR;
  const files = listBuiltinPacks(packDir);
  if (compiled.checker !== checkerFingerprint() || files.length !== compiled.sources?.length) return undefined;
  const same = files.every((file, n) => {
    const { name, digest, stat } = compiled.sources[n];
    if (name !== `builtin:${relative(packDir, file)}`) return false;
    return (stat !== undefined && stat === statKey(file)) || digest === packDigest(file, readFileSync(file));
  });
  return same ? compiled : undefined;
}
