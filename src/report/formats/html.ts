// --format html: one self-contained page (no external CSS, fonts, scripts or images), readable
// on a phone and printable, for one document or a dossier of hundreds. The dossier summary
// comes first (failed and unread documents named up front), then the documents list, the
// chart and the documents × categories matrix, then the findings by document. Filters by
// category, document, negation and modality work without scripts (radio and checkbox inputs
// and CSS :has), and a Content-Security-Policy forbids every script and network request: a
// hostile excerpt stays text. Snapshots are data: images, the only images the policy allows.
import type { DocumentEntry, Finding, FusionItem, Report } from '../../types.js';
import { FORMAT_META, type FormatOptions, type ReportFormat } from './meta.js';
import { citation, formatDate, markCommand, pageLabels, pageList, reviewLine, unreadNote, WORDS, type ReportLanguage } from '../i18n.js';
import { namerFor } from '../names.js';
import { excerptParts, pageRanges, unreadPages } from '../text.js';
import { escapeHtml } from '../escape.js';
import { factHeader } from '../facts.js';
import { missingLines, MISSING_WORDS } from '../missing-text.js';
import { legalView, linkableSource } from '../legal.js';
import { pageLinker } from '../links.js';
import type { ReportDiff } from '../../types.js';
import { changeDetail, DOC_MARK, failed, flat, MARK, missingChanges, missingHeading, placeOf, shownOf, showsOld, summaryLine, WORDS as DIFF_WORDS } from '../diff-words.js';

const HTML_WORDS = {
  en: {
    dossier: 'Dossier',
    analysed: (n: number) => `document${n === 1 ? '' : 's'} analysed`,
    failed: 'failed',
    pagesNotRead: (n: number) => `page${n === 1 ? '' : 's'} not read`,
    fusionItems: (n: number) => `crossing${n === 1 ? '' : 's'} of data sources`,
    findingsCount: (n: number) => `finding${n === 1 ? '' : 's'}`,
    failedDocs: 'Not analysed',
    unreadDocs: 'Pages not read (no usable text, scanned?); run again with --ocr auto',
    contents: 'Documents',
    matrix: 'Documents × categories',
    matrixNote: 'positive findings per document; negated ones in brackets',
    chart: 'Findings by category',
    category: 'Category',
    document: 'Document',
    all: 'all',
    statusWords: { ok: 'analysed', partial: 'partly read', error: 'failed' },
    notRead: 'not read',
    total: 'Total',
    snapshot: (page: string) => `image of page ${page} around the passage, the matched words outlined`,
    ocrImage: 'image OCR read',
    zoom: 'show the image at full size',
    negatedShort: 'neg.',
  },
  fr: {
    dossier: 'Dossier',
    analysed: (n: number) => `document${n > 1 ? 's' : ''} analysé${n > 1 ? 's' : ''}`,
    failed: 'en échec',
    pagesNotRead: (n: number) => `page${n > 1 ? 's' : ''} non lue${n > 1 ? 's' : ''}`,
    fusionItems: (n: number) => `croisement${n > 1 ? 's' : ''} de sources`,
    findingsCount: (n: number) => `occurrence${n > 1 ? 's' : ''}`,
    failedDocs: 'Non analysés',
    unreadDocs: 'Pages non lues (pas de texte exploitable, scan ?) ; relancer avec --ocr auto',
    contents: 'Documents',
    matrix: 'Documents × catégories',
    matrixNote: 'occurrences positives par document ; exclues entre parenthèses',
    chart: 'Occurrences par catégorie',
    category: 'Catégorie',
    document: 'Document',
    all: 'tous',
    statusWords: { ok: 'analysé', partial: 'lu en partie', error: 'en échec' },
    notRead: 'non lues',
    total: 'Total',
    snapshot: (page: string) => `image de la page ${page} autour du passage, les mots trouvés encadrés`,
    ocrImage: 'image lue par l’OCR',
    zoom: 'afficher l’image en taille réelle',
    negatedShort: 'excl.',
  },
};

