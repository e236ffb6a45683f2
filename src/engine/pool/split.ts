// One long document read and analysed by several workers: the worker that owns it shares its
// bytes (a SharedArrayBuffer, no second read of the file) and a counter of page ranges; the pool
// lends it idle workers, which take ranges with Atomics.add until none is left and send their
// pages back. The owner takes ranges too, then puts the pages in order. Analysis is shared the
// same way (text from the cache or freshly extracted): the owner decides what spans the whole
// document (running lines, sections, issuer, the words behind hyphen decisions), shares that
// context in shared memory, each page encoded as JSON on its own so that a lent worker decodes
// only the pages of its ranges; every thread votes on ranges of pages for the document's
// language, then the same context, with the language, is offered again and every thread
// analyses ranges of pages; the owner merges them in page order and finishes the document.
import { readSharedPdfPages, sharedCopy, type PageSharing, type SharedDocument, type SharedPages } from '../../extract/pdf.js';
import { analysePageRange, votePageRange, type AnalysisSharing, type ContextPage, type DocumentContext, type PageAnalysis, type RangeVotes, type SharedAnalysis, type SharedVote } from '../../analyse/document.js';
import type { RuleSet } from '../../rules/load.js';
import type { Page } from '../../types.js';

/**
 * Documents with fewer pages are read by their own worker alone. Measured on the shared corpus
 * (pdfjs 5.6, 2 cores): opening a document again costs 10–60 ms and its fonts are parsed again
 * by each worker, against 7–20 ms a page; a worker that has to be started costs about a second.
 */
export const SPLIT_MIN_PAGES = 120;
/**
 * Pages of the smallest range: small enough that the last range does not keep one worker
 * waiting. Ranges start larger (see claimRange): a thread that reads pages in a row parses each
 * font the document embeds again for that stretch (a dossier joined from several documents
 * embeds its fonts once per part), and short ranges in turn made both threads parse them all.
 */
export const RANGE_PAGES = 8;

/** Workers (owner included) worth putting on a document of `pageCount` pages: one per half threshold. */
export function shareThreads(pageCount: number, minPages: number): number {
  return pageCount < minPages ? 1 : Math.max(2, Math.floor((2 * pageCount) / minPages));
}

/**
 * What the owner tells the pool: the document, in shared memory, and the range counter. Either
 * its bytes, for pages to be read (extraction), or its context as JSON, for pages to be analysed.
 */
export interface ShareOffer {
  pageCount: number;
  document?: SharedDocument;
  /** A DocumentContext (analysis), see encodeContext. */
  analysis?: SharedContext;
  /** The same, for the language vote that comes before the analysis (its language not known yet). */
  vote?: SharedContext;
  /** Int32Array(1) over a SharedArrayBuffer: the next page to take (0-based). */
  counter: SharedArrayBuffer;
  rangePages: number;
  threads: number;
  /** Tests only (WorkerSetup.holdOwnerUntilHelped): Int32Array(1), set to 1 once a lent worker has sent a range. */
  gate?: SharedArrayBuffer;
}

/**
 * A DocumentContext in shared memory: what holds for the whole document as one UTF-8 JSON
 * text, and each page's ContextPage as its own JSON text, page i at bytes
 * [offsets[i], offsets[i + 1]) of `pages`. Passed to lent workers without a copy.
 */
export interface SharedContext {
  /** JSON of the context without its pages (path, pageCount, language, issuer, words). */
  head: SharedArrayBuffer;
  /** Float64Array(pageCount + 1) of byte offsets into `pages`. */
  offsets: SharedArrayBuffer;
  pages: SharedArrayBuffer;
}

/** The owner's side: a context encoded page by page (no text of the whole document at once). */
export function encodeContext(context: DocumentContext): SharedContext {
  const head = encodeHead(context);
  const { page } = context;
  const encoded: (Buffer | undefined)[] = [];
  let size = 0;
  for (let i = 0; i < context.pageCount; i++) {
    const bytes = Buffer.from(JSON.stringify(withoutLineTexts(page(i))));
    encoded.push(bytes);
    size += bytes.byteLength;
  }
  const offsets = new Float64Array(new SharedArrayBuffer(8 * (context.pageCount + 1)));
  const pages = new Uint8Array(new SharedArrayBuffer(size));
  let at = 0;
  for (let i = 0; i < encoded.length; i++) {
    offsets[i] = at;
    pages.set(encoded[i]!, at);
    at += encoded[i]!.byteLength;
    encoded[i] = undefined;
  }
  offsets[context.pageCount] = at;
  return { head, offsets: offsets.buffer as SharedArrayBuffer, pages: pages.buffer as SharedArrayBuffer };
}

/** What holds for the whole document (all of the context but its pages), in shared memory. */
function encodeHead(context: DocumentContext): SharedArrayBuffer {
  const { page: _, ...whole } = context;
  return sharedCopy(Buffer.from(JSON.stringify(whole))).buffer as SharedArrayBuffer;
}

