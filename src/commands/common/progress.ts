// Progress on stderr, on a terminal only: documents done/total, pages/s, ETA, current file.
import type { BatchProgress } from '../../engine/batch.js';
import { escapeTerminal } from '../../report/escape.js';

export class ProgressLine {
  private shown = false;
  private lastDraw = 0;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    enabled: boolean,
    private readonly active = enabled && stream.isTTY === true,
  ) {}

  update(p: BatchProgress): void {
    if (!this.active) return;
    const now = Date.now();
    if (now - this.lastDraw < 100 && p.done < p.total) return;
    this.lastDraw = now;
    const seconds = p.elapsedMs / 1000;
    const rate = seconds > 0 ? p.pages / seconds : 0;
    const eta = p.done > 0 ? Math.round((seconds / p.done) * (p.total - p.done)) : undefined;
    const etaText = eta === undefined ? '' : ` · ETA ${Math.floor(eta / 60)}:${String(eta % 60).padStart(2, '0')}`;
    // The file name is shown escaped: a name holding ESC or a newline must not drive the terminal.
    const name = p.current ? ` · ${escapeTerminal(p.current)}` : '';
    const ocr = p.ocrPages > 0 ? ` · ${p.ocrPages} OCR pages` : '';
    const line = `[${p.done}/${p.total}] ${rate.toFixed(1)} pages/s${ocr}${etaText}${name}`;
    const width = this.stream.columns ?? 100;
    this.stream.write(`\r${line.slice(0, width - 1).padEnd(Math.min(width - 1, line.length))}\u001b[K`);
    this.shown = true;
  }

  clear(): void {
    if (this.shown) this.stream.write('\r\u001b[K');
    this.shown = false;
  }
}
