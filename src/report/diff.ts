// Formatters of a dossier diff (tenderscan diff), one pure function per format, looked up by
// name like the report formatters. Document text is escaped for each format as it is there.
import type { DocumentChange, Finding, FindingChange, ReportDiff } from '../types.js';
import { findingState } from './model/compare.js';
import type { FormatOptions } from './formats/index.js';
import { escapeCsvCell, escapeHtml, escapeMarkdown, escapeTerminal } from './escape.js';
import { terminalColours } from './formats/terminal.js';
import { citation, formatDate, type ReportLanguage } from './i18n.js';

export type DiffFormatter = (diff: ReportDiff, options: FormatOptions) => string;

const WORDS = {
  en: {
    title: 'tenderscan diff',
    documents: 'Documents',
    findings: 'Findings',
    newPositive: 'new positive findings',
    none: 'no change in the findings',
    was: 'was',
    states: { asserted: 'planned', optional: 'optional', negated: 'excluded' },
    documentChanges: { added: 'added', removed: 'removed', changed: 'changed', unchanged: 'unchanged' },
    changes: { added: 'added', removed: 'removed', flipped: 'negation or modality flipped', reworded: 'reworded', moved: 'moved to another page' },
    counts: { added: 'added', removed: 'removed', flipped: 'flipped', reworded: 'reworded', moved: 'moved', unchanged: 'unchanged' },
  },
  fr: {
    title: 'Comparaison tenderscan',
    documents: 'Documents',
    findings: 'Occurrences',
    newPositive: 'nouvelles occurrences positives',
    none: 'aucun changement dans les occurrences',
    was: 'avant',
    states: { asserted: 'prévu', optional: 'en option', negated: 'exclu' },
    documentChanges: { added: 'ajouté', removed: 'retiré', changed: 'modifié', unchanged: 'inchangé' },
    changes: { added: 'ajoutée', removed: 'retirée', flipped: 'négation ou modalité inversée', reworded: 'reformulée', moved: 'déplacée sur une autre page' },
    counts: { added: 'ajoutées', removed: 'retirées', flipped: 'inversées', reworded: 'reformulées', moved: 'déplacées', unchanged: 'inchangées' },
  },
} as const;

const MARK: Record<FindingChange['change'], string> = { added: '+', removed: '-', flipped: '!', reworded: '~', moved: '>' };
const DOC_MARK: Record<DocumentChange['change'], string> = { added: '+', removed: '-', changed: '~', unchanged: '=' };

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();
const cite = (f: Finding | null, language: ReportLanguage, name: string) => (f ? citation(f, language, name) : '');
const shownOf = (c: FindingChange) => (c.new ?? c.old)!;
/** A flipped or reworded clause whose wording changed: its old excerpt is shown under the new. */
const showsOld = (f: FindingChange) => (f.change === 'flipped' || f.change === 'reworded') && flat(f.old!.excerpt) !== flat(f.new!.excerpt);
/** Where the clause is ("CCTP.pdf, p. 4"), and where it went when it moved ("… → CCTP.pdf, p. 6"). */
const placeOf = (c: FindingChange, language: ReportLanguage) =>
  c.old && c.new && c.old.page !== c.new.page ? `${cite(c.old, language, c.document)} → ${cite(c.new, language, c.document)}` : cite(shownOf(c), language, c.document);
/** " (new: error)": a side that could not be read, whose findings were not compared. */
const failed = (d: DocumentChange) =>
  [d.old?.status === 'error' ? 'old' : '', d.new?.status === 'error' ? 'new' : ''].filter(Boolean).map((side) => ` (${side}: error, findings not compared)`).join('');

/** "planned → excluded", "p. 4 → p. 6": what changed, in words. */
function changeDetail(c: FindingChange, language: ReportLanguage): string {
  const w = WORDS[language];
  if (c.change === 'flipped') return `${w.states[findingState(c.old!)]} → ${w.states[findingState(c.new!)]}`;
  if (c.change === 'moved' || (c.old && c.new && c.old.page !== c.new.page)) return `p. ${c.old!.pageLabel} → p. ${c.new!.pageLabel}`;
  return w.states[findingState(shownOf(c))];
}

