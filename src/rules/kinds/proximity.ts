// kind: proximity — a term counts only when one of the `near` words is within `window` tokens.
import type { z } from 'zod';
import { compilePhrase, PhraseSet } from '../phrases.js';
import { compileWordFields, findWords, requireWords, termLikeRule, wordFields } from './terms.js';
import type { RuleKind, RuleMatch } from './types.js';

/** The first of `hits` that ends or starts fewer than `window` tokens from `anchor`. */
export function nearestWithin<T extends { start: number; end: number }>(hits: T[], anchor: { start: number; end: number }, window: number): T | undefined {
  return hits.find((h) => (h.start >= anchor.end && h.start - anchor.end < window) || (h.end <= anchor.start && anchor.start - h.end < window));
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
    return termLikeRule(rule, 'proximity', context, compiled, (ctx, starts, found) => {
      const anchors = findWords(compiled, ctx, starts);
      if (anchors.length === 0) return [];
      const neighbours = near.find(ctx);
      const out: RuleMatch[] = [];
      for (const a of anchors) {
        const n = nearestWithin(neighbours, a, rule.window);
        if (n) out.push(found([a.phrase.source, n.phrase.source], a));
      }
      return out;
    });
  },
};
