// --format markdown: for GitHub and Pandoc. Every string from a document is escaped: it can
// neither become markup (links, HTML) nor break a table.
import type { Finding, Report } from '../types.js';
import type { FormatOptions } from './index.js';
import { namerFor } from './names.js';
import { citation, formatDate, unreadNote, unreadSummary, WORDS } from './i18n.js';
import { excerptParts, pageRanges } from './text.js';
import { escapeMarkdown } from './escape.js';

const cell = escapeMarkdown;
/** A code span for digests, hashes and error codes; anything else (a forged shard) as escaped text. */
const code = (text: string) => (/^[\w.-]+$/.test(text) ? `\`${text}\`` : escapeMarkdown(text));
const date = (iso: string | null | undefined, lang: 'fr' | 'en') => (iso ? cell(formatDate(iso, lang)) : '—');

export function formatMarkdown(report: Report, options: FormatOptions): string {
  const lang = options.language;
  const w = WORDS[lang];
  const name = (id: string) => options.categoryName(id, lang);
  const nameOf = namerFor(report, options.documentName);
  // The marker lets a folder walk recognise the report and leave it out (sources/own-report.ts).
  const out: string[] = [`<!-- generator: tenderscan ${report.tool.version} -->`, '', `# ${w.title}`, ''];
  out.push(`${w.generated} ${date(report.generatedAt, lang)} · ${w.tool} tenderscan ${report.tool.version} · ${w.rulePacks} ${code(report.rulePacks.hash)}`, '');

  if (report.fusion.length) {
    out.push(`## ⚠ ${w.fusion}`, '', w.fusionIntro, '');
    for (const x of report.fusion) {
      const where = citation(x, options.language, nameOf(x.document));
      out.push(`- **${x.categories.map((c) => cell(name(c))).join(' + ')}** — ${cell(where)}`, `  > ${escapeMarkdown(x.excerpt.replace(/\s+/g, ' '))}`, '');
    }
  }

  out.push(`## ${w.summary}`, '');
  const docs = report.documents.filter((d) => d.status !== 'error');
  out.push(`| ${w.category} | ${w.findings} | ${w.negated} | ${docs.map((d) => cell(nameOf(d.path))).join(' | ')} |`);
  out.push(`|---|---:|---:|${docs.map(() => '---|').join('')}`);
  for (const [category, s] of Object.entries(report.summary.byCategory)) {
    const perDoc = docs.map((d) => {
      const pages = report.findings.filter((f) => f.document === d.path && f.category === category && !f.negated).map((f) => f.page);
      return pages.length ? `${pages.length} (${w.page} ${pageRanges(pages)})` : '—';
    });
    out.push(`| ${cell(name(category))} | ${s.findings} | ${s.negated} | ${perDoc.join(' | ')} |`);
  }
  out.push('');
  const unread = unreadSummary(report.documents, lang);
  if (unread) out.push(`**⚠ ${cell(unread)}**`, '');

  for (const doc of report.documents) {
    out.push(`## ${w.document} : ${cell(nameOf(doc.path))}`.replace(' :', lang === 'fr' ? ' :' : ':'), '');
    if (doc.status === 'error') {
      out.push(`**${w.error}** ${code(doc.error!.code)} — ${cell(doc.error!.message)}`, '');
      continue;
    }
    const note = unreadNote(doc, lang);
    if (note) out.push(`**⚠ ${cell(note)}**`, '');
    const findings = report.findings.filter((f) => f.document === doc.path);
    if (findings.length === 0) out.push(`*${w.noFindings}*`, '');
    const byCategory = new Map<string, Finding[]>();
    for (const f of findings) byCategory.set(f.category, [...(byCategory.get(f.category) ?? []), f]);
    for (const [category, list] of [...byCategory].sort(([a], [b]) => (a < b ? -1 : 1))) {
      out.push(`### ${cell(name(category))}`, '');
      for (const f of list) {
        const { before, match, after } = excerptParts(f);
        const tags = [f.negated ? `**${w.negatedTag}**` : '', f.modality === 'optional' ? `*${w.optional}*` : '', f.source === 'ocr' ? `${w.ocr} ${Math.round(f.ocrConfidence ?? 0)} % — ${w.ocrNote}` : '']
          .filter(Boolean)
          .join(' · ');
        out.push(`> ${escapeMarkdown(before)}**${escapeMarkdown(match)}**${escapeMarkdown(after)}`, `>`, `> — ${cell(citation(f, lang, nameOf(f.document)))}${tags ? ` · ${tags}` : ''}`, '');
      }
    }
  }

  out.push(`## ${w.evidence}`, '');
  out.push(`${w.tool}: tenderscan ${report.tool.version} · ${w.rulePacks}: ${code(report.rulePacks.hash)} · ${w.runDate}: ${date(report.generatedAt, lang)}`, '');
  out.push(`| ${w.document} | ${w.status} | ${w.sha256} | ${w.size} | ${w.pageCount} | ${w.titleMeta} | ${w.author} | ${w.producer} | ${w.created} | ${w.modified} | ${w.withoutText} |`);
  out.push('|---|---|---|---:|---:|---|---|---|---|---|---|');
  for (const d of report.documents) {
    const m = d.metadata ?? {};
    out.push(
      `| ${cell(nameOf(d.path))} | ${cell(d.status)}${d.error ? ` (${cell(d.error.code)})` : ''} | ${d.sha256 ? code(d.sha256) : '—'} | ${cell(String(d.size ?? '—'))} | ${cell(String(d.pageCount))} | ${cell(m.title ?? '—')} | ${cell(m.author ?? '—')} | ${cell(m.producer ?? '—')} | ${date(m.creationDate, lang)} | ${date(m.modificationDate, lang)} | ${d.pagesWithoutText.length ? pageRanges(d.pagesWithoutText) : '—'} |`,
    );
  }
  return out.join('\n') + '\n';
}
