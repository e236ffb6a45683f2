// pdf.js's legacy build replaces Array.prototype.push and JSON.parse/stringify with core-js
// versions for the whole thread; the extractor puts Node's own back, and the text stays the
// same byte for byte.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { extractPdfPages } from '../../src/extract/pdf.js';

const SAMPLE = join(import.meta.dirname, '../../fixtures/sample/cctp-observatoire-tranquillite.pdf');
// Taken before pdf.js is loaded (the extractor loads it on first use). Compared by identity:
// core-js makes its replacements print as `[native code]`.
const NATIVES = [Array.prototype.push, JSON.parse, JSON.stringify];

describe('the thread that runs pdf.js', () => {
  it('keeps the native push, JSON.parse and JSON.stringify, and extracts the sample as before', async () => {
    const doc = await extractPdfPages(new Uint8Array(readFileSync(SAMPLE)));
    // Loading pdf.js and its in-thread worker would have replaced all three.
    expect([Array.prototype.push, JSON.parse, JSON.stringify].map((f, i) => f === NATIVES[i])).toEqual([true, true, true]);
    // Digest of the pages (text, lines, labels, image coverage) computed by the extractor as it
    // was before the built-ins were restored. Changes only with PDF_EXTRACTOR_VERSION (images-2:
    // the last page, a scan under fewer than 20 characters, no longer carries its coverage).
    const digest = createHash('sha256').update(JSON.stringify(doc.pages)).digest('hex');
    expect(digest).toBe('f18da0de872db85b36eced0347dfc3c27da7140c30b36b4a3193f826e1f254c8');
  });

  it('leaves Node\'s Response unmade, and gives it pdf.js\'s bytes() once it is made', async () => {
    // In a fresh thread: this one's Response may have been made by anything before.
    const message = await extractInFreshThread(
      `const unmade = typeof Object.getOwnPropertyDescriptor(globalThis, 'Response').get === 'function';
       const bytes = await new Response('abc').bytes();
       parentPort.postMessage({ pages: doc.pages.length, unmade, bytes: [...bytes], isUint8Array: bytes instanceof Uint8Array });`,
    );
    expect(message).toEqual({ pages: 24, unmade: true, bytes: [97, 98, 99], isUint8Array: true });
  });

  // (the main thread hides it from pdf.js: test/cli/pdf-inflate.test.ts)
  it('leaves DecompressionStream to pdf.js in a worker (long documents: less memory held)', async () => {
    const message = await extractInFreshThread(`parentPort.postMessage({ pages: doc.pages.length, global: typeof globalThis.DecompressionStream });`);
    expect(message).toEqual({ pages: 24, global: 'function' });
  });
});

/**
 * Extracts the sample in a new worker thread (dist/'s extractor: a thread of its own has its
 * own globals) and runs `after` with the pages in `doc`; resolves to what `after` posts.
 */
async function extractInFreshThread(after: string): Promise<unknown> {
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     import(workerData.pdf).then(async ({ extractPdfPages }) => {
       const doc = await extractPdfPages(new Uint8Array(require('node:fs').readFileSync(workerData.sample)));
       ${after}
     });`,
    { eval: true, workerData: { pdf: pathToFileURL(join(import.meta.dirname, '../../dist/extract/pdf.js')).href, sample: SAMPLE } },
  );
  try {
    return await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  } finally {
    await worker.terminate();
  }
}
