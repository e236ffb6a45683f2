// Whether the Debian tools some tests need are installed (.ci/run installs them).
import { execFileSync } from 'node:child_process';

function runs(command: string, arg: string): boolean {
  try {
    execFileSync(command, [arg], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const ocrToolsPresent = runs('tesseract', '--version') && runs('pdftoppm', '-v');
