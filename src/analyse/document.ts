// One document's pages → findings: passages, rule matches, exceptions, negation and modality.
import { findRunningLines } from '../text/headers.js';
import { DocumentVocabulary } from '../text/hyphenation.js';
import { buildAnalysisText, lacksUsableText, readingText } from '../text/clean.js';
import type { FoldedText } from '../text/fold.js';
import type { CancelSpan, RuleMatch } from '../rules/kinds/types.js';
import type { RuleSet, WordStarts } from '../rules/load.js';
import { CoverIndex, overlaps, SpanIndex, type MatchContext } from '../rules/phrases.js';
import type { Finding, FindingLocation, FusionItem, Language, Line, LocationKind, Page } from '../types.js';
import { countLanguageVotes, decideLanguage, type LanguageVotes } from './language.js';
import { findExcludedRows } from './table-rows.js';
import { anaphoricExclusion, antecedentStart, isAnswerLabel, itemCondition, conditionOf, cueOpeningList, cuesFor, findNegationScopes, findOptionalCue, namesOnly, negationOf, withoutActiveSubjects, type ModalityCue, type NegationScope } from './negation.js';
import { findCrossing, findFusion, termsFor, type Crossing, type CrossingPassage, type SourceWord } from './fusion.js';
import { isBareItemNumber, splitPassages, startsListItem } from './passages.js';
import { findHeadings, headingAt, type Heading } from './sections.js';
import { findCitations, findFootnotes, findIssuer, findIssuerSpans, type Issuer } from './structure.js';
import { foldString } from '../text/fold.js';
import type { Span } from './passages.js';
import { loadStemmers, tokenize, type Token } from './tokens.js';
import { repairDroppedAccents } from '../text/accents.js';

const EXCERPT_MAX = 300;
/** At most this many characters added at each end of an excerpt to finish a word. */
const WORD_CUT_MAX = 100;
/** Pages whose folded text and tokens are kept from the language vote to their analysis (a few MB at most). */
const KEPT_PREPARED = 200;

export interface DocumentAnalysis {
  findings: Finding[];
  /**
   * Findings made only by a citation (a statute, decision, code or records schedule named for
   * reference) on a page with no other positive finding of their category: mentions by name,
   * kept apart so that they do not make the page positive.
   */
  mentions: Finding[];
  fusion: FusionItem[];
  pagesWithoutText: number[];
  runningLines: string[];
  language: Language | null;
  /** What the analysis decided whatever the rules: kept by the basis cache (src/analyse/basis.ts). */
  plan: PlanBasis;
  /** Each page's analysis, for another run with other rules (src/cache/page-reuse.ts), when asked (PageKeeping.record). */
  kept?: KeptPage[];
  /** How many pages' analyses were taken back (PageKeeping.reuse). */
  pagesReused?: number;
}

/**
 * What analysing a document decides over all its pages before any rule is run, as plain data:
 * given back (from the basis cache), it spares the running lines, the headings and the language
 * vote (a full preparation of every page) when only the rules changed.
 */
export interface PlanBasis {
  /** Per page, the indices of its running header and footer lines (RunningLines.linesByPage). */
  runningByPage: number[][];
  /** Per page, those of them read once (RunningLines.firstByPage). */
  runningFirstByPage: number[][];
  /** The distinct running lines (RunningLines.texts). */
  runningTexts: string[];
  /** Per page, its headings (running lines left out). */
  headings: Heading[][];
  language: Language | null;
  issuer: Issuer;
  /**
   * The words the line-end hyphen decisions found in the document (NotingVocabulary), or all
   * its words when other threads analysed pages of it (their questions were not heard here):
   * they answer every such question again without indexing the document's words; null for a
   * plan given back without them.
   */
  hyphenWords: string[] | null;
}

type ListCue = { negation?: string; optional?: ModalityCue };

interface PreparedPage {
  page: Page;
  folded: FoldedText;
  tokens: Token[];
  headings: Heading[];
  /** The page's footnote lines: out of the flow of articles, joined to no other sentence. */
  notes: Line[];
}

/** Verbatim excerpt: the passage, or a window of it around the match when it is long. */
function excerptBounds(text: string, passage: { start: number; end: number }, match: { start: number; end: number }) {
  let { start, end } = passage;
  if (end - start > EXCERPT_MAX) {
    start = Math.max(passage.start, Math.min(match.start - 100, passage.end - EXCERPT_MAX));
    end = Math.min(passage.end, start + EXCERPT_MAX);
    // Do not cut words in two (a "word" of a million digits is cut: an excerpt stays short).
    const from = start;
    const to = end;
    while (start > passage.start && from - start < WORD_CUT_MAX && /[\p{L}\p{N}]/u.test(text[start - 1])) start--;
    while (end < passage.end && end - to < WORD_CUT_MAX && /[\p{L}\p{N}]/u.test(text[end])) end++;
  }
  return { start, end };
}

/** Mean OCR confidence of the words inside [start, end), rounded to one decimal. */
function meanConfidence(words: NonNullable<Page['words']>, span: { start: number; end: number }): number {
  const inside = words.filter((w) => w.start >= span.start && w.end <= span.end);
  if (inside.length === 0) return 0;
  return Math.round((inside.reduce((sum, w) => sum + w.confidence, 0) / inside.length) * 10) / 10;
}

/**
 * Loads and compiles, for both languages, what analysis otherwise prepares on first use: the
 * stemmers, the negation and modality cues, the crossing words. Pool workers call it at
 * start, with the rules, so that the first document does not pay for it.
 */
export function prepareAnalysis(): void {
  loadStemmers();
  for (const language of ['fr', 'en'] as const) {
    cuesFor(language);
    termsFor(language);
  }
}

/** One page of a DocumentContext: plain data, encoded and decoded on its own. */
export interface ContextPage {
  /** The page as analysed (emptied when it has no usable text). */
  page: Page;
  /** Indices of its running header and footer lines. */
  runningLines: number[];
  /** The heading in force at its top (the last heading of the pages before). */
  carried: Heading | null;
}

/**
 * What analysing pages of a document needs: each page with what was decided over all of them
 * (its running lines, the section in force at its top), and what holds for the whole document
 * (the language, the issuer, the words that decide line-end hyphens). A worker given it (and
 * the rules) analyses any range of pages as the owner would, reading only the pages it takes.
 */
export interface DocumentContext {
  path: string;
  pageCount: number;
  /** Page i (0-based): a lent worker decodes it when it analyses it. */
  page(i: number): ContextPage;
  language: Language | null;
  issuer: Issuer;
  /** The document's words (DocumentVocabulary.list): the owner's hyphen decisions on any page. */
  words: string[];
  /** Whether each page's analysis carries its words, to be kept for another run (see KeptPage). */
  record: boolean;
}

/** One page's findings (in order), which of them are mentions by name only, and its crossings. */
export interface PageAnalysis {
  findings: Finding[];
  /** Indices in `findings` of those made only by citations (see separateMentions). */
  mentionOnly: number[];
  crossings: CrossingPassage[];
  /**
   * When its analysis is kept for another run: the distinct words of the page's passages and
   * their stems, by the passages' language, each joined by spaces. A rule starts on a word of a
   * passage of its language, by the word, its stem or a prefix: a rule none of these can start
   * finds nothing on the page (see KeptPage).
   */
  words?: PageWords;
}

/**
 * A page's analysis as another run may take it back (src/cache/page-reuse.ts): a page's
 * analysis depends on its text, the document's plan and the rules that can start on its words,
 * so when the rules that changed can start on none of `words`, it is the same again.
 */