function summaryLine(diff: ReportDiff, language: ReportLanguage): string {
  const w = WORDS[language];
  const d = diff.summary.documents;
  const f = diff.summary.findings;
  const docs = (['added', 'removed', 'changed', 'unchanged'] as const).map((k) => `${d[k]} ${w.documentChanges[k]}`).join(', ');
  const finds = (['added', 'removed', 'flipped', 'reworded', 'moved', 'unchanged'] as const).map((k) => `${f[k]} ${w.counts[k]}`).join(', ');
  const positive = Object.entries(diff.summary.newPositive).map(([c, n]) => `${c} ${n}`).join(', ');
  return `${w.documents}: ${docs} · ${w.findings}: ${finds}${positive ? ` · ${w.newPositive}: ${positive}` : ''}`;
}

export function formatDiffTerminal(diff: ReportDiff, options: FormatOptions): string {
  const c = terminalColours(options.color);
  const lang = options.language;
  const w = WORDS[lang];
  // One line per text: white space folded, controls and bidi marks shown as escapes.
  const t = (text: string) => escapeTerminal(flat(text));
  const colour = { added: c.green, removed: c.red, flipped: c.bold.magenta, reworded: c.yellow, moved: c.dim } as const;
  const out = [c.bold(`${w.title}: ${t(diff.old.source)} → ${t(diff.new.source)}`), ''];
  out.push(c.bold(w.documents));
  for (const d of diff.documents) {
    const hashes = d.change === 'changed' ? c.dim(`  sha256 ${d.old!.sha256?.slice(0, 12) ?? '—'} → ${d.new!.sha256?.slice(0, 12) ?? '—'}`) : '';
    const renamed = d.old && d.new && d.old.path !== d.new.path ? c.dim(`  (${t(d.old.path)} → ${t(d.new.path)})`) : '';
    out.push(`  ${DOC_MARK[d.change]} ${t(d.name)}  ${c.dim(w.documentChanges[d.change])}${hashes}${renamed}${c.red(failed(d))}`);
  }
  let document: string | undefined;
  for (const f of diff.findings) {
    if (f.document !== document) {
      document = f.document;
      out.push('', c.bold.underline(t(f.document)));
    }
    const shown = shownOf(f);
    const paint = colour[f.change];
    out.push(`  ${paint(`${MARK[f.change]} ${w.changes[f.change]}`)}  ${c.bold.cyan(`${options.categoryName(f.category)} (${f.category})`)}  ${c.dim(changeDetail(f, lang))}`);
    out.push(`      ${t(shown.excerpt)}`);
    if (showsOld(f)) out.push(c.dim(`      ${w.was}: ${t(f.old!.excerpt)}`));
    out.push(c.dim(`      ${t(placeOf(f, lang))}`));
  }
  if (diff.findings.length === 0) out.push('', c.dim(w.none));
  out.push('', c.bold(summaryLine(diff, lang)));
  out.push(c.dim(`${t(diff.old.source)}: ${formatDate(diff.old.generatedAt, lang)} · rules ${diff.old.rulePacks.hash}  →  ${t(diff.new.source)}: ${formatDate(diff.new.generatedAt, lang)} · rules ${diff.new.rulePacks.hash}`));
  return out.join('\n') + '\n';
}

export function formatDiffJson(diff: ReportDiff): string {
  return JSON.stringify(diff, null, 2) + '\n';
}

/** One line per document, one per finding change, then a summary line (like the report's JSON Lines). */
export function formatDiffJsonl(diff: ReportDiff): string {
  const { documents, findings, ...rest } = diff;
  const lines = [
    ...documents.map((data) => ({ type: 'document', data })),
    ...findings.map((data) => ({ type: 'finding', data })),
    { type: 'summary', data: rest },
  ];
  return lines.map((l) => JSON.stringify(l) + '\n').join('');
}

const CSV_COLUMNS = ['kind', 'change', 'document', 'category', 'rule', 'old_state', 'new_state', 'old_page', 'new_page', 'old_citation', 'new_citation', 'excerpt', 'old_excerpt', 'old_id', 'new_id', 'old_sha256', 'new_sha256'] as const;

