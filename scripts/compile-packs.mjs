// npm run build, after tsc: checks the built-in rule packs once and writes the result beside the
// compiled code, so that a run neither parses their YAML nor loads the schema library.
import { renameSync, writeFileSync } from 'node:fs';
import { compileBuiltinPacks, compiledPhrases, COMPILED_PACKS_FILE, COMPILED_PHRASES_FILE } from '../dist/rules/load.js';
import { asciiJson } from '../dist/text/build-json.js';

const write = (file, value) => {
  const temporary = `${file}.${process.pid}.tmp`;
  // ASCII (src/text/build-json.ts): read at every start as one-byte text.
  writeFileSync(temporary, asciiJson(value), { flag: 'wx' });
  renameSync(temporary, file);
};
const compiled = compileBuiltinPacks();
write(COMPILED_PHRASES_FILE, compiledPhrases(compiled));
write(COMPILED_PACKS_FILE, compiled);
console.error(`compile-packs: ${compiled.checked.rules.length} rules of ${compiled.sources.length} built-in packs (hash ${compiled.checked.hash})`);

// The French words of the built-in packs, for pages whose text layer lost its accented letters
// (src/text/accents.ts).
const { readFileSync } = await import('node:fs');
const { listBuiltinPacks, BUILTIN_PACK_DIR } = await import('../dist/rules/read.js');
const { ACCENT_WORDS_FILE, gatherAccentWords } = await import('../dist/text/accents.js');
const packFiles = listBuiltinPacks(BUILTIN_PACK_DIR);
const isFrench = (f) => /[\\/]fr[\\/][^\\/]+$/.test(f);
const text = (f) => readFileSync(f, 'utf8');
const accentWords = gatherAccentWords(packFiles.filter(isFrench).map(text), packFiles.filter((f) => !isFrench(f)).map(text));
write(ACCENT_WORDS_FILE, accentWords);
console.error(`compile-packs: ${Object.keys(accentWords.dropped).length} French words kept for text layers without accents`);

// The legal packs (src/legal/packs/*.yaml): checked here, so that a broken pack fails the build
// with its file and line.
const { checkLegalPacks } = await import('../dist/legal/check.js');
const { COMPILED_LEGAL_FILE } = await import('../dist/legal/builtin.js');
const legal = checkLegalPacks();
write(COMPILED_LEGAL_FILE, legal);
console.error(`compile-packs: ${legal.entries.length} legal notes (version ${legal.version}, ${legal.date})`);