export interface KeptPage {
  analysis: PageAnalysis;
  /** The findings of the page's first running lines read alone (see finishDocument), with their words. */
  alone?: PageAnalysis;
}

/** A page's words and their stems, by language, each joined by spaces (PageAnalysis.words). */
export type PageWords = Partial<Record<Language, { words: string; stems: string }>>;

/** Earlier analyses of a document's pages that still hold (see KeptPage). */
export interface PageReuse {
  /** Page i's (0-based) kept analysis, when the rules that changed cannot start on its words. */
  kept(i: number): KeptPage | undefined;
  /** How many pages it gives back. */
  count: number;
}

/** What an analysis takes back from another run's and gives for the next (see KeptPage). */
export interface PageKeeping {
  reuse?: PageReuse;
  /** Whether the result carries each page's analysis with its words (DocumentAnalysis.kept). */
  record?: boolean;
}

/** Ranges of pages other threads may analyse (see engine/pool/split.ts). */
export interface AnalysisSharing {
  /** Whether a document of this many pages would be shared. */
  sharesAnalysis(pageCount: number): boolean;
  /** Offers the document; undefined when this thread analyses every page. */
  openAnalysis(context: DocumentContext): SharedAnalysis | undefined;
  /**
   * Offers the document's pages for the language vote (its context's language not known yet);
   * undefined when this thread votes on every page. The analysis is offered after, with the
   * same context and the language the vote gave.
   */
  openVote?(context: DocumentContext): SharedVote | undefined;
}

/** The votes of a range of pages [first, last] (1-based page indices). */
export type RangeVotes = [first: number, last: number, votes: LanguageVotes];

export interface SharedVote {
  /** The next range [first, last] (1-based page indices) for whoever asks, or undefined. */
  claim(): [number, number] | undefined;
  /** Once every thread that took ranges has ended: the votes of their ranges; a range not delivered is missing. */
  collect(): Promise<RangeVotes[]>;
}

export interface SharedAnalysis {
  /** The next range [first, last] (1-based page indices) for whoever asks, or undefined. */
  claim(): [number, number] | undefined;
  /** Once every thread that took ranges has ended: their pages' analyses by page index (1-based); a range not delivered is missing. */
  collect(): Promise<Map<number, PageAnalysis>>;
}

interface DocumentPlan {
  textPages: Page[];
  pagesWithoutText: number[];
  running: ReturnType<typeof findRunningLines>;
  vocabulary: DocumentVocabulary;
  headings: Heading[][];
  carriedAtTop: (Heading | null)[];
  documentLanguage: Language | null;
  issuer: Issuer;
  /** Pages prepared for the language vote and kept for their analysis. */
  kept: (PreparedPage | undefined)[];
  /**
   * When other threads voted on or analysed pages, the whole vocabulary they were given:
   * their hyphen questions were not heard here, but it answers them all (PlanBasis.hyphenWords).
   */
  lent?: string[];
  /** The hyphen words of the basis the plan was made from. */
  hyphenWords?: string[] | null;
  /** Whether page analyses carry their words (PageKeeping.record). */
  record: boolean;
}

/** A page's words (French words whose text layer lost their accents read as they should). */
const readTokens = (folded: string, original: string): Token[] => repairDroppedAccents(tokenize(folded), original, isFrench);
const isFrench = (tokens: Token[]) => decideLanguage(countLanguageVotes(tokens), null, 2) === 'fr';

/** A page of a document prepared for analysis: cleaned, folded, tokenised. */
function preparePage(page: Page, runningLines: ReadonlySet<number>, vocabulary: DocumentVocabulary, headings: Heading[]): PreparedPage {
  // Footnotes are passages of their own: the line before each note ends its paragraph.
  const footnotes = findFootnotes(page.lines, runningLines);
  const lines = footnotes.starts.size === 0 ? page.lines : page.lines.map((line, k) => (footnotes.starts.has(k + 1) ? { ...line, wholeBlock: true } : line));
  const folded = buildAnalysisText(page.text, lines, runningLines, vocabulary);
  const notes = [...footnotes.lines].map((k) => page.lines[k]);
  return { page, folded, tokens: readTokens(folded.text, page.text), headings, notes };
}

/** Page i (0-based) of a document prepared for analysis. */
function pagePreparer(textPages: Page[], runningLines: ReadonlySet<number>[], vocabulary: DocumentVocabulary, headings: (i: number) => Heading[]) {
  return (i: number): PreparedPage => preparePage(textPages[i], runningLines[i], vocabulary, headings(i));
}

/**
 * A document's vocabulary that notes the words its line-end hyphen decisions found: all that
 * another reading of the same pages asks and finds (PlanBasis.hyphenWords). Here, not in
 * text/, whose changes are extraction changes (they move the text cache's key).
 */
class NotingVocabulary extends DocumentVocabulary {
  readonly found = new Set<string>();

  override has(word: string): boolean {
    const known = super.has(word);
    if (known) this.found.add(word);
    return known;
  }
}

/** The section in force at the top of each page: the last heading of the pages before. */
function carriedHeadings(headings: Heading[][]): (Heading | null)[] {
  const carriedAtTop: (Heading | null)[] = [];
  let carried: Heading | null = null;
  for (const pageHeadings of headings) {
    carriedAtTop.push(carried);
    carried = headingAt(pageHeadings, Number.MAX_SAFE_INTEGER, carried);
  }
  return carriedAtTop;
}

/** A plan's decisions as plain data (see PlanBasis). */
function basisOf(plan: DocumentPlan): PlanBasis {
  return {
    runningByPage: plan.running.linesByPage.map((lines) => [...lines]),
    runningFirstByPage: plan.running.firstByPage.map((lines) => [...lines]),
    runningTexts: plan.running.texts,
    headings: plan.headings,
    language: plan.documentLanguage,
    issuer: plan.issuer,
    // Words given back answer the same questions again, whoever asks them.
    hyphenWords: plan.vocabulary instanceof NotingVocabulary ? (plan.lent ?? [...plan.vocabulary.found]) : (plan.hyphenWords ?? null),
  };
}

/**
 * `basis`, when given, was made by planDocument from the same pages (src/analyse/basis.ts
 * checks it fits them). A plan made without a basis has no language yet: the caller has the
 * pages voted (votedAlone, sharedVote).
 */
function planDocument(pages: Page[], basis?: PlanBasis, record = false): DocumentPlan {
  // Only PDF pages can lack a text layer; a short DOCX or text "page" is just short.
  const pagesWithoutText = pages.filter(lacksUsableText).map((p) => p.number);
  const withoutText = new Set(pagesWithoutText);
  const textPages = pages.map((p) => (withoutText.has(p.number) || p.error ? { ...p, lines: [], text: '' } : p));
  const vocabulary = basis?.hyphenWords ? DocumentVocabulary.of(basis.hyphenWords) : new NotingVocabulary();
  if (!basis?.hyphenWords) for (const p of textPages) vocabulary.add(p.text);
  if (basis) {
    // Each page is then prepared once, when it is analysed: the language is already voted.
    const running = {
      linesByPage: basis.runningByPage.map((lines) => new Set(lines)),
      firstByPage: basis.runningFirstByPage.map((lines) => new Set(lines)),
      texts: basis.runningTexts,
    };
    const { headings, language: documentLanguage, issuer } = basis;
    return { textPages, pagesWithoutText, running, vocabulary, headings, carriedAtTop: carriedHeadings(headings), documentLanguage, issuer, kept: [], hyphenWords: basis.hyphenWords, record };
  }
  const running = findRunningLines(textPages);
  const headings: Heading[][] = textPages.map((page, i) => findHeadings(page.lines, running.linesByPage[i]));
  const issuer = issuerOf(textPages, running.texts);
  return { textPages, pagesWithoutText, running, vocabulary, headings, carriedAtTop: carriedHeadings(headings), documentLanguage: null, issuer, kept: [], record };
}

