// kind: frame — one word from each of several groups (who / action / channel…) inside one
// sentence or clause, in any order: "les usagers pourront, à tout moment, transmettre leurs
// photos depuis leur téléphone" is one frame, however far apart its words are. With `span: 2`
// a frame may also take its words from two adjacent sentences of one paragraph (the partner
// named in one, the data in the next); `inbound` then lists the direction words one of which
// must be there when it does ("from", "reçoit"): across sentences only the direction ties the
// partner to the data, and `without` keeps its outbound words ("sent to", "transmet à").
import type { z } from 'zod';
import { compilePhrase, firstAtOrAfter, overlaps, PhraseSet, SpanIndex, type MatchContext, type PhraseHit } from '../phrases.js';
import { findWords, type WordPhrases } from './terms.js';
import type { Language } from '../../types.js';
import type { RuleKind, RuleMatch } from './types.js';

/** The fields a frame-like rule (frame, context) has beside its own. */
export function frameFields(zod: typeof z) {
  const phraseList = zod.array(zod.string().min(1)).min(1);
  return {
    id: zod.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'a lower-case id like "fr.crowdsourcing.residents-report"'),
    description: zod.string().optional(),
    enabled: zod.boolean().optional(),
    groups: zod
      .record(zod.string().regex(/^[a-z][a-z0-9-]*$/, 'a lower-case group name like "who"'), phraseList)
      .refine((g) => Object.keys(g).length >= 2 && Object.keys(g).length <= 8, { message: 'expected 2 to 8 groups of words' }),
    within: zod.enum(['sentence', 'clause']).optional(),
    span: zod.union([zod.literal(1), zod.literal(2)]).optional(),
    inbound: phraseList.optional(),
    window: zod.number().int().min(2).max(80).optional(),
    unless: phraseList.optional(),
    without: phraseList.optional(),
  };
}

export interface FrameFields {
  groups: Record<string, string[]>;
  within?: 'sentence' | 'clause';
  span?: 1 | 2;
  inbound?: string[];
  window?: number;
  unless?: string[];
  without?: string[];
}

export interface FrameHit {
  /** Token span of the clause it was found in. */
  clause: { start: number; end: number };
  /** One hit per group, in the groups' order. */
  parts: { group: string; hit: PhraseHit }[];
  start: number;
  end: number;
}

export interface CompiledFrame {
  /** Start keys of the group with the fewest (null when every group can start anywhere). */
  startKeys: string[] | null;
  /** The start keys of each other group that has them: a match needs a word of each. */
  alsoKeys: string[][];
  /** Sentences a frame may take its words from: 1, or 2 adjacent sentences of one paragraph. */
  span: 1 | 2;
  /**
   * `across`: the token index where the second of two joined sentences starts; only frames with
   * words on both sides are kept then (the single sentences are matched on their own).
   */
  find(ctx: MatchContext, starts?: readonly number[], across?: number): FrameHit[];
}

/** Clause ends inside a passage: ";" and ":" between two tokens (a passage is one sentence). */
function clauses(ctx: MatchContext, within: 'sentence' | 'clause'): { start: number; end: number }[] {
  const n = ctx.tokens.length;
  if (within === 'sentence') return [{ start: 0, end: n }];
  const out: { start: number; end: number }[] = [];
  let start = 0;
  for (let i = 1; i < n; i++) {
    const between = ctx.text.slice(ctx.tokens[i - 1].end, ctx.tokens[i].start);
    if (between.includes(';') || between.includes(':')) {
      out.push({ start, end: i });
      start = i;
    }
  }
  out.push({ start, end: n });
  return out;
}

