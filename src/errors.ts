// Typed errors with a stable `code`: they become per-document results or exit codes.

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

export const EXIT = {
  OK: 0,
  FAIL_ON: 1,
  USAGE: 2,
  SOME_FAILED: 3,
  INTERRUPTED: 130,
} as const;
