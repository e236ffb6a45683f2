// --format markdown: for GitHub and Pandoc. Every string from a document is escaped: it can
// neither become markup (links, HTML) nor break a table.
import type { Finding, Report } from '../../types.js';
import { FORMAT_META, type FormatOptions, type ReportFormat } from './meta.js';
import { namerFor } from '../names.js';
import { citation, findingPlace, markCommand, pageCitation, pageLabels, pageList, formatDate, reviewLine, unreadNote, WORDS, type ReportLanguage } from '../i18n.js';
import { excerptParts, pageRanges, unreadPages } from '../text.js';
import { dossierLines, dossierSummary, INTERRUPTED } from '../dossier.js';
import { factHeader } from '../facts.js';
import { escapeMarkdown } from '../escape.js';
import { missingLines, MISSING_WORDS } from '../missing-text.js';
import { legalView, linkableSource } from '../legal.js';
import { pageLinker } from '../links.js';
import type { ReportDiff } from '../../types.js';
import { changeDetail, DOC_MARK, failed, MARK, missingChanges, missingHeading, placeOf, shownOf, showsOld, summaryLine, WORDS as DIFF_WORDS } from '../diff-words.js';

const cell = escapeMarkdown;
/** A code span for digests, hashes and error codes; anything else (a forged shard) as escaped text. */
const code = (text: string) => (/^[\w.-]+$/.test(text) ? `\`${text}\`` : escapeMarkdown(text));
const date = (iso: string | null | undefined, lang: 'fr' | 'en') => (iso ? cell(formatDate(iso, lang)) : '—');