/**
 * A page's lines without their text where it is the page text's own slice (nearly always): the
 * encoded context is about 40 % smaller (tens of MB on a long document), and a decoded line's
 * text is again a slice of its page's, as the owner's lines are.
 */
function withoutLineTexts(context: ContextPage): ContextPage {
  const { text, lines } = context.page;
  const slim = lines.map((line) => (text.slice(line.start, line.end) === line.text ? { ...line, text: undefined } : line));
  return { ...context, page: { ...context.page, lines: slim as Page['lines'] } };
}

/** withoutLineTexts undone. */
function withLineTexts(context: ContextPage): ContextPage {
  const { text } = context.page;
  for (const line of context.page.lines) if (line.text === undefined) line.text = text.slice(line.start, line.end);
  return context;
}

/** The lent worker's side: the context, each page decoded when asked for. */
export function decodeContext(shared: SharedContext): DocumentContext {
  // A Buffer reads shared memory in place (TextDecoder does not).
  const text = (buffer: SharedArrayBuffer, start = 0, end = buffer.byteLength) => Buffer.from(buffer, start, end - start).toString('utf8');
  const whole = JSON.parse(text(shared.head)) as Omit<DocumentContext, 'page'>;
  const offsets = new Float64Array(shared.offsets);
  return { ...whole, page: (i) => withLineTexts(JSON.parse(text(shared.pages, offsets[i], offsets[i + 1])) as ContextPage) };
}

/** How long a held owner waits for a lent worker before it reads on alone (tests only). */
const HOLD_MS = 30_000;

/** What the pool asks of a lent worker. */
export interface HelpTask {
  /** The owner's task id. */
  id: number;
  offer: ShareOffer;
}

/** Messages of a lent worker to the pool. */
export interface HelperMessage {
  helped: number;
  pages?: Page[];
  /** Pages analysed: [1-based page index, its analysis]. */
  analysed?: [number, PageAnalysis][];
  /** The language votes of ranges of pages. */
  voted?: RangeVotes[];
  done?: boolean;
  failure?: string;
}

/** Messages of the pool to the owner about its shared pages. */
export interface SharedMessage {
  shared: number;
  pages?: Page[];
  analysed?: [number, PageAnalysis][];
  voted?: RangeVotes[];
  /** Every worker that took ranges has ended (or died): no more pages will come. */
  done?: boolean;
}

/**
 * Takes the next range of pages (1-based, inclusive), for whichever thread calls it: a share of
 * what is left, 1 / (2 × threads) of it, never under `rangePages` (guided self-scheduling), so
 * that threads read long stretches first and short ones at the end.
 */
export function claimRange(counter: Int32Array, pageCount: number, rangePages: number, threads: number): [number, number] | undefined {
  for (;;) {
    const next = Atomics.load(counter, 0);
    if (next >= pageCount) return undefined;
    const size = Math.max(rangePages, Math.ceil((pageCount - next) / (2 * Math.max(1, threads))));
    const end = Math.min(pageCount, next + size);
    if (Atomics.compareExchange(counter, 0, next, end) === next) return [next + 1, end];
  }
}

/** True while some range of the offer is not taken yet. */
export function rangesLeft(offer: ShareOffer): boolean {
  return Atomics.load(new Int32Array(offer.counter), 0) < offer.pageCount;
}

/** The owner's side, in the worker that analyses the document: one per task. */
export class PageShareOwner implements PageSharing, AnalysisSharing {
  private received?: { pages: Map<number, Page>; analysed: Map<number, PageAnalysis>; voted: RangeVotes[]; done(): void };
  /** The pages of the context offered for the vote, offered again for the analysis. */
  private encoded?: { page: DocumentContext['page']; shared: SharedContext };

  constructor(
    private readonly tell: (message: { share: ShareOffer } | { shareClaimed: true }) => void,
    private readonly minPages = SPLIT_MIN_PAGES,
    /** Workers the pool may have (--jobs): ranges are sized for those that can read at once. */
    private readonly maxThreads = Infinity,
    /** Tests only: take no range before a lent worker has sent one (see ShareOffer.gate). */
    private readonly holdUntilHelped = false,
  ) {}

  shares(pageCount: number): boolean {
    return shareThreads(pageCount, this.minPages) >= 2;
  }

  sharesAnalysis(pageCount: number): boolean {
    return Math.min(shareThreads(pageCount, this.minPages), this.maxThreads) >= 2;
  }

  open(document: SharedDocument): SharedPages | undefined {
    // Bytes in shared memory already are passed on as they are.
    const pdf = document.pdf.buffer instanceof SharedArrayBuffer ? document.pdf : sharedCopy(document.pdf);
    const shared = this.offer(document.pageCount, { document: { ...document, pdf } });
    return shared && { claim: shared.claim, collect: async () => (await shared.finished).pages };
  }