/** The document's language, every page voted on by this thread. */
function votedAlone(plan: DocumentPlan): Language | null {
  const votes = { fr: 0, en: 0 };
  voteOnPages(plan, 1, plan.textPages.length, votes);
  return decideLanguage(votes, null, 1);
}

/**
 * The votes of pages [first, last] (1-based) added to `votes`. Folded text and tokens take
 * several times the page text's memory: a page's are built when it is analysed and dropped
 * after, so a long document never holds them all. The document's language, which every page's
 * analysis needs, is voted first from the same text, built then dropped page by page, except
 * for the first KEPT_PREPARED pages (most documents whole): those are kept from the vote for
 * their analysis instead of being built twice.
 */
function voteOnPages(plan: DocumentPlan, first: number, last: number, votes: LanguageVotes): void {
  const prepare = pagePreparer(plan.textPages, plan.running.linesByPage, plan.vocabulary, (i) => plan.headings[i]);
  for (let i = first - 1; i < last; i++) {
    const prepared = prepare(i);
    countLanguageVotes(prepared.tokens, votes);
    if (i < KEPT_PREPARED) plan.kept[i] = prepared;
  }
}

/** One page analysed, for the owner of a document or a thread lent to it. */
function analysedPage(path: string, prepared: PreparedPage, rules: RuleSet, language: Language | null, carried: Heading | null, issuer: Issuer, record: boolean): PageAnalysis {
  const seen = record ? new SeenWords() : undefined;
  const { findings, crossings } = analysePage(path, prepared, rules, language, carried, issuer, seen);
  const only: number[] = [];
  findings.forEach((f, k) => mentionOnly.has(f) && only.push(k));
  return { findings, mentionOnly: only, crossings, ...(seen ? { words: seen.joined() } : {}) };
}

/** The words rules were asked to start on, and their stems, by language (PageAnalysis.words). */
class SeenWords {
  private readonly byLanguage: Partial<Record<Language, { words: Set<string>; stems: Set<string> }>> = {};

  add(language: Language, tokens: readonly Token[], words: readonly WordStarts[]): void {
    const seen = (this.byLanguage[language] ??= { words: new Set(), stems: new Set() });
    for (let i = 0; i < tokens.length; i++) {
      seen.words.add(tokens[i].text);
      seen.stems.add(words[i].stem);
    }
  }

  joined(): PageWords {
    const out: PageWords = {};
    for (const language of ['fr', 'en'] as const) {
      const seen = this.byLanguage[language];
      if (seen) out[language] = { words: [...seen.words].join(' '), stems: [...seen.stems].join(' ') };
    }
    return out;
  }
}

/** A page analysis taken back: its mentions by name marked again (the mark is not plain data). */
function takenBack(page: PageAnalysis): PageAnalysis {
  for (const k of page.mentionOnly) mentionOnly.add(page.findings[k]);
  return page;
}

/**
 * A thread lent to a document: analyses the pages [first, last] (1-based indices) of its
 * context, reading only those. `vocabulary`, returned, is passed back for the next range.
 */
export function analysePageRange(context: DocumentContext, rules: RuleSet, first: number, last: number, vocabulary?: DocumentVocabulary): { vocabulary: DocumentVocabulary; pages: [number, PageAnalysis][] } {
  vocabulary ??= DocumentVocabulary.of(context.words);
  const pages: [number, PageAnalysis][] = [];
  for (let n = first; n <= last; n++) {
    const { prepared, carried } = preparedFromContext(context, n, vocabulary);
    pages.push([n, analysedPage(context.path, prepared, rules, context.language, carried, context.issuer, context.record)]);
  }
  return { vocabulary, pages };
}

/** Page n (1-based) of a context, prepared as its owner prepares it, and the section carried to its top. */
function preparedFromContext(context: DocumentContext, n: number, vocabulary: DocumentVocabulary): { prepared: PreparedPage; carried: Heading | null } {
  const { page, runningLines, carried } = context.page(n - 1);
  const running = new Set(runningLines);
  return { prepared: preparePage(page, running, vocabulary, findHeadings(page.lines, running)), carried };
}

/**
 * A thread lent to a document for its language vote: the votes of pages [first, last] (1-based)
 * of its context, reading only those. `vocabulary`, returned, is passed back for the next range.
 */
export function votePageRange(context: DocumentContext, first: number, last: number, vocabulary?: DocumentVocabulary): { vocabulary: DocumentVocabulary; votes: LanguageVotes } {
  vocabulary ??= DocumentVocabulary.of(context.words);
  const votes = { fr: 0, en: 0 };
  for (let n = first; n <= last; n++) countLanguageVotes(preparedFromContext(context, n, vocabulary).prepared.tokens, votes);
  return { vocabulary, votes };
}

function contextOf(path: string, plan: DocumentPlan): DocumentContext {
  return {
    path,
    pageCount: plan.textPages.length,
    page: (i) => ({ page: plan.textPages[i], runningLines: [...plan.running.linesByPage[i]], carried: plan.carriedAtTop[i] }),
    language: plan.documentLanguage,
    issuer: plan.issuer,
    words: plan.vocabulary.list(),
    record: plan.record,
  };
}

/**
 * `basis`: the plan of the same pages, given back by the basis cache (see PlanBasis); `reuse`:
 * earlier analyses of its pages that still hold (only the others are analysed).
 */
export function analyseDocument(documentPath: string, pages: Page[], rules: RuleSet, basis?: PlanBasis, keeping?: PageKeeping): DocumentAnalysis {
  const plan = planDocument(pages, basis, keeping?.record);
  if (!basis) plan.documentLanguage = votedAlone(plan);
  const reuse = keeping?.reuse;
  const analyse = ownPageAnalyser(documentPath, plan, rules);
  const analysis = finishDocument(documentPath, plan, rules, plan.textPages.map((_, i) => reusedPage(reuse, i) ?? analyse(i)), reuse);
  return reuse ? { ...analysis, pagesReused: reuse.count } : analysis;
}

const reusedPage = (reuse: PageReuse | undefined, i: number) => {
  const kept = reuse?.kept(i);
  return kept && takenBack(kept.analysis);
};

/**
 * analyseDocument, with ranges of pages analysed by other threads when `sharing` offers the
 * document to them: the same findings in the same order, whoever analysed each page. A
 * document with pages to reuse is not shared: only its other pages are analysed, here.
 * `meanwhile`: the owner's own work on the document, done once the document is offered and
 * its first range taken, while the lent threads analyse (not called when it is not shared).
 */
