// Why a scan stops before its end: a signal (Ctrl-C; SIGTERM from `timeout`, `docker stop`,
// CI; SIGHUP from a closed terminal), or a reader that left stdout (`| head`). Either way no
// further document is started and the report holds what was finished.

/** The signals handled like Ctrl-C, with their numbers: the exit code is 128 + the number. */
export const STOP_SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
type StopSignal = keyof typeof STOP_SIGNALS;

let stdoutClosed = false;
let guarded = false;
const stdoutWatchers = new Set<() => void>();

/**
 * A stdout that cannot be written any more (EPIPE: the reader left; EIO: the terminal is gone)
 * ends the writing quietly, and a closed stderr only loses notices: neither changes the exit code.
 */
export function guardStandardStreams(stdout: NodeJS.WriteStream = process.stdout, stderr: NodeJS.WriteStream = process.stderr): void {
  if (guarded) return;
  guarded = true;
  stdout.on('error', () => {
    stdoutClosed = true;
    stdoutWatchers.forEach((notify) => notify());
  });
  stderr.on('error', () => undefined);
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
