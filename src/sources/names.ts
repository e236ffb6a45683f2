// File and entry names are bytes: what the report shows of them, and what the file system opens.

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Length of the valid UTF-8 sequence starting at `i`, or 0 when the byte there starts none. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i];
  const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  if (length <= 1 || i + length > bytes.length) return length === 1 ? 1 : 0;
  try {
    utf8.decode(bytes.subarray(i, i + length));
    return length;
  } catch {
    return 0;
  }
}

/** True when the bytes are valid UTF-8. */
export function isUtf8(bytes: Uint8Array): boolean {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * The name as text: UTF-8 where it is valid, each other byte shown as `\xE9`, so that a name
 * written in Latin-1 or CP1252 (French dossiers unpacked on Linux) stays visible and distinct.
 */
export function displayName(bytes: Uint8Array): string {
  if (isUtf8(bytes)) return utf8.decode(bytes);
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const length = sequenceLength(bytes, i);
    if (length === 0) {
      out += `\\x${bytes[i].toString(16).toUpperCase().padStart(2, '0')}`;
      i++;
    } else {
      out += utf8.decode(bytes.subarray(i, i + length));
      i += length;
    }
  }
  return out;
}

// IBM PC code page 437, bytes 0x80-0xFF: ZIP entry names without the UTF-8 flag (APPNOTE 4.4.4).
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

/** A ZIP entry name: UTF-8 when flagged so or valid as such (most tools write it), else CP437. */
export function zipEntryName(bytes: Uint8Array, utf8Flag: boolean): string {
  if (utf8Flag || isUtf8(bytes)) return displayName(bytes);
  let out = '';
  for (const b of bytes) out += b < 0x80 ? String.fromCharCode(b) : CP437_HIGH[b - 0x80];
  return out;
}