export async function analyseDocumentShared(documentPath: string, pages: Page[], rules: RuleSet, sharing: AnalysisSharing | undefined, basis?: PlanBasis, keeping?: PageKeeping, meanwhile?: () => void): Promise<DocumentAnalysis> {
  if (keeping?.reuse || !sharing?.sharesAnalysis(pages.length)) return analyseDocument(documentPath, pages, rules, basis, keeping);
  // Without a basis, the language is voted here: shared out as the analysis is, the context
  // the analysis's but for the language, offered again with it once voted.
  const plan = planDocument(pages, basis, keeping?.record);
  const context = contextOf(documentPath, plan);
  if (!basis) {
    const vote = sharing.openVote?.(context);
    // Hyphen questions asked by other threads are not heard here (see DocumentPlan.lent).
    if (vote) plan.lent = context.words;
    plan.documentLanguage = await sharedVote(plan, vote);
    context.language = plan.documentLanguage;
  }
  const analyse = ownPageAnalyser(documentPath, plan, rules);
  const shared = sharing.openAnalysis(context);
  const done = new Map<number, PageAnalysis>();
  if (shared) {
    plan.lent = context.words;
    // Its first range taken before: the pages kept prepared from the vote are the first ones,
    // which a lent worker would otherwise take while this thread does its own work.
    let range = shared.claim();
    meanwhile?.();
    for (; range; range = shared.claim()) {
      for (let n = range[0]; n <= range[1]; n++) done.set(n, analyse(n - 1));
    }
    // Findings that crossed threads lost their place in the WeakSet: put back.
    for (const [n, page] of await shared.collect()) done.set(n, takenBack(page));
  }
  // Pages no thread delivered (a lent worker that died) are analysed here: none is ever lost.
  return finishDocument(documentPath, plan, rules, plan.textPages.map((_, i) => done.get(i + 1) ?? analyse(i)));
}

/** The document's language, its pages voted by this thread and those the vote is shared with. */
async function sharedVote(plan: DocumentPlan, shared: SharedVote | undefined): Promise<Language | null> {
  if (!shared) return votedAlone(plan);
  const votes = { fr: 0, en: 0 };
  const voted = new Uint8Array(plan.textPages.length);
  for (let range = shared.claim(); range; range = shared.claim()) {
    voteOnPages(plan, range[0], range[1], votes);
    voted.fill(1, range[0] - 1, range[1]);
  }
  for (const [first, last, theirs] of await shared.collect()) {
    votes.fr += theirs.fr;
    votes.en += theirs.en;
    voted.fill(1, first - 1, last);
  }
  // Pages no thread voted on (a lent worker that died) are voted here: each page once.
  for (let i = 0; i < voted.length; i++) if (!voted[i]) voteOnPages(plan, i + 1, i + 1, votes);
  return decideLanguage(votes, null, 1);
}

function ownPageAnalyser(documentPath: string, plan: DocumentPlan, rules: RuleSet): (i: number) => PageAnalysis {
  const prepare = pagePreparer(plan.textPages, plan.running.linesByPage, plan.vocabulary, (i) => plan.headings[i]);
  return (i) => {
    const prepared = plan.kept[i] ?? prepare(i);
    plan.kept[i] = undefined;
    return analysedPage(documentPath, prepared, rules, plan.documentLanguage, plan.carriedAtTop[i], plan.issuer, plan.record);
  };
}

/**
 * The pages' analyses (in page order) → the document's: running lines read once, heading
 * repeats, mentions, fusion. `kept` in the result: each page's analysis as another run may take
 * it back (see KeptPage); this function leaves those objects as they are.
 */
function finishDocument(documentPath: string, plan: DocumentPlan, rules: RuleSet, analysed: PageAnalysis[], reuse?: PageReuse): DocumentAnalysis {
  const { textPages, running, vocabulary, headings, carriedAtTop, documentLanguage, issuer } = plan;
  const findings: Finding[] = [];
  const crossings: CrossingPassage[] = [];
  for (const page of analysed) {
    for (const f of page.findings) findings.push(f);
    for (const c of page.crossings) crossings.push(c);
  }

  // Running lines were left out so that a header does not make a finding on every page; but a
  // line repeated on every page may be the only place a category is named (a template's
  // "Lecture des plaques : oui"). The first occurrence of each is read on its own, and kept
  // for the categories the rest of the document never names.
  const named = new Set(findings.map((f) => f.category));
  const kept: KeptPage[] | undefined = plan.record ? analysed.map((analysis) => ({ analysis })) : undefined;
  textPages.forEach((page, i) => {
    const first = running.firstByPage[i];
    if (first.size === 0) return;
    let alone = reuse?.kept(i)?.alone;
    if (alone) takenBack(alone);
    else {
      const others = new Set(page.lines.map((_, k) => k).filter((k) => !first.has(k)));
      const folded = buildAnalysisText(page.text, page.lines, others, vocabulary);
      const prepared: PreparedPage = { page, folded, tokens: readTokens(folded.text, page.text), headings: headings[i], notes: [] };
      alone = analysedPage(documentPath, prepared, rules, documentLanguage, carriedAtTop[i], issuer, plan.record);
    }
    if (kept) kept[i].alone = alone;
    for (const f of alone.findings) if (!named.has(f.category)) findings.push(f);
  });
  const headed = dropHeadingRepeats(findings, textPages, headings);
  const { firm, mentions } = separateMentions(headed);
  return { findings: firm, mentions, fusion: findFusion(crossings), pagesWithoutText: plan.pagesWithoutText, runningLines: running.texts, language: documentLanguage, plan: basisOf(plan), ...(kept ? { kept } : {}) };
}

/** Lines read for the issuer: the first page's first lines (a cover, a letterhead) and the running lines. */
const ISSUER_LINES = 25;
/** A name without a label ("Ville de …", "… Police Department") counts only at the head of the first page. */
const LETTERHEAD_LINES = 10;

function issuerOf(pages: Page[], runningTexts: string[]): Issuer {
  const first = pages.find((p) => p.lines.length > 0);
  const top = first?.lines.slice(0, ISSUER_LINES).map((l) => foldString(l.text)) ?? [];
  return findIssuer([...top.slice(0, LETTERHEAD_LINES), ...runningTexts.map((l) => foldString(l))], top.slice(LETTERHEAD_LINES));
}

/**
 * Mentions by name stand apart: a finding made only by citations counts on a page where its
 * category is also found otherwise (it is then marked `mention`), and is set aside where it
 * would be the page's only evidence of its category.
 */
function separateMentions(findings: Finding[]): { firm: Finding[]; mentions: Finding[] } {
  if (!findings.some((f) => mentionOnly.has(f))) return { firm: findings, mentions: [] };
  const firmKeys = new Set(findings.filter((f) => !f.negated && !mentionOnly.has(f)).map((f) => `${f.page}|${f.category}`));
  const firm: Finding[] = [];
  const mentions: Finding[] = [];
  for (const f of findings) {
    if (!mentionOnly.has(f)) firm.push(f);
    // A copy: the page's own finding stays as its analysis made it (see KeptPage).
    else (firmKeys.has(`${f.page}|${f.category}`) ? firm : mentions).push({ ...f, mention: true });
  }
  return { firm, mentions };
}

/**
 * A heading that repeats its body's finding is context of it, not a second finding: a positive
 * finding inside a heading line is dropped when the same category is found (asserted, optional
 * or excluded) in that heading's body, on the same page below it or, for the last heading of a page, on the next
 * page before its first heading (the body page keeps it).
 */
