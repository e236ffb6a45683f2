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
  /** Indexes into `parts` where a table cell starts (after a gap wider than CELL_GAP). */
  cellStarts: number[];
  /** The last runs were spaces wider than CELL_GAP. */
  wideBlank: boolean;
  /** The run each part came from (-1 for a space put between runs). */
  sources: number[];
  across: number;
  endAlong: number;
  size: number;
  dirX: number;
  dirY: number;
}

/**
 * A gap wider than this many font sizes between two runs of one line separates table cells
 * (or columns): word spaces are a third of the size, the widest justified spaces about one.
 */
const CELL_GAP = 2;

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
        current = { parts: [], sources: [], cellStarts: [], wideBlank: false, across, endAlong: along, size, dirX: run.dirX, dirY: run.dirY };
        built.push(current);
      } else {
        const last = current.parts[current.parts.length - 1] ?? '';
        const wantsSpace = gap > size * 0.2 || breakHinted;
        if (wantsSpace && !/\s$/u.test(last) && !/^\s/u.test(run.text)) {
          current.parts.push(' ');
          current.sources.push(-1);
        }
        // A wide gap, or a wide run of spaces before this run (some producers fill the gap
        // between two cells with one), starts a cell.
        const blank = run.text.trim().length === 0;
        if (!blank && (gap > Math.max(current.size, size) * CELL_GAP || current.wideBlank)) current.cellStarts.push(current.parts.length);
        current.wideBlank = blank ? current.wideBlank || run.width > size * CELL_GAP : false;
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
    const line: PositionedLine = { number: lines.length + 1, start: offset, end: offset + text.length, text, baseline: entry.across };
    const cells = cellSpans(entry, text.length, offset);
    if (cells) line.cells = cells;
    lines.push(line);
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

/** The cells of a line with wide gaps (page-text spans, columns numbered from 1), or undefined. */
function cellSpans(entry: LineBuilder, length: number, offset: number): Line['cells'] {
  if (entry.cellStarts.length === 0) return undefined;
  const bounds: number[] = [0];
  let at = 0;
  let next = 0;
  entry.parts.forEach((part, k) => {
    if (entry.cellStarts[next] === k) {
      bounds.push(at);
      next++;
    }
    at += part.length;
  });
  bounds.push(length);
  const cells: NonNullable<Line['cells']> = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const raw = entry.parts.join('').slice(bounds[k], Math.min(bounds[k + 1], length));
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed) cells.push({ start: offset + bounds[k] + lead, end: offset + bounds[k] + lead + trimmed.length, column: String(cells.length + 1) });
  }
  return cells.length > 1 ? cells : undefined;
}
