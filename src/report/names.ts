// The names documents go by in a report's citations and headings: the file name, or, when two
// documents of the report share it, the shortest end of their paths that tells them apart
// ("lot1/CCTP.pdf" and "lot2/CCTP.pdf").
import { splitArchivePath } from '../sources/names.js';
import type { Report } from '../types.js';

/** Names a document of a report: its path → the name it is cited by. */
export type DocumentNamer = (path: string) => string;

/**
 * The file name, or for an archive entry the archive's file name and the entry, through every
 * nested archive ("dossier.zip!/CCTP/cctp.pdf", "dce.zip!/lots/lot1.zip!/CCTP.pdf"). Only real
 * separators count: a folder "d.zip!" shows as "d.zip\!/" (see displayPath).
 */
function fileName(path: string): string {
  const file = splitArchivePath(path)[0];
  // The entries keep what follows the archive's file, separators and escapes as they are.
  return (file.split('/').pop() ?? file) + path.slice(file.length);
}

/** Depth 1: the file name; each depth more takes one more folder of the path in front of it. */
function nameAtDepth(path: string, depth: number): string {
  if (depth === 1) return fileName(path);
  const parts = path.split('/');
  return parts.slice(-Math.min(parts.length, fileName(path).split('/').length + depth - 1)).join('/');
}

/** One name per distinct path, unique across them: each starts as the file name and grows while it collides. */
export function documentNamer(paths: readonly string[]): DocumentNamer {
  const distinct = [...new Set(paths)];
  const depth = new Map(distinct.map((p) => [p, 1]));
  const names = new Map(distinct.map((p) => [p, nameAtDepth(p, 1)]));
  for (;;) {
    const byName = new Map<string, string[]>();
    for (const p of distinct) byName.set(names.get(p)!, [...(byName.get(names.get(p)!) ?? []), p]);
    let grew = false;
    for (const group of byName.values()) {
      if (group.length < 2) continue;
      for (const p of group) {
        const d = depth.get(p)!;
        if (nameAtDepth(p, d) === p) continue; // the whole path already
        depth.set(p, d + 1);
        names.set(p, nameAtDepth(p, d + 1));
        grew = true;
      }
    }
    if (!grew) break;
  }
  return (path) => names.get(path) ?? nameAtDepth(path, 1);
}

/** The namer a formatter uses: the one it was given (computed over every input of a run), else the report's own. */
export function namerFor(report: Pick<Report, 'documents'>, given?: DocumentNamer): DocumentNamer {
  return given ?? documentNamer(report.documents.map((d) => d.path));
}
