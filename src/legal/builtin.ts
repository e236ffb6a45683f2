// The built-in legal packs: checked once by `npm run build` (scripts/compile-packs.mjs) into
// dist/legal/legal-packs.json, so that a run reads JSON; from src/ (tests) the YAML is checked.
import { fileURLToPath } from 'node:url';
import { readBuildJson } from '../text/build-json.js';
import { checkLegalPacks, type LegalPacks } from './check.js';

/** Where the build writes the checked packs (beside the compiled module). */
export const COMPILED_LEGAL_FILE = fileURLToPath(new URL('./legal-packs.json', import.meta.url));

let packs: LegalPacks | undefined;

export function builtinLegalPacks(): LegalPacks {
  if (packs) return packs;
  try {
    packs = readBuildJson(COMPILED_LEGAL_FILE) as LegalPacks;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    packs = checkLegalPacks();
  }
  return packs;
}
