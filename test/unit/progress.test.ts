// Progress goes to a terminal only, on one line: documents, pages/s, OCR pages, ETA, file.
import { describe, expect, it } from 'vitest';
import { ProgressLine } from '../../src/commands/common/progress.js';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { written, stream: { isTTY, columns: 120, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream };
}

describe('the progress line', () => {
  it('shows documents done/total, pages/s, OCR pages apart, ETA and the current file on a terminal', () => {
    const t = stream(true);
    const line = new ProgressLine(t.stream, true);
    line.update({ done: 2, total: 4, pages: 50, ocrPages: 3, elapsedMs: 10_000, current: 'b.pdf' });
    expect(t.written.join('')).toContain('[2/4] 5.0 pages/s · 3 OCR pages · ETA 0:10 · b.pdf');
    line.clear();
    expect(t.written[t.written.length - 1]).toBe('\r\u001b[K');
  });

  it('shows a file name that holds controls with visible escapes', () => {
    const t = stream(true);
    new ProgressLine(t.stream, true).update({ done: 1, total: 2, pages: 1, ocrPages: 0, elapsedMs: 1, current: 'a\u001b]0;x\u0007\nb\u202e.pdf' });
    const written = t.written.join('');
    expect(written).toContain('· a\\x1b]0;x\\x07\\nb\\u202e.pdf');
    // Only the line's own carriage return and erase-line sequence are raw.
    expect(written.replace(/^\r/, '').replace(/\u001b\[K$/, '')).not.toMatch(/[\u0000-\u001f\u202e]/);
  });

  it('writes nothing when stderr is not a terminal, or with --quiet', () => {
    for (const [tty, enabled] of [[false, true], [true, false]] as const) {
      const t = stream(tty);
      const line = new ProgressLine(t.stream, enabled);
      line.update({ done: 1, total: 1, pages: 1, ocrPages: 0, elapsedMs: 1, current: 'a.pdf' });
      line.clear();
      expect(t.written).toEqual([]);
    }
  });
});
