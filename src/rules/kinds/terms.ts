// kind: terms — words and phrases matched on stems, folded words or exact-case acronyms.
import type { z } from 'zod';
import { compilePhrase, overlaps, PhraseSet, SpanIndex, type MatchContext, type Phrase, type PhraseHit } from '../phrases.js';
import type { CompiledRule, RuleKind, RuleMatch } from './types.js';
import type { Language } from '../../types.js';

/** The fields shared by term-like kinds. */
export function wordFields(zod: typeof z) {
  const phraseList = zod.array(zod.string().min(1)).min(1);
  return {
    id: zod.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'a lower-case id like "fr.drones.uav"'),
    description: zod.string().optional(),
    category: zod.string().optional(),
    enabled: zod.boolean().optional(),
    terms: phraseList.optional(),
    exact: phraseList.optional(),
    acronyms: phraseList.optional(),
    // Proper names (statutes, files, products, institutions), matched like terms: the only
    // phrases that may have more than five words (see term-length.ts).
    names: phraseList.optional(),
    unless: phraseList.optional(),
    yields: zod.array(zod.string()).min(1).optional(),
    // Words that name a category only in an exclusion ("no audio is recorded", « mais pas les
    // sons »): alone they are too common to count, excluded they say what the system is not.
    excluded: zod.boolean().optional(),
  };
}

/** A term-like rule needs something to look for. */
export function requireWords<T extends z.ZodType<{ terms?: string[]; exact?: string[]; acronyms?: string[]; names?: string[] }>>(schema: T) {
  return schema.refine((r) => Boolean(r.terms || r.exact || r.acronyms || r.names), {
    message: 'expected at least one of terms, exact, acronyms or names',
    path: ['terms'],
  });
}

const schema = (zod: typeof z) => requireWords(zod.object({ kind: zod.literal('terms'), ...wordFields(zod) }).strict());
export type TermsRule = z.infer<ReturnType<typeof schema>>;

export interface WordPhrases {
  words: PhraseSet;
  unless: PhraseSet;
}

/** Compiles the terms/names/exact/acronyms/unless fields shared by term-like kinds. */
export function compileWordFields(
  rule: { terms?: string[]; names?: string[]; exact?: string[]; acronyms?: string[]; unless?: string[] },
  language: Language,
): WordPhrases {
  const phrases: Phrase[] = [
    ...(rule.terms ?? []).map((t) => compilePhrase(t, 'stem', language)),
    ...(rule.names ?? []).map((t) => compilePhrase(t, 'stem', language)),
    ...(rule.exact ?? []).map((t) => compilePhrase(t, 'word', language)),
    ...(rule.acronyms ?? []).map((t) => compilePhrase(t, 'acronym', language)),
  ];
  return {
    words: new PhraseSet(phrases),
    unless: new PhraseSet((rule.unless ?? []).map((t) => compilePhrase(t, 'stem', language))),
  };
}

/**
 * Occurrences of the rule's words that no `unless` phrase overlaps, without nested duplicates.
 * `unlessHits`, when given, finds the `unless` phrases once for several calls (a frame's groups share them).
 */
export function findWords(compiled: WordPhrases, ctx: Parameters<CompiledRule['match']>[0], starts?: readonly number[], unlessHits?: () => PhraseHit[]) {
  const found = compiled.words.find(ctx, starts);
  if (found.length === 0) return found;
  const cancels = unlessHits ? unlessHits() : compiled.unless.phrases.length ? compiled.unless.find(ctx) : [];
  const cancelled = cancels.length ? new SpanIndex(cancels) : null;
  const hits = cancelled ? found.filter((h) => !cancelled.overlapsAny(h)) : found;
  // Keep the longest hit where hits overlap ("flux vidéo" over "vidéo"). Hits come by start,
  // longest first, and the kept ones do not overlap: only the last kept can reach a new hit.
  const kept: typeof hits = [];
  for (const h of hits) {
    const last = kept[kept.length - 1];
    if (!last || !overlaps(last, h)) kept.push(h);
  }
  return kept;
}

/** A compiled term-like rule: it starts where its words do, and cancels nothing. */
export function termLikeRule(
  rule: { id: string; yields?: string[]; excluded?: boolean },
  kind: string,
  context: { language: Language; category: string | null },
  compiled: WordPhrases,
  match: (ctx: MatchContext, starts: readonly number[] | undefined, found: (words: string[], hit: PhraseHit) => RuleMatch) => RuleMatch[],
): CompiledRule {
  const category = context.category!;
  const yields = rule.yields;
  const extra = { ...(yields ? { yields } : {}), ...(rule.excluded ? { excludedOnly: true as const } : {}) };
  const found = (words: string[], hit: PhraseHit): RuleMatch => ({ rule: rule.id, kind, category, start: hit.start, end: hit.end, words, ...extra });
  return {
    id: rule.id,
    kind,
    language: context.language,
    startKeys: compiled.words.startKeys(),
    category,
    match: (ctx, starts) => match(ctx, starts, found),
    cancels: () => [],
  };
}

export const termsKind: RuleKind<TermsRule> = {
  schema: (zod) => schema(zod) as unknown as z.ZodType<TermsRule>,
  needsCategory: true,
  compile(rule, context) {
    const compiled = compileWordFields(rule, context.language);
    return termLikeRule(rule, 'terms', context, compiled, (ctx, starts, found) =>
      findWords(compiled, ctx, starts).map((h) => found([h.phrase.source], h)),
    );
  },
};
