// Where a report goes: stdout, or a file written through a temporary file and a rename, so
// that no half-written report is ever left behind, and never over one of the inputs.
import { closeSync, openSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from './errors.js';

export interface ReportSink {
  write(text: string | Uint8Array): void;
  /** Makes the report visible (renames the temporary file into place). */
  commit(): void;
  /** Drops a report that will not be finished. */
  abort(): void;
}

let pending: ReportSink[] = [];
// A crash or a signal must not leave temporary files behind.
process.once('exit', () => pending.forEach((s) => s.abort()));

function realpathOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

export function openReportSink(output: string | undefined, inputs: string[], stdout: NodeJS.WritableStream = process.stdout): ReportSink {
  if (!output) return { write: (text) => void stdout.write(text), commit: () => undefined, abort: () => undefined };
  const target = resolve(output);
  const real = realpathOrSelf(target);
  for (const input of inputs) {
    if (realpathOrSelf(input) === real) throw new UsageError(`--output ${output} is one of the inputs; refusing to overwrite it`);
  }
  const temporary = join(dirname(target), `.${basename(target)}.tenderscan-tmp-${process.pid}`);
  let fd: number;
  try {
    fd = openSync(temporary, 'w');
  } catch (err) {
    throw new UsageError(`cannot write ${output}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let open = true;
  const sink: ReportSink = {
    write(text) {
      writeFileSync(fd, text); // on a descriptor: appends, and loops until all is written
    },
    commit() {
      if (!open) return;
      open = false;
      closeSync(fd);
      pending = pending.filter((s) => s !== sink);
      try {
        renameSync(temporary, target);
      } catch (err) {
        rmSync(temporary, { force: true });
        throw new UsageError(`cannot write ${output}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
    },
    abort() {
      if (!open) return;
      open = false;
      try {
        closeSync(fd);
      } catch {
        /* already closed */
      }
      rmSync(temporary, { force: true });
      pending = pending.filter((s) => s !== sink);
    },
  };
  pending.push(sink);
  return sink;
}