export function formatMarkdown(report: Report, options: FormatOptions): string {
  const lang = options.language;
  const w = WORDS[lang];
  const name = (id: string) => options.categoryName(id, lang);
  const nameOf = namerFor(report, options.documentName);
  const link = options.pageLink ?? pageLinker({ cwd: '/' });
  // Link targets are percent-encoded paths or checked http(s) URLs: no space, parenthesis or "<".
  const cited = (document: string, page: number, text: string) => {
    const href = link(document, page);
    return href ? `[${cell(text)}](${href})` : cell(text);
  };
  // The marker lets a folder walk recognise the report and leave it out (sources/own-report.ts).
  const out: string[] = [`<!-- generator: tenderscan ${report.tool.version} -->`, '', `# ${w.title}`, ''];
  out.push(`${w.generated} ${date(report.generatedAt, lang)} · ${w.tool} tenderscan ${report.tool.version} · ${w.rulePacks} ${code(report.rulePacks.hash)}`, '');

  out.push(...factsMarkdown(report, lang, nameOf, cited));
  // The dossier first: counts, failed and unread documents named, then one row per document.
  out.push(`## ${w.summary}`, '');
  const [counts, ...warnings] = dossierLines(dossierSummary(report), lang, nameOf);
  out.push(`${cell(counts)}`, '');
  for (const line of warnings) out.push(`- **⚠ ${cell(line)}**`);
  if (warnings.length) out.push('');
  // Documents as rows, their categories in one cell: it reads the same at 3 documents or 300.
  out.push(`| ${w.document} | ${w.status} | ${w.findings} | ${w.negated} | ${w.categories} |`, '|---|---|---:|---:|---|');
  const labelOf = pageLabels(report);
  for (const d of report.documents) {
    const mine = report.findings.filter((f) => f.document === d.path);
    const byCategory = new Map<string, Finding[]>();
    for (const f of mine) if (!f.negated) byCategory.set(f.category, [...(byCategory.get(f.category) ?? []), f]);
    const categories = [...byCategory]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([c, list]) => `${cell(name(c))} ${list.length} (${w.page} ${pageList(list.map((f) => f.page), labelOf(d.path), lang)})`)
      .join(' · ');
    const status = d.status === 'error' ? `${w.error} ${code(d.error!.code)}` : d.status === 'partial' ? cell(d.status) : unreadPages(d).length ? cell(w.notRead(unreadPages(d).length)) : 'ok';
    const positive = mine.filter((f) => !f.negated).length;
    const none = d.status === 'error' ? '—' : '0';
    out.push(`| ${cell(nameOf(d.path))} | ${status} | ${positive || none} | ${mine.length - positive || none} | ${categories || '—'} |`);
  }
  out.push('');
  if (Object.keys(report.summary.byCategory).length) {
    out.push(`| ${w.category} | ${w.findings} | ${w.negated} | ${w.documents} |`, '|---|---:|---:|---:|');
    for (const [category, s] of Object.entries(report.summary.byCategory)) {
      out.push(`| ${cell(name(category))} | ${s.findings} | ${s.negated} | ${Object.values(s.pages).filter((p) => p.length).length} |`);
    }
    out.push('');
  }

  if (report.fusion.length) {
    out.push(`## ⚠ ${w.fusion}`, '', w.fusionIntro, '');
    for (const x of report.fusion) {
      const where = citation(x, options.language, nameOf(x.document));
      out.push(`- **${x.categories.map((c) => cell(name(c))).join(' + ')}** — ${cited(x.document, x.page, where)}`, `  > ${escapeMarkdown(x.excerpt.replace(/\s+/g, ' '))}`, '');
    }
  }

  out.push(...legalMarkdown(report, lang, nameOf, name));

  const review = reviewLine(report, lang);
  if (review) out.push(cell(review), '');
  // Shown once: the id each finding ends with is what `review --finding` takes.
  const mark = markCommand(report);
  if (mark) out.push(`${cell(w.markHelp)} \`${mark}\``, '');

  // Documents an interruption left unfinished hold nothing: the summary names them.
  for (const doc of report.documents.filter((d) => d.error?.code !== INTERRUPTED)) {
    out.push(`## ${w.document} : ${cell(nameOf(doc.path))}`.replace(' :', lang === 'fr' ? ' :' : ':'), '');
    if (doc.status === 'error') {
      out.push(`**${w.error}** ${code(doc.error!.code)} — ${cell(doc.error!.message)}`, '');
      continue;
    }
    const note = unreadNote(doc, lang);
    if (note) out.push(`**⚠ ${cell(note)}**`, '');
    const findings = report.findings.filter((f) => f.document === doc.path);
    if (findings.length === 0) out.push(`*${w.noFindings}*`, '');
    const mentions = report.mentions?.filter((f) => f.document === doc.path) ?? [];
    const byCategory = new Map<string, Finding[]>();
    for (const f of findings) byCategory.set(f.category, [...(byCategory.get(f.category) ?? []), f]);
    for (const [category, list] of [...byCategory].sort(([a], [b]) => (a < b ? -1 : 1))) {
      out.push(`### ${cell(name(category))}`, '');
      for (const f of list) {
        const { before, match, after } = excerptParts(f);
        const tags = [f.negated ? `**${w.negatedTag}**` : '', f.modality === 'optional' ? `*${f.commitment === 'future' ? w.future : w.optional}*` : '', f.mention ? `*${w.mentionTag}*` : '', f.source === 'ocr' ? `${w.ocr} ${Math.round(f.ocrConfidence ?? 0)} % — ${w.ocrNote}` : '', f.review ? `**${f.review.status === 'confirmed' ? w.confirmed : w.falsePositive}**${f.review.comment ? ` (${cell(f.review.comment)})` : ''}` : '', f.id ? code(f.id) : '']
          .filter(Boolean)
          .join(' · ');
        const shot = options.snapshot?.(f);
        out.push(`> ${escapeMarkdown(before)}**${escapeMarkdown(match)}**${escapeMarkdown(after)}`, `>`, `> — ${cited(f.document, f.page, citation(f, lang, nameOf(f.document)))}${tags ? ` · ${tags}` : ''}`);
        if (shot) out.push('>', `> ![${cell(pageCitation(f.page, f.pageLabel, lang))}](${shot.src})`);
        const missing = shot ? undefined : options.snapshotMissing?.(f);
        if (missing) out.push('>', `> *${cell(missing)}*`);
        out.push('');
      }
    }
    // Mentions by name after the findings, apart: quoted, never counted.
    if (mentions.length) {
      out.push(`### ${cell(w.mentions)}`, '');
      for (const f of mentions) {
        out.push(`- ${cited(f.document, f.page, citation(f, lang, nameOf(f.document)))} · ${cell(name(f.category))}${f.id ? ` · ${code(f.id)}` : ''}`, `  > ${escapeMarkdown(f.excerpt.replace(/\s+/g, ' '))}`, '');
      }
    }
  }

  out.push(...missingSection(report, options, cited));
  out.push(`## ${w.evidence}`, '');
  out.push(`${w.tool}: tenderscan ${report.tool.version} · ${w.rulePacks}: ${code(report.rulePacks.hash)} · ${w.runDate}: ${date(report.generatedAt, lang)}`, '');
  if (report.config !== undefined) out.push(`${w.config}: ${cell(report.config)}`, '');
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

/** The procurement's facts (a header before the summary): each value with its linked citations. */
function factsMarkdown(report: Report, lang: 'fr' | 'en', nameOf: (path: string) => string, cited: (document: string, page: number, text: string) => string): string[] {
  const header = factHeader(report.dossier, lang);
  if (!header) return [];
  const colon = lang === 'fr' ? ' :' : ':';
  const out = [`## ${cell(header.heading)}`, '', cell(header.intro), ''];
  for (const line of header.lines) {
    const values = line.values.map((v) => `${cell(v.text)} (${v.citations.map((c) => cited(c.document, c.page, `${nameOf(c.document)}, ${c.place}`)).join('; ')})`);
    out.push(`- **${cell(line.label)}**${line.conflict ? ` ⚠ *${cell(header.conflict)}*` : ''}${colon} ${values.join(' · ')}`);
  }
  out.push('');
  if (header.recourse.length) {
    out.push(`### ${cell(header.recourseHeading)}`, '', ...header.recourse.map((r) => `- ${cell(r)}`), '', `*${cell(header.recourseNote)}*`, '');
  }
  return out;
}

