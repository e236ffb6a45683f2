// The formats by name. Each module (terminal.ts, json.ts…) exports `format`: its `meta`, a
// `report()` and a `diff()`, pure functions of a report and of a dossier diff. The modules are
// loaded on use (a JSON run never loads chalk or wrap-ansi); their meta is known without that.
import { FORMAT_META, type Formatter, type FormatMeta, type ReportFormat } from './meta.js';

export { FORMAT_META, type DiffFormatter, type FormatMeta, type FormatOptions, type Formatter, type ReportFormat, type SnapshotRef } from './meta.js';

const LOADERS: Record<keyof typeof FORMAT_META, () => Promise<ReportFormat>> = {
  terminal: async () => (await import('./terminal.js')).format,
  json: async () => (await import('./json.js')).format,
  jsonl: async () => (await import('./jsonl.js')).format,
  markdown: async () => (await import('./markdown.js')).format,
  html: async () => (await import('./html.js')).format,
  csv: async () => (await import('./csv.js')).format,
};

export const FORMAT_NAMES: readonly string[] = Object.keys(FORMAT_META);

/** The meta of the format called `name`, or undefined when there is none. */
export function formatMeta(name: string): FormatMeta | undefined {
  return Object.hasOwn(FORMAT_META, name) ? FORMAT_META[name as keyof typeof FORMAT_META] : undefined;
}

/** The format called `name`, or undefined when there is none. */
export async function loadFormat(name: string): Promise<ReportFormat | undefined> {
  return Object.hasOwn(LOADERS, name) ? LOADERS[name as keyof typeof LOADERS]() : undefined;
}

/** The report formatter called `name`, or undefined when there is none. */
export async function loadFormatter(name: string): Promise<Formatter | undefined> {
  return (await loadFormat(name))?.report;
}
