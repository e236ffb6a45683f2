// npm run build, after tsc: checks the built-in rule packs once and writes the result beside the
// compiled code, so that a run neither parses their YAML nor loads the schema library.
import { renameSync, writeFileSync } from 'node:fs';
import { compileBuiltinPacks, COMPILED_PACKS_FILE } from '../dist/rules/load.js';

const compiled = compileBuiltinPacks();
const temporary = `${COMPILED_PACKS_FILE}.${process.pid}.tmp`;
writeFileSync(temporary, JSON.stringify(compiled), { flag: 'wx' });
renameSync(temporary, COMPILED_PACKS_FILE);
console.error(`compile-packs: ${compiled.checked.rules.length} rules of ${compiled.sources.length} built-in packs (hash ${compiled.checked.hash})`);
