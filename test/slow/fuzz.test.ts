// A bounded mutation fuzz run (fixed seed) on the sample tender; `npm run fuzz` runs long ones.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script shared with `npm run fuzz`
import { fuzz, mutate, prng } from '../fuzz.mjs';
import { ROOT } from '../helpers/cli.js';
import { makePdf } from '../helpers/pdf.js';
import { makeDoc } from '../helpers/doc.js';
import { makeDocx, makeOdf, makeXlsx, wp } from '../helpers/office.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

describe('mutation fuzzing', () => {
  it('mutates deterministically for a seed', () => {
    const input = Buffer.from('%PDF-1.7 abcdefghijklmnopqrstuvwxyz');
    const a = mutate(input, prng(42));
    const b = mutate(input, prng(42));
    expect(a.detail).toBe(b.detail);
    expect(a.bytes.equals(b.bytes)).toBe(true);
  });

  it('never crashes: 240 mutated PDFs end ok, partial or coded, and the control keeps its findings', async () => {
    const small = join(mkdtempSync(join(tmpdir(), 'tenderscan-fuzz-src-')), 'small.pdf');
    writeFileSync(small, await makePdf([{ lines: ['Article 1', 'Les cameras de videoprotection du CSU et les drones.'] }, { lines: ['Aucune donnee biometrique.'] }]));
    const violations = fuzz({ sources: [join(ROOT, 'fixtures/sample/cctp-observatoire-tranquillite.pdf'), small], iterations: 240, seed: 20261128, batch: 120, timeout: 15 });
    expect(violations).toEqual([]);
  }, 600_000);

  it('never crashes on office files: 160 mutated DOCX, ODT, XLSX, .doc and RTF files end ok, partial or coded', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tenderscan-fuzz-office-'));
    const files: [string, Uint8Array][] = [
      ['a.docx', makeDocx({ body: wp('Article 1') + '<w:tbl><w:tr><w:tc>' + wp('Des caméras') + '</w:tc></w:tr></w:tbl>', footnotes: `<w:footnote w:id="1">${wp('Des drones.')}</w:footnote>`, comments: `<w:comment w:id="0" w:author="A">${wp('Biométrie')}</w:comment>` })],
      ['b.odt', makeOdf('application/vnd.oasis.opendocument.text', '<office:text><text:p>Des caméras<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>Des drones.</text:p></text:note-body></text:note></text:p></office:text>')],
      ['c.xlsx', makeXlsx([{ name: 'BPU', rows: [['N°', 'Désignation', 'Prix'], ['1', 'Caméra dôme', { f: 'A1', v: 3 }]] }, { name: 'H', hidden: true, rows: [['Drone']] }])],
      ['d.doc', makeDoc(['Article 1', 'Des caméras de vidéoprotection.'], ['Des drones.'])],
      ['e.rtf', new TextEncoder().encode(String.raw`{\rtf1\ansi{\fonttbl{\f0 T;}}\pard Des cam\'e9ras{\footnote Des drones.}\par\trowd\pard\intbl A\cell B\cell\row}`)],
    ];
    const sources = files.map(([name, bytes]) => {
      writeFileSync(join(dir, name), bytes);
      return join(dir, name);
    });
    expect(fuzz({ sources, iterations: 160, seed: 20261201, batch: 160, timeout: 15 })).toEqual([]);
  }, 600_000);
});