const CSS = `
:root{--fg:#1b1b1b;--muted:#5c5c5c;--line:#d8d8d8;--accent:#0b5cad;--neg:#a40e26;--opt:#8a5a00;--mark:#ffe58a;--bg2:#f5f6f8}
*{box-sizing:border-box}html{-webkit-text-size-adjust:100%}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);margin:0 auto;max-width:64rem;padding:1rem;overflow-wrap:break-word}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.3rem;border-bottom:2px solid var(--line);padding-bottom:.2rem;margin-top:2rem}h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
a{color:var(--accent)}.meta{color:var(--muted);font-size:.9rem}.scroll{overflow-x:auto}
table{border-collapse:collapse;font-size:.9rem;width:100%}th,td{border:1px solid var(--line);padding:.3rem .45rem;text-align:left;vertical-align:top}td.num,th.num{text-align:right}
code{font-size:.85em;word-break:break-all}#evidence table{min-width:48rem}#evidence code{display:inline-block;min-width:9rem}
.stats{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0;margin:.8rem 0}.stats li{background:var(--bg2);border-radius:.4rem;padding:.4rem .7rem}.stats b{font-size:1.25rem;margin-right:.3rem}.stats li.bad{background:#fbe9ec;color:var(--neg)}
.alert{border-left:4px solid var(--neg);background:#fff4f4;padding:.5rem .8rem;margin:.5rem 0}.alert.unread{border-color:var(--opt);background:#fdf7ec}.alert ul{margin:.2rem 0;padding-left:1.2rem}
.fusion{border-left:4px solid var(--neg);background:#fff4f4;padding:.6rem .8rem;margin:.6rem 0}
.finding{border-left:4px solid var(--accent);margin:.7rem 0;padding:.1rem .8rem}.finding.negated{border-color:var(--neg);background:#fbf1f2}.finding.optional{border-color:var(--opt);background:#fdf7ec}
blockquote{margin:.3rem 0;font-style:normal}mark{background:var(--mark);padding:0 .1rem}.cite{margin:.2rem 0 .5rem;font-size:.88rem;color:var(--muted)}
img.snap{display:block;max-width:100%;height:auto;border:1px solid var(--line);margin:.3rem 0}
.snapbox{display:block;overflow-x:auto;position:relative}.snapbox .zoom{position:absolute;opacity:0;width:1px;height:1px;margin:0}.snapbox img.snap{cursor:zoom-in}.snapbox .zoom:checked+img.snap{max-width:none;cursor:zoom-out}.snapbox .zoom:focus-visible+img.snap{outline:2px solid var(--accent)}
.tag{display:inline-block;border-radius:.3rem;padding:0 .35rem;font-size:.78rem;font-weight:600;margin-left:.3rem}.tag.neg{background:var(--neg);color:#fff}.tag.opt{background:var(--opt);color:#fff}.tag.ocr{background:#5b2d86;color:#fff}.tag.rev{background:#2d6a2d;color:#fff}.tag.fp{background:#777;color:#fff}
.status-error,.error{color:var(--neg)}.status-partial{color:var(--opt)}
.chart{margin:.5rem 0 1rem}.bar-row{display:grid;grid-template-columns:minmax(7rem,14rem) 1fr 2.5rem;gap:.5rem;align-items:center;font-size:.9rem;margin:.15rem 0}
.bar{background:var(--bg2);height:1rem;border-radius:.2rem}.bar span{display:block;height:100%;background:var(--accent);border-radius:.2rem;min-width:2px}.bar-row .n{text-align:right;font-variant-numeric:tabular-nums}
.matrix-wrap{overflow:auto;max-height:80vh;border:1px solid var(--line)}.matrix{width:auto;min-width:100%;border:0}
.matrix th,.matrix td{white-space:nowrap}.matrix thead th{position:sticky;top:0;background:#fff;z-index:2;white-space:normal;min-width:5.5rem;vertical-align:bottom}
.matrix tbody th,.matrix tfoot th{position:sticky;left:0;background:#fff;z-index:1;max-width:14rem;white-space:normal}.matrix thead th:first-child{left:0;z-index:3}
.matrix td{text-align:right}.matrix td.error{text-align:left}.matrix td small{display:block;color:var(--muted);font-size:.75rem}.matrix tfoot{font-weight:600}
.filters{border:1px solid var(--line);border-radius:.4rem;padding:.5rem .7rem;margin:1rem 0;font-size:.9rem;background:var(--bg2)}
.filters fieldset{border:0;margin:0 0 .4rem;padding:0}.filters legend{font-weight:600;padding:0;margin-bottom:.2rem}
.filters label{display:inline-block;margin:.1rem .6rem .1rem 0;white-space:nowrap}.filters details{margin:.3rem 0}.filters details label{display:block;white-space:normal}
.filters summary{cursor:pointer;font-weight:600}.doc-list{max-height:16rem;overflow:auto}
body:has(#show-negated:not(:checked)) .finding.negated{display:none}
body:has(#show-optional:not(:checked)) .finding.optional{display:none}
@media (min-width:70rem){#summary .matrix-wrap{width:calc(100vw - 3rem);margin-left:calc(50% - 50vw + 1.5rem)}.matrix th,.matrix td{white-space:normal}.matrix thead th:not(:first-child){min-width:0;writing-mode:vertical-rl;white-space:nowrap;max-height:16rem;font-size:.8rem;padding:.4rem .2rem}.matrix td{font-size:.8rem}.matrix tbody th,.matrix tfoot th{min-width:10rem;max-width:14rem;font-size:.8rem;overflow-wrap:anywhere}}
@media (max-width:40rem){body{padding:.5rem;font-size:15px}.matrix tbody th,.matrix tfoot th{min-width:9rem;max-width:9rem;font-size:.8rem;overflow-wrap:anywhere}.matrix thead th{min-width:4.5rem;font-size:.8rem}.bar-row{grid-template-columns:minmax(6rem,40%) 1fr 2.2rem}}
@media print{.filters{display:none}a{color:inherit;text-decoration:none}.finding,.fusion,tr{break-inside:avoid}body{max-width:none}h2{break-after:avoid}.matrix-wrap{max-height:none;overflow:visible}}
`;

