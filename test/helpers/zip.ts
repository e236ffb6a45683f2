// ZIP archives written byte by byte (raw-zip.mjs), typed for the TypeScript tests.
import { rawZip as writeRawZip } from './raw-zip.mjs';

export interface RawZipEntry {
  name: string | Buffer;
  data: Buffer;
  /** 0 stored, 8 deflate (default). */
  method?: 0 | 8;
  /** General purpose flags (bit 0: encrypted, bit 11: UTF-8 name). */
  flags?: number;
}

export function rawZip(entries: RawZipEntry[]): Buffer {
  return writeRawZip(entries);
}
