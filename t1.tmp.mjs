import { writeFileSync } from 'node:fs';
const { compiledBuiltinPacks, compileRules } = await import('./dist/rules/load.js');
const { knownPhrases } = await import('./dist/rules/phrases.js');
const c = compiledBuiltinPacks(); const set = compileRules(c.checked); void set.index.fr; void set.index.en;
writeFileSync('/tmp/sf/phrases.json', JSON.stringify(knownPhrases()));
