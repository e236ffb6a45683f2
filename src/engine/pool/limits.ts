// The pool's limits and their defaults, apart from the pool: the command line and bin/ read
// them without loading the pool (and with it the extraction and analysis modules).

/** Node's timers hold at most 2^31-1 ms; a longer delay fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** Heap allowed to one document unless --max-heap says otherwise, in MB. */
export const DEFAULT_HEAP_MB = 1024;

/** Wall-clock time allowed to one document unless --timeout says otherwise, in seconds. */
export const DEFAULT_TIMEOUT_S = 120;

/** Resident memory of the whole run unless --max-memory says otherwise, in MB. */
export const DEFAULT_MAX_MEMORY_MB = 3072;

/**
 * A single input up to this size is read on the main thread (bytes): a few dozen pages at most
 * (engine/in-process.ts). bin/tenderscan reads it here to guess, before the CLI loads, that no
 * worker is worth starting.
 */
export const IN_PROCESS_MAX_BYTES = 2 * 1024 * 1024;

/** At most this many small documents, none of them a PDF, are read on the main thread (their bytes in all within IN_PROCESS_MAX_BYTES). */
export const IN_PROCESS_MAX_INPUTS = 32;
