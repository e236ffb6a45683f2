// ZIP archives written byte by byte, for what zip libraries will not write: two entries of one
// name, an encryption flag, names that are not UTF-8. Plain JavaScript, so that the fuzzer
// (test/fuzz.mjs, run by Node) and the TypeScript tests (through zip.ts) share one writer.
import { crc32, deflateRawSync } from 'node:zlib';

/**
 * @param {{ name: string | Buffer, data: Buffer, method?: 0 | 8, flags?: number }[]} entries
 *   method: 0 stored, 8 deflate (default); flags: general purpose flags (bit 0: encrypted,
 *   bit 11: UTF-8 name; by default set for a string name only).
 * @returns {Buffer}
 */
export function rawZip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const entry of entries) {
    const name = typeof entry.name === 'string' ? Buffer.from(entry.name) : entry.name;
    const method = entry.method ?? 8;
    const body = method === 8 ? deflateRawSync(entry.data) : entry.data;
    const crc = crc32(entry.data) >>> 0;
    const flags = entry.flags ?? (typeof entry.name === 'string' ? 0x800 : 0);
    // Flags, method, time, date, CRC-32, sizes and name length: in this order in both headers.
    const fields = (header, at) => {
      header.writeUInt16LE(flags, at);
      header.writeUInt16LE(method, at + 2);
      header.writeUInt32LE(crc, at + 8);
      header.writeUInt32LE(body.length, at + 12);
      header.writeUInt32LE(entry.data.length, at + 16);
      header.writeUInt16LE(name.length, at + 20);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    fields(local, 6);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    fields(central, 8);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
