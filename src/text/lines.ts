// Rebuilds reading lines from positioned text runs (pdfjs text items, OCR words…).
import type { Line } from '../types.js';

/** A run of text with its baseline origin and writing direction, as text extractors give it. */
export interface TextRun {
  text: string;
  x: number;
  /** Baseline origin, in PDF user space (y grows upwards). */
  y: number;
  /** Advance of the run along its writing direction. */
  width: number;
  fontSize: number;
  /** Writing direction (unit vector); (1, 0) for ordinary horizontal text. */
  dirX: number;
  dirY: number;
  /** The extractor believes the run ends its line. */
  endsLine: boolean;
}

export interface PositionedLine extends Line {
  /** Position across the writing direction (the baseline), for header/footer detection. */
  baseline: number;
}

export interface RebuiltPage {
  text: string;
  lines: PositionedLine[];
  /** With `track`: where each run's text landed in `text` (index into the runs given). */
  spans?: RunSpan[];
}

/** A run's text at [start, end) of the page text. */
export interface RunSpan {
  run: number;
  start: number;
  end: number;
}

interface LineBuilder {
  parts: string[];
  /** The run each part came from (-1 for a space put between runs). */
  sources: number[];
  across: number;
  endAlong: number;
  size: number;
  dirX: number;
  dirY: number;
}

/**
 * Joins runs into lines using geometry first: a run stays on the current line when its
 * baseline is within half a font size of the line's and it does not jump back; a space is put
 * where the gap between runs is wider than a fifth of the font size. `endsLine` breaks the
 * line unless the next run plainly continues on the same baseline (scanner OCR layers flag
 * every word as a line end).
 */
export function rebuildLines(runs: TextRun[], track = false): RebuiltPage {
  const built: LineBuilder[] = [];
  let current: LineBuilder | undefined;
  let breakHinted = false;
  for (let index = 0; index < runs.length; index++) {
    const run = runs[index];
    const size = run.fontSize > 0 ? run.fontSize : 10;
    if (run.text.length > 0) {
      // Position relative to the current line's direction (or the run's own for a new line).
      const ux = current?.dirX ?? run.dirX;
      const uy = current?.dirY ?? run.dirY;
      const along = run.x * ux + run.y * uy;
      const across = -run.x * uy + run.y * ux;
      let sameLine = false;
      let gap = 0;
      if (current) {
        const tolerance = Math.max(current.size, size) * 0.5;
        gap = along - current.endAlong;
        const sameDirection = Math.abs(run.dirX * ux + run.dirY * uy - 1) < 0.05;
        sameLine =
          sameDirection &&
          Math.abs(across - current.across) <= tolerance &&
          gap > -size * 1.5 &&
          (!breakHinted || gap < size * 3);
      }
      if (!sameLine || !current) {
        current = { parts: [], sources: [], across, endAlong: along, size, dirX: run.dirX, dirY: run.dirY };
        built.push(current);
      } else {
        const last = current.parts[current.parts.length - 1] ?? '';
        const wantsSpace = gap > size * 0.2 || breakHinted;
        if (wantsSpace && !/\s$/u.test(last) && !/^\s/u.test(run.text)) {
          current.parts.push(' ');
          current.sources.push(-1);
        }
      }
      current.parts.push(run.text);
      current.sources.push(index);
      current.endAlong = along + run.width;
      current.size = Math.max(current.size, size);
      breakHinted = false;
    }
    if (run.endsLine) breakHinted = true;
  }

  const lines: PositionedLine[] = [];
  const spans: RunSpan[] = [];
  let offset = 0;
  for (const entry of built) {
    const text = entry.parts.join('').replace(/\s+$/u, '');
    if (text.trim().length === 0) continue;
    lines.push({ number: lines.length + 1, start: offset, end: offset + text.length, text, baseline: entry.across });
    if (track) {
      let at = offset;
      entry.parts.forEach((part, k) => {
        const end = Math.min(at + part.length, offset + text.length);
        if (entry.sources[k] >= 0 && end > at) spans.push({ run: entry.sources[k], start: at, end });
        at += part.length;
      });
    }
    offset += text.length + 1;
  }
  return { text: lines.map((l) => l.text).join('\n'), lines, ...(track ? { spans } : {}) };
}
