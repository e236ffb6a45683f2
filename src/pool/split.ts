// One long document read by several workers: the worker that owns it shares its bytes (a
// SharedArrayBuffer, no second read of the file) and a counter of page ranges; the pool lends
// it idle workers, which take ranges with Atomics.add until none is left and send their pages
// back. The owner takes ranges too, then puts the pages in order and analyses them as before.
import { readSharedPdfPages, type PageSharing, type SharedDocument, type SharedPages } from '../extract/pdf.js';
import type { Page } from '../types.js';

/**
 * Documents with fewer pages are read by their own worker alone. Measured on the shared corpus
 * (pdfjs 5.6, 2 cores): opening a document again costs 10–60 ms and its fonts are parsed again
 * by each worker, against 7–20 ms a page; a worker that has to be started costs about a second.
 */
export const SPLIT_MIN_PAGES = 120;
/** Pages per range: small enough that the last range does not keep one worker waiting. */
export const RANGE_PAGES = 8;

/** Workers (owner included) worth putting on a document of `pageCount` pages: one per half threshold. */
export function shareThreads(pageCount: number, minPages: number): number {
  return pageCount < minPages ? 1 : Math.max(2, Math.floor((2 * pageCount) / minPages));
}

/** What the owner tells the pool: the document, in shared memory, and the range counter. */
export interface ShareOffer {
  document: SharedDocument;
  /** Int32Array(1) over a SharedArrayBuffer: the next range to take. */
  counter: SharedArrayBuffer;
  rangePages: number;
  threads: number;
}

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
  done?: boolean;
  failure?: string;
}

/** Messages of the pool to the owner about its shared pages. */
export interface SharedMessage {
  shared: number;
  pages?: Page[];
  /** Every worker that took ranges has ended (or died): no more pages will come. */
  done?: boolean;
}

export const rangeCount = (offer: Pick<ShareOffer, 'document' | 'rangePages'>) => Math.ceil(offer.document.pageCount / offer.rangePages);

/** Takes the next range of pages, for whichever thread calls it. */
function claimRange(counter: Int32Array, pageCount: number, rangePages: number): [number, number] | undefined {
  const index = Atomics.add(counter, 0, 1);
  const first = index * rangePages + 1;
  // Past the end the counter keeps growing, harmlessly: a range index never wraps below 2^31.
  if (first > pageCount) return undefined;
  return [first, Math.min(pageCount, first + rangePages - 1)];
}

/** True while some range of the offer is not taken yet. */
export function rangesLeft(offer: ShareOffer): boolean {
  return Atomics.load(new Int32Array(offer.counter), 0) < rangeCount(offer);
}

/** The owner's side, in the worker that analyses the document: one per task. */
export class PageShareOwner implements PageSharing {
  private received?: { pages: Map<number, Page>; done(): void };

  constructor(
    private readonly tell: (message: { share: ShareOffer } | { shareClaimed: true }) => void,
    private readonly minPages = SPLIT_MIN_PAGES,
  ) {}

  shares(pageCount: number): boolean {
    return shareThreads(pageCount, this.minPages) >= 2;
  }

  open(document: SharedDocument): SharedPages | undefined {
    const threads = shareThreads(document.pageCount, this.minPages);
    if (threads < 2) return undefined;
    const pdf = new Uint8Array(new SharedArrayBuffer(document.pdf.byteLength));
    pdf.set(document.pdf);
    const counter = new Int32Array(new SharedArrayBuffer(4));
    const pages = new Map<number, Page>();
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    this.received = { pages, done };
    this.tell({ share: { document: { ...document, pdf }, counter: counter.buffer as SharedArrayBuffer, rangePages: RANGE_PAGES, threads } });
    let claimedAll = false;
    return {
      claim: () => {
        const range = claimRange(counter, document.pageCount, RANGE_PAGES);
        if (!range && !claimedAll) {
          claimedAll = true;
          this.tell({ shareClaimed: true });
        }
        return range;
      },
      collect: async () => {
        await finished;
        return pages;
      },
    };
  }

  /** The pool's news of the shared pages. */
  receive(message: SharedMessage): void {
    for (const page of message.pages ?? []) this.received?.pages.set(page.number, page);
    if (message.done) this.received?.done();
  }
}

/** The lent worker's side: reads ranges until none is left, each sent as soon as it is read. */
export async function helpRead(task: HelpTask, post: (message: HelperMessage) => void): Promise<void> {
  const { offer } = task;
  const counter = new Int32Array(offer.counter);
  try {
    await readSharedPdfPages(offer.document, () => claimRange(counter, offer.document.pageCount, offer.rangePages), (pages) => post({ helped: task.id, pages }));
    post({ helped: task.id, done: true });
  } catch (err) {
    // The ranges this worker took and did not send are read again by the owner.
    post({ helped: task.id, done: true, failure: String((err as Error)?.message ?? err) });
  }
}
