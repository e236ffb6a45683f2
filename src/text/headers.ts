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
  /**
   * Per page, the running lines left out there that are the first occurrence of their text
   * (page numbers aside): a line repeated on every page may carry content said nowhere else,
   * so the analysis reads it once.
   */
  firstByPage: Set<number>[];
}

/** Running lines never take more than this share of a page's lines: a page keeps a body. */
const MAX_RUNNING_SHARE = 0.5;

const NUMBERS = /\d+/g;

/**
 * Whether the numbers of a repeated line behave as a running line's do: from one occurrence to
 * the next, each number stays the same ("version du 12/03/2024") or moves with the page
 * ("page 3/25", "Fiche 3" on page 3, also when numbering restarts per part or skips a cover).
 * Template pages ("9 caméras", "4 caméras"…) repeat their wording with numbers of their own:
 * those lines are the content of each page, not a frame around it.
 */
function numbersFollowPages(occurrences: { page: number; text: string }[]): boolean {
  const values = occurrences.map((o) => (o.text.match(NUMBERS) ?? []).map(Number));
  if (values.length < 2 || values[0].length === 0) return true;
  let consistent = 0;
  for (let k = 1; k < values.length; k++) {
    const step = occurrences[k].page - occurrences[k - 1].page;
    if (values[k].every((v, slot) => v === values[k - 1][slot] || v - values[k - 1][slot] === step)) consistent++;
  }
  return consistent * 2 >= values.length - 1;
}

/** How far a line sits from the nearest edge of its page, in content order or by position. */
function edgeDistances(page: PageLines): number[] {
  const n = page.lines.length;
  const distance = page.lines.map((_, i) => Math.min(i, n - 1 - i));
  const byPosition = page.lines
    .map((line, index) => ({ index, baseline: line.baseline }))
    .filter((l) => typeof l.baseline === 'number')
    .sort((a, b) => b.baseline! - a.baseline!);
  byPosition.forEach(({ index }, rank) => {
    distance[index] = Math.min(distance[index], rank, byPosition.length - 1 - rank);
  });
  return distance;
}

/**
 * Finds running headers and footers: a line near the top or bottom of a page whose key (digits
 * masked, so "page 3/25" and "page 4/25" agree) recurs near the edges of at least half of the
 * pages with text (and at least two), with numbers that stay put or follow the page. Bare page
 * numbers at the edges always count. A page loses at most half of its lines to them, the
 * outermost first, so that short template pages whose every line repeats keep their body.
 */
export function findRunningLines(pages: PageLines[], depth = 3): RunningLines {
  const edges = pages.map((p) => edgeLines(p, depth));
  const pagesWithText = pages.filter((p) => p.lines.length > 0).length;
  const threshold = Math.max(2, Math.ceil(pagesWithText * 0.5));
  // The key of every edge line, computed once: [line index, key] per page.
  const keys = pages.map((page, p) => [...edges[p]].map((i) => [i, runningLineKey(page.lines[i].text)] as const));
  const occurrences = new Map<string, { page: number; text: string }[]>();
  keys.forEach((pageKeys, p) => {
    const seen = new Set<string>();
    for (const [i, key] of pageKeys) {
      if (seen.has(key)) continue;
      seen.add(key);
      const list = occurrences.get(key) ?? [];
      list.push({ page: p, text: pages[p].lines[i].text });
      occurrences.set(key, list);
    }
  });
  const isRepeated = new Map<string, boolean>();
  for (const [key, list] of occurrences) isRepeated.set(key, pagesWithText >= 2 && list.length >= threshold && numbersFollowPages(list));

  const linesByPage: Set<number>[] = [];
  const firstByPage: Set<number>[] = [];
  const texts: string[] = [];
  const reported = new Set<string>();
  pages.forEach((page, p) => {
    const running = new Set<number>();
    const first = new Set<number>();
    const distance = edgeDistances(page);
    const pageNumbers: number[] = [];
    const repeated: { index: number; key: string }[] = [];
    for (const [i, key] of keys[p]) {
      if (key.length === 0) continue;
      if (PAGE_NUMBER.test(key)) pageNumbers.push(i);
      else if (isRepeated.get(key)) repeated.push({ index: i, key });
    }
    // Page numbers carry nothing: always left out. The other running lines, outermost first,
    // within the page's budget.
    for (const i of pageNumbers) running.add(i);
    const budget = Math.floor(page.lines.length * MAX_RUNNING_SHARE);
    repeated.sort((a, b) => distance[a.index] - distance[b.index] || a.index - b.index);
    for (const { index } of repeated) {
      if (running.size >= budget) break;
      running.add(index);
    }
    for (const i of [...running].sort((a, b) => a - b)) {
      const key = runningLineKey(page.lines[i].text);
      if (!isRepeated.get(key) || reported.has(key)) continue;
      reported.add(key);
      texts.push(page.lines[i].text);
      if (!PAGE_NUMBER.test(key)) first.add(i);
    }
    linesByPage.push(running);
    firstByPage.push(first);
  });
  return { linesByPage, texts, firstByPage };
}
