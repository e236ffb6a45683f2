// In the slow project: it loads the canvas, which the unit files sharing a worker must not see.
// A thread that evaluates the extractor twice (a test runner sharing one worker between files,
// as this project's unit tests do) keeps one pdf.js, which holds the first copy's canvas
// placeholders: the second copy must still put the canvas in their place before drawing.
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const SAMPLE = join(import.meta.dirname, '../../fixtures/sample/cctp-observatoire-tranquillite.pdf');

describe('the extractor evaluated twice in one thread', () => {
  it('draws snapshots with the second copy after the first loaded pdf.js', async () => {
    const first = await import('../../src/extract/pdf.js');
    await first.extractPdfPages(new Uint8Array((await import('node:fs')).readFileSync(SAMPLE)));
    vi.resetModules();
    const { analyseFile } = await import('../../src/engine/document.js');
    const { loadRuleSet } = await import('../../src/rules/load.js');
    const result = await analyseFile(SAMPLE, loadRuleSet(), { snapshots: { maxWidth: 400, max: 2 } });
    expect(result.snapshots).toHaveLength(2);
  });
});
