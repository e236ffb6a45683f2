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
    // was before the built-ins were restored. Changes only with PDF_EXTRACTOR_VERSION.
    const digest = createHash('sha256').update(JSON.stringify(doc.pages)).digest('hex');
    expect(digest).toBe('81a922643a2b07fb6c3ab4bbf7096107f42bb0317def4de011cc1bd71cd0cff4');
  });
});
