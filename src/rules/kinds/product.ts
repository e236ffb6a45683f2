// kind: product — a named product or vendor stands for its techniques, but only where the
// passage speaks of its data or use: a name counts when one of `near` is within `window` tokens.
// Contract boilerplate ("access to the Flock Services", "Axon Enterprise, Inc. shall indemnify")
// names the vendor without such a word and gives no finding; a name followed by its legal form
// ("Genetec, Inc.") is the contracting company, whatever words are near.
import type { z } from 'zod';
import { compilePhrase, PhraseSet, type MatchContext } from '../phrases.js';
import { NearIndex } from './proximity.js';
import { compileWordFields, findWords, requireWords, wordFields } from './terms.js';
import type { RuleKind, RuleMatch } from './types.js';

const DEFAULT_WINDOW = 8;

/**
 * A company's legal form after its name ("Genetec, Inc.", "Flock Group Inc.", "Axon Enterprise,
 * Inc.", « Idemia SAS »): the name is the contracting company, not its product.
 */
const LEGAL_FORM = /^(?:inc|incorporated|llc|ltd|limited|corp|corporation|plc|gmbh|ag|bv|nv|sas|sasu|sarl|sa)$/;
/** Words that may stand between a name and its legal form ("Flock Group Inc.", "Axon Enterprise, Inc."). */
const LEGAL_FORM_REACH = 2;

/** Whether the company's legal form follows the name that ends at token `end`. */
function legalFormAfter(tokens: MatchContext['tokens'], end: number): boolean {
  for (let k = end; k < Math.min(tokens.length, end + LEGAL_FORM_REACH + 1); k++) if (LEGAL_FORM.test(tokens[k].text)) return true;
  return false;
}

const schema = (zod: typeof z) => {
  // `excluded` is for terms and proximity rules: a product stands for its technique where named
  const { category: _category, description: _description, excluded: _excluded, ...fields } = wordFields(zod);
  return requireWords(
    zod
      .object({
        kind: zod.literal('product'),
        ...fields,
        description: zod.string().min(1),
        source: zod.string().regex(/^https?:\/\/\S+$/, 'a public URL (http:// or https://) that describes the product'),
        categories: zod.array(zod.string()).min(1),
        near: zod.array(zod.string().min(1)).min(1),
        window: zod.number().int().min(1).max(50).optional(),
      })
      .strict(),
  );
};
export type ProductRule = z.infer<ReturnType<typeof schema>>;

export const productKind: RuleKind<ProductRule> = {
  schema: (zod) => schema(zod) as unknown as z.ZodType<ProductRule>,
  // The categories are the rule's own list (checked by the loader), not one `category`.
  needsCategory: false,
  compile(rule, { language }) {
    const compiled = compileWordFields(rule, language);
    const near = new PhraseSet(rule.near.map((t) => compilePhrase(t, 'stem', language)));
    const window = rule.window ?? DEFAULT_WINDOW;
    const product = { description: rule.description, source: rule.source };
    return {
      id: rule.id,
      kind: 'product',
      language,
      startKeys: compiled.words.startKeys(),
      category: rule.categories[0],
      match(ctx, starts) {
        const names = findWords(compiled, ctx, starts);
        if (names.length === 0) return [];
        const neighbours = new NearIndex(near.find(ctx));
        for (const a of names) {
          if (legalFormAfter(ctx.tokens, a.end)) continue;
          const n = neighbours.nearestWithin(a, window);
          // One mention with a use word is enough: the passage gives one finding per category.
          if (n) {
            return rule.categories.map(
              (category): RuleMatch => ({ rule: rule.id, kind: 'product', category, start: a.start, end: a.end, words: [a.phrase.source, n.phrase.source], product }),
            );
          }
        }
        return [];
      },
      cancels: () => [],
    };
  },
};
