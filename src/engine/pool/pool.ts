// A pool of worker threads, one document at a time per worker. Each document runs under a
// heap cap (resourceLimits) and a wall-clock timer that terminates its worker: a Promise
// timeout cannot fire while pdf.js blocks a thread. Dead workers are replaced.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { OCR_TEMP_PREFIX } from '../../ocr/tesseract.js';
import type { DocumentResult, Finding } from '../../types.js';
import type { PoolMessage, WorkerData, WorkerMessage, WorkerSetup, WorkerTask } from './worker.js';
import { startWorker, takeEarlyWorker } from './early.js';
import { MAX_TIMER_MS } from './limits.js';
import { rangesLeft, SPLIT_MIN_PAGES, type HelperMessage, type ShareOffer } from './split.js';

export interface PoolLimits {
  /** Wall-clock limit per document, in milliseconds. */
  timeoutMs: number;
  /** V8 heap cap per worker (old generation), in MB. */
  heapMb: number;
  /** Resident memory of the whole process above which the longest-running document is stopped, in MB. */
  maxRssMb: number;
}

export type PoolFailure = {
  code: 'TIMEOUT' | 'RESOURCE_LIMIT' | 'INTERNAL';
  message: string;
  /** The input's hash and size, when the worker had read it before it was stopped. */
  known?: { sha256: string; size: number };
};

interface Job {
  task: WorkerTask;
  resolve(outcome: DocumentResult | PoolFailure): void;
  known?: { sha256: string; size: number };
  /** OCR processes and temporary folders the document's worker has started and not yet ended. */
  children: Set<number>;
  folders: Set<string>;
  /** A long document shared out: its offer, the workers lent to it, whether every range is taken. */
  share?: { offer: ShareOffer; owner: Slot; helpers: Set<Slot>; claimed: boolean; over: boolean; failed?: boolean };
  /** OCR pipelines the document runs (each counted against the run's limit). */
  ocrHeld: number;
  /** The findings of its result received so far (a long document's come in parts, see worker.ts). */
  findings?: Finding[];
}

/** Keeps track of the OCR processes and folders a worker reports; true when the message was one. */
function recordResources(job: Job, message: Partial<WorkerMessage>): boolean {
  if (message.child) message.child.alive ? job.children.add(message.child.pid) : job.children.delete(message.child.pid);
  else if (message.folder) message.folder.exists ? job.folders.add(message.folder.dir) : job.folders.delete(message.folder.dir);
  else return false;
  return true;
}

/** A result whose findings were sent ahead in parts gets them back (all of them, or it failed). */
function withFindingsSent(job: Job, result: DocumentResult, sent: number | undefined): DocumentResult | PoolFailure {
  if (sent === undefined) return result;
  const findings = job.findings ?? [];
  job.findings = undefined;
  if (findings.length !== sent) return { code: 'INTERNAL', message: `${findings.length} of the ${sent} findings reached the pool`, known: job.known };
  return { ...result, findings };
}

/** Kills what a stopped document's OCR left running and removes its temporary folders. */
function releaseJob(job: Job): void {
  for (const pid of job.children) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  job.children.clear();
  // Only folders the OCR creates (mkdtemp in the temporary folder, with its prefix) are removed.
  for (const dir of job.folders) {
    if (dirname(dir) === tmpdir() && basename(dir).startsWith(OCR_TEMP_PREFIX)) rmSync(dir, { recursive: true, force: true });
  }
  job.folders.clear();
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job?: Job;
  /** The document whose pages this worker reads for its owner (see split.ts). */
  helping?: Job;
  startedAt: number;
  timer?: NodeJS.Timeout;
  growTimer?: NodeJS.Timeout;
  /** Its last result is sent and its cache entries not yet written (the worker says `written`). */
  writing?: boolean;
  onWritten?: () => void;
}

export { MAX_TIMER_MS, DEFAULT_HEAP_MB } from './limits.js';
export { startEarlyWorker } from './early.js';

/** PDFs from this size on start a second worker as soon as they need extraction (see prewarm). */
const PREWARM_BYTES = 1024 * 1024;

