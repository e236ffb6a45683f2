// Default format: a report for people at a terminal (chalk and cli-table3 live here only).
// Every string from the report goes through escapeTerminal (`t`): no document drives the terminal.
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { Finding, Report } from '../types.js';
import type { FormatOptions } from './index.js';
import { excerptParts, pageRanges } from './text.js';
import { namerFor } from './names.js';
import { citation, formatDate, unreadNote, unreadSummary, WORDS } from './i18n.js';
import { escapeTerminal as t } from './escape.js';

export function formatTerminal(report: Report, options: FormatOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const w = WORDS[options.language];
  const name = (id: string) => t(options.categoryName(id));
  const nameOf = namerFor(report, options.documentName);
  const out: string[] = [];
  if (report.fusion.length) {
    out.push(c.bold.red(`⚠ ${w.fusion}`));
    for (const x of report.fusion) {
      const where = citation(x, options.language, nameOf(x.document));
      out.push(`  ${c.bold(x.categories.map(name).join(' + '))} — ${t(where)}`, `    ${c.dim(t(x.excerpt.replace(/\s+/g, ' ')))}`);
    }
    out.push('');
  }
  for (const doc of report.documents) {
    const findings = report.findings.filter((f) => f.document === doc.path);
    const facts = [
      `${doc.pageCount} ${w.pageCount.toLowerCase()}`,
      doc.sha256 ? `sha256 ${doc.sha256.slice(0, 12)}` : undefined,
      doc.language ? `${w.language} ${doc.language}` : undefined,
      doc.pagesWithoutText.length ? `${w.noTextOn} ${w.page} ${pageRanges(doc.pagesWithoutText)}` : undefined,
      doc.failedPages.length ? `${w.unreadablePages} ${w.page} ${pageRanges(doc.failedPages)}` : undefined,
    ].filter(Boolean);
    out.push(c.bold.underline(t(doc.path)) + '  ' + c.dim(t(facts.join(' · '))));
    const unread = unreadNote(doc, options.language);
    if (unread) out.push('  ' + c.yellow(`⚠ ${unread}`));
    if (doc.status === 'error') {
      out.push('  ' + c.red(t(`${doc.error!.code}: ${doc.error!.message}`)), '');
      continue;
    }
    if (findings.length === 0) {
      out.push('  ' + c.dim(w.noFindings), '');
      continue;
    }
    const byCategory = new Map<string, Finding[]>();
    for (const f of findings) byCategory.set(f.category, [...(byCategory.get(f.category) ?? []), f]);
    for (const [category, list] of [...byCategory].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const positive = list.filter((f) => !f.negated);
      const label = `${name(category)} (${t(category)})`;
      const counts = `${positive.length} ${w.findings.toLowerCase()}` + (list.length > positive.length ? `, ${list.length - positive.length} ${w.negatedTag}` : '');
      out.push('  ' + c.bold.cyan(label) + ' ' + c.dim(counts));
      for (const f of list) {
        const { before, match, after } = excerptParts(f);
        const tags = [
          f.negated ? c.red(`[${w.negatedTag}]`) : '',
          f.modality === 'optional' ? c.yellow(`[${w.optional}]`) : '',
          // A quotation from OCR must be checked against the page image.
          f.source === 'ocr' ? c.magenta(`[OCR ${Math.round(f.ocrConfidence ?? 0)}%]`) : '',
        ]
          .filter(Boolean)
          .join(' ');
        // Formats without pages: the paragraph or sheet row instead of a page (the citation below has the rest).
        const at = !f.location ? `${w.page} ${f.pageLabel}` : f.location.kind === 'sheet-row' ? `${w.row} ${f.location.row}` : f.location.paragraph !== undefined ? `${w.paragraph} ${f.location.paragraph}` : '';
        out.push(`    ${c.bold(t(at).padEnd(7))}${tags ? tags + ' ' : ''}${t(before)}${c.bold.yellow(t(match))}${t(after)}`);
        out.push(`           ${c.dim(t(citation(f, options.language, nameOf(f.document))))}`);
        if (options.explain && f.explain) {
          const e = f.explain;
          const why = [`rule ${e.rule} (${e.kind}) on "${e.words.join('" + "')}"`];
          if (e.product) why.push(`product: ${e.product.description} <${e.product.source}>`);
          if (e.negation) why.push(`negated by "${e.negation.trigger}" (${e.negation.position} the term)`);
          if (e.modality) why.push(`optional by "${e.modality.trigger}"`);
          out.push('           ' + c.dim(t(why.join('; '))));
        }
      }
    }
    out.push('');
  }

  const table = new Table({
    head: [w.category, w.findings, w.negated, w.pages],
    style: { head: options.color ? ['bold'] : [], border: options.color ? ['grey'] : [] },
  });
  const multiDoc = report.documents.length > 1;
  for (const [category, s] of Object.entries(report.summary.byCategory)) {
    const pages = multiDoc
      ? [...new Set(report.findings.filter((f) => f.category === category && !f.negated).map((f) => f.document))]
            .map((d) => `${t(nameOf(d))}: ${pageRanges(report.findings.filter((f) => f.category === category && !f.negated && f.document === d).map((f) => f.page))}`)
          .join('\n')
      : pageRanges(s.pages);
    table.push([`${name(category)}\n${c.dim(t(category))}`, String(s.findings), String(s.negated), pages || '—']);
  }
  const analysed = report.documents.filter((d) => d.status !== 'error').length;
  // Pages nobody read are part of the result, not a notice: they are said here, on stdout.
  const unread = unreadSummary(report.documents, options.language);
  out.push(c.bold(`${w.summary}: ${report.findings.filter((f) => !f.negated).length} ${w.findings.toLowerCase()}, ${analysed}/${report.documents.length} ${w.documents.toLowerCase()}`) + (unread ? c.bold.yellow(` · ${unread}`) : ''));
  out.push(Object.keys(report.summary.byCategory).length ? table.toString() : c.dim(w.noFindings));
  out.push('', c.bold(w.evidence));
  out.push(c.dim(t(`  tenderscan ${report.tool.version} · ${w.rulePacks} ${report.rulePacks.hash} · ${w.runDate} ${formatDate(report.generatedAt, options.language)}`)));
  for (const d of report.documents) {
    const m = d.metadata ?? {};
    const facts = [
      `${w.sha256} ${d.sha256 ?? '—'}`,
      d.size !== null ? `${d.size} ${w.bytes}` : undefined,
      `${d.pageCount} ${w.pageCount.toLowerCase()}`,
      m.title ? `${w.titleMeta}: ${m.title}` : undefined,
      m.author ? `${w.author}: ${m.author}` : undefined,
      m.producer ? `${w.producer}: ${m.producer}` : undefined,
      m.creationDate ? `${w.created} ${formatDate(m.creationDate, options.language)}` : undefined,
      m.modificationDate ? `${w.modified} ${formatDate(m.modificationDate, options.language)}` : undefined,
      d.pagesWithoutText.length ? `${w.withoutText}: ${pageRanges(d.pagesWithoutText)}` : undefined,
    ].filter(Boolean);
    out.push(`  ${t(nameOf(d.path))}`, c.dim(t(`    ${facts.join(' · ')}`)));
  }
  return out.join('\n') + '\n';
}
