// The order in which --snapshots spends its budget: a document's images by category rounds,
// documents taking turns, every document's first image before anything else.
import { describe, expect, it } from 'vitest';
import { compareShotRank, rankInDocument } from '../../src/extract/snapshot-order.js';

describe('the order of a shared budget', () => {
  it('ranks a document by category rounds, and documents by turns', () => {
    const shots = [
      { page: 1, start: 0, category: 'video' }, { page: 2, start: 0, category: 'video' }, { page: 3, start: 0, category: 'drones' }, { page: 4, start: 0, category: 'video' },
    ];
    expect(rankInDocument(shots).map((r) => [r.item.page, r.round, r.turn])).toEqual([[3, 0, 0], [1, 0, 1], [2, 1, 0], [4, 2, 0]]);
    const a = rankInDocument(shots).map((r) => ({ ...r, document: 0, name: `a${r.item.page}` }));
    const b = rankInDocument([{ page: 9, start: 0, category: 'social' }]).map((r) => ({ ...r, document: 1, name: `b${r.item.page}` }));
    expect([...a, ...b].sort(compareShotRank).map((x) => x.name)).toEqual(['a3', 'b9', 'a1', 'a2', 'a4']);
  });
});

