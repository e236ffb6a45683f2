// The terminal report's fast wrap (src/report/wrap.ts) against wrap-ansi, and its plain table
// (src/report/table.ts) against cli-table3: every character the fast paths take, mixed strings
// and tables at random, and real reports formatted through both paths.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import wrapAnsi from 'wrap-ansi';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { analyseFile } from '../../src/engine/document.js';
import { legalSection } from '../../src/legal/notes.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { buildReport } from '../../src/report/model/build.js';
import { documentNamer } from '../../src/report/names.js';
import { BUILTIN_CATEGORIES } from '../../src/rules/categories.js';
import type { FormatOptions } from '../../src/report/formats/index.js';
import type { Report } from '../../src/types.js';
import type { TableSpec } from '../../src/report/table.js';

import { isPlain, plainPaths, plainWrap, wrapHard } from '../../src/report/wrap.js';
import { formatTerminal } from '../../src/report/formats/terminal.js';
import { cliTable, drawTable, isSimple } from '../../src/report/table.js';

const reference = (text: string, columns: number) => wrapAnsi(text, columns, { hard: true, trim: true });

describe('the fast path, character by character', () => {
  it('takes each character it accepts at the width wrap-ansi gives it', () => {
    let accepted = 0;
    for (let code = 0; code < 0x10000; code++) {
      const c = String.fromCharCode(code);
      if (!isPlain(c)) continue;
      accepted++;
      for (const text of [c, `${c}${c}${c}${c}${c}`, `a ${c} b${c}c ${c}${c}d`, `${c} ${c}  ${c}xy ${c}`, `ab${c}\n${c}cd ef`]) {
        for (const columns of [1, 2, 3, 5]) expect(plainWrap(text, columns), `U+${code.toString(16)} ${JSON.stringify(text)} @${columns}`).toBe(reference(text, columns));
      }
    }
    expect(accepted).toBeGreaterThan(220);
  });

  it('refuses escapes, controls, combining, zero-width, wide and emoji characters', () => {
    for (const text of ['\x1b[1mbold\x1b[22m', 'a\tb', 'a\rb', 'e\u0301', 'a\u200bb', 'soft\xadhyphen', '漢字', 'カナ', '한글', '😀', '⚠\ufe0f', '👍🏽', '🇫🇷', 'a\u2028b', '\u3000', '\ufeff', 'x\u2060y', '\u009b1m']) {
      expect(isPlain(text), JSON.stringify(text)).toBe(false);
    }
  });
});

describe('mixed strings at random', () => {
  // A small generator, seeded: the same strings every run.
  let seed = 27;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const pieces = [
    'a', 'le', 'données', 'vidéoprotection', 'Saint-Étienne', 'https://www.example.org/a-very-long-address-without-any-space-in-it.htm',
    ' ', ' ', ' ', '  ', '\xa0', '\u202f', '\n', '\t', '·', '—', '–', '’', '«', '»', '…', '→', '€', '©', '®', '⚠', '⚠\ufe0f', '\ue000',
    'é', 'e\u0301', '漢字', '中', '😀', '👩‍💻', '\x1b[33m', '\x1b[39m', '\x1b[1m', '\x1b[22m', '\u200b', '\xad', 'ß', 'Ÿ', 'x'.repeat(95),
  ];
  it('wraps as wrap-ansi wherever the fast path takes the string, and passes the rest to it', () => {
    let fast = 0;
    for (let n = 0; n < 600; n++) {
      const parts = Array.from({ length: 1 + Math.floor(random() * 24) }, () => pick(pieces));
      // Half of them plain only: the fast path must see many.
      const text = (n % 2 ? parts : parts.filter((p) => isPlain(p))).join('');
      const columns = pick([1, 2, 3, 5, 8, 10, 13, 20, 34, 40, 72, 80]);
      if (isPlain(text)) {
        fast++;
        expect(plainWrap(text, columns), `${JSON.stringify(text)} @${columns}`).toBe(reference(text, columns));
      }
      expect(wrapHard(text, columns)).toBe(reference(text, columns));
    }
    expect(fast).toBeGreaterThan(280);
  });
});

