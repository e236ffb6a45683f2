// npm run build, after tsc: checks the built-in rule packs once and writes the result beside the
// compiled code, so that a run neither parses their YAML nor loads the schema library.
import { renameSync, writeFileSync } from 'node:fs';
import { compileBuiltinPacks, compiledPhrases, COMPILED_PACKS_FILE, COMPILED_PHRASES_FILE } from '../dist/rules/load.js';

const write = (file, value) => {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(value), { flag: 'wx' });
  renameSync(temporary, file);
};
const compiled = compileBuiltinPacks();
write(COMPILED_PHRASES_FILE, compiledPhrases(compiled));
write(COMPILED_PACKS_FILE, compiled);
console.error(`compile-packs: ${compiled.checked.rules.length} rules of ${compiled.sources.length} built-in packs (hash ${compiled.checked.hash})`);
