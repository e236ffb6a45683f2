// kind: context — a clause frame that reverses the meaning of the matches inside it: a
// conditional GDPR clause ("si le traitement porte sur des données biométriques"), data sent
// out to others, a city posting on its own social-media accounts. Every match of the listed
// categories (all when omitted) inside the clause is cancelled.
import type { z } from 'zod';
import { compileFrame, frameFields } from './frame.js';
import type { RuleKind } from './types.js';

// A context is a clause of one sentence: the two-sentence fields of frames are not its own.
const contextFields = (zod: typeof z) => {
  const { span: _span, inbound: _inbound, ...fields } = frameFields(zod);
  return fields;
};
const schema = (zod: typeof z) =>
  zod
    .object({ kind: zod.literal('context'), categories: zod.array(zod.string()).min(1).optional(), ...contextFields(zod) })
    .strict();
export type ContextRule = z.infer<ReturnType<typeof schema>>;

export const contextKind: RuleKind<ContextRule> = {
  schema,
  needsCategory: false,
  compile(rule, { language }) {
    const frame = compileFrame(rule, language);
    const categories = rule.categories ? new Set(rule.categories) : null;
    return {
      id: rule.id,
      kind: 'context',
      language,
      startKeys: frame.startKeys,
      ...(frame.alsoKeys.length ? { alsoKeys: frame.alsoKeys } : {}),
      category: null,
      match: () => [],
      cancels: (ctx, starts) => frame.find(ctx, starts).map((f) => ({ rule: rule.id, start: f.clause.start, end: f.clause.end, categories })),
    };
  },
};
