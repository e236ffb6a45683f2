// Default format: a report for people at a terminal (chalk here, wrap-ansi and cli-table3 through
// ../wrap.ts and ../table.ts: they live here only).
// Every string from the report goes through escapeTerminal (`t`): no document drives the terminal.
// Text is wrapped to the width given (the terminal's, or 80 columns when stdout is not one),
// quotations with a hanging indent, and the summary table is fitted to it.
import { Chalk } from 'chalk';
import type { Finding, FusionExplain, Report } from '../../types.js';
import { FORMAT_META, type FormatOptions, type ReportFormat } from './meta.js';
import { excerptParts, pageRanges } from '../text.js';
import { namerFor } from '../names.js';
import { type ReportLanguage, findingPlace, formatDate, pageCitation, pageLabels, pageList, reviewLine, unreadNote, WORDS } from '../i18n.js';
import { dossierLines, dossierSummary, INTERRUPTED } from '../dossier.js';
import { factHeader } from '../facts.js';
import { missingLines, MISSING_WORDS } from '../missing-text.js';
import { escapeTerminal, escapeTerminal as t } from '../escape.js';
import { legalView } from '../legal.js';
import { wrapHard } from '../wrap.js';
import { drawTable } from '../table.js';
import type { ReportDiff } from '../../types.js';
import { changeDetail, DOC_MARK, failed, flat, MARK, missingChanges, missingHeading, placeOf, shownOf, showsOld, summaryLine, WORDS as DIFF_WORDS } from '../diff-words.js';

/**
 * A space that does not break, put back as a plain space once the text is wrapped (a
 * no-break space would stay in what the reader copies): before the dot between facts, so
 * that no line starts with "·", and inside a command to type ("--ocr auto", "qpdf --check").
 */
const GLUE = '\ue000';
const SEP = `${GLUE}· `;

/** Width when none is given (stdout is not a terminal), and the narrowest one honoured. */
export const DEFAULT_WIDTH = 80;
const MIN_WIDTH = 40;

/** `text` wrapped to `width` columns, every line after `indent` spaces (colours kept across lines). */
function wrap(text: string, width: number, indent: number, firstIndent = indent): string[] {
  const glued = text.replace(/(^|\s)(--[a-z][a-z-]*) (?=[a-z0-9])/g, `$1$2${GLUE}`).replace(/\bqpdf (?=--)/g, `qpdf${GLUE}`);
  const lines = wrapHard(glued, Math.max(10, width - indent)).split('\n');
  return lines.map((line, i) => ' '.repeat(i === 0 ? firstIndent : indent) + line.replaceAll(GLUE, ' '));
}

