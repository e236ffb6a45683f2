// Why a scan stops before its end: a signal (Ctrl-C; SIGTERM from `timeout`, `docker stop`,
// CI; SIGHUP from a closed terminal), or a reader that left stdout (`| head`). Either way no
// further document is started and the report holds what was finished.

/** The signals handled like Ctrl-C, with their numbers: the exit code is 128 + the number. */
export const STOP_SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
type StopSignal = keyof typeof STOP_SIGNALS;

let stdoutClosed = false;
let stdoutFailure: NodeJS.ErrnoException | undefined;
let guarded = false;
const stdoutWatchers = new Set<() => void>();

/** The reader is gone (EPIPE; EIO: the terminal is gone): the only write errors that are quiet. */
const READER_LEFT = new Set(['EPIPE', 'EIO']);

/**
 * A stdout whose reader left (EPIPE, EIO) ends the writing quietly, and a closed stderr only
 * loses notices: neither changes the exit code. Any other write error (a full disk: ENOSPC)
 * also stops the writing, and is kept for stdoutWriteFailure: the report was lost.
 */
export function guardStandardStreams(stdout: NodeJS.WriteStream = process.stdout, stderr: NodeJS.WriteStream = process.stderr): void {
  if (guarded) return;
  guarded = true;
  stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (!stdoutClosed && !READER_LEFT.has(err?.code ?? '')) stdoutFailure = err;
    stdoutClosed = true;
    stdoutWatchers.forEach((notify) => notify());
  });
  stderr.on('error', () => undefined);
}

/** The error that lost what was written to stdout (not a reader that left), once the writes so far have been tried. */
export async function stdoutWriteFailure(): Promise<NodeJS.ErrnoException | undefined> {
  // A write error reaches its 'error' listener on a later tick.
  await new Promise((resolve) => setImmediate(resolve));
  return stdoutFailure;
}

export interface RunStop {
  readonly signal: AbortSignal;
  /** 128 + the signal's number when a signal stopped the run. */
  readonly exitCode: number | undefined;
  /** stdout's reader left: the documents not finished are no results (they count for no exit code). */
  readonly outputClosed: boolean;
  dispose(): void;
}

/** Watches the stop signals and stdout for one run. A second signal leaves at once (temporary files are still removed on exit). */
export function watchRunStop(): RunStop {
  const controller = new AbortController();
  let caught: StopSignal | undefined;
  let outputClosed = stdoutClosed;
  const handlers = (Object.keys(STOP_SIGNALS) as StopSignal[]).map((name) => {
    const handler = () => {
      if (caught) process.exit(128 + STOP_SIGNALS[name]);
      caught = name;
      controller.abort();
    };
    process.on(name, handler);
    return [name, handler] as const;
  });
  const onStdoutClosed = () => {
    outputClosed = true;
    controller.abort();
  };
  stdoutWatchers.add(onStdoutClosed);
  if (outputClosed) controller.abort();
  return {
    signal: controller.signal,
    get exitCode() {
      return caught ? 128 + STOP_SIGNALS[caught] : undefined;
    },
    get outputClosed() {
      return outputClosed;
    },
    dispose() {
      for (const [name, handler] of handlers) process.removeListener(name, handler);
      stdoutWatchers.delete(onStdoutClosed);
    },
  };
}
