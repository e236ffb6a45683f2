// The JSON files `npm run build` writes beside the compiled code (the checked rule and legal
// packs, their phrases, the accent table), read at every start. The build writes them in ASCII,
// every other character escaped (`\u00e9`): read as one-byte text they need no UTF-8 decoding
// and make a string half the size (the rule packs: 3 ms less of a one-page scan, and less for
// the garbage collector to copy). A file with other bytes in it (written by an older build, or
// by hand) is read as UTF-8, as before: the same values either way.
import { isAscii } from 'node:buffer';
import { readFileSync } from 'node:fs';

/** `value` as JSON in ASCII: what JSON.stringify gives, each non-ASCII UTF-16 unit escaped. */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The build's JSON file `file`, parsed: read as one-byte text when it is ASCII, else as UTF-8. Throws as readFileSync does. */
export function readBuildJson(file: string | URL): unknown {
  const bytes = readFileSync(file);
  return JSON.parse(bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8'));
}