describe('the plain table', () => {
  const spec = (colWidths: number[], color = false): TableSpec => ({ head: colWidths.map((_, i) => ['Category', 'Findings', 'N', 'Pages'][i % 4]).map((h, i) => h.slice(0, colWidths[i] - 2)), colWidths, colAligns: colWidths.map((_, i) => (i % 3 ? 'right' : 'left')), color });
  it('draws each character it accepts as cli-table3 does', () => {
    let accepted = 0;
    for (let code = 0; code < 0x10000; code++) {
      const c = String.fromCharCode(code);
      if (!isSimple(spec([5, 6]), [[c, `${c}${c}\n${c}`]])) continue;
      accepted++;
      expect(drawTable(spec([5, 6]), [[c, `${c}${c}\n${c}`]]), `U+${code.toString(16)}`).toBe(cliTable(spec([5, 6]), [[c, `${c}${c}\n${c}`]]));
    }
    expect(accepted).toBeGreaterThan(220);
    for (const c of ['©', '®', '⚠', '漢', '😀', 'e\u0301', '\x1b[1mx\x1b[22m', '\t']) expect(isSimple(spec([5, 6]), [[c, 'x']]), c).toBe(false);
    expect(isSimple(spec([5, 6], true), [['a', 'b']])).toBe(false);
    expect(isSimple(spec([5, 6]), [['abcd', 'b']])).toBe(false);
  });
  it('draws random tables as cli-table3 does', () => {
    let seed = 72;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const words = ['a', 'Drones', 'vidéo', '1', '12', '—', '', ' ', 'p. 3-5', 'CCTP.pdf: 1, 4', '«x»', '\n', 'lot1/…annexe.pdf'];
    let simple = 0;
    for (let n = 0; n < 200; n++) {
      const widths = Array.from({ length: 1 + Math.floor(random() * 4) }, () => 3 + Math.floor(random() * 14));
      const rows = Array.from({ length: 1 + Math.floor(random() * 4) }, () => widths.map(() => Array.from({ length: Math.floor(random() * 4) }, () => words[Math.floor(random() * words.length)]).join('')));
      const s = spec(widths, random() < 0.1);
      if (isSimple(s, rows)) simple++;
      expect(drawTable(s, rows), JSON.stringify([widths, rows])).toBe(cliTable(s, rows));
    }
    expect(simple).toBeGreaterThan(25);
  });
});

describe('real reports through both paths', () => {
  let report: Report;
  let documentName: (path: string) => string;
  const names = new Map(BUILTIN_CATEGORIES.map((c) => [c.id, c]));
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tenderscan-wrap-'));
    writeFileSync(join(dir, 'corrupt.pdf'), '%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R\n%%EOF\n');
    const inputs = [
      { path: 'dossier/CCTP.pdf', file: join(ROOT, 'fixtures/sample/cctp-observatoire-tranquillite.pdf') },
      { path: 'dossier/un nom de document très long, avec des accents — et un tiret cadratin.pdf', file: join(ROOT, 'fixtures/sample/cctp-observatoire-tranquillite.pdf') },
      { path: 'dossier/corrupt.pdf', file: join(dir, 'corrupt.pdf') },
    ];
    const rules = loadRuleSet();
    const results = [];
    for (const input of inputs) results.push(await analyseFile(input, rules));
    report = buildReport(results.map((r) => r.entry), results.flatMap((r) => r.findings), { hash: rules.hash, files: rules.files }, new Date('2026-11-28T12:00:00Z'), undefined, results.flatMap((r) => r.fusion ?? []));
    report.legal = legalSection(report);
    documentName = documentNamer(inputs.map((i) => i.path));
  });

  it.each([
    ['en', false, false],
    ['fr', false, false],
    ['en', true, false],
    ['fr', true, true],
    ['en', false, true],
  ] as const)('the same bytes (%s, colour %s, explain %s) at every width', (language, color, explain) => {
    for (const width of [40, 57, 100]) {
      const options: FormatOptions = { color, explain, language, width, categoryName: (id, lang = language) => names.get(id)?.[lang] ?? id, documentName };
      plainPaths.enabled = false;
      let slow: string;
      try {
        slow = formatTerminal(report, options);
      } finally {
        plainPaths.enabled = true;
      }
      Object.assign(plainPaths, { calls: 0, plainCalls: 0 });
      const fast = formatTerminal(report, options);
      expect(fast).toBe(slow);
      expect(plainPaths.calls).toBeGreaterThan(40);
      // Without colour nearly every line is plain: the fast path is the one taken.
      if (!color) expect(plainPaths.plainCalls).toBeGreaterThan(plainPaths.calls * 0.9);
    }
  });
});
