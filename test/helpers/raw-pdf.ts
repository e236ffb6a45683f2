// Hand-built PDFs, byte by byte, for inputs no PDF library will write: broken trees, bombs.
import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';

/** Serialises numbered objects with a correct xref table and trailer. */
export function rawPdf(objects: (string | Buffer)[], options: { root?: number; trailerExtra?: string } = {}): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let length = parts[0].length;
  objects.forEach((body, i) => {
    offsets.push(length);
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), typeof body === 'string' ? Buffer.from(body, 'latin1') : body, Buffer.from('\nendobj\n')]);
    parts.push(chunk);
    length += chunk.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n`, '0000000000 65535 f \n', ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  const trailer = `trailer\n<< /Size ${objects.length + 1} /Root ${options.root ?? 1} 0 R ${options.trailerExtra ?? ''}>>\nstartxref\n${length}\n%%EOF\n`;
  parts.push(Buffer.from(xref + trailer, 'latin1'));
  return Buffer.concat(parts);
}

/** A stream object with its /Length (and /Filter when compressed). */
export function stream(content: Buffer | string, dict = '', compress = false): Buffer {
  const raw = typeof content === 'string' ? Buffer.from(content, 'latin1') : content;
  const data = compress ? deflateSync(raw) : raw;
  return Buffer.concat([
    Buffer.from(`<< /Length ${data.length}${compress ? ' /Filter /FlateDecode' : ''} ${dict}>>\nstream\n`, 'latin1'),
    data,
    Buffer.from('\nendstream', 'latin1'),
  ]);
}

const FONT = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';

/** One page of Helvetica text lines: catalog 1, pages 2, page 3, content 4, font 5. */
export function textPdf(lines: string[]): Buffer {
  const ops = lines.map((l, i) => `BT /F1 11 Tf 60 ${780 - i * 15} Td (${l.replace(/[()\\]/g, (c) => '\\' + c)}) Tj ET`).join('\n');
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    stream(ops),
    FONT,
  ]);
}

/** A page tree whose node lists itself as its own kid. */
export function loopingPageTree(): Buffer {
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    stream('BT /F1 11 Tf 60 780 Td (Les cameras de videoprotection) Tj ET'),
    FONT,
  ]);
}

/** A page tree that declares a billion pages and holds one. */
export function hugePageCount(): Buffer {
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1000000000 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    stream('BT /F1 11 Tf 60 780 Td (Texte) Tj ET'),
    FONT,
  ]);
}

/** A form XObject that draws itself. */
export function selfReferencingForm(): Buffer {
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 6 0 R >> /XObject << /X1 5 0 R >> >> >>',
    stream('BT /F1 11 Tf 60 780 Td (Les drones du marche) Tj ET /X1 Do'),
    stream('/X1 Do', '/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources << /XObject << /X1 5 0 R >> >> '),
    FONT,
  ]);
}

/**
 * A file whose content stream inflates to `megabytes` MB of text operators, padded with
 * incompressible bytes to 1/150 of that: a file large enough to justify the work pdf.js then
 * does (it is not refused up front as a decompression bomb), for the tests of the limits that
 * stop a document while it runs (--timeout, --max-heap).
 */
export function slowPdf(megabytes: number): Buffer {
  const bomb = deflateBomb(megabytes);
  const padding = stream(randomBytes(Math.ceil((megabytes * 1024 * 1024) / 150)), '/Type /EmbeddedFile ');
  const cut = bomb.lastIndexOf('xref\n');
  // An unreferenced object before the cross-reference table: offsets of the others are unchanged.
  const before = bomb.subarray(0, cut);
  const object = Buffer.concat([Buffer.from('99 0 obj\n'), padding, Buffer.from('\nendobj\n')]);
  const tail = bomb.subarray(cut).toString('latin1').replace(/startxref\n(\d+)/, (_m, n: string) => `startxref\n${Number(n) + object.length}`);
  return Buffer.concat([before, object, Buffer.from(tail, 'latin1')]);
}

/** A small file whose content stream inflates to `megabytes` MB of text operators. */
export function deflateBomb(megabytes: number): Buffer {
  const op = Buffer.from('BT /F1 9 Tf 10 10 Td (aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa) Tj ET\n', 'latin1');
  const content = Buffer.alloc(megabytes * 1024 * 1024);
  for (let i = 0; i + op.length <= content.length; i += op.length) op.copy(content, i);
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    stream(content, '', true),
    FONT,
  ]);
}

/** A PDF literal string: every byte outside printable ASCII as an octal escape. */
function pdfString(bytes: number[]): string {
  return '(' + bytes.map((b) => (b >= 0x20 && b < 0x7f && !'()\\'.includes(String.fromCharCode(b)) ? String.fromCharCode(b) : `\\${b.toString(8).padStart(3, '0')}`)).join('') + ')';
}

/**
 * One page whose text holds any Unicode characters, control and bidirectional ones included:
 * Latin-1 characters are drawn with Helvetica's WinAnsi codes, every other character gets a
 * code of its own that the font's ToUnicode map turns back into it (what a text extractor reads).
 * `info` becomes the document information dictionary (Title, CreationDate…), written verbatim
 * (as UTF-16 with its byte order mark when a value holds characters beyond Latin-1).
 */
export function unicodeTextPdf(lines: string[], info: Record<string, string> = {}, options: { lost?: string } = {}): Buffer {
  const extra = new Map<string, number>();
  // Characters of `lost` get a code of their own that the map sends to U+0000, as the maps of
  // fonts that lost their accented letters do.
  const unicode = new Map<string, string>();
  let next = 0x01;
  const encode = (text: string) =>
    [...text].map((c) => {
      const code = c.codePointAt(0)!;
      const lost = options.lost?.includes(c) ?? false;
      if (!lost && ((code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff))) return code;
      if (!extra.has(c)) extra.set(c, next++);
      if (lost) unicode.set(c, '\0');
      return extra.get(c)!;
    });
  const ops = lines.map((l, i) => `BT /F1 11 Tf 60 ${780 - i * 15} Td ${pdfString(encode(l))} Tj ET`).join('\n');
  const hex = (c: string) => [...Buffer.from(c, 'utf16le')].reduce((out, b, i, all) => (i % 2 ? out : out + all[i + 1].toString(16).padStart(2, '0') + b.toString(16).padStart(2, '0')), '');
  const cmap = [
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def /CMapName /Test-UCS def /CMapType 2 def',
    '1 begincodespacerange <00> <FF> endcodespacerange',
    `${extra.size} beginbfchar`,
    ...[...extra].map(([c, code]) => `<${code.toString(16).padStart(2, '0')}> <${hex(unicode.get(c) ?? c)}>`),
    'endbfchar endcmap CMapName currentdict /CMap defineresource pop end end',
  ].join('\n');
  const textString = (v: string) => ([...v].some((c) => c.codePointAt(0)! > 0xff) ? [0xfe, 0xff, ...Buffer.from(v, 'utf16le').swap16()] : [...Buffer.from(v, 'latin1')]);
  const infoDict = `<< ${Object.entries(info).map(([k, v]) => `/${k} ${pdfString(textString(v))}`).join(' ')} >>`;
  return rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
      stream(ops),
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /ToUnicode 6 0 R >>',
      stream(cmap),
      infoDict,
    ],
    { trailerExtra: '/Info 7 0 R ' },
  );
}