export function formatTerminal(report: Report, options: FormatOptions): string {
  const c = terminalColours(options.color);
  const w = WORDS[options.language];
  const width = Math.max(MIN_WIDTH, options.width ?? DEFAULT_WIDTH);
  const name = (id: string) => t(options.categoryName(id));
  const nameOf = namerFor(report, options.documentName);
  // --summary: the dossier summary alone, then the line that says what made it.
  if (options.summaryOnly) return [...summaryLines(report, options, width, c, nameOf), ...stampLines(report, options, width, c)].join('\n') + '\n';
  const out: string[] = factsTerminal(report, options, width, c, nameOf);
  if (report.fusion.length) {
    out.push(c.bold.red(`⚠ ${w.fusion}`));
    for (const x of report.fusion) {
      out.push(...wrap(`${c.bold(x.categories.map(name).join(' + '))} — ${t(`${nameOf(x.document)}, ${findingPlace(x, options.language)}`)}`, width, 4, 2));
      out.push(...wrap(c.dim(t(x.excerpt.replace(/\s+/g, ' '))), width, 6));
      if (options.explain && x.explain) out.push(...fusionWhy(x.explain, nameOf, options.language).flatMap((line) => wrap(c.dim(t(line)), width, 8, 6)));
    }
    out.push('');
  }
  // Documents an interruption left unfinished have no result: the summary names them once.
  const documents = report.documents.filter((d) => d.error?.code !== INTERRUPTED);
  for (const doc of documents) {
    const findings = report.findings.filter((f) => f.document === doc.path);
    const facts = [
      doc.status === 'error' ? undefined : w.nPages(doc.pageCount),
      doc.sha256 ? `sha256 ${doc.sha256.slice(0, 12)}` : undefined,
      doc.language ? `${w.language} ${doc.language}` : undefined,
      doc.pagesWithoutText.length ? `${w.noTextOn} ${w.page} ${pageRanges(doc.pagesWithoutText)}` : undefined,
      doc.failedPages.length ? `${w.unreadablePages} ${w.page} ${pageRanges(doc.failedPages)}` : undefined,
    ].filter(Boolean);
    // The document's name once, as the heading of its findings.
    out.push(...wrap(c.bold.underline(t(nameOf(doc.path))) + '  ' + c.dim(t(facts.join(SEP))), width, 2, 0));
    const unread = unreadNote(doc, options.language);
    if (unread) out.push(...wrap(c.yellow(`⚠ ${t(unread)}`), width, 4, 2));
    if (doc.status === 'error') {
      out.push(...wrap(c.red(t(`${doc.error!.code}: ${doc.error!.message}`)), width, 4, 2), '');
      continue;
    }
    // Mentions by name follow the findings, apart: a citation is not evidence of a plan.
    const mentions = report.mentions?.filter((f) => f.document === doc.path) ?? [];
    const mentionLines = () => {
      if (mentions.length === 0) return;
      out.push(...wrap(c.bold.dim(w.mentions), width, 4, 2));
      for (const f of mentions) {
        const id = f.id ? c.dim(` · id ${f.id}`) : '';
        out.push(...wrap(`${c.bold(t(findingPlace(f, options.language)))}${id} ${c.dim(`${t(options.categoryName(f.category))} (${t(f.category)})`)}`, width, 6, 4));
        const { before, match, after } = excerptParts(f);
        out.push(...wrap(c.dim(`${t(before)}${t(match)}${t(after)}`), width, 6));
      }
    };
    if (findings.length === 0) {
      out.push('  ' + c.dim(w.noFindings));
      mentionLines();
      out.push('');
      continue;
    }
    const byCategory = new Map<string, Finding[]>();
    for (const f of findings) byCategory.set(f.category, [...(byCategory.get(f.category) ?? []), f]);
    for (const [category, list] of [...byCategory].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const positive = list.filter((f) => !f.negated).length;
      const counts = w.nFindings(positive) + (list.length > positive ? `, ${w.nNegated(list.length - positive)}` : '');
      out.push(...wrap(`${c.bold.cyan(`${name(category)} (${t(category)})`)} ${c.dim(counts)}`, width, 4, 2));
      for (const f of list) {
        const tags = [
          f.negated ? c.red(`[${w.negatedTag}]`) : '',
          f.modality === 'optional' ? c.yellow(`[${f.commitment === 'future' ? w.future : w.optional}]`) : '',
          f.mention ? c.dim(`[${w.mentionTag}]`) : '',
          // A quotation from OCR must be checked against the page image.
          f.source === 'ocr' ? c.magenta(`[OCR ${Math.round(f.ocrConfidence ?? 0)}%]`) : '',
          f.review ? (f.review.status === 'confirmed' ? c.green(`[${w.confirmed}]`) : c.dim(`[${w.falsePositive}]`)) : '',
        ].filter(Boolean);
        // The id is what `tenderscan review --finding` takes.
        const id = f.id ? c.dim(` · id ${f.id}`) : '';
        const comment = f.review?.comment ? c.dim(t(` · ${f.review.comment.replace(/\s+/g, ' ')}`)) : '';
        out.push(...wrap([c.bold(t(findingPlace(f, options.language))) + id + comment, ...tags].join(' '), width, 6, 4));
        const { before, match, after } = excerptParts(f);
        out.push(...wrap(`${t(before)}${c.bold.yellow(t(match))}${t(after)}`, width, 6));
        if (options.explain && f.explain) {
          const e = f.explain;
          const why = [`rule ${e.rule} (${e.kind}) on "${e.words.join('" + "')}"`];
          if (e.product) why.push(`product: ${e.product.description} <${e.product.source}>`);
          if (e.negation) why.push(`negated by "${e.negation.trigger}" (${e.negation.position} the term)`);
          if (e.modality) why.push(`${e.modality.commitment === 'future' ? 'future' : 'optional'} by "${e.modality.trigger}"`);
          out.push(...wrap(c.dim(t(why.join('; '))), width, 8, 6));
        }
      }
    }
    mentionLines();
    out.push('');
  }

  out.push(...missingSection(report, options, width, c));
  out.push(...legalLines(report, options, width, c, nameOf));
  out.push(...evidenceLines(report, options, width, c, nameOf));
  // The summary last: the screen a person sees when the run ends.
  out.push('', ...summaryLines(report, options, width, c, nameOf));
  return out.join('\n') + '\n';
}

