// --format json: the documented contract (schemaVersion 1).
import type { Report } from '../types.js';
import { citation } from './i18n.js';
import type { FormatOptions } from './index.js';

export function formatJson(report: Report, options: FormatOptions): string {
  const findings = report.findings.map(({ explain, ...rest }) => ({
    ...rest,
    citation: citation(rest, 'en'),
    ...(options.explain && explain ? { explain } : {}),
  }));
  return JSON.stringify({ ...report, findings }, null, 2) + '\n';
}