/** One row per document and per finding change, RFC 4180 (cells neutralised as in the report's CSV). */
export function formatDiffCsv(diff: ReportDiff): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const d of diff.documents) rows.push(['document', d.change, d.name, '', '', '', '', '', '', '', '', '', '', '', '', d.old?.sha256, d.new?.sha256].map(escapeCsvCell).join(','));
  for (const f of diff.findings) {
    const o = f.old;
    const n = f.new;
    rows.push(
      ['finding', f.change, f.document, f.category, shownOf(f).rule, o && findingState(o), n && findingState(n), o?.page, n?.page, cite(o, 'en', f.document), cite(n, 'en', f.document), flat(shownOf(f).excerpt), o && n ? flat(o.excerpt) : '', o?.id, n?.id, '', '']
        .map(escapeCsvCell)
        .join(','),
    );
  }
  return rows.join('\r\n') + '\r\n';
}

export function formatDiffMarkdown(diff: ReportDiff, options: FormatOptions): string {
  const lang = options.language;
  const w = WORDS[lang];
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
  out.push(md(summaryLine(diff, lang)), '');
  return out.join('\n') + '\n';
}

const CSS = `body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;color:#1b1b1b}table{border-collapse:collapse}td,th{border:1px solid #d8d8d8;padding:.3rem .45rem;text-align:left}
.change{border-left:4px solid #777;margin:.7rem 0;padding:.1rem .8rem}.added{border-color:#1d7a1d;background:#f1faf1}.removed{border-color:#a40e26;background:#fbf1f2}.flipped{border-color:#8a2be2;background:#f6f0fd}.reworded{border-color:#8a5a00}.moved{border-color:#bbb}
blockquote{margin:.3rem 0}.meta{color:#5c5c5c;font-size:.9rem}.was{color:#5c5c5c}code{font-size:.85rem}@media print{.change{break-inside:avoid}}`;

/** A self-contained page, no script allowed (the same Content-Security-Policy as the report). */
export function formatDiffHtml(diff: ReportDiff, options: FormatOptions): string {
  const lang = options.language;
  const w = WORDS[lang];
  const h = escapeHtml;
  const parts = [
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`,
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${h(w.title)}</title><style>${CSS}</style></head><body>`,
    `<h1>${h(w.title)}</h1><p class="meta">${h(`${diff.old.source} → ${diff.new.source}`)}</p>`,
    `<h2>${h(w.documents)}</h2><table><tbody>`,
  ];
  for (const d of diff.documents) {
    parts.push(`<tr><td>${DOC_MARK[d.change]}</td><td>${h(d.name)}</td><td>${h(w.documentChanges[d.change] + failed(d))}</td><td><code>${h(d.old?.sha256?.slice(0, 12) ?? '—')}</code> → <code>${h(d.new?.sha256?.slice(0, 12) ?? '—')}</code></td></tr>`);
  }
  parts.push('</tbody></table>', `<h2>${h(w.findings)}</h2>`);
  let document: string | undefined;
  for (const f of diff.findings) {
    if (f.document !== document) {
      document = f.document;
      parts.push(`<h3>${h(f.document)}</h3>`);
    }
    const shown = shownOf(f);
    const was = showsOld(f) ? `<blockquote class="was">${h(`${w.was}: ${flat(f.old!.excerpt)}`)}</blockquote>` : '';
    const where = placeOf(f, lang);
    parts.push(
      `<article class="change ${f.change}" data-category="${h(f.category)}"><p><strong>${h(`${MARK[f.change]} ${w.changes[f.change]}`)}</strong> — ${h(options.categoryName(f.category, lang))} — ${h(changeDetail(f, lang))}</p><blockquote>${h(flat(shown.excerpt))}</blockquote>${was}<p class="meta">${h(where)}</p></article>`,
    );
  }
  if (diff.findings.length === 0) parts.push(`<p>${h(w.none)}</p>`);
  parts.push(`<p><strong>${h(summaryLine(diff, lang))}</strong></p></body></html>\n`);
  return parts.join('\n');
}

export const DIFF_FORMATTERS: Record<string, DiffFormatter> = {
  terminal: formatDiffTerminal,
  json: formatDiffJson,
  jsonl: formatDiffJsonl,
  markdown: formatDiffMarkdown,
  html: formatDiffHtml,
  csv: formatDiffCsv,
};