/** The counts, what failed or was not read, the review, and the table by category. */
function summaryLines(report: Report, options: FormatOptions, width: number, c: InstanceType<typeof Chalk>, nameOf: (path: string) => string): string[] {
  const w = WORDS[options.language];
  const out: string[] = [];
  const dossier = dossierSummary(report);
  const [counts, ...more] = dossierLines(dossier, options.language, nameOf);
  out.push(...wrap(c.bold(`${w.summary}${options.language === 'fr' ? ' :' : ':'} ${t(counts)}`), width, 2, 0));
  const review = reviewLine(report, options.language);
  if (review) out.push(...wrap(c.dim(t(review)), width, 2, 0));
  for (const line of more) out.push(...wrap(c.bold.yellow(`⚠ ${t(line)}`), width, 4, 2));
  // "Summary: 0 findings" says it all: no empty table, no "no findings" after it.
  if (Object.keys(report.summary.byCategory).length) out.push(summaryTable(report, options, width, c));
  return out;
}

/**
 * What a folder walk recognises a saved terminal report by (sources/own-report.ts): this line,
 * unbroken up to the run date's label; only the date moves to the next line when narrow.
 */
function stampLines(report: Report, options: FormatOptions, width: number, c: InstanceType<typeof Chalk>): string[] {
  const w = WORDS[options.language];
  const stamp = t(`tenderscan ${report.tool.version} · ${w.rulePacks} ${report.rulePacks.hash} · ${w.runDate}`);
  const date = t(formatDate(report.generatedAt, options.language));
  return [...`  ${stamp} ${date}`].length <= width ? [c.dim(`  ${stamp} ${date}`)] : [c.dim(`  ${stamp}`), c.dim(`    ${date}`)];
}

/**
 * The evidence block: the run, then one line per document (its name, the start of its SHA-256,
 * size and pages), or with --evidence full the whole SHA-256 and the file's metadata.
 */
function evidenceLines(report: Report, options: FormatOptions, width: number, c: InstanceType<typeof Chalk>, nameOf: (path: string) => string): string[] {
  const w = WORDS[options.language];
  // Each document's block ends with an empty line already.
  const out = [c.bold(w.evidence), ...stampLines(report, options, width, c)];
  // A config applied (a parent folder's .tenderscan.yaml) changes results: the report says which.
  if (report.config !== undefined) out.push(c.dim(`  ${w.config}: ${t(report.config)}`));
  const documents = report.documents.filter((d) => d.error?.code !== INTERRUPTED);
  const full = options.evidence === 'full';
  for (const d of documents) {
    const m = d.metadata ?? {};
    if (!full) {
      const facts = [d.sha256 ? `sha256 ${d.sha256.slice(0, 12)}` : `${w.sha256} —`, d.size !== null ? `${d.size} ${w.bytes}` : undefined, d.status === 'error' ? d.error?.code : w.nPages(d.pageCount)].filter(Boolean).join(' · ');
      const room = Math.max(12, width - 4 - 3 - [...facts].length);
      out.push(`  ${t(shortenMiddle(nameOf(d.path), room))}${c.dim(` · ${t(facts)}`)}`);
      continue;
    }
    const facts = [
      nameOf(d.path) !== d.path ? d.path : undefined,
      `${w.sha256} ${d.sha256 ?? '—'}`,
      d.size !== null ? `${d.size} ${w.bytes}` : undefined,
      d.status === 'error' ? undefined : w.nPages(d.pageCount),
      m.title ? `${w.titleMeta}: ${m.title}` : undefined,
      m.author ? `${w.author}: ${m.author}` : undefined,
      m.producer ? `${w.producer}: ${m.producer}` : undefined,
      m.creationDate ? `${w.created} ${formatDate(m.creationDate, options.language)}` : undefined,
      m.modificationDate ? `${w.modified} ${formatDate(m.modificationDate, options.language)}` : undefined,
      d.pagesWithoutText.length ? `${w.withoutText}: ${pageRanges(d.pagesWithoutText)}` : undefined,
    ].filter(Boolean);
    out.push(`  ${t(nameOf(d.path))}`, ...wrap(c.dim(t(facts.join(SEP))), width, 4));
  }
  if (!full && documents.length) out.push(...wrap(c.dim(w.evidenceFull), width, 2));
  return out;
}

/** "lot1/CCTP-…-annexe.pdf": a name cut in its middle to `max` characters, its start and its extension kept. */
export function shortenMiddle(name: string, max: number): string {
  const chars = [...name];
  if (chars.length <= max) return name;
  const keep = Math.max(2, max - 1);
  const tail = Math.ceil(keep / 2);
  return chars.slice(0, keep - tail).join('') + '…' + chars.slice(chars.length - tail).join('');
}

