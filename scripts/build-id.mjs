#!/usr/bin/env node
// Run by `npm run build` after tsc: writes dist/build-id.json, hashes of the compiled code.
// - `build`, of all of it: the result cache (src/cache/result-key.ts) keys analysed documents by
//   it, so that a result is only reused by the very code that produced it, version bump or not;
// - `extract`, of the code that turns a file into page text (extract/, text/, ocr/): the text
//   cache keys extracted pages by it beside the extractor's version, so that a change to the
//   reading of a page is never hidden by text the older code cached (a version string that was
//   not bumped once served such text).
// - `analysis`, of the code that makes what a document's analysis decides whatever the rules
//   (src/analyse/basis.ts: running lines, headings, language, facts, dossier clues…): every
//   module those entry points import, followed import by import, with the data files beside
//   them, plus all of analyse/ and text/. The basis cache keys by it, so that a change to any
//   of that code is a miss, while a change to the reports, the commands or the rule packs is not.
// `node scripts/build-id.mjs DIST` hashes another compiled tree (the tests use it).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';

const given = process.argv[2];
const dist = given ? (given.endsWith('/') ? given : `${given}/`) : fileURLToPath(new URL('../dist/', import.meta.url));
const EXTRACTION = ['extract/', 'text/', 'ocr/'];
const ANALYSIS_ENTRIES = ['analyse/basis.js', 'analyse/document.js', 'engine/document.js'];
const ANALYSIS_FOLDERS = ['analyse/', 'text/'];

const files = readdirSync(dist, { recursive: true, encoding: 'utf8' })
  .map((file) => file.split('\\').join('/'))
  .filter((file) => file.endsWith('.js') || file.endsWith('.json'))
  .filter((file) => file !== 'build-id.json')
  .sort();

/** The compiled modules `entries` import, directly or not (relative specifiers, static or dynamic). */
function importClosure(entries) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file) || !existsSync(dist + file)) return;
    seen.add(file);
    const code = readFileSync(dist + file, 'utf8');
    for (const m of code.matchAll(/\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]|\bimport\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      visit(posix.normalize(posix.join(posix.dirname(file), m[1] ?? m[2])));
    }
  };
  entries.forEach(visit);
  return seen;
}

const closure = importClosure(ANALYSIS_ENTRIES);
const closureFolders = new Set([...closure].map((file) => posix.dirname(file)));
// The built-in packs compiled at build time (rules/builtin-*.json) are rules, which the basis
// does not depend on: editing a pack keeps the basis, as a user pack does.
const RULE_DATA = /^rules\/builtin-[^/]*\.json$/;
const inAnalysis = (file) =>
  closure.has(file) || ANALYSIS_FOLDERS.some((folder) => file.startsWith(folder)) || (file.endsWith('.json') && closureFolders.has(posix.dirname(file)) && !RULE_DATA.test(file));

const all = createHash('sha256');
const extraction = createHash('sha256');
const analysis = createHash('sha256');
for (const file of files) {
  const bytes = readFileSync(dist + file);
  all.update(file).update('\0').update(bytes).update('\0');
  if (EXTRACTION.some((folder) => file.startsWith(folder))) extraction.update(file).update('\0').update(bytes).update('\0');
  if (inAnalysis(file)) analysis.update(file).update('\0').update(bytes).update('\0');
}
const id = (hash) => hash.digest('hex').slice(0, 16);
writeFileSync(dist + 'build-id.json', JSON.stringify({ build: id(all), extract: id(extraction), analysis: id(analysis) }) + '\n');