function dropHeadingRepeats(findings: Finding[], pages: Page[], headings: Heading[][]): Finding[] {
  const index = new Map(pages.map((p, i) => [p.number, i]));
  const headingOf = (f: Finding): Heading | undefined => {
    const i = index.get(f.page);
    if (i === undefined) return undefined;
    const line = pages[i].lines.find((l) => f.start >= l.start && f.start <= l.end);
    return line ? headings[i].find((h) => h.start === line.start) : undefined;
  };
  const inHeading = new Map<Finding, Heading>();
  for (const f of findings) {
    if (f.negated) continue;
    const h = headingOf(f);
    if (h) inHeading.set(f, h);
  }
  if (inHeading.size === 0) return findings;
  // The starts of the findings outside headings, by page and category, in ascending order: one
  // lookup per heading finding instead of a pass over every finding (long documents have thousands).
  const bodyStarts = new Map<string, number[]>();
  for (const g of findings) {
    if (inHeading.has(g)) continue;
    const key = `${index.get(g.page)}\u0000${g.category}`;
    const starts = bodyStarts.get(key);
    if (starts) starts.push(g.start);
    else bodyStarts.set(key, [g.start]);
  }
  for (const starts of bodyStarts.values()) starts.sort((a, b) => a - b);
  const drop = new Set<Finding>();
  for (const [f, h] of inHeading) {
    const i = index.get(f.page)!;
    // A heading with no text of its own before the next one ("SECTION 8 - CELL-SITE
    // SIMULATORS" over "8.1 Status"): its body is that of the headings right under it.
    let k = headings[i].indexOf(h);
    const text = pages[i].text;
    while (k + 1 < headings[i].length && text.slice(headingLineEnd(text, headings[i][k].start), headings[i][k + 1].start).trim() === '') k++;
    const next = headings[i][k + 1];
    // The body's finding in any state: a heading above an exclusion clause is its title, not an affirmation.
    const here = bodyStarts.get(`${i}\u0000${f.category}`);
    const after = here?.find((start) => start > h.start);
    let inBody = after !== undefined && (!next || after < next.start);
    if (!inBody && !next) {
      const there = bodyStarts.get(`${i + 1}\u0000${f.category}`);
      const firstNext = headings[i + 1]?.[0];
      inBody = there !== undefined && (!firstNext || there[0] < firstNext.start);
    }
    if (inBody) drop.add(f);
  }
  return drop.size ? findings.filter((f) => !drop.has(f)) : findings;
}

/** The end of the heading line that starts at `start`. */
function headingLineEnd(text: string, start: number): number {
  const end = text.indexOf('\n', start);
  return end < 0 ? text.length : end;
}

/** One page's findings and crossing passages; `carried` is the section in force at its top. */
function analysePage(
  documentPath: string,
  { page, folded, tokens, headings, notes }: PreparedPage,
  rules: RuleSet,
  documentLanguage: Language | null,
  carried: Heading | null,
  issuer: Issuer,
  seen?: SeenWords,
): { findings: Finding[]; crossings: CrossingPassage[] } {
  let pageFindings: Finding[] = [];
  const crossings: CrossingPassage[] = [];
  if (tokens.length === 0) return { findings: pageFindings, crossings };
  const crossingFindings = new Map<CrossingPassage, { finding: Finding; text: string }[]>();
  let t = 0;
  // A passage ending with "s'interdit :" or "En option :" governs the list items after it.
  let listCue: ListCue = {};
  let afterBareNumber = false;
  let colonList = false;
  // The sentence before, for frames that may span two sentences of one paragraph.
  let previous: Joinable | null = null;
  // A short exclusion heading without a colon ("What is not collected", « Données exclues »):
  // the lines right under it that only name things inherit its exclusion, bullets or not.
  let headingCue: ListCue | null = null;
  // A run-in heading ("(a) Data brokers. The Department has no contract with …"): a short line
  // of names ending with a full stop, its body on the same line. Its positive findings are
  // dropped when the body finds the same category, in any state (as for heading lines).
  let runIn: Finding[] | null = null;
  // A passage ending with a colon ("collecte les données suivantes :", "The system stores:")
  // and, under it, its list items: each item is also read with it, as one sentence, so that a
  // frame may take its words from both (the verb in the lead-in, the data in the item).
  let leadIn: (Joinable & { found: Set<string> }) | null = null;
  const repeats = new Set<Finding>();
  let lastEnd = -1;
  const headingLines = new Set(headings.map((h) => h.start));
  const numberedLines = new Set(headings.filter((h) => h.number !== null).map((h) => h.start));
  for (const passage of splitPassages(folded.text, (i) => page.text[folded.map[i]])) {
    while (t < tokens.length && tokens[t].start < passage.start) t++;
    let u = t;
    while (u < tokens.length && tokens[u].end <= passage.end) u++;
    const passageTokens = tokens.slice(t, u);
    t = u;
    if (passageTokens.length === 0) continue;
    // A numbered answer label on its own ("A15.", "R3 :", "Answer 4."): the answer after it
    // answers the question before it, so the label does not come between them.
    if (isAnswerLabel(passageTokens)) continue;
    const language = decideLanguage(countLanguageVotes(passageTokens), documentLanguage) ?? 'fr';
    const item = startsListItem(folded.text, passage) || afterBareNumber;
    const gap = lastEnd < 0 ? '' : folded.text.slice(lastEnd, passage.start);
    lastEnd = passage.end;
    // (a short line may pass for a heading; a numbered one opens the next section)
    // The start of the page line the passage starts on (-1 when none holds it).
    const lineStart = lineStartOf(page, folded.map[passage.start]);
    if (headingCue && (item || /\n[ \t]*\n/.test(gap) || !namesOnly(passageTokens, folded.text, passage, language) || numberedLines.has(lineStart))) headingCue = null;
    const inherited = item ? listCue : (headingCue ?? {});
    const original = (i: number) => page.text[folded.map[i]];
    // Most passages start no rule: their citations and issuer names are looked for only when a
    // match needs them (the spans depend on the passage alone, not on when they are found).
    const structure = lazyStructure(() => ({
      citations: findCitations(folded.text, passage, original),
      issuer: findIssuerSpans(folded.text, passage, issuer),
    }));
    // Each word's stem and the rules it starts, looked up once: a pair of sentences joins them.
    const index = rules.index[language];
    const words = index.wordsOf(passageTokens, language);
    seen?.add(language, passageTokens, words);
    const passageFindings = analysePassage(documentPath, page, folded, passage, passageTokens, language, rules, inherited, structure, undefined, words);
    if (runIn && (item || /\n[ \t]*\n/.test(gap) || headingLines.has(lineStart))) runIn = null;
    if (runIn) for (const f of passageFindings) for (const h of runIn) if (h.category === f.category) repeats.add(h);
    if (isRunInHeading(folded.text, passage, passageTokens, language)) runIn = passageFindings.filter((f) => !f.negated);
    for (const f of passageFindings) pageFindings.push(f);
    const inNote = notes.some((l) => folded.map[passage.start] >= l.start && folded.map[passage.start] <= l.end);
    const unit: Joinable = { passage, tokens: passageTokens, words, language, structure, findings: passageFindings };
    const joinable = !inNote && isJoinable(folded.text, passage, lineStart, headingLines) ? unit : null;
    const paragraph = previous && joinable && previous.language === language && !/\n[ \t]*\n/.test(folded.text.slice(previous.passage.end, passage.start)) ? previous : null;
    const pairFindings: Finding[] = [];
    // A pair whose words start no rule that may span two sentences finds nothing: a third of
    // the pairs of a long tender, not built.
    if (paragraph && ((paragraph.spanning ??= index.startsSpanningRule(paragraph.words)) || (unit.spanning ??= index.startsSpanningRule(words)))) {
      const found = new Set([...paragraph.findings, ...passageFindings].filter((f) => !f.negated).map((f) => f.category));
      const pair = { start: paragraph.passage.start, end: passage.end };
      const pairStructure = joinedStructure(paragraph.structure, structure);
      const across = paragraph.tokens.length;
      for (const f of analysePassage(documentPath, page, folded, pair, [...paragraph.tokens, ...passageTokens], language, rules, {}, pairStructure, across, [...paragraph.words, ...words])) {
        if (!found.has(f.category)) pairFindings.push(f);
      }
      for (const f of pairFindings) pageFindings.push(f);
    }
    if (item && leadIn && leadIn.language === language && passage.start - leadIn.passage.end <= LEAD_IN_REACH) {
      // Only what neither finds alone, once per category under one lead-in.
      const alone = new Set([...leadIn.findings, ...passageFindings].filter((f) => !f.negated).map((f) => f.category));
      const joined = { start: leadIn.passage.start, end: passage.end };
      for (const f of analysePassage(documentPath, page, folded, joined, [...leadIn.tokens, ...passageTokens], language, rules, inherited, joinedStructure(leadIn.structure, structure), undefined, [...leadIn.words, ...words])) {
        if (f.negated || alone.has(f.category) || leadIn.found.has(f.category)) continue;
        leadIn.found.add(f.category);
        pageFindings.push(f);
      }
    }
    if (!item) leadIn = /:\s*$/.test(folded.text.slice(passage.start, passage.end)) ? { ...unit, found: new Set() } : null;
    // "A vendor offered a drone program. No such system will be acquired.": the exclusion
    // points back to what the sentence before only proposed.
    const anaphor = paragraph?.findings.some((f) => !f.negated) ? anaphoricExclusion(passageTokens, folded.text, language) : undefined;
    if (paragraph && anaphor) excludeAntecedent(paragraph, pairFindings, folded, language, anaphor);
    previous = joinable;
    const sources = passageFindings.flatMap((f) => (sourceWords.get(f) ?? []).map((w) => ({ ...w, finding: f })));
    const found = findCrossing(passageTokens, folded.text, language, sources);
    if (found) {
      const crossing = crossingPassage(documentPath, page, folded, passage, passageTokens, found, headingAt(headings, folded.map[passage.start], carried));
      crossings.push(crossing);
      crossingFindings.set(crossing, (found.sources as (SourceWord & { finding: Finding })[]).map((w) => ({ finding: w.finding, text: w.text })));
    }
    const opening = cueOpeningList(passageTokens, folded.text, passage.end, language);
    if (opening.negation || opening.optional) {
      listCue = opening;
      colonList = opening.colon === true;
    }
    if (opening.negation && !opening.colon && !/[.;!?]\s*$/.test(folded.text.slice(passage.start, passage.end)) && !folded.text.slice(passage.start, passage.end).includes('\n')) headingCue = { negation: opening.negation };
    // "(1)" alone on its line, its item on the next: the item is the list's, when a line ending
    // with a colon opened the list (a bare number is also a table's first cell)
    afterBareNumber = colonList && isBareItemNumber(folded.text, passage);
    if (!opening.negation && !opening.optional && !item && !afterBareNumber) listCue = {};
  }
  if (repeats.size) pageFindings = pageFindings.filter((f) => !repeats.has(f));
  const kept = yieldOnPage(pageFindings);
  if (kept.length < pageFindings.length) {
    const keptSet = new Set(kept);
    // A source word of a finding that yielded is no source of the crossing any more.
    for (const [crossing, words] of crossingFindings) crossing.sources = words.filter((w) => keptSet.has(w.finding)).map((w) => ({ category: w.finding.category, text: w.text }));
    pageFindings = kept;
  }
  excludeTableRows(page, pageFindings);
  for (const f of pageFindings) {
    const heading = headingAt(headings, f.excerptStart, carried);
    const location = locationAt(page.lines, f.start, heading);
    // Headers, notes and comments stand outside the flow of articles: no article is theirs.
    const inNote = notes.some((l) => f.start >= l.start && f.start <= l.end);
    const inFlow = (!location || !OUT_OF_FLOW.has(location.kind)) && !inNote;
    f.section = inFlow ? (heading?.text ?? null) : null;
    f.sectionNumber = inFlow ? (heading?.number ?? null) : null;
    if (location) f.location = location;
  }
  return { findings: pageFindings, crossings };
}

