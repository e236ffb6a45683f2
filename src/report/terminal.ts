// Default format: a report for people at a terminal (chalk and cli-table3 live here only).
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { Finding, Report } from '../types.js';
import type { FormatOptions } from './index.js';
import { excerptParts, pageRanges } from './text.js';

export function formatTerminal(report: Report, options: FormatOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const name = (id: string) => options.categoryName(id);
  const out: string[] = [];
  for (const doc of report.documents) {
    const findings = report.findings.filter((f) => f.document === doc.path);
    const facts = [
      `${doc.pageCount} page${doc.pageCount === 1 ? '' : 's'}`,
      doc.sha256 ? `sha256 ${doc.sha256.slice(0, 12)}` : undefined,
      doc.language ? `language ${doc.language}` : undefined,
      doc.pagesWithoutText.length ? `no text on p. ${pageRanges(doc.pagesWithoutText)}` : undefined,
      doc.failedPages.length ? `unreadable p. ${pageRanges(doc.failedPages)}` : undefined,
    ].filter(Boolean);
    out.push(c.bold.underline(doc.path) + '  ' + c.dim(facts.join(' · ')));
    if (doc.status === 'error') {
      out.push('  ' + c.red(`${doc.error!.code}: ${doc.error!.message}`), '');
      continue;
    }
    if (findings.length === 0) {
      out.push('  ' + c.dim('no findings'), '');
      continue;
    }
    const byCategory = new Map<string, Finding[]>();
    for (const f of findings) byCategory.set(f.category, [...(byCategory.get(f.category) ?? []), f]);
    for (const [category, list] of [...byCategory].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const positive = list.filter((f) => !f.negated);
      const label = `${name(category)} (${category})`;
      const counts = `${positive.length} finding${positive.length === 1 ? '' : 's'}` + (list.length > positive.length ? `, ${list.length - positive.length} negated` : '');
      out.push('  ' + c.bold.cyan(label) + ' ' + c.dim(counts));
      for (const f of list) {
        const { before, match, after } = excerptParts(f);
        const tags = [
          f.negated ? c.red('[negated]') : '',
          f.modality === 'optional' ? c.yellow('[optional]') : '',
          // A quotation from OCR must be checked against the page image.
          f.source === 'ocr' ? c.magenta(`[OCR ${Math.round(f.ocrConfidence ?? 0)}%]`) : '',
        ]
          .filter(Boolean)
          .join(' ');
        out.push(`    ${c.bold(`p. ${f.page}`.padEnd(7))}${tags ? tags + ' ' : ''}${before}${c.bold.yellow(match)}${after}`);
        if (options.explain && f.explain) {
          const e = f.explain;
          const why = [`rule ${e.rule} (${e.kind}) on "${e.words.join('" + "')}"`];
          if (e.negation) why.push(`negated by "${e.negation.trigger}" (${e.negation.position} the term)`);
          if (e.modality) why.push(`optional by "${e.modality.trigger}"`);
          out.push('           ' + c.dim(why.join('; ')));
        }
      }
    }
    out.push('');
  }

  const table = new Table({
    head: ['Category', 'Findings', 'Negated', 'Pages'],
    style: { head: options.color ? ['bold'] : [], border: options.color ? ['grey'] : [] },
  });
  const multiDoc = report.documents.length > 1;
  for (const [category, s] of Object.entries(report.summary.byCategory)) {
    const pages = multiDoc
      ? [...new Set(report.findings.filter((f) => f.category === category && !f.negated).map((f) => f.document))]
          .map((d) => `${d.split('/').pop()}: ${pageRanges(report.findings.filter((f) => f.category === category && !f.negated && f.document === d).map((f) => f.page))}`)
          .join('\n')
      : pageRanges(s.pages);
    table.push([`${name(category)}\n${c.dim(category)}`, String(s.findings), String(s.negated), pages || '—']);
  }
  const analysed = report.documents.filter((d) => d.status !== 'error').length;
  out.push(c.bold(`Summary: ${report.findings.filter((f) => !f.negated).length} findings in ${analysed}/${report.documents.length} documents`));
  out.push(Object.keys(report.summary.byCategory).length ? table.toString() : c.dim('no category found'));
  return out.join('\n') + '\n';
}
