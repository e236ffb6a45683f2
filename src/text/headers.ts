// Running headers and footers: lines repeated at the top or bottom of most pages.
import type { Line } from '../types.js';

interface PageLines {
  lines: (Line & { baseline?: number })[];
}

/** How a line is compared across pages: case-folded, digits masked, spaces collapsed. */
export function runningLineKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/\d+/g, '#')
    .replace(/\s+/g, ' ')
    .trim();
}

const PAGE_NUMBER = /^(?:-\s*)?(?:page|p\.?|seite)?\s*#\s*(?:(?:\/|sur|of|de)\s*#)?(?:\s*-)?$/;

/** Lines near the top or bottom of a page, in content order and by position. */
function edgeLines(page: PageLines, depth: number): Set<number> {
  const picked = new Set<number>();
  const n = page.lines.length;
  for (let i = 0; i < Math.min(depth, n); i++) {
    picked.add(i);
    picked.add(n - 1 - i);
  }
  const byPosition = page.lines
    .map((line, index) => ({ index, baseline: line.baseline }))
    .filter((l) => typeof l.baseline === 'number')
    .sort((a, b) => b.baseline! - a.baseline!);
  for (let i = 0; i < Math.min(depth, byPosition.length); i++) {
    picked.add(byPosition[i].index);
    picked.add(byPosition[byPosition.length - 1 - i].index);
  }
  return picked;
}

export interface RunningLines {
  /** Per page (same order as given), the indexes of lines that are running headers/footers. */
  linesByPage: Set<number>[];
  /** The distinct running lines, as first seen, for the report. */
  texts: string[];
}

/**
 * Finds running headers and footers: a line near the top or bottom of a page whose key (digits
 * masked, so "page 3/25" and "page 4/25" agree) recurs near the edges of at least half of the
 * pages with text (and at least two). Bare page numbers at the edges always count.
 */
export function findRunningLines(pages: PageLines[], depth = 3): RunningLines {
  const edges = pages.map((p) => edgeLines(p, depth));
  const pagesWithText = pages.filter((p) => p.lines.length > 0).length;
  const threshold = Math.max(2, Math.ceil(pagesWithText * 0.5));
  const counts = new Map<string, number>();
  // The key of every edge line, computed once: [line index, key] per page.
  const keys = pages.map((page, p) => [...edges[p]].map((i) => [i, runningLineKey(page.lines[i].text)] as const));
  for (const pageKeys of keys) {
    for (const key of new Set(pageKeys.map(([, key]) => key))) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const linesByPage: Set<number>[] = [];
  const texts: string[] = [];
  const reported = new Set<string>();
  pages.forEach((page, p) => {
    const running = new Set<number>();
    for (const [i, key] of keys[p]) {
      if (key.length === 0) continue;
      const repeated = pagesWithText >= 2 && (counts.get(key) ?? 0) >= threshold;
      if (repeated || PAGE_NUMBER.test(key)) {
        running.add(i);
        if (repeated && !reported.has(key)) {
          reported.add(key);
          texts.push(page.lines[i].text);
        }
      }
    }
    linesByPage.push(running);
  });
  return { linesByPage, texts };
}
