// --exhibits: the "bordereau de pièces" a lawyer attaches to a brief. Every document of the
// report is numbered in the order a brief cites them: first the documents that carry findings,
// in the order the report shows its first finding of each (crossings of sources first, as every
// format shows them), then the others in report order. Each piece gives what identifies the
// file (SHA-256, pages, the date and title its metadata state) and the findings it supports.
// Markdown, every string from a document or a file name escaped.
import type { DocumentEntry, Finding, Report } from '../types.js';
import { escapeMarkdown } from './escape.js';
import { findingPlace, formatDate, type ReportLanguage } from './i18n.js';
import { namerFor, type DocumentNamer } from './names.js';

const WORDS = {
  en: {
    title: 'List of exhibits',
    intro: 'Exhibits in the order the report cites them: first those that carry findings, by their first finding cited, then the others.',
    generated: 'Generated',
    rulePacks: 'rule packs',
    exhibit: (n: number) => `Exhibit ${n}`,
    file: 'File',
    sha256: 'SHA-256',
    pages: 'Pages',
    date: 'Date',
    created: 'created, from the metadata',
    modified: 'modified, from the metadata',
    titleMeta: 'Title (metadata)',
    status: 'Not analysed',
    supports: (n: number) => `Findings it supports (${n})`,
    none: 'No finding: produced for the record.',
    negated: 'negated',
    optional: 'optional',
  },
  fr: {
    title: 'Bordereau de pièces',
    intro: "Pièces dans l'ordre où le rapport les cite : d'abord celles qui portent des constats, dans l'ordre de leur premier constat cité, puis les autres.",
    generated: 'Généré le',
    rulePacks: 'jeux de règles',
    exhibit: (n: number) => `Pièce n° ${n}`,
    file: 'Fichier',
    sha256: 'SHA-256',
    pages: 'Pages',
    date: 'Date',
    created: 'création, selon les métadonnées',
    modified: 'modification, selon les métadonnées',
    titleMeta: 'Titre (métadonnées)',
    status: 'Non analysée',
    supports: (n: number) => `Constats qu'elle appuie (${n})`,
    none: 'Aucun constat : produite pour mémoire.',
    negated: 'exclu',
    optional: 'optionnel',
  },
} as const;

/** The documents in the order a brief cites them: by first cited finding, then the rest in report order. */
export function exhibitOrder(report: Pick<Report, 'documents' | 'findings' | 'fusion'>): DocumentEntry[] {
  const first: string[] = [];
  const seen = new Set<string>();
  for (const path of [...report.fusion.map((x) => x.document), ...report.findings.map((f) => f.document)]) {
    if (!seen.has(path)) {
      seen.add(path);
      first.push(path);
    }
  }
  const byPath = new Map(report.documents.map((d) => [d.path, d]));
  const cited = first.map((p) => byPath.get(p)).filter((d): d is DocumentEntry => d !== undefined);
  return [...cited, ...report.documents.filter((d) => !seen.has(d.path))];
}

export interface ExhibitOptions {
  language: ReportLanguage;
  categoryName: (id: string, language?: ReportLanguage) => string;
  documentName?: DocumentNamer;
}

const code = (text: string) => (/^[\w.-]+$/.test(text) ? `\`${text}\`` : escapeMarkdown(text));

function findingLine(f: Finding, options: ExhibitOptions): string {
  const w = WORDS[options.language];
  const tags = [f.negated ? w.negated : '', f.modality === 'optional' && !f.negated ? w.optional : ''].filter(Boolean);
  return `  - ${escapeMarkdown(findingPlace(f, options.language))} · ${escapeMarkdown(options.categoryName(f.category, options.language))}${tags.length ? ` (${tags.join(', ')})` : ''}${f.id ? ` · ${code(f.id)}` : ''}`;
}

/** The list of exhibits of a report, as Markdown. */
export function formatExhibits(report: Report, options: ExhibitOptions): string {
  const lang = options.language;
  const w = WORDS[lang];
  const nameOf = namerFor(report, options.documentName);
  const colon = lang === 'fr' ? ' :' : ':';
  // The marker lets a folder walk recognise the list and leave it out (sources/own-report.ts).
  const out = [`<!-- generator: tenderscan ${report.tool.version} -->`, '', `# ${w.title}`, ''];
  out.push(`${w.generated} ${escapeMarkdown(formatDate(report.generatedAt, lang))} · tenderscan ${report.tool.version} · ${w.rulePacks} ${code(report.rulePacks.hash)}`, '', w.intro, '');
  const findings = new Map<string, Finding[]>();
  for (const f of report.findings) findings.set(f.document, [...(findings.get(f.document) ?? []), f]);
  exhibitOrder(report).forEach((d, i) => {
    const m = d.metadata ?? {};
    out.push(`## ${w.exhibit(i + 1)} — ${escapeMarkdown(nameOf(d.path))}`, '');
    out.push(`- ${w.file}${colon} ${escapeMarkdown(d.path)}`);
    out.push(`- ${w.sha256}${colon} ${d.sha256 ? code(d.sha256) : '—'}`);
    if (d.status !== 'error') out.push(`- ${w.pages}${colon} ${d.pageCount}`);
    if (m.creationDate) out.push(`- ${w.date}${colon} ${escapeMarkdown(formatDate(m.creationDate, lang))} (${w.created})`);
    else if (m.modificationDate) out.push(`- ${w.date}${colon} ${escapeMarkdown(formatDate(m.modificationDate, lang))} (${w.modified})`);
    if (m.title) out.push(`- ${w.titleMeta}${colon} ${escapeMarkdown(m.title)}`);
    if (d.status === 'error') out.push(`- ${w.status}${colon} ${code(d.error?.code ?? 'ERROR')} — ${escapeMarkdown(d.error?.message ?? '')}`);
    const supported = findings.get(d.path) ?? [];
    if (supported.length) out.push(`- ${w.supports(supported.length)}${colon}`, ...supported.map((f) => findingLine(f, options)));
    else out.push(`- ${w.none}`);
    out.push('');
  });
  return out.join('\n');
}