type Ctx = {
  lang: ReportLanguage;
  w: (typeof WORDS)[ReportLanguage];
  h: (typeof HTML_WORDS)[ReportLanguage];
  name: (id: string) => string;
  nameOf: (path: string) => string;
  options: FormatOptions;
  link: NonNullable<FormatOptions['pageLink']>;
  docIndex: Map<string, number>;
  catIndex: Map<string, number>;
};

/** A citation as a link to its page when one can be made, else the citation alone. */
function citedLink(ctx: Ctx, document: string, page: number, text: string): string {
  const href = ctx.link(document, page);
  return href ? `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>` : escapeHtml(text);
}

function findingHtml(ctx: Ctx, f: Finding): string {
  const { w, h } = ctx;
  const { before, match, after } = excerptParts(f);
  const classes = ['finding', f.negated ? 'negated' : '', f.modality === 'optional' ? 'optional' : '', f.source === 'ocr' ? 'ocr' : ''].filter(Boolean).join(' ');
  const tags = [
    f.negated ? `<span class="tag neg">${escapeHtml(w.negatedTag)}</span>` : '',
    f.modality === 'optional' ? `<span class="tag opt">${escapeHtml(f.commitment === 'future' ? w.future : w.optional)}</span>` : '',
    f.mention ? `<span class="tag mention">${escapeHtml(w.mentionTag)}</span>` : '',
    f.source === 'ocr' ? `<span class="tag ocr" title="${escapeHtml(w.ocrNote)}">${w.ocr} ${Math.round(f.ocrConfidence ?? 0)} %</span>` : '',
    f.review ? `<span class="tag ${f.review.status === 'confirmed' ? 'rev' : 'fp'}"${f.review.comment ? ` title="${escapeHtml(f.review.comment)}"` : ''}>${escapeHtml(f.review.status === 'confirmed' ? w.confirmed : w.falsePositive)}</span>` : '',
  ].join('');
  const shot = ctx.options.snapshot?.(f);
  // A tap on the image shows it at full size (a checkbox read by CSS: no script), scrolling in its box.
  const image = shot ? `<label class="snapbox"><input type="checkbox" class="zoom" aria-label="${escapeHtml(h.zoom)}"><img class="snap" src="${escapeHtml(shot.src)}" width="${shot.width}" height="${shot.height}" alt="${escapeHtml(h.snapshot(f.pageLabel))}"></label>` : '';
  const cite = citedLink(ctx, f.document, f.page, citation(f, ctx.lang, ctx.nameOf(f.document)));
  const missing = shot ? undefined : ctx.options.snapshotMissing?.(f);
  return `<article class="${classes}"${f.id ? ` id="f-${escapeHtml(f.id)}"` : ''}><blockquote>${escapeHtml(before)}<mark>${escapeHtml(match)}</mark>${escapeHtml(after)}</blockquote>${image}${missing ? `<p class="meta noimg">${escapeHtml(missing)}</p>` : ''}<p class="cite">${cite}${f.id ? ` · <code class="fid">${escapeHtml(f.id)}</code>` : ''}${tags}</p></article>`;
}