/** The citations and issuer names of two passages read as one (two sentences, a lead-in and its item). */
function joinedStructure(first: () => PassageStructure, second: () => PassageStructure): () => PassageStructure {
  return lazyStructure(() => ({
    citations: [...first().citations, ...second().citations],
    issuer: [...first().issuer, ...second().issuer],
  }));
}

/**
 * How far (in characters of the page) a list item may stand from its lead-in and still be read
 * with it: a list of a dozen short items, not the rest of a page.
 */
const LEAD_IN_REACH = 1500;

/** At most this many words in a run-in heading ("(a) Data brokers.", "Drones."). */
const RUN_IN_WORDS = 6;

/** A short line of names ending with a full stop, with its body after it on the same line. */
function isRunInHeading(folded: string, passage: Span, tokens: Token[], language: Language): boolean {
  if (tokens.length > RUN_IN_WORDS || folded[passage.end - 1] !== '.') return false;
  if (!/^[ \t]+\S/.test(folded.slice(passage.end, passage.end + 4))) return false;
  return namesOnly(tokens, folded, passage, language);
}

/** The start of the page line that holds `offset` (-1 when none does). */
function lineStartOf(page: Page, offset: number): number {
  return page.lines.find((l) => l.end >= offset && l.start <= offset)?.start ?? -1;
}

/** Marks a positive finding as excluded by a trigger found outside its own passage. */
function markExcluded(f: Finding, trigger: string, position: 'before' | 'after'): void {
  f.negated = true;
  f.modality = 'asserted';
  f.commitment = 'excluded';
  if (f.explain) {
    const { modality: _modality, ...explain } = f.explain;
    f.explain = { ...explain, negation: { trigger, position } };
  }
  yielding.delete(f);
  mentionOnly.delete(f);
}

// Words that may join two proposed things into one object ("drones and facial recognition",
// « l'analyse automatisée des flux vidéo »).
const OBJECT_GLUE = /^(?:and|or|the|a|an|of|its|their|et|ou|de|des|du|d|la|le|les|l|un|une)$/;
const MAX_GLUE = 3;
// (not « à »: « recourir à des drones » takes its object with it)
const DESTINATION: Record<Language, RegExp> = { en: /^(?:to|into|onto|on|with)$/, fr: /^(?:au|aux|sur|avec|dans)$/ };
// How many words before a finding its destination word may stand ("to the lobby cameras").
const DESTINATION_REACH = 3;

/**
 * The sentence before an anaphoric exclusion proposed, asked about or tried something: the
 * findings that name it (the object of its use verb, else what follows its cue) are excluded,
 * with those of the two sentences read together. A sentence that affirms a use keeps its findings.
 */
function excludeAntecedent(previous: Joinable, pairFindings: Finding[], folded: FoldedText, language: Language, trigger: string): void {
  const ante = antecedentStart(previous.tokens, folded.text, previous.passage.end, language);
  if (!ante) return;
  const tokens = previous.tokens;
  const located = previous.findings
    .filter((f) => !f.negated)
    .map((f) => ({
      f,
      start: tokens.findIndex((t) => folded.map[t.start] >= f.start),
      end: tokens.findIndex((t) => folded.map[t.end - 1] + 1 >= f.end) + 1,
    }))
    .filter((x) => x.start >= ante.at)
    .sort((a, b) => a.start - b.start);
  // "adding facial recognition to the lobby cameras": what it is added to exists
  // (not the word right after the verb: « recourir à des drones », "to use on patrol drones")
  // (a verb inside a finding's words is no verb of use: « une analyse automatisée »)
  const use = ante.uses.find((u) => located.some((x) => x.start >= u) && !located.some((x) => u - 1 >= x.start && u - 1 < x.end));
  const destination = (x: { start: number }) => {
    for (let k = x.start - 1; k > (use ?? ante.at) && k >= x.start - DESTINATION_REACH; k--) if (DESTINATION[language].test(tokens[k].text)) return true;
    return false;
  };
  const after = (use === undefined ? located : located.filter((x) => x.start >= use)).filter((x) => !destination(x));
  if (after.length === 0) return;
  const excluded = new Set<string>([after[0].f.category]);
  let reach = after[0].end;
  for (const x of after.slice(1)) {
    const between = tokens.slice(reach, x.start);
    if (x.start > reach && (between.length > MAX_GLUE || !between.every((t) => OBJECT_GLUE.test(t.text)))) break;
    excluded.add(x.f.category);
    reach = Math.max(reach, x.end);
  }
  for (const f of [...previous.findings, ...pairFindings]) if (!f.negated && excluded.has(f.category)) markExcluded(f, trigger, 'after');
}

