// pdf.js's legacy build loads @napi-rs/canvas at import; the extractor holds it back until a
// page is drawn (--snapshots), without a word from pdf.js, and drawing then uses the canvas.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { AffineMatrix, extractPdfPages } from '../../src/extract/pdf.js';
import { analyseFile } from '../../src/engine/document.js';
import { loadRuleSet } from '../../src/rules/load.js';

const SAMPLE = join(import.meta.dirname, '../../fixtures/sample/cctp-observatoire-tranquillite.pdf');
const require = createRequire(import.meta.url);
const canvasLoaded = () => Object.keys(require.cache).some((file) => file.includes('/@napi-rs/canvas/'));

describe('pdf.js and the canvas', () => {
  it('reads text without loading the canvas, and pdf.js prints nothing about it', async () => {
    const printed = [vi.spyOn(console, 'log'), vi.spyOn(console, 'warn'), vi.spyOn(console, 'error')];
    const stderr = vi.spyOn(process.stderr, 'write');
    expect(canvasLoaded()).toBe(false);
    const doc = await extractPdfPages(new Uint8Array(readFileSync(SAMPLE)));
    expect(doc.pages.length).toBeGreaterThan(20);
    expect(canvasLoaded()).toBe(false);
    for (const spy of [...printed, stderr]) expect(spy).not.toHaveBeenCalled();
    vi.restoreAllMocks();
  });

  it('draws the snapshots of findings with the canvas once they are asked', async () => {
    const result = await analyseFile(SAMPLE, loadRuleSet(), { snapshots: { maxWidth: 600, max: 3 } });
    expect(result.snapshots).toHaveLength(3);
    for (const shot of result.snapshots!) expect(Buffer.from(shot.png.subarray(0, 8)).toString('hex')).toBe('89504e470d0a1a0a');
    expect(canvasLoaded()).toBe(true);
    const canvas = require('@napi-rs/canvas') as { DOMMatrix: unknown; Path2D: unknown; ImageData: unknown };
    expect([globalThis.DOMMatrix, globalThis.Path2D, globalThis.ImageData]).toEqual([canvas.DOMMatrix, canvas.Path2D, canvas.ImageData]);
  });

  it('the stand-in DOMMatrix computes what the canvas one does', () => {
    const Real = (require('@napi-rs/canvas') as { DOMMatrix: new (init?: number[]) => AffineMatrix }).DOMMatrix;
    const pick = (m: AffineMatrix) => [m.a, m.b, m.c, m.d, m.e, m.f];
    for (const init of [undefined, [2, 0.5, -1, 3, 10, -4]]) {
      const ours = new AffineMatrix(init).scaleSelf(1 / 7, -1 / 9).translateSelf(3, -9);
      const theirs = new Real(init).scaleSelf(1 / 7, -1 / 9).translateSelf(3, -9);
      pick(ours).forEach((v, i) => expect(v).toBeCloseTo(pick(theirs)[i], 12));
    }
  });
});
