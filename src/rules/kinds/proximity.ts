// kind: proximity — a term counts only when one of the `near` words is within `window` tokens.
import type { z } from 'zod';
import { compilePhrase, firstAtOrAfter, PhraseSet } from '../phrases.js';
import { compileWordFields, findWords, requireWords, termLikeRule, wordFields } from './terms.js';
import type { RuleKind, RuleMatch } from './types.js';

/**
 * Hits (sorted by start, as PhraseSet.find gives them) asked for the first one near an anchor,
 * for every anchor of a passage: a binary search to the first hit that may be near, then a
 * walk over the few within reach, never a scan of all the hits for each anchor.
 */
export class NearIndex<T extends { start: number; end: number }> {
  private readonly starts: number[];
  private readonly longest: number;

  constructor(private readonly hits: T[]) {
    this.starts = hits.map((h) => h.start);
    this.longest = hits.reduce((max, h) => Math.max(max, h.end - h.start), 0);
  }

  nearestWithin(anchor: { start: number; end: number }, window: number): T | undefined {
    // A hit before the anchor ends after anchor.start - window, so starts after that minus its length.
    for (let k = firstAtOrAfter(this.starts, anchor.start - window - this.longest); k < this.hits.length; k++) {
      const h = this.hits[k];
      if (h.start >= anchor.end + window) break;
      if ((h.start >= anchor.end && h.start - anchor.end < window) || (h.end <= anchor.start && anchor.start - h.end < window)) return h;
    }
    return undefined;
  }
}

const schema = (zod: typeof z) =>
  requireWords(
    zod
      .object({
        kind: zod.literal('proximity'),
        ...wordFields(zod),
        near: zod.array(zod.string().min(1)).min(1),
        window: zod.number().int().min(1).max(50),
      })
      .strict(),
  );
export type ProximityRule = z.infer<ReturnType<typeof schema>>;

export const proximityKind: RuleKind<ProximityRule> = {
  schema: (zod) => schema(zod) as unknown as z.ZodType<ProximityRule>,
  needsCategory: true,
  compile(rule, context) {
    const compiled = compileWordFields(rule, context.language);
    const near = new PhraseSet(rule.near.map((t) => compilePhrase(t, 'stem', context.language)));
    const nearKeys = near.startKeys();
    const proximity = termLikeRule(rule, 'proximity', context, compiled, (ctx, starts, found) => {
      const anchors = findWords(compiled, ctx, starts);
      if (anchors.length === 0) return [];
      const neighbours = new NearIndex(near.find(ctx));
      const out: RuleMatch[] = [];
      for (const a of anchors) {
        const n = neighbours.nearestWithin(a, rule.window);
        if (n) out.push(found([a.phrase.source, n.phrase.source], a));
      }
      return out;
    });
    // A near word is needed too: a passage without one runs nothing.
    return nearKeys ? { ...proximity, alsoKeys: [nearKeys] } : proximity;
  },
};
