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
 * A backslash is shown doubled (`\\`): a file literally named `caf\xE9.rtf` is not the one
 * whose name holds the byte 0xE9.
 */
export function displayName(bytes: Uint8Array): string {
  if (isUtf8(bytes)) return escapeBackslashes(utf8.decode(bytes));
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const length = sequenceLength(bytes, i);
    if (length === 0) {
      out += `\\x${bytes[i].toString(16).toUpperCase().padStart(2, '0')}`;
      i++;
    } else {
      out += escapeBackslashes(utf8.decode(bytes.subarray(i, i + length)));
      i += length;
    }
  }
  return out;
}

const escapeBackslashes = (text: string) => (text.includes('\\') ? text.replaceAll('\\', '\\\\') : text);

/** What separates an archive from an entry in a document's path: "dossier.zip!/CCTP/cctp.pdf". */
export const ARCHIVE_SEPARATOR = '!/';

/**
 * A path as the report shows it: displayName's escapes, and "!/" that a real name holds (a
 * folder "d.zip!", an entry named "a.zip!/CCTP.rtf") written "\\!/", so that only the
 * separator reads as one: no file or entry takes the path of an archive's entry.
 */
export function displayPath(bytes: Uint8Array): string {
  return escapeSeparators(displayName(bytes));
}

/** A shown name (displayName) with the "!/" it holds escaped, to be put in a document's path. */
export const escapeSeparators = (shown: string) => (shown.includes(ARCHIVE_SEPARATOR) ? shown.replaceAll(ARCHIVE_SEPARATOR, '\\!/') : shown);

/** A document's path cut at its archive separators (escaped ones are not): the file, then each entry. */
export function splitArchivePath(path: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < path.length; i++) {
    if (path[i] === '\\') i++;
    else if (path[i] === '!' && path[i + 1] === '/') {
      parts.push(path.slice(start, i));
      start = i + 2;
      i++;
    }
  }
  parts.push(path.slice(start));
  return parts;
}

/** The bytes a shown name stands for (displayPath undone): `\xE9` is the byte, `\\` a backslash, `\!` a "!". */
export function nameBytes(shown: string): Buffer {
  if (!shown.includes('\\')) return Buffer.from(shown);
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < shown.length; i++) {
    if (shown[i] !== '\\') continue;
    parts.push(Buffer.from(shown.slice(start, i)));
    const hex = /^x([0-9A-F]{2})/.exec(shown.slice(i + 1, i + 4));
    if (hex) {
      parts.push(Buffer.from([parseInt(hex[1], 16)]));
      i += 3;
    } else {
      parts.push(Buffer.from(shown[i + 1] ?? ''));
      i += 1;
    }
    start = i + 1;
  }
  parts.push(Buffer.from(shown.slice(start)));
  return Buffer.concat(parts);
}

// IBM PC code page 437, bytes 0x80-0xFF: ZIP entry names without the UTF-8 flag (APPNOTE 4.4.4).
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

/** A ZIP entry name: UTF-8 when flagged so or valid as such (most tools write it), else CP437. */
export function zipEntryName(bytes: Uint8Array, utf8Flag: boolean): string {
  if (utf8Flag || isUtf8(bytes)) return displayName(bytes);
  let out = '';
  for (const b of bytes) out += b < 0x80 ? String.fromCharCode(b) : CP437_HIGH[b - 0x80];
  return escapeBackslashes(out);
}