  openAnalysis(context: DocumentContext): SharedAnalysis | undefined {
    if (!this.sharesAnalysis(context.pageCount)) return undefined;
    // Encoded once, in shared memory: the pool passes it on without a copy. The pages encoded
    // for the vote are the same: only what holds for the whole document (the language) is new.
    const encoded = this.encoded?.page === context.page ? { ...this.encoded.shared, head: encodeHead(context) } : encodeContext(context);
    this.encoded = undefined;
    const shared = this.offer(context.pageCount, { analysis: encoded });
    return shared && { claim: shared.claim, collect: async () => (await shared.finished).analysed };
  }

  openVote(context: DocumentContext): SharedVote | undefined {
    if (!this.sharesAnalysis(context.pageCount)) return undefined;
    const encoded = encodeContext(context);
    this.encoded = { page: context.page, shared: encoded };
    const shared = this.offer(context.pageCount, { vote: encoded });
    return shared && { claim: shared.claim, collect: async () => (await shared.finished).voted };
  }

  private offer(pageCount: number, what: Pick<ShareOffer, 'document' | 'analysis' | 'vote'>) {
    const threads = Math.min(shareThreads(pageCount, this.minPages), this.maxThreads);
    if (threads < 2) return undefined;
    const counter = new Int32Array(new SharedArrayBuffer(4));
    const pages = new Map<number, Page>();
    const analysed = new Map<number, PageAnalysis>();
    const voted: RangeVotes[] = [];
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve)).then(() => ({ pages, analysed, voted }));
    this.received = { pages, analysed, voted, done };
    const gate = this.holdUntilHelped ? new Int32Array(new SharedArrayBuffer(4)) : undefined;
    this.tell({
      share: { pageCount, ...what, counter: counter.buffer as SharedArrayBuffer, rangePages: RANGE_PAGES, threads, ...(gate ? { gate: gate.buffer as SharedArrayBuffer } : {}) },
    });
    let claimedAll = false;
    return {
      finished,
      claim: (): [number, number] | undefined => {
        // Blocks this thread only: the lent worker reads in its own, and its pages wait in
        // this thread's message queue until the owner collects them.
        if (gate) Atomics.wait(gate, 0, 0, HOLD_MS);
        const range = claimRange(counter, pageCount, RANGE_PAGES, threads);
        if (!range && !claimedAll) {
          claimedAll = true;
          this.tell({ shareClaimed: true });
        }
        return range;
      },
    };
  }

  /** The pool's news of the shared pages. */
  receive(message: SharedMessage): void {
    for (const page of message.pages ?? []) this.received?.pages.set(page.number, page);
    for (const [n, page] of message.analysed ?? []) this.received?.analysed.set(n, page);
    for (const range of message.voted ?? []) this.received?.voted.push(range);
    if (message.done) this.received?.done();
  }
}

/** The lent worker's side: reads ranges until none is left, each sent as soon as it is read. */
export async function helpRead(task: HelpTask, rules: () => RuleSet, post: (message: HelperMessage) => void): Promise<void> {
  const { offer } = task;
  const counter = new Int32Array(offer.counter);
  const claim = () => claimRange(counter, offer.pageCount, offer.rangePages, offer.threads);
  const openGate = () => {
    if (offer.gate) {
      // Opened before the pages are posted: once the pool has them, this thread may be
      // stopped at any moment (a test kills it there), and the owner must not wait on.
      const gate = new Int32Array(offer.gate);
      Atomics.store(gate, 0, 1);
      Atomics.notify(gate, 0);
    }
  };
  try {
    if (offer.vote) {
      const context = decodeContext(offer.vote);
      let vocabulary: Parameters<typeof votePageRange>[3];
      for (let range = claim(); range; range = claim()) {
        const done = votePageRange(context, range[0], range[1], vocabulary);
        vocabulary = done.vocabulary;
        openGate();
        post({ helped: task.id, voted: [[range[0], range[1], done.votes]] });
      }
    } else if (offer.analysis) {
      const context = decodeContext(offer.analysis);
      let vocabulary: Parameters<typeof analysePageRange>[4];
      for (let range = claim(); range; range = claim()) {
        const done = analysePageRange(context, rules(), range[0], range[1], vocabulary);
        vocabulary = done.vocabulary;
        openGate();
        post({ helped: task.id, analysed: done.pages });
      }
    } else if (offer.document) {
      await readSharedPdfPages(offer.document, claim, (pages) => {
        openGate();
        post({ helped: task.id, pages });
      });
    }
    post({ helped: task.id, done: true });
  } catch (err) {
    // The ranges this worker took and did not send are read again by the owner.
    post({ helped: task.id, done: true, failure: String((err as Error)?.message ?? err) });
  }
}
