// Dark filled rectangles of a page's content stream (src/extract/pdf-images.ts, darkBoxes): the
// operands each path or colour operator takes are the numbers just before it, the last eight
// kept, whatever the text between (glyph positions by the hundred), a name or any other
// operator in between cutting the run.
import { describe, expect, it } from 'vitest';
import { pageImagePlacements } from '../../src/extract/pdf-images.js';

/** A one-page PDF whose page draws `content` (no filter), with a cross-reference table. */
function pdfDrawing(content: string): Uint8Array {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

const boxesOf = (content: string) => pageImagePlacements(pdfDrawing(content)).boxes(1);

describe('dark boxes a page paints', () => {
  it('finds a black box drawn after a line of text full of glyph positions', () => {
    const text = `BT /F1 12 Tf 72 700 Td [(A) -250 (B) 120 (C) 33 ${Array.from({ length: 40 }, (_, i) => i).join(' ')}] TJ ET`;
    expect(boxesOf(`${text} 0 g 10 20 100 30 re f`)).toEqual([[10, 20, 110, 50]]);
    // A light fill hides nothing.
    expect(boxesOf(`${text} 0.9 g 10 20 100 30 re f`)).toEqual([]);
  });

  it('gives cm its six last numbers in order, of the eight kept', () => {
    // 9 9 are kept but not cm's: the box is scaled by 2 and moved by (5, 5).
    expect(boxesOf('9 9 2 0 0 2 5 5 cm 0 0 10 10 re f')).toEqual([[5, 5, 25, 25]]);
    // Ten numbers before rg: its three are the last, black.
    expect(boxesOf('1 1 1 1 1 1 1 0 0 0 rg 0 0 40 40 re f')).toEqual([[0, 0, 40, 40]]);
    expect(boxesOf('0 0 0 1 1 1 1 1 1 1 rg 0 0 40 40 re f')).toEqual([]);
  });

  it('reads sc by how many numbers lead to it, a name or an operator cutting the run', () => {
    expect(boxesOf('0 sc 0 0 50 50 re f')).toEqual([[0, 0, 50, 50]]);
    // Seven numbers: no colour space known here, not dark.
    expect(boxesOf('1 2 3 4 5 6 0 sc 0 0 50 50 re f')).toEqual([]);
    // A pattern's name after the numbers: not dark either.
    expect(boxesOf('0 0 0 /P0 scn 0 0 50 50 re f')).toEqual([]);
    // An operator between: only the number after it counts.
    expect(boxesOf('1 1 1 w 0 sc 0 0 50 50 re f')).toEqual([[0, 0, 50, 50]]);
    // The initial fill is black; a path stroked (S) is no fill.
    expect(boxesOf('0 0 50 50 re S 0 0 60 60 re f')).toEqual([[0, 0, 60, 60]]);
  });
});
