// Word 97–2003 documents built in the tests: a small OLE2 compound file writer (version 3,
// 512-byte sectors, every stream padded past the mini-stream cutoff so only the FAT is used)
// and a minimal Word file information block with one Unicode piece of text.

const SECTOR = 512;
const END = -2;
const FREE = -1;
const FAT_SECTOR = -3;

export interface CompoundStream {
  name: string;
  data: Uint8Array;
}

/** A compound file whose root holds `streams`; `loop` makes the first stream's chain loop. */
export function makeCompoundFile(streams: CompoundStream[], options: { loop?: boolean } = {}): Uint8Array {
  const padded = streams.map((s) => {
    const size = Math.max(4096, Math.ceil(s.data.length / SECTOR) * SECTOR);
    const data = new Uint8Array(size);
    data.set(s.data);
    return { name: s.name, data, size: s.data.length < 4096 ? 4096 : s.data.length };
  });
  const dirSectors = Math.ceil(((streams.length + 1) * 128) / SECTOR);
  const dataSectors = padded.reduce((n, s) => n + s.data.length / SECTOR, 0);
  const total = 1 + dirSectors + dataSectors;
  if (total > SECTOR / 4) throw new Error('test compound file too large for one FAT sector');
  const fat = new Int32Array(SECTOR / 4).fill(FREE);
  fat[0] = FAT_SECTOR;
  for (let i = 1; i <= dirSectors; i++) fat[i] = i === dirSectors ? END : i + 1;
  let next = 1 + dirSectors;
  const starts: number[] = [];
  for (const s of padded) {
    const count = s.data.length / SECTOR;
    starts.push(next);
    for (let i = 0; i < count; i++) fat[next + i] = i === count - 1 ? END : next + i + 1;
    next += count;
  }
  if (options.loop) fat[starts[0] + 1] = starts[0];

  const out = new Uint8Array(SECTOR * (1 + total));
  const view = new DataView(out.buffer);
  [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].forEach((b, i) => (out[i] = b));
  view.setUint16(24, 0x3e, true);
  view.setUint16(26, 3, true);
  view.setUint16(28, 0xfffe, true);
  view.setUint16(30, 9, true);
  view.setUint16(32, 6, true);
  view.setInt32(44, 1, true);
  view.setInt32(48, 1, true);
  view.setUint32(56, 4096, true);
  view.setInt32(60, END, true);
  view.setInt32(68, END, true);
  for (let i = 0; i < 109; i++) view.setInt32(76 + i * 4, i === 0 ? 0 : FREE, true);
  const sector = (n: number) => SECTOR * (n + 1);
  fat.forEach((v, i) => view.setInt32(sector(0) + i * 4, v, true));

  const entry = (index: number, name: string, type: number, child: number, right: number, start: number, size: number) => {
    const at = sector(1) + index * 128;
    for (let i = 0; i < name.length; i++) view.setUint16(at + i * 2, name.charCodeAt(i), true);
    view.setUint16(at + 64, (name.length + 1) * 2, true);
    out[at + 66] = type;
    out[at + 67] = 1;
    view.setInt32(at + 68, FREE, true);
    view.setInt32(at + 72, right, true);
    view.setInt32(at + 76, child, true);
    view.setInt32(at + 116, start, true);
    view.setUint32(at + 120, size, true);
  };
  entry(0, 'Root Entry', 5, streams.length > 0 ? 1 : FREE, FREE, END, 0);
  padded.forEach((s, i) => {
    entry(i + 1, s.name, 2, FREE, i + 2 <= padded.length ? i + 2 : FREE, starts[i], s.size);
    out.set(s.data, sector(starts[i]));
  });
  return out;
}

const utf16 = (text: string) => {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    out[i * 2] = text.charCodeAt(i) & 0xff;
    out[i * 2 + 1] = text.charCodeAt(i) >> 8;
  }
  return out;
};

/** A .doc: body paragraphs and footnotes, as one Unicode piece after a Word 97 FIB. */
export function makeDoc(body: string[], footnotes: string[] = [], options: { encrypted?: boolean } = {}): Uint8Array {
  const bodyText = body.map((p) => `${p}\r`).join('');
  const noteText = footnotes.map((p) => `${p}\r`).join('') + (footnotes.length ? '\r' : '');
  const text = bodyText + noteText;
  const TEXT_AT = 0x400;
  const word = new Uint8Array(TEXT_AT + text.length * 2);
  const fib = new DataView(word.buffer);
  fib.setUint16(0, 0xa5ec, true);
  fib.setUint16(2, 0xc1, true);
  // fWhichTblStm: the table stream is "1Table"; fEncrypted when asked.
  fib.setUint16(0x0a, 0x0200 | (options.encrypted ? 0x0100 : 0), true);
  fib.setUint32(0x18, TEXT_AT, true);
  fib.setUint32(0x4c, bodyText.length, true);
  fib.setUint32(0x50, noteText.length, true);
  fib.setUint32(0x1a2, 0, true);
  fib.setUint32(0x1a6, 21, true);
  word.set(utf16(text), TEXT_AT);
  // The CLX: one piece table (0x02, its size, the CPs [0, n], one piece descriptor).
  const table = new Uint8Array(21);
  const clx = new DataView(table.buffer);
  table[0] = 0x02;
  clx.setUint32(1, 16, true);
  clx.setUint32(5, 0, true);
  clx.setUint32(9, text.length, true);
  clx.setUint16(13, 0, true);
  clx.setUint32(15, TEXT_AT, true);
  clx.setUint16(19, 0, true);
  return makeCompoundFile([
    { name: 'WordDocument', data: word },
    { name: '1Table', data: table },
  ]);
}
