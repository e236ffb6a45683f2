// Command-line paths → the documents to analyse, in a stable order.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface Input {
  /** As given on the command line, or joined to the folder it was found in. */
  path: string;
}

export interface InputProblem {
  path: string;
  code: 'NOT_FOUND' | 'UNREADABLE' | 'NO_DOCUMENTS';
  message: string;
}

export const SUPPORTED_EXTENSIONS = /\.pdf$/i;

function walk(folder: string, found: string[], skipped: { count: number }): void {
  const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = join(folder, entry.name);
    if (entry.isDirectory()) walk(full, found, skipped);
    else if (entry.isFile() && SUPPORTED_EXTENSIONS.test(entry.name)) found.push(full);
    else skipped.count++;
  }
}

/** Expands files and folders (recursively, `.pdf` in any case). Files named directly are always taken. */
export function expandInputs(args: string[]): { inputs: Input[]; problems: InputProblem[]; skipped: number } {
  const inputs: Input[] = [];
  const problems: InputProblem[] = [];
  const skipped = { count: 0 };
  const seen = new Set<string>();
  const add = (path: string) => {
    if (!seen.has(path)) {
      seen.add(path);
      inputs.push({ path });
    }
  };
  for (const arg of args) {
    let stats;
    try {
      stats = statSync(arg);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      problems.push(
        code === 'EACCES'
          ? { path: arg, code: 'UNREADABLE', message: 'permission denied' }
          : { path: arg, code: 'NOT_FOUND', message: 'no such file or folder' },
      );
      continue;
    }
    if (stats.isDirectory()) {
      const found: string[] = [];
      try {
        walk(arg, found, skipped);
      } catch (err) {
        problems.push({ path: arg, code: 'UNREADABLE', message: `cannot list the folder (${(err as NodeJS.ErrnoException).code ?? err})` });
        continue;
      }
      if (found.length === 0) problems.push({ path: arg, code: 'NO_DOCUMENTS', message: 'the folder holds no supported document (.pdf)' });
      found.forEach(add);
    } else add(arg);
  }
  return { inputs, problems, skipped: skipped.count };
}