/** Compiles the groups (stems, "word*" prefixes, "*" for any word), `unless` and `without`. */
export function compileFrame(rule: FrameFields, language: Language): CompiledFrame {
  const unless = new PhraseSet((rule.unless ?? []).map((t) => compilePhrase(t, 'stem', language)));
  const without = new PhraseSet((rule.without ?? []).map((t) => compilePhrase(t, 'stem', language)));
  const inbound = new PhraseSet((rule.inbound ?? []).map((t) => compilePhrase(t, 'stem', language)));
  const groups = Object.entries(rule.groups).map(([name, words]) => ({
    name,
    phrases: { words: new PhraseSet(words.map((t) => compilePhrase(t, 'stem', language))), unless } satisfies WordPhrases,
  }));
  // The passage index only needs one group: every group must be there. The one with the
  // fewest start keys lets the fewest passages through.
  let key = -1;
  groups.forEach((g, n) => {
    const keys = g.phrases.words.startKeys();
    if (keys && (key < 0 || keys.length < groups[key].phrases.words.startKeys()!.length)) key = n;
  });
  const order = key < 0 ? groups.map((_, n) => n) : [key, ...groups.map((_, n) => n).filter((n) => n !== key)];
  const within = rule.within ?? 'sentence';
  const window = rule.window ?? Number.MAX_SAFE_INTEGER;

  return {
    startKeys: key < 0 ? null : groups[key].phrases.words.startKeys(),
    alsoKeys: order.slice(1).flatMap((n) => {
      const keys = groups[n].phrases.words.startKeys();
      return keys ? [keys] : [];
    }),
    span: rule.span ?? 1,
    find(ctx, starts, across) {
      if (across !== undefined && inbound.phrases.length > 0 && inbound.find(ctx).length === 0) return [];
      // The key group first (its starts are known), and no further once a group is missing.
      const hitsByGroup: PhraseHit[][] = new Array(groups.length);
      // The groups share one `unless` set: it is looked for once, by the first group that needs it.
      let cancels: PhraseHit[] | undefined;
      const unlessHits = () => (cancels ??= unless.phrases.length ? unless.find(ctx) : []);
      for (const n of order) {
        const hits = findWords(groups[n].phrases, ctx, n === key ? starts : undefined, unlessHits);
        if (hits.length === 0) return [];
        hitsByGroup[n] = hits;
      }
      const excluded = without.phrases.length ? new SpanIndex(without.find(ctx)) : null;
      const out: FrameHit[] = [];
      // Each group's hits are sorted by start and clauses follow each other: one cursor per
      // group walks its hits once over all the clauses.
      const cursors = hitsByGroup.map(() => 0);
      for (const clause of clauses(ctx, within)) {
        const inClause = hitsByGroup.map((hits, g) => {
          let k = cursors[g];
          while (k < hits.length && hits[k].start < clause.start) k++;
          const first = k;
          while (k < hits.length && hits[k].start < clause.end) k++;
          cursors[g] = k;
          return hits.slice(first, k).filter((h) => h.end <= clause.end);
        });
        if (excluded?.overlapsAny(clause)) continue;
        if (inClause.some((h) => h.length === 0)) continue;
        const found = combine(inClause, window);
        if (found && across !== undefined && !(found.some((h) => h.end <= across) && found.some((h) => h.start >= across))) continue;
        if (found) {
          out.push({
            clause,
            parts: found.map((hit, n) => ({ group: groups[n].name, hit })),
            start: Math.min(...found.map((h) => h.start)),
            end: Math.max(...found.map((h) => h.end)),
          });
        }
      }
      return out;
    },
  };
}

/**
 * One hit per group, no two overlapping, spanning at most `window` tokens: for each hit of
 * the first group, the nearest hit of each other group. Returns the first combination found.
 * Each group's hits are sorted by start and do not overlap (findWords keeps the longest), so
 * the nearest is found by a binary search and a walk outwards past the few hits that overlap
 * a word already chosen: linear in the hits, whatever the passage's length.
 */
function combine(hitsByGroup: PhraseHit[][], window: number): PhraseHit[] | null {
  const starts = hitsByGroup.map((hits) => hits.map((h) => h.start));
  for (const anchor of hitsByGroup[0]) {
    const chosen: PhraseHit[] = [anchor];
    for (let g = 1; g < hitsByGroup.length; g++) {
      const nearest = nearestFree(hitsByGroup[g], starts[g], anchor.start, chosen);
      if (!nearest) break;
      chosen.push(nearest);
    }
    if (chosen.length < hitsByGroup.length) continue;
    const span = Math.max(...chosen.map((h) => h.end)) - Math.min(...chosen.map((h) => h.start));
    if (span <= window) return chosen;
  }
  return null;
}

/**
 * The hit starting nearest `at` that overlaps none of `chosen`; on a tie, the one before
 * (as a stable sort by distance of hits ordered by start gives).
 */
function nearestFree(hits: PhraseHit[], starts: number[], at: number, chosen: PhraseHit[]): PhraseHit | undefined {
  const free = (h: PhraseHit) => !chosen.some((c) => overlaps(c, h));
  let right = firstAtOrAfter(starts, at);
  let left = right - 1;
  while (left >= 0 && !free(hits[left])) left--;
  while (right < hits.length && !free(hits[right])) right++;
  if (left < 0) return hits[right];
  if (right >= hits.length) return hits[left];
  return at - hits[left].start <= hits[right].start - at ? hits[left] : hits[right];
}

/** The passage's own words behind a hit (what --explain shows for each group). */
export function wordsOf(ctx: MatchContext, hit: { start: number; end: number }): string {
  const words: string[] = [];
  // A word cut at a line end is one token: its hyphen and line break are not part of it.
  for (let i = hit.start; i < hit.end; i++) words.push(ctx.raw(i).replace(/-\r?\n|\u00ad/g, ''));
  return words.join(' ');
}

const schema = (zod: typeof z) =>
  zod.object({ kind: zod.literal('frame'), category: zod.string().optional(), ...frameFields(zod) }).strict();
export type FrameRule = z.infer<ReturnType<typeof schema>>;

export const frameKind: RuleKind<FrameRule> = {
  schema,
  needsCategory: true,
  compile(rule, context) {
    const frame = compileFrame(rule, context.language);
    const category = context.category!;
    return {
      id: rule.id,
      kind: 'frame',
      language: context.language,
      startKeys: frame.startKeys,
      ...(frame.alsoKeys.length ? { alsoKeys: frame.alsoKeys } : {}),
      category,
      ...(frame.span === 2 ? { span: 2 as const } : {}),
      match: (ctx, starts, across): RuleMatch[] =>
        frame.find(ctx, starts, across).map((f) => ({
          rule: rule.id,
          kind: 'frame',
          category,
          start: f.start,
          end: f.end,
          words: f.parts.map((p) => `${p.group}: ${wordsOf(ctx, p.hit)}`),
          parts: f.parts.map((p) => ({ start: p.hit.start, end: p.hit.end, group: p.group })),
        })),
      cancels: () => [],
    };
  },
};
