// Typed errors with a stable `code`: they become per-document results or exit codes.
import type { DocumentEntry, DocumentResult } from './types.js';

export type DocumentErrorCode =
  | 'NOT_FOUND'
  | 'UNREADABLE'
  | 'EMPTY'
  | 'UNSUPPORTED'
  | 'CORRUPT'
  | 'ENCRYPTED'
  | 'BAD_PASSWORD'
  | 'TOO_LARGE'
  | 'TIMEOUT'
  | 'RESOURCE_LIMIT'
  | 'INTERRUPTED'
  | 'INTERNAL';

/** A failure that ends the analysis of one document; the batch goes on. */
export class DocumentFailure extends Error {
  constructor(
    readonly code: DocumentErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DocumentFailure';
  }
}

/** A configuration or usage problem: reported before any document is read, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A bad option value: the error names the option (and main adds where to read about it). */
export class OptionError extends UsageError {
  constructor(
    readonly option: string,
    reason: string,
  ) {
    super(`${option}: ${reason}`);
    this.name = 'OptionError';
  }
}

export const EXIT = {
  OK: 0,
  FAIL_ON: 1,
  /** find: nothing matched (grep's 1). */
  NOT_FOUND: 1,
  USAGE: 2,
  SOME_FAILED: 3,
  INTERRUPTED: 130,
} as const;

/** The result of a document that could not be analysed: an entry with its error code, no findings. */
export function errorResult(path: string, code: string, message: string, extra: Partial<DocumentEntry> = {}): DocumentResult {
  return {
    entry: {
      path,
      sha256: null,
      size: null,
      pageCount: 0,
      status: 'error',
      error: { code, message },
      pagesWithoutText: [],
      failedPages: [],
      runningLines: [],
      language: null,
      ...extra,
    },
    findings: [],
  };
}