/** The procurement's facts: a definition list, each value with its linked citations, then the recourse windows. */
function factsHtml(ctx: Ctx, report: Report): string {
  const header = factHeader(report.dossier, ctx.lang);
  if (!header) return '';
  const rows = header.lines.map((line) => {
    const values = line.values.map((v) => `<li>${escapeHtml(v.text)} <span class="cite">(${v.citations.map((c) => citedLink(ctx, c.document, c.page, `${ctx.nameOf(c.document)}, ${c.place}`)).join('; ')})</span></li>`);
    return `<dt>${escapeHtml(line.label)}${line.conflict ? ` <span class="tag neg">${escapeHtml(header.conflict)}</span>` : ''}</dt><dd><ul>${values.join('')}</ul></dd>`;
  });
  const recourse = header.recourse.length
    ? `<h3>${escapeHtml(header.recourseHeading)}</h3><ul>${header.recourse.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul><p class="meta">${escapeHtml(header.recourseNote)}</p>`
    : '';
  return `<section id="procurement"><h2>${escapeHtml(header.heading)}</h2><p class="meta">${escapeHtml(header.intro)}</p><dl>${rows.join('')}</dl>${recourse}</section>`;
}

function fusionHtml(ctx: Ctx, x: FusionItem): string {
  const { w } = ctx;
  const where = citation(x, ctx.lang, ctx.nameOf(x.document));
  const classes = ['fusion', `d-${ctx.docIndex.get(x.document)}`, ...x.categories.filter((c) => ctx.catIndex.has(c)).map((c) => `c-${ctx.catIndex.get(c)}`)].join(' ');
  return `<div class="${classes}"><strong>${x.categories.map((c) => escapeHtml(ctx.name(c))).join(' + ')}</strong><blockquote>${escapeHtml(x.excerpt.replace(/\s+/g, ' '))}</blockquote><p class="cite">${citedLink(ctx, x.document, x.page, where)}</p></div>`;
}

/** Bars as HTML: the labels are text at the page's size, readable on a phone. */
function chartHtml(ctx: Ctx, report: Report): string {
  const rows = Object.entries(report.summary.byCategory).filter(([, s]) => s.findings > 0);
  if (rows.length === 0) return '';
  const max = Math.max(...rows.map(([, s]) => s.findings));
  const bars = rows
    .map(([id, s]) => `<div class="bar-row"><span>${escapeHtml(ctx.name(id))}</span><span class="bar"><span style="width:${((s.findings / max) * 100).toFixed(1)}%"></span></span><span class="n">${s.findings}</span></div>`)
    .join('');
  return `<h3>${escapeHtml(ctx.h.chart)}</h3><div class="chart" role="list">${bars}</div>`;
}

function statusCell(ctx: Ctx, d: DocumentEntry): string {
  return `<span class="status-${d.status}">${escapeHtml(ctx.h.statusWords[d.status])}</span>`;
}

function matrixHtml(ctx: Ctx, report: Report, categories: string[]): string {
  const { h } = ctx;
  const counts = new Map<string, { positive: number; negated: number; pages: number[] }>();
  for (const f of report.findings) {
    const key = `${f.document}\u0000${f.category}`;
    const c = counts.get(key) ?? { positive: 0, negated: 0, pages: [] };
    if (f.negated) c.negated++;
    else {
      c.positive++;
      c.pages.push(f.page);
    }
    counts.set(key, c);
  }
  const labelOf = pageLabels(report);
  const head = `<tr><th>${escapeHtml(h.document)}</th>${categories.map((c) => `<th>${escapeHtml(ctx.name(c))}</th>`).join('')}</tr>`;
  const rows = report.documents.map((d, i) => {
    const label = `<th><a href="#doc-${i}">${escapeHtml(ctx.nameOf(d.path))}</a></th>`;
    if (d.status === 'error') return `<tr>${label}<td colspan="${Math.max(1, categories.length)}" class="error">${escapeHtml(`${h.statusWords.error} (${d.error?.code ?? ''})`)}</td></tr>`;
    const cells = categories.map((c) => {
      const n = counts.get(`${d.path}\u0000${c}`);
      if (!n) return '<td>—</td>';
      const text = `${n.positive}${n.negated ? ` (${n.negated} ${h.negatedShort})` : ''}`;
      const pages = n.pages.length ? `<small>${escapeHtml(`${ctx.w.page} ${pageList(n.pages, labelOf(d.path), ctx.lang)}`)}</small>` : '';
      return `<td><a href="#doc-${i}-c-${ctx.catIndex.get(c)}">${escapeHtml(text)}</a>${pages}</td>`;
    });
    return `<tr>${label}${cells.join('')}</tr>`;
  });
  const totals = categories.map((c) => {
    const s = report.summary.byCategory[c];
    return `<td>${s ? escapeHtml(`${s.findings}${s.negated ? ` (${s.negated} ${h.negatedShort})` : ''}`) : '—'}</td>`;
  });
  return `<h3>${escapeHtml(h.matrix)}</h3><p class="meta">${escapeHtml(h.matrixNote)}</p><div class="matrix-wrap"><table class="matrix"><thead>${head}</thead><tbody>${rows.join('')}</tbody><tfoot><tr><th>${escapeHtml(h.total)}</th>${totals.join('')}</tr></tfoot></table></div>`;
}

