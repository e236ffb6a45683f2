// Which passage images a budget keeps: shared across documents and categories, so that every
// document with findings gets an image, then every category of every document, before any
// document gets a second image of one category. Pure: the per-document render and the
// report-wide budget use the same order.

/** What the order needs of an image: where it is, and the category of the finding it shows. */
export interface ShotPlace {
  page: number;
  start: number;
  category: string;
}

/**
 * Each image's rank inside its document: `round` (its place among the images of its category)
 * and `turn` (its category's place within the round, categories in id order). Round 0, turn 0
 * is the document's first image. Items come back in that order.
 */
export function rankInDocument<T extends ShotPlace>(items: T[]): { item: T; round: number; turn: number }[] {
  const byCategory = new Map<string, T[]>();
  for (const item of [...items].sort((a, b) => a.page - b.page || a.start - b.start)) {
    byCategory.set(item.category, [...(byCategory.get(item.category) ?? []), item]);
  }
  const categories = [...byCategory.keys()].sort();
  const ranked: { item: T; round: number; turn: number }[] = [];
  for (let round = 0; ranked.length < items.length; round++) {
    let turn = 0;
    for (const category of categories) {
      const item = byCategory.get(category)![round];
      if (item) ranked.push({ item, round, turn: turn++ });
    }
  }
  return ranked;
}

/**
 * The order of the report-wide budget: every document's first image, then round by round
 * (the first image of each category, then the second…), taking turns across documents
 * (input order) within a round.
 */
export function compareShotRank(a: { round: number; turn: number; document: number }, b: { round: number; turn: number; document: number }): number {
  const first = (x: typeof a) => (x.round === 0 && x.turn === 0 ? 0 : 1);
  return first(a) - first(b) || a.round - b.round || a.turn - b.turn || a.document - b.document;
}
