// kind: terms — words and phrases matched on stems, folded words or exact-case acronyms.
import { z } from 'zod';
import { compilePhrase, overlaps, PhraseSet, type Phrase } from '../phrases.js';
import type { CompiledRule, RuleKind, RuleMatch } from './types.js';
import type { Language } from '../../types.js';

const phraseList = z.array(z.string().min(1)).min(1);

export const wordFields = {
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'a lower-case id like "fr.drones.uav"'),
  description: z.string().optional(),
  category: z.string().optional(),
  enabled: z.boolean().optional(),
  terms: phraseList.optional(),
  exact: phraseList.optional(),
  acronyms: phraseList.optional(),
  unless: phraseList.optional(),
};

const schema = z
  .object({ kind: z.literal('terms'), ...wordFields })
  .strict()
  .refine((r) => r.terms || r.exact || r.acronyms, {
    message: 'expected at least one of terms, exact or acronyms',
    path: ['terms'],
  });
export type TermsRule = z.infer<typeof schema>;

export interface WordPhrases {
  words: PhraseSet;
  unless: PhraseSet;
}

/** Compiles the terms/exact/acronyms/unless fields shared by term-like kinds. */
export function compileWordFields(
  rule: { terms?: string[]; exact?: string[]; acronyms?: string[]; unless?: string[] },
  language: Language,
): WordPhrases {
  const phrases: Phrase[] = [
    ...(rule.terms ?? []).map((t) => compilePhrase(t, 'stem', language)),
    ...(rule.exact ?? []).map((t) => compilePhrase(t, 'word', language)),
    ...(rule.acronyms ?? []).map((t) => compilePhrase(t, 'acronym', language)),
  ];
  return {
    words: new PhraseSet(phrases),
    unless: new PhraseSet((rule.unless ?? []).map((t) => compilePhrase(t, 'stem', language))),
  };
}

/** Occurrences of the rule's words that no `unless` phrase overlaps, without nested duplicates. */
export function findWords(compiled: WordPhrases, ctx: Parameters<CompiledRule['match']>[0]) {
  const cancels = compiled.unless.phrases.length ? compiled.unless.find(ctx) : [];
  const hits = compiled.words.find(ctx).filter((h) => !cancels.some((c) => overlaps(c, h)));
  // Keep the longest hit where hits overlap ("flux vidéo" over "vidéo").
  const kept: typeof hits = [];
  for (const h of hits) if (!kept.some((k) => overlaps(k, h))) kept.push(h);
  return kept;
}

export const termsKind: RuleKind<TermsRule> = {
  schema: schema as unknown as z.ZodType<TermsRule>,
  needsCategory: true,
  compile(rule, { language, category }) {
    const compiled = compileWordFields(rule, language);
    const cat = category!;
    return {
      id: rule.id,
      kind: 'terms',
      language,
      startKeys: compiled.words.startKeys(),
      category: cat,
      match(ctx): RuleMatch[] {
        return findWords(compiled, ctx).map((h) => ({
          rule: rule.id,
          kind: 'terms',
          category: cat,
          start: h.start,
          end: h.end,
          words: [h.phrase.source],
        }));
      },
      cancels: () => [],
    };
  },
};
