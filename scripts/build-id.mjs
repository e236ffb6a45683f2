#!/usr/bin/env node
// Run by `npm run build` after tsc: writes dist/build-id.json, a hash of the compiled code.
// The result cache (src/cache/result-key.ts) keys analysed documents by it, so that a result is
// only reused by the very code that produced it, version bump or not.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const hash = createHash('sha256');
const files = readdirSync(dist, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.js') || file.endsWith('.json'))
  .filter((file) => file !== 'build-id.json')
  .sort();
for (const file of files) hash.update(file).update('\0').update(readFileSync(dist + file)).update('\0');
writeFileSync(dist + 'build-id.json', JSON.stringify({ build: hash.digest('hex').slice(0, 16) }) + '\n');
