// pdf.js on the main thread (a small document read there, engine/in-process.ts) inflates with
// its own code: Node's DecompressionStream, zlib behind web streams, is hidden from it and its
// modules are never loaded; the pages are the same (src/extract/pdf.ts, hideDecompressionStream).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const SAMPLE = join(ROOT, 'fixtures/sample/cctp-observatoire-tranquillite.pdf');
const EXTRACTOR = pathToFileURL(join(ROOT, 'dist/extract/pdf.js')).href;

describe('pdf.js on the main thread', () => {
  it('inflates with its own code, without loading Node\'s web streams, and gives the same pages', () => {
    // A process of its own: nothing else has loaded modules in it.
    const script = `
      const compression = () => process.moduleLoadList.includes('NativeModule internal/webstreams/compression');
      const before = compression();
      import(process.argv[1]).then(async ({ extractPdfPages }) => {
        const doc = await extractPdfPages(new Uint8Array(require('node:fs').readFileSync(process.argv[2])));
        const pages = require('node:crypto').createHash('sha256').update(JSON.stringify(doc.pages)).digest('hex');
        console.log(JSON.stringify({ pages, before, after: compression(), global: typeof globalThis.DecompressionStream }));
      });`;
    const run = spawnSync(process.execPath, ['-e', script, EXTRACTOR, SAMPLE], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    // The pages' digest of test/unit/pdf-natives.test.ts: the same text, lines and coverage.
    expect(JSON.parse(run.stdout)).toEqual({ pages: 'f18da0de872db85b36eced0347dfc3c27da7140c30b36b4a3193f826e1f254c8', before: false, after: false, global: 'undefined' });
  });
});
