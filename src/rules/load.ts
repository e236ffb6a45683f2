// Rule packs: YAML (or JSON) files read (read.ts), checked (check.ts) and compiled
// (compile.ts); the built-in ones checked at build time (builtin.ts). This module puts them
// together for a run, and is where the rest of the code imports rules from.
import { createHash } from 'node:crypto';
import { compiledBuiltinPacks, type BuiltinLocation } from './builtin.js';
import { checkerFingerprint, checkPacks, type CheckedPacks, type CompiledPacks } from './check.js';
import { compileBothLanguages, type RuleSet } from './compile.js';
import { readPackSources, type PackCache, type PackSource } from './read.js';
import { knownStems, rememberStems } from '../text/tokens.js';

export { loadYaml, loadZod, type Zod } from './lazy.js';
export { BUILTIN_PACK_DIR, readPackSources, RulePackError, type PackCache, type PackSource } from './read.js';
export type { CheckedPacks, CheckedRule, CompiledPacks, PackSources, VocabularySource } from './check.js';
export { compileRules, RuleIndex, type Candidate, type RuleDescription, type RuleSet, type WordStarts } from './compile.js';
export {
  COMPILED_PACKS_FILE,
  COMPILED_PHRASES_FILE,
  compileBuiltinPacks,
  compiledBuiltinPacks,
  compiledPhrases,
  rememberBuiltinPhrases,
  type CompiledPhrases,
} from './builtin.js';

/**
 * Loads the built-in packs and the user's packs (in order): a user rule with the id of an
 * earlier rule replaces it, `enabled: false` switches it off. Every problem is a RulePackError.
 */
export function loadRuleSet(userFiles: string[] = [], options: { builtin?: boolean } = {}): RuleSet {
  return compileBothLanguages(loadCheckedPacks(userFiles, options));
}

/**
 * The packs a run uses, checked: the built-in ones (compiled at build time when they are up to
 * date, so that neither YAML nor zod is loaded), then the user's, read and checked after them.
 */
export function loadCheckedPacks(userFiles: string[] = [], options: { builtin?: boolean; cache?: PackCache } & BuiltinLocation = {}): CheckedPacks {
  const base = options.builtin === false ? undefined : compiledBuiltinPacks(options);
  if (options.builtin !== false && !base) return checkRulePacks(readPackSources(userFiles, options), options.cache);
  if (base && userFiles.length === 0) return base.checked;
  return checkRulePacks(readPackSources(userFiles, { builtin: false, cache: options.cache }), options.cache, base);
}

/** Checks and compiles parsed packs, both languages at once (so that any problem shows now). */
export function compileRuleSet(packFiles: PackSource[]): RuleSet {
  return compileBothLanguages(checkRulePacks(packFiles));
}

/**
 * Validates parsed packs, after the already checked `base` ones when given: a user rule with
 * the id of an earlier rule replaces it. With a cache, packs already checked by the same code
 * (same names, same bytes) are not checked again, and zod is not even loaded.
 */
export function checkRulePacks(packFiles: PackSource[], cache?: PackCache, base?: CompiledPacks): CheckedPacks {
  if (!cache) return checkPacks(packFiles, base);
  const key = createHash('sha256').update(checkerFingerprint());
  const sources = [...(base?.sources.map((s) => ({ ...s, builtin: true })) ?? []), ...packFiles];
  for (const f of sources) key.update('\0').update(f.name).update('\0').update(String(f.builtin)).update('\0').update(f.digest);
  const cacheKey = `checked|${key.digest('hex')}`;
  const cached = cache.get<CheckedPacks>(cacheKey);
  if (cached) return cached;
  const checked = checkPacks(packFiles, base);
  // Compiling here once runs the stemmer on every word of the rules; the stems are kept with
  // the check, and each worker of later runs takes them instead of stemming (~25 ms each).
  if (base?.checked.phraseStems) rememberStems(base.checked.phraseStems);
  // Only the user's rules: the built-in ones were compiled at build time, their stems are in
  // base's. Compiling all of them here kept every worker of this run waiting for the rules.
  const builtin = new Set(base?.checked.phraseStems ? base.checked.rules : []);
  compileBothLanguages({ ...checked, rules: checked.rules.filter((r) => !builtin.has(r)) });
  checked.phraseStems = knownStems();
  cache.set(cacheKey, checked);
  return checked;
}