/** A document running this long with others waiting makes the pool grow, extraction or not. */
const GROW_AFTER_MS = 500;

/**
 * How long a worker may take, at the end of a run, to write its last document's cache entries
 * (a 2,000-page tender's take a second) before it is stopped.
 */
const CLOSE_GRACE_MS = 30_000;

/**
 * Starts with one worker and grows up to `size` when there is work for more: a document that
 * needs extraction (not in the text cache), or one running longer than GROW_AFTER_MS, while
 * others wait. Documents found in the cache take a few milliseconds each: one worker finishes
 * them before a second could start, and every extra worker warms its own JIT up.
 */
export class DocumentPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  /** OCR pipelines free in the whole run (--jobs of them), and the requests waiting for one. */
  private ocrFree: number;
  private readonly ocrWaiting: { slot: Slot; job: Job; request: number }[] = [];
  private nextId = 1;
  private readonly watchdog: NodeJS.Timeout;
  private closed = false;
  // A run that exits without closing the pool (a second Ctrl-C) still kills the OCR processes.
  private readonly releaseOnExit = () => this.slots.forEach((slot) => slot.job && releaseJob(slot.job));

  private readonly setup: WorkerSetup;

  constructor(
    private readonly size: number,
    setup: WorkerSetup,
    private readonly limits: PoolLimits,
    private readonly workerData: WorkerData = {},
  ) {
    // With one worker there is nobody to share pages with: no copy in shared memory.
    this.setup = size > 1 ? { ...setup, poolSize: size } : { ...setup, splitPages: Infinity };
    this.ocrFree = size;
    this.slots.push(this.spawn());
    // Memory outside the JS heap (decompressed streams in ArrayBuffers) is not capped by
    // resourceLimits: watch the process and stop the document that has run longest.
    this.watchdog = setInterval(() => this.checkMemory(), 250);
    this.watchdog.unref();
    process.on('exit', this.releaseOnExit);
  }

  /** Workers started so far (running, starting, or stopped once they had nothing left to do). */
  get workerCount(): number {
    return this.started;
  }

  private started = 0;

  /** Pages that lent workers read for the documents they were lent to. */
  pagesReadByHelpers = 0;
  /** Pages lent workers voted on (a long document's language) for the documents they were lent to. */
  pagesVotedByHelpers = 0;
  /** Pages that lent workers analysed for the documents they were lent to. */
  pagesAnalysedByHelpers = 0;

  run(input: WorkerTask['input'], options: WorkerTask['options']): Promise<DocumentResult | PoolFailure> {
    return new Promise((resolve) => {
      this.queue.push({ task: { id: this.nextId++, input, options }, resolve, children: new Set(), folders: new Set(), ocrHeld: 0 });
      this.dispatch();
    });
  }

  /**
   * Stops the workers; resolves once those with nothing left to do are stopped, with `written`:
   * a worker still writing its last document's cache entries (see worker.ts) is stopped once it
   * has, after CLOSE_GRACE_MS at most, while the report is built; the process waits for it.
   */
  async close(): Promise<{ written: Promise<void> }> {
    this.closed = true;
    clearInterval(this.watchdog);
    const writing = this.slots.filter((s) => s.writing && !s.job && !s.helping);
    // Listening before anything is awaited: the word may come meanwhile.
    const stopped = writing.map(async (slot) => {
      await new Promise<void>((resolve) => {
        const grace = setTimeout(resolve, CLOSE_GRACE_MS);
        slot.onWritten = () => {
          clearTimeout(grace);
          resolve();
        };
      });
      await slot.worker.terminate();
    });
    // Documents still running (an interrupted run): their OCR processes go with their workers.
    await Promise.all(this.slots.filter((s) => !writing.includes(s)).map((s) => s.worker.terminate()));
    this.releaseOnExit();
    process.removeListener('exit', this.releaseOnExit);
    return { written: Promise.all(stopped).then(() => undefined) };
  }

  private spawn(): Slot {
    this.started++;
    const worker = takeEarlyWorker(this.limits.heapMb) ?? startWorker(this.limits.heapMb, this.workerData);
    worker.stderr?.resume();
    // The rules go first: the worker compiles them, then says it is ready.
    worker.postMessage(this.setup);
    const slot: Slot = { worker, ready: false, startedAt: 0 };
    worker.on('message', (message: Partial<WorkerMessage & HelperMessage> & { ready?: boolean; written?: boolean }) => {
      if (message.ready) {
        slot.ready = true;
        this.dispatch();
        return;
      }
      if (message.written) {
        slot.writing = false;
        slot.onWritten?.();
        return;
      }
      if (message.helped !== undefined) return this.helped(slot, message as HelperMessage);
      const job = slot.job;
      if (!job || job.task.id !== message.id) return;
      if (recordResources(job, message)) return;
      if (message.read) job.known = message.read;
      else if (message.extracting) {
        this.grow();
        if (this.mayBeShared(job)) this.prewarm();
      } else if (message.analysing !== undefined) {
        // Analysis takes from a tenth of a second to seconds: worth another worker for the
        // documents waiting, or for the pages of a long one.
        this.grow();
        if (message.analysing >= (this.setup.splitPages ?? SPLIT_MIN_PAGES)) this.prewarm();
      }
      else if (message.share) {
        job.share = { offer: message.share, owner: slot, helpers: new Set(), claimed: false, over: false };
        this.dispatch();
      } else if (message.shareClaimed) {
        if (job.share) job.share.claimed = true;
        this.endShareIfDone(job);
      } else if (message.ocr) this.ocrRequest(slot, job, message.ocr);
      else if (message.findings) {
        job.findings ??= [];
        for (const f of message.findings) job.findings.push(f);
      } else {
        // A worker with nothing to write is stopped at once at the end of the run: its heap goes
        // before the report is built (the 2,005-page tender's peak RSS, --no-cache).
        if (message.result) slot.writing = message.writes === true;
        this.finish(slot, message.result ? withFindingsSent(job, message.result, message.findingsSent) : { code: 'INTERNAL', message: `unexpected failure: ${message.failure}`, known: job.known });
      }
    });
    worker.on('error', (err: Error & { code?: string }) => {
      // A lent worker that fails costs its document nothing: its ranges are read by the owner.
      if (slot.helping) return this.retire(slot);
      if (!slot.job) return; // an idle worker's death is handled on 'exit'
      const outOfMemory = err.code === 'ERR_WORKER_OUT_OF_MEMORY' || /out of memory|heap/i.test(err.message);
      this.replace(
        slot,
        outOfMemory
          ? { code: 'RESOURCE_LIMIT', message: `used more than the ${this.limits.heapMb} MB heap allowed to a document` }
          : { code: 'INTERNAL', message: `the worker failed: ${err.message}` },
      );
    });
    worker.on('exit', () => {
      if (slot.helping) this.retire(slot);
      else if (slot.job) this.replace(slot, { code: 'INTERNAL', message: 'the worker stopped unexpectedly' });
      else if (!this.closed && !slot.ready) this.failedStart(slot);
      else if (!this.closed && this.slots.includes(slot)) this.slots[this.slots.indexOf(slot)] = this.spawn();
    });
    return slot;
  }

  private startFailures = 0;

  /** A worker that dies before it is ready is replaced a few times, then the queue fails. */
  private failedStart(slot: Slot): void {
    this.startFailures++;
    const index = this.slots.indexOf(slot);
    if (this.startFailures < 3 && index >= 0) {
      this.slots[index] = this.spawn();
      return;
    }
    for (const job of this.queue.splice(0)) job.resolve({ code: 'INTERNAL', message: 'the analysis workers could not start' });
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.job || slot.helping || this.queue.length === 0) continue;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.startedAt = Date.now();
      slot.timer = setTimeout(() => {
        this.replace(slot, { code: 'TIMEOUT', message: `took longer than ${Math.round(this.limits.timeoutMs / 1000)} s (--timeout)` });
      }, Math.min(this.limits.timeoutMs, MAX_TIMER_MS));
      slot.growTimer = setTimeout(() => this.grow(), Math.min(GROW_AFTER_MS, this.limits.timeoutMs));
      slot.worker.postMessage(job.task satisfies PoolMessage);
    }
    if (this.queue.length === 0) this.lend();
  }

  /** One more worker, when documents wait and every worker is taken (or starting). */
  private grow(): void {
    if (this.closed || this.slots.length >= this.size || this.queue.length === 0) return;
    if (this.slots.some((s) => !s.job && !s.helping)) return;
    this.slots.push(this.spawn());
  }

  /**
   * A PDF big enough to be long, being extracted: it will likely be shared out, and a worker
   * takes most of a second to start (threads, code, pdf.js), so one is started now rather than
   * when the owner has opened the document and offers its pages.
   */
  private mayBeShared(job: Job): boolean {
    return this.setup.splitPages !== Infinity && (job.known?.size ?? 0) >= PREWARM_BYTES && /\.pdf$/i.test(job.task.input.path);
  }

  /** One more worker when none is idle or starting, with nothing queued (a lone long document). */
  private prewarm(): void {
    if (this.closed || this.slots.length >= this.size || this.queue.length > 0) return;
    if (this.slots.some((s) => !s.ready || (!s.job && !s.helping))) return;
    this.slots.push(this.spawn());
  }

  /** A shared document that could use another worker: ranges left, fewer workers than it is worth. */
  private openShare(): Job | undefined {
    return this.slots
      .map((s) => s.job)
      .find((job) => job?.share && !job.share.claimed && !job.share.failed && job.share.helpers.size + 1 < job.share.offer.threads && rangesLeft(job.share.offer));
  }

  /** With no document waiting, idle workers read ranges of shared documents; the pool grows for them. */
  private lend(): void {
    if (this.closed) return;
    for (const slot of this.slots) {
      if (!slot.ready || slot.job || slot.helping) continue;
      const job = this.openShare();
      if (!job) return;
      slot.helping = job;
      job.share!.helpers.add(slot);
      slot.worker.postMessage({ help: { id: job.task.id, offer: job.share!.offer } } satisfies PoolMessage);
    }
    // Every worker busy, one more allowed and none starting: start one for the shared document.
    if (this.openShare() && this.slots.length < this.size && this.slots.every((s) => s.ready)) this.slots.push(this.spawn());
  }

  /** Pages or the end of a lent worker's reading, passed on to the document's owner. */
  private helped(slot: Slot, message: HelperMessage): void {
    const job = slot.helping;
    if (!job?.share || job.task.id !== message.helped) return;
    this.pagesReadByHelpers += message.pages?.length ?? 0;
    this.pagesAnalysedByHelpers += message.analysed?.length ?? 0;
    for (const [first, last] of message.voted ?? []) this.pagesVotedByHelpers += last - first + 1;
    if (message.pages) job.share.owner.worker.postMessage({ shared: job.task.id, pages: message.pages } satisfies PoolMessage);
    if (message.analysed) job.share.owner.worker.postMessage({ shared: job.task.id, analysed: message.analysed } satisfies PoolMessage);
    if (message.voted) job.share.owner.worker.postMessage({ shared: job.task.id, voted: message.voted } satisfies PoolMessage);
    if (message.done) {
      // A document one worker could not read is lent no other: its owner reads the rest.
      if (message.failure) job.share.failed = true;
      slot.helping = undefined;
      job.share.helpers.delete(slot);
      this.endShareIfDone(job);
      if (!this.closed) this.dispatch();
      // After the language vote comes the analysis of the same pages: the worker is kept for it.
      if (!this.closed && !job.share.offer.vote) this.dismissIdle(slot);
    }
  }

  /**
   * A lent worker left with nothing to do, nothing queued and no share open, is stopped rather
   * than kept: its heap (pdf.js's state and the garbage of the pages it read, 100 MB and more
   * on a long PDF) would stay until the run ends. A document shared later starts a fresh one.
   */
  private dismissIdle(slot: Slot): void {
    if (slot.job || slot.helping || this.queue.length > 0 || this.openShare()) return;
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => undefined);
    void slot.worker.terminate();
  }

  /** Once every range is taken and every lent worker has ended, the owner stops waiting. */
  private endShareIfDone(job: Job): void {
    const share = job.share;
    if (!share || !share.claimed || share.helpers.size > 0 || share.over) return;
    share.over = true;
    share.owner.worker.postMessage({ shared: job.task.id, done: true } satisfies PoolMessage);
  }

  /** A lent worker that failed, or whose document has ended: stopped, replaced, its document told. */
  private retire(slot: Slot): void {
    const job = slot.helping;
    slot.helping = undefined;
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => undefined);
    void slot.worker.terminate();
    const index = this.slots.indexOf(slot);
    if (!this.closed && index >= 0) this.slots[index] = this.spawn();
    if (job?.share) {
      job.share.failed = true;
      job.share.helpers.delete(slot);
      this.endShareIfDone(job);
    }
  }

  /** Stops the lent workers of a document that has ended (stopped: they may still be reading). */
  private endJob(job: Job): void {
    for (const helper of job.share?.helpers ?? []) this.retire(helper);
    this.ocrFree += job.ocrHeld;
    job.ocrHeld = 0;
    for (let i = this.ocrWaiting.length - 1; i >= 0; i--) if (this.ocrWaiting[i].job === job) this.ocrWaiting.splice(i, 1);
    this.grantOcr();
  }

  private ocrRequest(slot: Slot, job: Job, ocr: NonNullable<WorkerMessage['ocr']>): void {
    if ('acquire' in ocr) this.ocrWaiting.push({ slot, job, request: ocr.acquire });
    else if (job.ocrHeld > 0) {
      job.ocrHeld--;
      this.ocrFree++;
    }
    this.grantOcr();
  }

  /** Gives free OCR pipelines to the requests waiting, first come first served. */
  private grantOcr(): void {
    while (this.ocrFree > 0 && this.ocrWaiting.length > 0) {
      const { slot, job, request } = this.ocrWaiting.shift()!;
      if (slot.job !== job) continue;
      this.ocrFree--;
      job.ocrHeld++;
      slot.worker.postMessage({ ocrGranted: job.task.id, request } satisfies PoolMessage);
    }
  }

  private finish(slot: Slot, outcome: DocumentResult | PoolFailure): void {
    const job = slot.job;
    clearTimeout(slot.timer);
    clearTimeout(slot.growTimer);
    slot.job = undefined;
    if (job) this.endJob(job);
    job?.resolve(outcome);
    if (!this.closed) this.dispatch();
  }

  /** Ends the slot's document with `failure`, kills its worker and starts a fresh one. */
  private replace(slot: Slot, failure: PoolFailure): void {
    const job = slot.job;
    clearTimeout(slot.timer);
    clearTimeout(slot.growTimer);
    slot.job = undefined;
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => undefined);
    if (job) {
      this.endJob(job);
      // Released now, and again once the thread is gone: it may start a process meanwhile.
      slot.worker.on('message', (message: Partial<WorkerMessage>) => message.id === job.task.id && recordResources(job, message));
      releaseJob(job);
      void slot.worker.terminate().finally(() => releaseJob(job));
    } else void slot.worker.terminate();
    const index = this.slots.indexOf(slot);
    if (!this.closed && index >= 0) this.slots[index] = this.spawn();
    job?.resolve({ ...failure, ...(job.known ? { known: job.known } : {}) });
    if (!this.closed) this.dispatch();
  }

  private checkMemory(): void {
    const rssMb = process.memoryUsage.rss() / (1024 * 1024);
    if (rssMb <= this.limits.maxRssMb) return;
    const busy = this.slots.filter((s) => s.job).sort((a, b) => a.startedAt - b.startedAt)[0];
    if (busy) {
      this.replace(busy, { code: 'RESOURCE_LIMIT', message: `the process went over ${this.limits.maxRssMb} MB of memory (--max-memory)` });
    }
  }
}

export function isPoolFailure(outcome: DocumentResult | PoolFailure): outcome is PoolFailure {
  return 'code' in outcome && !('entry' in outcome);
}
