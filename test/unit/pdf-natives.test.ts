// pdf.js's legacy build replaces Array.prototype.push and JSON.parse/stringify with core-js
// versions for the whole thread; the extractor puts Node's own back, and the text stays the
// same byte for byte.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
});
