// kind: proximity — a term counts only when one of the `near` words is within `window` tokens.
import type { z } from 'zod';
import { compilePhrase, PhraseSet } from '../phrases.js';
import { compileWordFields, findWords, NEEDS_WORDS, wordFields } from './terms.js';
import type { RuleKind, RuleMatch } from './types.js';

const schema = (zod: typeof z) =>
  zod
    .object({
      kind: zod.literal('proximity'),
      ...wordFields(zod),
      near: zod.array(zod.string().min(1)).min(1),
      window: zod.number().int().min(1).max(50),
    })
    .strict()
    .refine(NEEDS_WORDS.check, { message: NEEDS_WORDS.message, path: NEEDS_WORDS.path });
export type ProximityRule = z.infer<ReturnType<typeof schema>>;

export const proximityKind: RuleKind<ProximityRule> = {
  schema: (zod) => schema(zod) as unknown as z.ZodType<ProximityRule>,
  needsCategory: true,
  compile(rule, { language, category }) {
    const compiled = compileWordFields(rule, language);
    const near = new PhraseSet(rule.near.map((t) => compilePhrase(t, 'stem', language)));
    const cat = category!;
    return {
      id: rule.id,
      kind: 'proximity',
      language,
      startKeys: compiled.words.startKeys(),
      category: cat,
      match(ctx, starts): RuleMatch[] {
        const anchors = findWords(compiled, ctx, starts);
        if (anchors.length === 0) return [];
        const neighbours = near.find(ctx);
        const out: RuleMatch[] = [];
        for (const a of anchors) {
          const n = neighbours.find(
            (h) => (h.start >= a.end && h.start - a.end < rule.window) || (h.end <= a.start && a.start - h.end < rule.window),
          );
          if (n) out.push({ rule: rule.id, kind: 'proximity', category: cat, start: a.start, end: a.end, words: [a.phrase.source, n.phrase.source] });
        }
        return out;
      },
      cancels: () => [],
    };
  },
};
