// The JSON files the build writes (rule and legal packs, phrases, accent table) are ASCII and
// read as one-byte text; a file with other bytes in it still reads as UTF-8.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMPILED_PACKS_FILE, COMPILED_PHRASES_FILE } from '../../src/rules/load.js';
import { ACCENT_WORDS_FILE } from '../../src/text/accents.js';
import { asciiJson, readBuildJson } from '../../src/text/build-json.js';

/** The legal packs the build checked (src/legal/builtin.ts reads them beside its compiled module). */
const COMPILED_LEGAL_FILE = fileURLToPath(new URL('../../dist/legal/legal-packs.json', import.meta.url));

const VALUE = {
  fr: 'caméra « piéton » — vidéoprotection',
  keys: { 'clé': ['œuvre', 'Ångström', 'ß'] },
  astral: 'drone 🚁 and 𝒳',
  separators: 'line\u2028paragraph\u2029',
  control: 'tab\tquote"backslash\\',
};

describe('the build JSON files', () => {
  it('asciiJson gives ASCII that parses to the same value', () => {
    const text = asciiJson(VALUE);
    expect(/^[\x00-\x7f]*$/.test(text)).toBe(true);
    expect(text).toContain('cam\\u00e9ra');
    expect(JSON.parse(text)).toEqual(VALUE);
  });

  it('reads an ASCII file and a UTF-8 file to the same value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tenderscan-build-json-'));
    writeFileSync(join(dir, 'ascii.json'), asciiJson(VALUE));
    writeFileSync(join(dir, 'utf8.json'), JSON.stringify(VALUE), 'utf8');
    expect(readBuildJson(join(dir, 'ascii.json'))).toEqual(VALUE);
    expect(readBuildJson(join(dir, 'utf8.json'))).toEqual(VALUE);
  });

  // The accent table holds folded words only (no accents to escape).
  it.each([
    [COMPILED_PACKS_FILE, true],
    [COMPILED_PHRASES_FILE, true],
    [COMPILED_LEGAL_FILE, true],
    [ACCENT_WORDS_FILE, false],
  ])('npm run build wrote %s in ASCII', (file, accented) => {
    const bytes = readFileSync(file);
    expect(bytes.every((b) => b < 0x80)).toBe(true);
    expect(/[éèà]/.test(JSON.stringify(readBuildJson(file)))).toBe(accented);
  });
});
