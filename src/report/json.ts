// --format json: the documented contract (schemaVersion 1).
import type { Report } from '../types.js';
import type { FormatOptions } from './index.js';

export function formatJson(report: Report, options: FormatOptions): string {
  const findings = options.explain ? report.findings : report.findings.map(({ explain: _explain, ...rest }) => rest);
  return JSON.stringify({ ...report, findings }, null, 2) + '\n';
}
