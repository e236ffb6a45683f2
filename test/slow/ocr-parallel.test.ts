// OCR reads the pages of a document in parallel, never more than --jobs pipelines in the whole
// run, each tesseract single-threaded. Stand-ins for pdftoppm and tesseract (shell scripts on
// PATH) log when each page's reading starts and ends.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tenderscan } from '../helpers/cli.js';
import { rawPdf, stream } from '../helpers/raw-pdf.js';

/** A PDF of `pages` pages without text: every one goes to OCR with --ocr auto. */
function scanPdf(pages: number): Buffer {
  const kids = Array.from({ length: pages }, (_, i) => `${3 + 2 * i} 0 R`).join(' ');
  const objects: (string | Buffer)[] = ['<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`];
  for (let i = 0; i < pages; i++) objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${4 + 2 * i} 0 R >>`, stream(''));
  return rawPdf(objects);
}

describe('OCR in parallel', () => {
  it('reads pages of one document at once, at most --jobs in the whole run, one thread each', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tenderscan-ocr-parallel-'));
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    const log = join(dir, 'log');
    writeFileSync(join(bin, 'pdftoppm'), '#!/bin/sh\n[ "$1" = -v ] && exit 0\nfor a; do last=$a; done\n: > "$last.png"\n');
    const tsv = 'level\\tpage_num\\tblock_num\\tpar_num\\tline_num\\tword_num\\tleft\\ttop\\twidth\\theight\\tconf\\ttext\\n5\\t1\\t1\\t1\\t1\\t1\\t10\\t10\\t80\\t20\\t95\\tvidéoprotection\\n';
    writeFileSync(
      join(bin, 'tesseract'),
      `#!/bin/sh\n[ "$1" = --list-langs ] && { printf "List of available languages:\\neng\\nfra\\n"; exit 0; }\n` +
        `echo "start $(date +%s%N) $OMP_THREAD_LIMIT" >> "${log}"\nsleep 0.5\necho "end $(date +%s%N)" >> "${log}"\nprintf '${tsv}'\n`,
    );
    chmodSync(join(bin, 'pdftoppm'), 0o755);
    chmodSync(join(bin, 'tesseract'), 0o755);
    const six = join(dir, 'six.pdf');
    const two = join(dir, 'two.pdf');
    writeFileSync(six, scanPdf(6));
    writeFileSync(two, scanPdf(2));

    const r = tenderscan(['scan', six, two, '--ocr', 'auto', '--jobs', '3', '-f', 'json', '--no-cache'], { env: { PATH: `${bin}:${process.env.PATH}` } });
    const documents = JSON.parse(r.stdout).documents;
    expect(documents.map((d: { ocrPages: number[] }) => d.ocrPages)).toEqual([[1, 2, 3, 4, 5, 6], [1, 2]]);
    const events = readFileSync(log, 'utf8').trim().split('\n').map((line) => line.split(' '));
    expect(events.filter(([kind]) => kind === 'start').map((e) => e[2])).toEqual(Array(8).fill('1'));
    // The most pipelines running at one time: 3 needs pages of one document at once (two
    // workers reading a page each make 2), and it must never go over --jobs.
    let running = 0;
    let most = 0;
    for (const [kind] of events.sort((a, b) => Number(BigInt(a[1]) - BigInt(b[1])))) {
      running += kind === 'start' ? 1 : -1;
      most = Math.max(most, running);
    }
    expect(most).toBe(3);
  });
});
