#!/usr/bin/env node
// Run by `npm run build` after tsc: writes dist/build-id.json, hashes of the compiled code.
// - `build`, of all of it: the result cache (src/cache/result-key.ts) keys analysed documents by
//   it, so that a result is only reused by the very code that produced it, version bump or not;
// - `extract`, of the code that turns a file into page text (extract/, text/, ocr/): the text
//   cache keys extracted pages by it beside the extractor's version, so that a change to the
//   reading of a page is never hidden by text the older code cached (a version string that was
//   not bumped once served such text).
// `node scripts/build-id.mjs DIST` hashes another compiled tree (the tests use it).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const given = process.argv[2];
const dist = given ? (given.endsWith('/') ? given : `${given}/`) : fileURLToPath(new URL('../dist/', import.meta.url));
const EXTRACTION = ['extract/', 'text/', 'ocr/'];

const files = readdirSync(dist, { recursive: true, encoding: 'utf8' })
  .map((file) => file.split('\\').join('/'))
  .filter((file) => file.endsWith('.js') || file.endsWith('.json'))
  .filter((file) => file !== 'build-id.json')
  .sort();
const all = createHash('sha256');
const extraction = createHash('sha256');
for (const file of files) {
  const bytes = readFileSync(dist + file);
  all.update(file).update('\0').update(bytes).update('\0');
  if (EXTRACTION.some((folder) => file.startsWith(folder))) extraction.update(file).update('\0').update(bytes).update('\0');
}
writeFileSync(dist + 'build-id.json', JSON.stringify({ build: all.digest('hex').slice(0, 16), extract: extraction.digest('hex').slice(0, 16) }) + '\n');
