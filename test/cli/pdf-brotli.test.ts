// pdf.js's Brotli decoder (/BrotliDecode) is built on its first call in the bundle, not as pdf.js
// loads (scripts/bundle.mjs, deferBrotliDecoder): a page compressed with Brotli reads as the same
// page compressed with Flate, on the main thread (one small document) and in pool workers.
import { mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ROOT, tenderscan } from '../helpers/cli.js';
import { rawPdf } from '../helpers/raw-pdf.js';

const LINES = [
  'Le titulaire installe 40 cameras de videoprotection sur la voie publique.',
  'Les images des cameras sont transmises au centre de supervision urbain.',
  'Aucune reconnaissance faciale ne sera mise en oeuvre par les cameras.',
];

/** One page of LINES, its content stream compressed with `filter`. */
function pagePdf(filter: 'FlateDecode' | 'BrotliDecode'): Buffer {
  const ops = Buffer.from(LINES.map((l, i) => `BT /F1 11 Tf 60 ${780 - i * 15} Td (${l}) Tj ET`).join('\n'), 'latin1');
  const data = filter === 'FlateDecode' ? deflateSync(ops) : brotliCompressSync(ops);
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    Buffer.concat([Buffer.from(`<< /Length ${data.length} /Filter /${filter} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ]);
}

describe('a page compressed with Brotli', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tenderscan-brotli-'));
  const flate = join(dir, 'flate.pdf');
  const brotli = join(dir, 'brotli.pdf');
  writeFileSync(flate, pagePdf('FlateDecode'));
  writeFileSync(brotli, pagePdf('BrotliDecode'));
  const lines = (stdout: string, file: string) => stdout.split('\n').filter((l) => l.startsWith(file)).map((l) => l.slice(file.length));

  it('reads as the same page compressed with Flate, alone (main thread) and beside another (workers)', () => {
    const one = tenderscan(['find', 'cameras', brotli]);
    expect(one.stderr).toBe('');
    expect(lines(one.stdout, brotli)).toEqual([':p. 1:1: ' + LINES[0], ':p. 1:2: ' + LINES[1], ':p. 1:3: ' + LINES[2]]);
    const two = tenderscan(['find', 'cameras', flate, brotli, '--jobs', '2']);
    expect(two.stderr).toBe('');
    expect(lines(two.stdout, brotli)).toEqual(lines(two.stdout, flate));
    expect(lines(two.stdout, brotli)).toEqual(lines(one.stdout, brotli));
  });

  it('is decoded by a decoder the bundle builds on first use', () => {
    const bundle = join(ROOT, 'dist/tenderscan-bundle.cjs');
    // No bundle (an install without esbuild): pdf.js runs as it is published.
    if (!existsSync(bundle)) return;
    // The decoder's name stands for a function that builds it, then calls it.
    expect(readFileSync(bundle, 'latin1')).toMatch(/([\w$]+)=\(\.\.\.(\w+)\)=>\(\1=__tenderscanMakeBrotliDecode\(\)\)\(\.\.\.\2\)/);
  });
});