/**
 * A finding in a table row that another cell of the row excludes ("Module de reconnaissance
 * faciale | – | Exclu") is negated: the row is an excluded item, its cells are read apart.
 */
function excludeTableRows(page: Page, findings: Finding[]): void {
  if (!page.lines.some((l) => l.cells)) return;
  const rows = findExcludedRows(page.text, page.lines);
  if (rows.length === 0) return;
  for (const f of findings) {
    if (f.negated) continue;
    const row = rows.find((r) => f.start >= r.start && f.start < r.end);
    if (row) markExcluded(f, row.trigger, 'after');
  }
}

/** A sentence that may join the next one in a two-sentence frame. */
interface Joinable {
  passage: Span;
  tokens: Token[];
  words: WordStarts[];
  language: Language;
  structure: () => PassageStructure;
  findings: Finding[];
  /** Whether its words start a rule that may span two sentences (asked once, when paired). */
  spanning?: boolean;
}

/**
 * Two sentences of one paragraph may make one frame; a heading, a list item or a table cell is
 * a unit of its own and joins nothing.
 */
function isJoinable(folded: string, passage: Span, lineStart: number, headingLines: ReadonlySet<number>): boolean {
  return !startsListItem(folded, passage) && !headingLines.has(lineStart);
}

/** Positive findings made only by matches inside citations (mentions by name). */
const mentionOnly = new WeakSet<Finding>();

/** Categories whose findings name a partner: the document's own issuer is never one. */
const PARTNERS = new Set(['public-partners', 'private-partners']);

/** Frame groups that name the partner (the others name the data, the action or the receiver). */
const PARTNER_GROUPS = new Set(['who', 'body', 'bodies', 'source', 'private', 'partner', 'partners', 'agency', 'agencies', 'company', 'companies']);

/** The words of a match that name the partner: a frame's partner group (else its first), or the match. */
function partnerParts(m: RuleMatch): { start: number; end: number }[] {
  if (!m.parts) return [m];
  const named = m.parts.filter((p) => p.group && PARTNER_GROUPS.has(p.group));
  return named.length ? named : m.parts.slice(0, 1);
}

/** A passage's structure, found on first use and kept. */
function lazyStructure(find: () => PassageStructure): () => PassageStructure {
  let found: PassageStructure | undefined;
  return () => (found ??= find());
}

const NO_STRUCTURE = (): PassageStructure => ({ citations: [], issuer: [] });

/** Citation and issuer spans of a passage (folded offsets), from ./structure.ts. */
interface PassageStructure {
  citations: Span[];
  issuer: Span[];
}

/** A positive finding's words in its passage, for the crossings of data sources. */
const sourceWords = new WeakMap<Finding, SourceWord[]>();

/** Positive findings made only by rules with `yields`, and the categories they yield to. */
const yielding = new WeakMap<Finding, readonly string[]>();

/**
 * A generic word yields on a page where a more specific category explains it: "cameras" on a
 * page about licence-plate-reader cameras, with no other video-surveillance word there, are
 * those cameras. A positive finding made only by rules with `yields: [vehicle-tracking]` is
 * dropped from a page that has a positive vehicle-tracking finding and no other finding of
 * its own category.
 */
function yieldOnPage(pageFindings: Finding[]): Finding[] {
  const firm = new Set<string>();
  let any = false;
  for (const f of pageFindings) {
    if (yielding.has(f)) any = true;
    else if (!f.negated) firm.add(f.category);
  }
  if (!any) return pageFindings;
  return pageFindings.filter((f) => {
    const to = yielding.get(f);
    return !to || firm.has(f.category) || !to.some((c) => firm.has(c));
  });
}

/** A passage with a crossing, located and quoted like a finding (for src/analyse/fusion.ts). */
function crossingPassage(
  documentPath: string,
  page: Page,
  folded: FoldedText,
  passage: { start: number; end: number },
  tokens: Token[],
  crossing: Crossing,
  heading: Heading | null,
): CrossingPassage {
  const start = folded.map[passage.start];
  const cueStart = folded.map[tokens[crossing.start].start];
  const cueEnd = folded.map[tokens[crossing.end - 1].end - 1] + 1;
  const bounds = excerptBounds(page.text, { start, end: folded.map[passage.end - 1] + 1 }, { start: cueStart, end: cueEnd });
  const location = locationAt(page.lines, start, heading);
  return {
    document: documentPath,
    page: page.number,
    pageLabel: page.label ?? String(page.number),
    section: heading?.text ?? null,
    sectionNumber: heading?.number ?? null,
    ...(location ? { location } : {}),
    cue: crossing.text,
    excerpt: readingText(page.text, folded, bounds.start, bounds.end),
    excerptStart: bounds.start,
    excerptEnd: bounds.end,
    verb: readingText(page.text, folded, cueStart, cueEnd),
    sources: crossing.sources.map((w) => ({ category: w.category, text: w.text })),
  };
}

const OUT_OF_FLOW = new Set<LocationKind>(['header', 'footer', 'footnote', 'endnote', 'comment']);

/** Formats without pages: where the text at `offset` is (its line's location, the cell's column). */
function locationAt(lines: Line[], offset: number, heading: Heading | null): FindingLocation | undefined {
  const line = lines.find((l) => offset >= l.start && offset <= l.end);
  if (!line?.location) return undefined;
  const column = line.cells?.find((c) => offset >= c.start && offset < c.end)?.column;
  return { ...line.location, ...(column !== undefined ? { column } : {}), heading: OUT_OF_FLOW.has(line.location.kind) ? null : (heading?.text ?? null) };
}

/** A frame is negated when one of its words is ("aucun usager ne pourra transmettre…"). */
function negationOfMatch(scopes: NegationScope[], m: RuleMatch, of = negationOf): NegationScope | undefined {
  if (!m.parts) return of(scopes, m.start, m.end);
  for (const p of m.parts) {
    const scope = of(scopes, p.start, p.end);
    if (scope) return scope;
  }
  return undefined;
}

