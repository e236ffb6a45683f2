// What every rule kind provides: a schema for its YAML fields and a compiler.
import type { z } from 'zod';
import type { Language } from '../../types.js';
import type { MatchContext } from '../phrases.js';

/** A rule match inside one passage (token indexes, end exclusive). */
export interface RuleMatch {
  rule: string;
  kind: string;
  category: string;
  start: number;
  end: number;
  /** Words the rule matched on (the term, for proximity the word near it, for frames "group: word"). */
  words: string[];
  /** Set when a product name made the match: the product entry's description and source. */
  product?: { description: string; source: string };
  /**
   * Frames: the spans of the words that make the match, one per group. Negation and
   * exceptions look at these rather than at the whole span, which covers words in between.
   */
  parts?: { start: number; end: number; group?: string }[];
  /** Categories this match yields to on a page where they are found (see `yields` in the README). */
  yields?: readonly string[];
  /** The rule counts only where the passage excludes it (`excluded: true` in its pack). */
  excludedOnly?: true;
}

/** A span that cancels matches of some categories (all when `categories` is null). */
export interface CancelSpan {
  rule: string;
  start: number;
  end: number;
  categories: ReadonlySet<string> | null;
}

export interface CompiledRule {
  id: string;
  kind: string;
  language: Language;
  /** Category of the findings it makes, or null for rules that only cancel. */
  category: string | null;
  /**
   * Matches in a passage. `starts`: the token indexes where one of the rule's start keys occurs
   * (undefined when the rule has none, i.e. can start anywhere).
   */
  match(ctx: MatchContext, starts?: readonly number[], across?: number): RuleMatch[];
  /**
   * 2 for frames that may join two adjacent sentences of one paragraph: they are also run on
   * the pair, with `across` the first token of the second sentence (see kinds/frame.ts).
   */
  span?: 2;
  cancels(ctx: MatchContext, starts?: readonly number[]): CancelSpan[];
  /** Token keys one of which must be in a passage for the rule to match there (null: any passage). */
  startKeys: string[] | null;
  /**
   * Further lists of token keys, one of each of which must also be in the passage: the other
   * groups of words a match needs (a frame's groups beside the one it starts on, a proximity's
   * `near` words). Absent when there are none.
   */
  alsoKeys?: string[][];
}

export interface RuleKind<T extends { id: string }> {
  /**
   * Zod schema of the rule object in a pack (strict: unknown keys are errors), built from the
   * zod module it is given: only the thread that checks packs loads zod.
   */
  schema(zod: typeof z): z.ZodType<T>;
  compile(rule: T, context: { language: Language; category: string | null }): CompiledRule;
  /** Whether the rule needs a category (term rules do, exceptions don't). */
  needsCategory: boolean;
}