/** The procurement's facts, first: one line per field, each value with its citations, then the recourse windows. */
function factsTerminal(report: Report, options: FormatOptions, width: number, c: InstanceType<typeof Chalk>, nameOf: (path: string) => string): string[] {
  const header = factHeader(report.dossier, options.language);
  if (!header) return [];
  const colon = options.language === 'fr' ? ' :' : ':';
  const out = [c.bold(t(header.heading))];
  for (const line of header.lines) {
    const values = line.values.map((v) => `${t(v.text)} ${c.dim(t(`(${v.citations.map((x) => `${nameOf(x.document)}, ${x.place}`).join('; ')})`))}`);
    out.push(...wrap(`${c.bold(t(line.label))}${line.conflict ? c.yellow(` [${t(header.conflict)}]`) : ''}${colon} ${values.join(SEP)}`, width, 4, 2));
  }
  if (header.recourse.length) {
    out.push(...wrap(c.bold(t(header.recourseHeading)), width, 4, 2));
    for (const r of header.recourse) out.push(...wrap(t(r), width, 6, 4));
    out.push(...wrap(c.dim(t(header.recourseNote)), width, 4, 4));
  }
  out.push('');
  return out;
}

/** "Not in this dossier": documents referred to and absent, withheld content; nothing when there is none. */
function missingSection(report: Report, options: FormatOptions, width: number, c: InstanceType<typeof Chalk>): string[] {
  if (!report.missing?.length) return [];
  const w = MISSING_WORDS[options.language];
  const { documents, withheld } = missingLines(report, options.language, namerFor(report, options.documentName));
  const out: string[] = [c.bold.yellow(w.heading)];
  for (const [heading, lines] of [[w.documents, documents], [w.withheld, withheld]] as const) {
    if (lines.length === 0) continue;
    out.push(...wrap(c.bold(t(heading)), width, 2, 2));
    for (const line of lines) {
      const tags = [line.review ? `[${line.review}]` : '', c.dim(line.item.id)].filter(Boolean).join(' ');
      out.push(...wrap(`${c.bold(t(line.title))} — ${t(line.what)}  ${tags}`, width, 6, 4));
      for (const cited of line.citations) out.push(...wrap(c.dim(t(`${cited.place}: ${cited.quote}`)), width, 8, 6));
      if (line.more) out.push(...wrap(c.dim(t(line.more)), width, 8, 6));
    }
  }
  out.push('');
  return out;
}