/** A web address: its words ("…/Face-Recognition-Policy-…-Criminal-Intelligence") are a name, not prose. */
const URL = /(?:https?:\/\/|www\.)[^\s<>"]+/g;

/** Cancel spans (token indexes) over the web addresses of the passage, for every category. */
function urlSpans(tokens: Token[], folded: string, passage: { start: number; end: number }): CancelSpan[] {
  const text = folded.slice(passage.start, passage.end);
  if (!text.includes('http') && !text.includes('www.')) return [];
  const spans: CancelSpan[] = [];
  let t = 0;
  for (const m of text.matchAll(URL)) {
    const from = passage.start + m.index!;
    const to = from + m[0].length;
    while (t < tokens.length && tokens[t].end <= from) t++;
    let u = t;
    while (u < tokens.length && tokens[u].start < to) u++;
    if (u > t) spans.push({ rule: 'web-address', start: t, end: u, categories: null });
    t = u;
  }
  return spans;
}

/** The cancel spans that apply to a category, indexed once per category asked. */
function cancelIndex(cancels: CancelSpan[]): (category: string) => SpanIndex {
  const byCategory = new Map<string, SpanIndex>();
  return (category) => {
    let index = byCategory.get(category);
    if (!index) byCategory.set(category, (index = new SpanIndex(cancels.filter((c) => c.categories === null || c.categories.has(category)))));
    return index;
  };
}

/** What --explain shows for a conditional permission: its trigger and its exception ("prohibited … unless"). */
const conditionText = (scope: NegationScope) => `${scope.trigger} … ${scope.exception!.text}`;

function analysePassage(
  documentPath: string,
  page: Page,
  folded: FoldedText,
  passage: { start: number; end: number },
  tokens: Token[],
  language: Language,
  rules: RuleSet,
  inherited: ListCue,
  structure: () => PassageStructure = NO_STRUCTURE,
  across?: number,
  words?: readonly WordStarts[],
): Finding[] {
  // Only the rules that one of the passage's words can start are run: most passages run none.
  const { stems, candidates } = rules.index[language].candidatesOf(tokens, language, words, across !== undefined);
  if (candidates.length === 0) return [];
  // Two joined sentences: only frames that may span them look for matches there.
  if (across !== undefined && !candidates.some(({ rule }) => rule.span === 2)) return [];
  const ctx: MatchContext = {
    tokens,
    stems,
    raw: (i) => page.text.slice(folded.map[tokens[i].start], folded.map[tokens[i].end - 1] + 1),
    text: folded.text,
  };
  const matches: RuleMatch[] = [];
  for (const { rule, starts } of candidates) {
    if (rule.category === null) continue;
    // One by one: a long paragraph has more matches than `push(...)` takes arguments.
    if (across === undefined) for (const m of rule.match(ctx, starts)) matches.push(m);
    else if (rule.span === 2) for (const m of rule.match(ctx, starts, across)) matches.push(m);
  }
  if (matches.length === 0) return [];
  const cancels: CancelSpan[] = [];
  for (const { rule, starts } of candidates) if (rule.category === null) for (const c of rule.cancels(ctx, starts)) cancels.push(c);
  for (const c of urlSpans(tokens, folded.text, passage)) cancels.push(c);
  // A frame is cancelled when a cancel span covers one of its words, not a word in between.
  const charSpan = (p: { start: number; end: number }) => ({ start: tokens[p.start].start, end: tokens[p.end - 1].end });
  // Indexed spans: a paragraph of a megabyte has as many matches as cancels, and each
  // question below is a binary search, not a walk over all of them.
  const cancelling = cancelIndex(cancels);
  let issuerIndex: SpanIndex | undefined;
  const issuer = () => (issuerIndex ??= new SpanIndex(structure().issuer));
  const kept = matches.filter(
    (m) =>
      !(m.parts ?? [m]).some((p) => cancelling(m.category).overlapsAny(p)) &&
      // The document's issuer giving or getting data is the system itself, not a partner.
      !(PARTNERS.has(m.category) && partnerParts(m).some((p) => issuer().overlapsAny(charSpan(p)))),
  );
  if (kept.length === 0) return [];
  const citations = new CoverIndex(structure().citations);
  const cited = (m: RuleMatch) => citations.size > 0 && (m.parts ?? [m]).every((p) => citations.coversAny(charSpan(p)));

  const scopes: NegationScope[] = withoutActiveSubjects(findNegationScopes(tokens, folded.text, language), kept.flatMap((m) => m.parts ?? [m]));
  if (inherited.negation) {
    const exception = itemCondition(tokens, language);
    scopes.push({ trigger: inherited.negation, position: 'before', start: 0, end: tokens.length, ...(exception ? { exception } : {}) });
  }
  const found = findOptionalCue(tokens, language);
  const optionalCue = found.passage ?? inherited.optional;
  const byCategory = new Map<string, { match: RuleMatch; negation?: NegationScope; condition?: NegationScope }[]>();
  for (const m of kept.sort((a, b) => a.start - b.start || b.end - a.end)) {
    const list = byCategory.get(m.category) ?? [];
    // Sorted by start, longest first, and kept apart: only the last kept can reach this one.
    if (list.length > 0 && overlaps(list[list.length - 1].match, m)) continue;
    const negation = negationOfMatch(scopes, m);
    // Words that count only excluded ("no audio", « pas les sons ») say nothing otherwise.
    if (m.excludedOnly && !negation) continue;
    // "Prohibited unless authorised": permitted under a condition, so planned as an option.
    const condition = negation ? undefined : negationOfMatch(scopes, m, conditionOf);
    list.push({ match: m, negation, condition });
    byCategory.set(m.category, list);
  }

  const passageStart = folded.map[passage.start];
  const passageEnd = folded.map[passage.end - 1] + 1;
  const out: Finding[] = [];
  for (const [category, list] of byCategory) {
    // A category is negated in a passage only when every mention of it is.
    const primary = list.find((x) => !x.negation && !cited(x.match)) ?? list.find((x) => !x.negation) ?? list[0];
    const negated = list.every((x) => x.negation);
    const ahead = found.ahead && found.ahead.ahead! <= primary.match.start ? found.ahead : undefined;
    const condition: ModalityCue | undefined = primary.condition ? { trigger: conditionText(primary.condition), commitment: 'optional' } : undefined;
    const modalityCue = negated ? undefined : (optionalCue ?? ahead ?? condition);
    const start = folded.map[tokens[primary.match.start].start];
    const end = folded.map[tokens[primary.match.end - 1].end - 1] + 1;
    const excerpt = excerptBounds(page.text, { start: passageStart, end: passageEnd }, { start, end });
    const finding: Finding = {
      document: documentPath,
      page: page.number,
      pageLabel: page.label ?? String(page.number),
      section: null,
      sectionNumber: null,
      category,
      rule: primary.match.rule,
      matched: readingText(page.text, folded, start, end),
      excerpt: readingText(page.text, folded, excerpt.start, excerpt.end),
      start,
      end,
      excerptStart: excerpt.start,
      excerptEnd: excerpt.end,
      negated,
      modality: modalityCue ? 'optional' : 'asserted',
      commitment: negated ? 'excluded' : (modalityCue?.commitment ?? 'required'),
      language,
      source: page.source ?? 'text',
      ...(page.words ? { ocrConfidence: meanConfidence(page.words, excerpt) } : {}),
      explain: {
        rule: primary.match.rule,
        kind: primary.match.kind,
        words: primary.match.words,
        ...(primary.match.product ? { product: primary.match.product } : {}),
        ...(negated && primary.negation ? { negation: { trigger: primary.negation.trigger, position: primary.negation.position } } : {}),
        ...(modalityCue ? { modality: { trigger: modalityCue.trigger, commitment: modalityCue.commitment } } : {}),
      },
    };
    const positives = list.filter((x) => !x.negation);
    const spans = positives.flatMap((x) => x.match.parts ?? [x.match]);
    sourceWords.set(
      finding,
      spans.map((p) => {
        const from = folded.map[tokens[p.start].start];
        const to = folded.map[tokens[p.end - 1].end - 1] + 1;
        return { category, start: p.start, end: p.end, text: readingText(page.text, folded, from, to) };
      }),
    );
    if (positives.length > 0 && positives.every((x) => x.match.yields)) yielding.set(finding, [...new Set(positives.flatMap((x) => x.match.yields!))]);
    if (positives.length > 0 && positives.every((x) => cited(x.match))) mentionOnly.add(finding);
    out.push(finding);
  }
  return out;
}
