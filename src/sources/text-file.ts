// Small text inputs read whole (a review file, a report read back): opened once, checked to
// be a regular file of bounded size before a byte is read.
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';

/**
 * The UTF-8 text of `path`, or undefined when it does not exist. Any other problem throws an
 * Error whose message is the reason, for the caller to put after the file's name.
 */
export function readTextFileOnce(path: string, maxBytes: number): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new Error(`cannot read it (${code ?? err})`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new Error('not a regular file');
    if (stat.size > maxBytes) throw new Error(`${stat.size} bytes, more than the ${maxBytes} allowed here`);
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}