/** "Not in this dossier" as a section with a list per kind; nothing when there is none. */
function missingSection(report: Report, options: FormatOptions, cited: (document: string, page: number, text: string) => string): string[] {
  if (!report.missing?.length) return [];
  const w = MISSING_WORDS[options.language];
  const { documents, withheld } = missingLines(report, options.language, namerFor(report, options.documentName));
  const out = [`## ${cell(w.heading)}`, '', cell(w.intro), ''];
  for (const [heading, lines] of [[w.documents, documents], [w.withheld, withheld]] as const) {
    if (lines.length === 0) continue;
    out.push(`### ${cell(heading)}`, '');
    for (const line of lines) {
      const review = line.review ? ` · **${cell(line.review)}**` : '';
      out.push(`- **${cell(line.title)}** — ${cell(line.what)}${review} · ${code(line.item.id)}`);
      for (const c of line.citations) out.push(`  - ${cited(c.document, c.page, c.place)} : ${cell(c.quote)}`.replace(' :', options.language === 'fr' ? ' :' : ':'));
      if (line.more) out.push(`  - ${cell(line.more)}`);
    }
    out.push('');
  }
  return out;
}

/** tenderscan diff in this format. */
export function formatDiffMarkdown(diff: ReportDiff, options: FormatOptions): string {
  const lang = options.language;
  const w = DIFF_WORDS[lang];
  const md = escapeMarkdown;
  const out = [`# ${w.title}`, '', `${md(diff.old.source)} → ${md(diff.new.source)}`, '', `## ${w.documents}`, ''];
  out.push(`| | ${w.documents} | | SHA-256 |`, '|---|---|---|---|');
  for (const d of diff.documents) {
    out.push(`| ${DOC_MARK[d.change]} | ${md(d.name)} | ${w.documentChanges[d.change]}${failed(d)} | \`${d.old?.sha256?.slice(0, 12) ?? '—'}\` → \`${d.new?.sha256?.slice(0, 12) ?? '—'}\` |`);
  }
  out.push('', `## ${w.findings}`, '');
  let document: string | undefined;
  for (const f of diff.findings) {
    if (f.document !== document) {
      document = f.document;
      out.push(`### ${md(f.document)}`, '');
    }
    const shown = shownOf(f);
    out.push(`- **${MARK[f.change]} ${w.changes[f.change]}** — ${md(options.categoryName(f.category, lang))} (\`${f.category}\`) — ${md(changeDetail(f, lang))}`);
    out.push(`  > ${md(shown.excerpt)}`);
    if (showsOld(f)) out.push('  >', `  > ${w.was}: ${md(f.old!.excerpt)}`);
    out.push(`  > — ${md(placeOf(f, lang))}`, '');
  }
  if (diff.findings.length === 0) out.push(`*${w.none}*`, '');
  const missing = missingChanges(diff, lang);
  if (missing.length) out.push(`## ${md(missingHeading(lang))}`, '');
  for (const m of missing) out.push(`- **${m.mark} ${m.label}** — ${md(m.text)} (\`${m.item.id}\`)`);
  if (missing.length) out.push('');
  out.push(md(summaryLine(diff, lang)), '');
  return out.join('\n') + '\n';
}

/** The legal notes (docs/legal-notes.md): under each category found, its notes, conflicts first and marked. */
function legalMarkdown(report: Report, lang: ReportLanguage, nameOf: (path: string) => string, name: (id: string) => string): string[] {
  const view = legalView(report, lang, nameOf);
  if (!view) return [];
  const out = [`## ${cell(view.title)}`, '', ...view.context.map((line) => `- ${cell(line)}`), ''];
  for (const group of view.groups) {
    out.push(`### ${cell(name(group.category))}`, '');
    for (const { note, label, summary } of group.notes) {
      const mark = note.severity === 'conflict' ? `**⚠ ${cell(label)}**` : `*${cell(label)}*`;
      const reference = linkableSource(note.source) ? `[${cell(note.reference)}](<${note.source}>)` : `${cell(note.reference)} (${cell(note.source)})`;
      out.push(`- ${mark} ${reference} — ${cell(summary)} ${code(note.id)}`);
    }
    out.push('');
  }
  if (view.pending) out.push(`*${cell(view.pending)}*`, '');
  out.push(`*${cell(view.disclaimer)}*`, '');
  return out;
}

export const format: ReportFormat = { meta: FORMAT_META.markdown, report: formatMarkdown, diff: formatDiffMarkdown };