/** One row per category ("Drones (drones)"), fitted to `width`: the text columns share what the counts leave. */
function summaryTable(report: Report, options: FormatOptions, width: number, c: InstanceType<typeof Chalk>): string {
  const w = WORDS[options.language];
  const nameOf = namerFor(report, options.documentName);
  const multiDoc = report.documents.length > 1;
  const labelOf = pageLabels(report);
  // Pages by document: "CCTP.pdf: 3-5" per line; names are cut in the middle once the width is known.
  const pagesOf = new Map<string, [string, string][]>();
  const rows = Object.entries(report.summary.byCategory).map(([category, s]) => {
    const byDoc = Object.entries(s.pages).filter(([, pages]) => pages.length);
    const perDoc = byDoc.map(([d, list]): [string, string] => [nameOf(d), pageList(list, labelOf(d), options.language)]);
    pagesOf.set(category, perDoc);
    const pages = multiDoc ? perDoc.map(([n, p]) => `${t(n)}: ${p}`).join('\n') : perDoc.map(([, p]) => p).join(', ');
    const label = options.categoryName(category);
    // The id beside the name, unless the name already says it ("Signalements citoyens (crowdsourcing)").
    return [label === category || label.endsWith(`(${category})`) ? t(label) : `${t(label)} ${c.dim(`(${t(category)})`)}`, String(s.findings), String(s.negated), pages || '—'];
  });
  const head = [w.category, w.findings, w.negated, w.pages];
  // Borders take one column each (5), padding one on each side of a cell (in colWidths).
  const numberWidth = (i: number) => Math.max(head[i].length, ...rows.map((r) => r[i].length)) + 2;
  const free = width - 5 - numberWidth(1) - numberWidth(2);
  const longest = (i: number) => Math.max(head[i].length, ...rows.flatMap((r) => r[i].split('\n').map((l) => l.replace(/\x1b\[[0-9;]*m/g, '').length))) + 2;
  // Both at their longest when they fit; else the categories take what they need up to 60% and
  // the pages the rest (at least 40%).
  const pagesWidth = longest(0) + longest(3) <= free ? longest(3) : Math.min(longest(3), Math.max(10, Math.floor(free * 0.4), free - Math.min(longest(0), Math.floor(free * 0.6))));
  const categoryWidth = Math.max(12, Math.min(longest(0), free - pagesWidth));
  // A long name is cut in its middle, so that it and the start of its pages fit one line:
  // never broken letter by letter down the column.
  if (multiDoc) {
    const categories = Object.keys(report.summary.byCategory);
    rows.forEach((row, i) => {
      const perDoc = pagesOf.get(categories[i]) ?? [];
      if (perDoc.length) row[3] = perDoc.map(([n, p]) => `${t(shortenMiddle(n, Math.max(12, pagesWidth - 4 - Math.min([...p].length, 12))))}: ${p}`).join('\n');
    });
  }
  // Cells wrapped here, as the text is (cli-table3's word wrap cuts a long word with "…").
  const widths = [categoryWidth, 0, 0, pagesWidth];
  const cells = rows.map((row) => row.map((cell, i) => (widths[i] ? wrapHard(cell, widths[i] - 2) : cell)));
  return drawTable({ head, colWidths: [categoryWidth, numberWidth(1), numberWidth(2), pagesWidth], colAligns: ['left', 'right', 'right', 'left'], color: options.color }, cells);
}

/** The legal notes (docs/legal-notes.md): under each category found, its notes, conflicts first and marked. */
function legalLines(report: Report, options: FormatOptions, width: number, c: InstanceType<typeof Chalk>, nameOf: (path: string) => string): string[] {
  const view = legalView(report, options.language, nameOf);
  if (!view) return [];
  const out = [c.bold(view.title), ...view.context.flatMap((line) => wrap(c.dim(t(line)), width, 4, 2))];
  for (const group of view.groups) {
    out.push(...wrap(c.bold.cyan(`${t(options.categoryName(group.category))} (${t(group.category)})`), width, 4, 2));
    for (const { note, label, summary } of group.notes) {
      const mark = note.severity === 'conflict' ? c.bold.red(`⚠ [${label}]`) : note.severity === 'check' ? c.yellow(`[${label}]`) : c.dim(`[${label}]`);
      out.push(...wrap(`${mark} ${c.bold(t(note.reference))} — ${t(summary)}`, width, 6, 4));
      // The id first: a long link is cut where the width ends, the id never.
      out.push(...wrap(c.dim(`${t(note.id)} · ${t(note.source)}`), width, 6));
    }
  }
  if (view.pending) out.push(...wrap(c.yellow(t(view.pending)), width, 4, 2));
  out.push(...wrap(c.dim(t(view.disclaimer)), width, 4, 2), '');
  return out;
}

/** Colours of the report and of the diff: chalk is imported here only. */
export function terminalColours(enabled: boolean) {
  return new Chalk({ level: enabled ? 1 : 0 });
}

/** --explain under a crossing: its verb and source words, then each passage behind it. */
function fusionWhy(e: FusionExplain, nameOf: (path: string) => string, language: ReportLanguage): string[] {
  const words = e.sources.map((x) => `${x.category}: "${x.words.join('", "')}"`).join('; ');
  return [`crossing "${e.verb}" of ${words}`, ...e.passages.map((p) => `${nameOf(p.document)} ${pageCitation(p.page, p.pageLabel, language)}: ${p.text.replace(/\s+/g, ' ')}`)];
}

/** tenderscan diff in this format. */
export function formatDiffTerminal(diff: ReportDiff, options: FormatOptions): string {
  const c = terminalColours(options.color);
  const lang = options.language;
  const w = DIFF_WORDS[lang];
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
  const missing = missingChanges(diff, lang);
  if (missing.length) out.push('', c.bold(missingHeading(lang)));
  for (const m of missing) out.push(`  ${(m.change === 'added' ? c.green : c.red)(`${m.mark} ${m.label}`)}  ${t(m.text)}  ${c.dim(m.item.id)}`);
  out.push('', c.bold(summaryLine(diff, lang)));
  out.push(c.dim(`${t(diff.old.source)}: ${formatDate(diff.old.generatedAt, lang)} · rules ${diff.old.rulePacks.hash}  →  ${t(diff.new.source)}: ${formatDate(diff.new.generatedAt, lang)} · rules ${diff.new.rulePacks.hash}`));
  return out.join('\n') + '\n';
}

export const format: ReportFormat = { meta: FORMAT_META.terminal, report: formatTerminal, diff: formatDiffTerminal };
