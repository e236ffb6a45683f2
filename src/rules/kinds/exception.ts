// kind: exception — phrases of boilerplate that cancel the matches they overlap.
import type { z } from 'zod';
import { compilePhrase, PhraseSet } from '../phrases.js';
import type { RuleKind } from './types.js';

const schema = (zod: typeof z) =>
  zod
    .object({
      kind: zod.literal('exception'),
      id: zod.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'a lower-case id like "fr.boilerplate.bidder"'),
      description: zod.string().optional(),
      enabled: zod.boolean().optional(),
      phrases: zod.array(zod.string().min(1)).min(1),
      // Titles (of a form, a statute…) longer than five words: matched like phrases.
      names: zod.array(zod.string().min(1)).min(1).optional(),
      categories: zod.array(zod.string()).min(1).optional(),
    })
    .strict();
export type ExceptionRule = z.infer<ReturnType<typeof schema>>;

export const exceptionKind: RuleKind<ExceptionRule> = {
  schema,
  needsCategory: false,
  compile(rule, { language }) {
    const phrases = new PhraseSet([...rule.phrases, ...(rule.names ?? [])].map((p) => compilePhrase(p, 'stem', language)));
    const categories = rule.categories ? new Set(rule.categories) : null;
    return {
      id: rule.id,
      kind: 'exception',
      language,
      startKeys: phrases.startKeys(),
      category: null,
      match: () => [],
      cancels: (ctx, starts) => phrases.find(ctx, starts).map((h) => ({ rule: rule.id, start: h.start, end: h.end, categories })),
    };
  },
};