/** Radio buttons by category and by document; CSS hides what is not chosen. */
function filtersHtml(ctx: Ctx, report: Report, categories: string[]): { html: string; css: string } {
  const { w, h } = ctx;
  const radio = (group: string, id: string, label: string, checked = false) =>
    `<label><input type="radio" name="${group}" id="${id}"${checked ? ' checked' : ''}> ${label}</label>`;
  const cats = [radio('category', 'fc-all', escapeHtml(h.all), true), ...categories.map((c) => radio('category', `fc-${ctx.catIndex.get(c)}`, escapeHtml(ctx.name(c))))].join('');
  const docs = [radio('document', 'fd-all', escapeHtml(h.all), true), ...report.documents.map((d, i) => radio('document', `fd-${i}`, escapeHtml(ctx.nameOf(d.path))))].join('');
  const html =
    `<form class="filters" aria-label="filters"><fieldset><legend>${escapeHtml(h.category)}</legend>${cats}</fieldset>` +
    `<details><summary>${escapeHtml(h.document)} (${report.documents.length})</summary><fieldset class="doc-list"><legend class="meta">${escapeHtml(h.document)}</legend>${docs}</fieldset></details>` +
    `<fieldset><legend>${escapeHtml(w.filters)}</legend><label><input type="checkbox" id="show-negated" checked> ${escapeHtml(w.showNegated)}</label><label><input type="checkbox" id="show-optional" checked> ${escapeHtml(w.showOptional)}</label></fieldset></form>`;
  const css = [
    ...categories.map((c) => {
      const j = ctx.catIndex.get(c);
      return `body:has(#fc-${j}:checked) :is(#findings section.cat:not(.c-${j}),#findings section.doc:not(.has-c-${j}),#fusion .fusion:not(.c-${j})){display:none}`;
    }),
    ...report.documents.map((_, i) => `body:has(#fd-${i}:checked) :is(#findings section.doc:not(.d-${i}),#fusion .fusion:not(.d-${i})){display:none}`),
  ].join('\n');
  return { html, css };
}

/** The legal notes (docs/legal-notes.md): under each category found, its notes, conflicts first and marked. */
function legalHtml(ctx: Ctx, report: Report): string {
  const view = legalView(report, ctx.lang, ctx.nameOf);
  if (!view) return '';
  const e = escapeHtml;
  const css = '<style>#legal .conflict{border-left:4px solid var(--neg);background:#fbf1f2;padding:.2rem .5rem}#legal .sev{font-weight:bold;margin-right:.4rem}#legal .id{font-family:monospace;color:#666}</style>';
  const groups = view.groups.map((g) => {
    const items = g.notes.map(({ note, label, summary }) => {
      const reference = linkableSource(note.source) ? `<a href="${e(note.source)}" rel="noreferrer noopener">${e(note.reference)}</a>` : `${e(note.reference)} (${e(note.source)})`;
      return `<li class="${note.severity}"><span class="sev">${note.severity === 'conflict' ? '⚠ ' : ''}${e(label)}</span>${reference} — ${e(summary)} <span class="id">${e(note.id)}</span></li>`;
    });
    return `<h3>${e(ctx.name(g.category))}</h3><ul>${items.join('')}</ul>`;
  });
  return (
    `<section id="legal">${css}<h2>${e(view.title)}</h2><ul class="meta">${view.context.map((line) => `<li>${e(line)}</li>`).join('')}</ul>${groups.join('')}` +
    `${view.pending ? `<p class="alert unread">${e(view.pending)}</p>` : ''}<p class="meta">${e(view.disclaimer)}</p></section>`
  );
}

