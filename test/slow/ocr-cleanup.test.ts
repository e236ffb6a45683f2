// A document stopped during OCR takes its processes and temporary folders with it. Stand-ins
// for pdftoppm and tesseract (shell scripts on PATH) make the OCR hang as a huge scan would.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tenderscan } from '../helpers/cli.js';
import { rawPdf, stream } from '../helpers/raw-pdf.js';

/** Running, and not a zombie waiting to be reaped. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

describe('OCR of a document that times out', () => {
  it('kills pdftoppm and tesseract and removes their temporary folders', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tenderscan-ocr-kill-'));
    const bin = join(dir, 'bin');
    const temp = join(dir, 'tmp');
    mkdirSync(bin);
    mkdirSync(temp);
    const pids = join(dir, 'pids');
    // `-v` and `--list-langs` answer the start-up check; a page render hangs.
    writeFileSync(join(bin, 'pdftoppm'), `#!/bin/sh\n[ "$1" = -v ] && exit 0\necho $$ >> "${pids}"\nexec sleep 60\n`);
    writeFileSync(join(bin, 'tesseract'), '#!/bin/sh\nprintf "List of available languages:\\neng\\nfra\\n"\n');
    chmodSync(join(bin, 'pdftoppm'), 0o755);
    chmodSync(join(bin, 'tesseract'), 0o755);
    const scan = join(dir, 'scan.pdf');
    writeFileSync(
      scan,
      rawPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>', stream('')]),
    );

    const r = tenderscan(['scan', scan, '--ocr', 'auto', '--timeout', '3', '-f', 'json', '--no-cache'], { env: { PATH: `${bin}:${process.env.PATH}`, TMPDIR: temp } });
    expect(JSON.parse(r.stdout).documents[0].error.code).toBe('TIMEOUT');
    const started = readFileSync(pids, 'utf8').trim().split('\n').map(Number);
    expect(started.length).toBe(1);
    expect(started.filter(alive)).toEqual([]);
    // The private copy of the PDF and the render folder are gone.
    expect(existsSync(temp) && readdirSync(temp).filter((n) => n.startsWith('tenderscan-ocr-'))).toEqual([]);
  });
});