export function formatHtml(report: Report, options: FormatOptions): string {
  const lang = options.language;
  const w = WORDS[lang];
  const h = HTML_WORDS[lang];
  const docs = report.documents;
  const categories = Object.keys(report.summary.byCategory);
  const ctx: Ctx = {
    lang,
    w,
    h,
    name: (id) => options.categoryName(id, lang),
    nameOf: namerFor(report, options.documentName),
    options,
    link: options.pageLink ?? pageLinker({ cwd: '/' }),
    docIndex: new Map(docs.map((d, i) => [d.path, i])),
    catIndex: new Map(categories.map((c, j) => [c, j])),
  };
  const title = options.title ?? w.title;
  const filters = filtersHtml(ctx, report, categories);
  const parts: string[] = [];
  parts.push(`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`);
  // The marker lets a folder walk recognise the report and leave it out (sources/own-report.ts).
  parts.push(`<meta name="generator" content="tenderscan ${escapeHtml(report.tool.version)}">`);
  parts.push(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
  parts.push(`<title>${escapeHtml(title)}</title><style>${CSS}${filters.css}</style></head><body>`);
  parts.push(`<header><h1>${escapeHtml(title)}</h1><p class="meta">${escapeHtml(`${w.generated} ${formatDate(report.generatedAt, lang)} · tenderscan ${report.tool.version} · ${w.rulePacks} ${report.rulePacks.hash}`)}</p></header>`);

  // The dossier at a glance: what was read, what was not, and what crosses sources.
  const failed = docs.filter((d) => d.status === 'error');
  const unread = docs.map((d, i) => ({ d, i, pages: unreadPages(d) })).filter((u) => u.pages.length > 0);
  const unreadCount = unread.reduce((sum, u) => sum + u.pages.length, 0);
  const positive = report.findings.filter((f) => !f.negated).length;
  const stat = (n: number, label: string, bad = false) => `<li${bad ? ' class="bad"' : ''}><b>${n}</b>${escapeHtml(label)}</li>`;
  parts.push(`<section id="dossier"><h2>${escapeHtml(h.dossier)}</h2><ul class="stats">`);
  parts.push(stat(docs.length - failed.length, h.analysed(docs.length - failed.length)) + stat(failed.length, h.failed, failed.length > 0) + stat(unreadCount, h.pagesNotRead(unreadCount), unreadCount > 0) + stat(report.fusion.length, h.fusionItems(report.fusion.length), report.fusion.length > 0) + stat(positive, h.findingsCount(positive)));
  parts.push('</ul>');
  if (failed.length) {
    const items = failed.map((d) => `<li><a href="#doc-${ctx.docIndex.get(d.path)}">${escapeHtml(ctx.nameOf(d.path))}</a> — ${escapeHtml(`${d.error?.code ?? ''}: ${d.error?.message ?? ''}`)}</li>`);
    parts.push(`<div class="alert"><strong>${escapeHtml(h.failedDocs)}</strong><ul>${items.join('')}</ul></div>`);
  }
  if (unread.length) {
    const items = unread.map((u) => `<li><a href="#doc-${u.i}">${escapeHtml(ctx.nameOf(u.d.path))}</a> — ${escapeHtml(`${w.page} ${pageRanges(u.pages)}`)}</li>`);
    parts.push(`<div class="alert unread"><strong>${escapeHtml(h.unreadDocs)}</strong><ul>${items.join('')}</ul></div>`);
  }
  if (options.snapshotNotice) parts.push(`<p class="alert unread">${escapeHtml(options.snapshotNotice)}</p>`);
  parts.push('</section>');
  const facts = factsHtml(ctx, report);
  if (facts) parts.push(facts);
  const legal = legalHtml(ctx, report);
  if (legal) parts.push(legal);

  // Documents list (the table of contents).
  parts.push(`<nav id="contents" aria-label="${escapeHtml(h.contents)}"><h2>${escapeHtml(h.contents)}</h2><div class="scroll"><table class="docs"><thead><tr><th>${escapeHtml(h.document)}</th><th>${escapeHtml(w.status)}</th><th class="num">${escapeHtml(w.pageCount)}</th><th class="num">${escapeHtml(w.findings)}</th><th class="num">${escapeHtml(w.negated)}</th><th>${escapeHtml(h.notRead)}</th></tr></thead><tbody>`);
  const perDoc = new Map<string, { positive: number; negated: number }>();
  for (const f of report.findings) {
    const c = perDoc.get(f.document) ?? { positive: 0, negated: 0 };
    if (f.negated) c.negated++;
    else c.positive++;
    perDoc.set(f.document, c);
  }
  docs.forEach((d, i) => {
    const c = perDoc.get(d.path) ?? { positive: 0, negated: 0 };
    const notRead = unreadPages(d);
    parts.push(`<tr><td><a href="#doc-${i}">${escapeHtml(ctx.nameOf(d.path))}</a></td><td>${statusCell(ctx, d)}</td><td class="num">${d.pageCount}</td><td class="num">${c.positive}</td><td class="num">${c.negated}</td><td>${notRead.length ? escapeHtml(`${w.page} ${pageRanges(notRead)}`) : '—'}</td></tr>`);
  });
  parts.push('</tbody></table></div></nav>');

  if (report.fusion.length) {
    parts.push(`<section id="fusion"><h2>⚠ ${escapeHtml(w.fusion)}</h2><p>${escapeHtml(w.fusionIntro)}</p>`);
    for (const x of report.fusion) parts.push(fusionHtml(ctx, x));
    parts.push('</section>');
  }

  const review = reviewLine(report, lang);
  parts.push(`<section id="summary"><h2>${escapeHtml(w.summary)}</h2>${review ? `<p class="meta">${escapeHtml(review)}</p>` : ''}${chartHtml(ctx, report)}${categories.length ? matrixHtml(ctx, report, categories) : ''}</section>`);
  parts.push(filters.html);

  parts.push('<main id="findings">');
  // Shown once: the id each finding ends with is what `review --finding` takes.
  const mark = markCommand(report);
  if (mark) parts.push(`<p class="meta" id="mark-help">${escapeHtml(w.markHelp)} <code>${escapeHtml(mark)}</code></p>`);
  const byDocument = new Map<string, Finding[]>();
  for (const f of report.findings) byDocument.set(f.document, [...(byDocument.get(f.document) ?? []), f]);
  docs.forEach((d, i) => {
    const list = byDocument.get(d.path) ?? [];
    const byCategory = new Map<string, Finding[]>();
    for (const f of list) byCategory.set(f.category, [...(byCategory.get(f.category) ?? []), f]);
    const present = [...byCategory.keys()].sort();
    const classes = ['doc', `d-${i}`, ...present.map((c) => `has-c-${ctx.catIndex.get(c)}`)].join(' ');
    parts.push(`<section class="${classes}" id="doc-${i}"><h2>${escapeHtml(ctx.nameOf(d.path))} <small>${statusCell(ctx, d)}</small></h2>`);
    if (d.error) parts.push(`<p class="error">${escapeHtml(`${w.error}: ${d.error.code}: ${d.error.message}`)}</p>`);
    const note = unreadNote(d, lang);
    if (note) parts.push(`<p class="alert unread">⚠ ${escapeHtml(note)}</p>`);
    if (!d.error && list.length === 0) parts.push(`<p class="meta">${escapeHtml(w.noFindings)}</p>`);
    for (const category of present) {
      const j = ctx.catIndex.get(category);
      parts.push(`<section class="cat c-${j}" id="doc-${i}-c-${j}"><h3>${escapeHtml(ctx.name(category))}</h3>${byCategory.get(category)!.map((f) => findingHtml(ctx, f)).join('')}</section>`);
    }
    // Mentions by name after the findings, apart and never counted.
    const mentions = report.mentions?.filter((f) => f.document === d.path) ?? [];
    if (mentions.length) {
      const items = mentions.map((f) => `<li>${citedLink(ctx, f.document, f.page, citation(f, lang, ctx.nameOf(f.document)))} · ${escapeHtml(ctx.name(f.category))}<blockquote>${escapeHtml(f.excerpt)}</blockquote></li>`);
      parts.push(`<section class="mentions"><h3>${escapeHtml(w.mentions)}</h3><ul>${items.join('')}</ul></section>`);
    }
    parts.push('</section>');
  });
  parts.push('</main>');
  const missing = missingHtml(ctx, report, lang);
  if (missing) parts.push(missing);

  parts.push(`<section id="evidence"><h2>${escapeHtml(w.evidence)}</h2><p class="meta">${escapeHtml(`${w.tool}: tenderscan ${report.tool.version} · ${w.rulePacks}: ${report.rulePacks.hash} · ${w.runDate}: ${formatDate(report.generatedAt, lang)}${report.config !== undefined ? ` · ${w.config}: ${report.config}` : ''}`)}</p><div class="scroll"><table><thead><tr>`);
  parts.push([w.document, w.status, w.sha256, w.size, w.pageCount, w.titleMeta, w.author, w.producer, w.created, w.modified, w.withoutText].map((x) => `<th>${escapeHtml(x)}</th>`).join('') + '</tr></thead><tbody>');
  for (const d of docs) {
    const m = d.metadata ?? {};
    const status = d.error ? `<span class="error">${escapeHtml(`${d.status} (${d.error.code}: ${d.error.message})`)}</span>` : escapeHtml(d.status);
    const cells = [escapeHtml(ctx.nameOf(d.path)), status, `<code>${escapeHtml(d.sha256 ?? '—')}</code>`, escapeHtml(d.size === null ? '—' : `${d.size} ${w.bytes}`), escapeHtml(String(d.pageCount)), escapeHtml(m.title ?? '—'), escapeHtml(m.author ?? '—'), escapeHtml(m.producer ?? '—'), escapeHtml(m.creationDate ? formatDate(m.creationDate, lang) : '—'), escapeHtml(m.modificationDate ? formatDate(m.modificationDate, lang) : '—'), escapeHtml(d.pagesWithoutText.length ? pageRanges(d.pagesWithoutText) : '—')];
    parts.push(`<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`);
  }
  parts.push('</tbody></table></div></section></body></html>\n');
  return parts.join('\n');
}

/** "Not in this dossier": a section after the documents' findings; nothing when there is none. */
function missingHtml(ctx: Ctx, report: Report, lang: ReportLanguage): string {
  if (!report.missing?.length) return '';
  const w = MISSING_WORDS[lang];
  const { documents, withheld } = missingLines(report, lang, ctx.nameOf);
  const parts = [`<section id="missing"><h2>${escapeHtml(w.heading)}</h2><p class="meta">${escapeHtml(w.intro)}</p>`];
  for (const [heading, lines] of [[w.documents, documents], [w.withheld, withheld]] as const) {
    if (lines.length === 0) continue;
    const items = lines.map((line) => {
      const cites = line.citations.map((c) => `<li>${citedLink(ctx, c.document, c.page, c.place)}<blockquote>${escapeHtml(c.quote)}</blockquote></li>`).join('');
      const more = line.more ? `<li class="meta">${escapeHtml(line.more)}</li>` : '';
      const review = line.review ? ` <span class="tag">${escapeHtml(line.review)}</span>` : '';
      return `<li><strong>${escapeHtml(line.title)}</strong> — ${escapeHtml(line.what)}${review} <code>${escapeHtml(line.item.id)}</code><ul>${cites}${more}</ul></li>`;
    });
    parts.push(`<h3>${escapeHtml(heading)}</h3><ul>${items.join('')}</ul>`);
  }
  parts.push('</section>');
  return parts.join('');
}

/** tenderscan diff in this format. */
const DIFF_CSS = `body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;color:#1b1b1b}table{border-collapse:collapse}td,th{border:1px solid #d8d8d8;padding:.3rem .45rem;text-align:left}
.change{border-left:4px solid #777;margin:.7rem 0;padding:.1rem .8rem}.added{border-color:#1d7a1d;background:#f1faf1}.removed{border-color:#a40e26;background:#fbf1f2}.flipped{border-color:#8a2be2;background:#f6f0fd}.reworded{border-color:#8a5a00}.moved{border-color:#bbb}
blockquote{margin:.3rem 0}.meta{color:#5c5c5c;font-size:.9rem}.was{color:#5c5c5c}code{font-size:.85rem}@media print{.change{break-inside:avoid}}`;

/** A self-contained page, no script allowed (the same Content-Security-Policy as the report). */
export function formatDiffHtml(diff: ReportDiff, options: FormatOptions): string {
  const lang = options.language;
  const w = DIFF_WORDS[lang];
  const h = escapeHtml;
  const parts = [
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`,
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${h(w.title)}</title><style>${DIFF_CSS}</style></head><body>`,
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
  const missing = missingChanges(diff, lang);
  if (missing.length) parts.push(`<h2>${h(missingHeading(lang))}</h2><ul>`, ...missing.map((m) => `<li class="missing ${m.change}"><strong>${h(`${m.mark} ${m.label}`)}</strong> — ${h(flat(m.text))} <code>${h(m.item.id)}</code></li>`), '</ul>');
  parts.push(`<p><strong>${h(summaryLine(diff, lang))}</strong></p></body></html>\n`);
  return parts.join('\n');
}

export const format: ReportFormat = { meta: FORMAT_META.html, report: formatHtml, diff: formatDiffHtml };
