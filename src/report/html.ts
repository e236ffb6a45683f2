// --format html: one self-contained page (no external CSS, fonts, scripts or images), readable
// on a phone and printable. Filters work without scripts (CSS :has), and a Content-Security-
// Policy forbids every script and network request: a hostile excerpt stays text.
import type { Finding, Report } from '../types.js';
import type { FormatOptions } from './index.js';
import { namerFor, type DocumentNamer } from './names.js';
import { citation, formatDate, unreadNote, WORDS } from './i18n.js';
import { excerptParts, pageRanges } from './text.js';
import { escapeHtml } from './escape.js';

/** A link to the page of a PDF next to the report; none for archive entries. */
function pageLink(path: string, page: number): string | null {
  if (path.includes('!/') || !/\.pdf$/i.test(path)) return null;
  // "./" first: a file named "javascript:…" must stay a relative path.
  const href = (path.startsWith('/') ? 'file://' : './') + encodeURI(path.replace(/^\.\//, '')).replace(/#/g, '%23');
  return `${href}#page=${page}`;
}

const CSS = `
:root{--fg:#1b1b1b;--muted:#5c5c5c;--line:#d8d8d8;--accent:#0b5cad;--neg:#a40e26;--opt:#8a5a00;--mark:#ffe58a}
*{box-sizing:border-box}body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);margin:0 auto;max-width:60rem;padding:1rem}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.3rem;border-bottom:2px solid var(--line);padding-bottom:.2rem;margin-top:2rem}h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
.meta{color:var(--muted);font-size:.9rem}.scroll{overflow-x:auto}table{border-collapse:collapse;font-size:.9rem;width:100%}th,td{border:1px solid var(--line);padding:.3rem .45rem;text-align:left;vertical-align:top}td.num{text-align:right}
.fusion{border-left:4px solid var(--neg);background:#fff4f4;padding:.6rem .8rem;margin:.6rem 0}
.finding{border-left:4px solid var(--accent);margin:.7rem 0;padding:.1rem .8rem}.finding.negated{border-color:var(--neg);background:#fbf1f2}.finding.optional{border-color:var(--opt);background:#fdf7ec}
blockquote{margin:.3rem 0;font-style:normal}mark{background:var(--mark);padding:0 .1rem}.cite{margin:.2rem 0 .5rem;font-size:.88rem;color:var(--muted)}
.tag{display:inline-block;border-radius:.3rem;padding:0 .35rem;font-size:.78rem;font-weight:600;margin-left:.3rem}.tag.neg{background:var(--neg);color:#fff}.tag.opt{background:var(--opt);color:#fff}.tag.ocr{background:#5b2d86;color:#fff}
.filters{position:sticky;top:0;background:#fff;border-bottom:1px solid var(--line);padding:.5rem 0;font-size:.9rem;z-index:1}.filters label{margin-right:1rem;white-space:nowrap}
svg text{font:12px system-ui,sans-serif;fill:var(--fg)}.error{color:var(--neg)}.unread{border-left:4px solid var(--opt);background:#fdf7ec;padding:.4rem .8rem;margin:.4rem 0}
body:has(#show-negated:not(:checked)) .finding.negated{display:none}
body:has(#show-optional:not(:checked)) .finding.optional{display:none}
@media (max-width:40rem){body{padding:.5rem;font-size:15px}}
@media print{.filters{display:none}a{color:inherit;text-decoration:none}.finding,.fusion,tr{break-inside:avoid}body{max-width:none}h2{break-after:avoid}}
`;

function barChart(report: Report, name: (id: string) => string): string {
  const rows = Object.entries(report.summary.byCategory).filter(([, s]) => s.findings > 0);
  if (rows.length === 0) return '';
  const max = Math.max(...rows.map(([, s]) => s.findings));
  const labelWidth = 230;
  const barWidth = 320;
  const height = rows.length * 24 + 8;
  const bars = rows
    .map(([id, s], i) => {
      const w = Math.max(2, Math.round((s.findings / max) * barWidth));
      const y = 4 + i * 24;
      return `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${escapeHtml(name(id))}</text><rect x="${labelWidth}" y="${y + 3}" width="${w}" height="16" fill="#0b5cad"><title>${escapeHtml(`${name(id)}: ${s.findings}`)}</title></rect><text x="${labelWidth + w + 6}" y="${y + 15}">${s.findings}</text>`;
    })
    .join('');
  return `<svg role="img" aria-label="findings by category" viewBox="0 0 ${labelWidth + barWidth + 60} ${height}" width="100%" style="max-width:${labelWidth + barWidth + 60}px">${bars}</svg>`;
}

function findingHtml(f: Finding, options: FormatOptions, nameOf: DocumentNamer): string {
  const w = WORDS[options.language];
  const { before, match, after } = excerptParts(f);
  const classes = ['finding', f.negated ? 'negated' : '', f.modality === 'optional' ? 'optional' : '', f.source === 'ocr' ? 'ocr' : ''].filter(Boolean).join(' ');
  const cite = escapeHtml(citation(f, options.language, nameOf(f.document)));
  const link = pageLink(f.document, f.page);
  const tags = [
    f.negated ? `<span class="tag neg">${escapeHtml(w.negatedTag)}</span>` : '',
    f.modality === 'optional' ? `<span class="tag opt">${escapeHtml(w.optional)}</span>` : '',
    f.source === 'ocr' ? `<span class="tag ocr" title="${escapeHtml(w.ocrNote)}">${w.ocr} ${Math.round(f.ocrConfidence ?? 0)} %</span>` : '',
  ].join('');
  return `<article class="${classes}" data-category="${escapeHtml(f.category)}"><blockquote>${escapeHtml(before)}<mark>${escapeHtml(match)}</mark>${escapeHtml(after)}</blockquote><p class="cite">${link ? `<a href="${escapeHtml(link)}">${cite}</a>` : cite}${tags}</p></article>`;
}

export function formatHtml(report: Report, options: FormatOptions): string {
  const lang = options.language;
  const w = WORDS[lang];
  const name = (id: string) => options.categoryName(id, lang);
  const docs = report.documents;
  const nameOf = namerFor(report, options.documentName);
  const okDocs = docs.filter((d) => d.status !== 'error');
  const parts: string[] = [];
  parts.push(`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`);
  parts.push(`<meta name="generator" content="tenderscan ${escapeHtml(report.tool.version)}">`);
  parts.push(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
  parts.push(`<title>${escapeHtml(w.title)}</title><style>${CSS}</style></head><body>`);
  parts.push(`<header><h1>${escapeHtml(w.title)}</h1><p class="meta">${escapeHtml(`${w.generated} ${formatDate(report.generatedAt, lang)} · tenderscan ${report.tool.version} · ${w.rulePacks} ${report.rulePacks.hash}`)}</p></header>`);

  if (report.fusion.length) {
    parts.push(`<section id="fusion"><h2>⚠ ${escapeHtml(w.fusion)}</h2><p>${escapeHtml(w.fusionIntro)}</p>`);
    for (const x of report.fusion) {
      const where = citation(x, options.language, nameOf(x.document));
      parts.push(`<div class="fusion"><strong>${x.categories.map((c) => escapeHtml(name(c))).join(' + ')}</strong><blockquote>${escapeHtml(x.excerpt.replace(/\s+/g, ' '))}</blockquote><p class="cite">${escapeHtml(where)}</p></div>`);
    }
    parts.push('</section>');
  }

  parts.push(`<section id="summary"><h2>${escapeHtml(w.summary)}</h2>`);
  for (const d of docs) {
    const note = unreadNote(d, lang);
    if (note) parts.push(`<p class="unread">⚠ <strong>${escapeHtml(nameOf(d.path))}</strong>: ${escapeHtml(note)}</p>`);
  }
  parts.push(barChart(report, name));
  parts.push(`<div class="scroll"><table class="matrix"><thead><tr><th>${escapeHtml(w.category)}</th><th>${escapeHtml(w.findings)}</th><th>${escapeHtml(w.negated)}</th>${okDocs.map((d) => `<th>${escapeHtml(nameOf(d.path))}</th>`).join('')}</tr></thead><tbody>`);
  for (const [category, s] of Object.entries(report.summary.byCategory)) {
    const cells = okDocs.map((d) => {
      const pages = report.findings.filter((f) => f.document === d.path && f.category === category && !f.negated).map((f) => f.page);
      return `<td>${pages.length ? `${pages.length} <span class="meta">(${w.page} ${pageRanges(pages)})</span>` : '—'}</td>`;
    });
    parts.push(`<tr><th><a href="#cat-${escapeHtml(category)}">${escapeHtml(name(category))}</a></th><td class="num">${s.findings}</td><td class="num">${s.negated}</td>${cells.join('')}</tr>`);
  }
  parts.push('</tbody></table></div></section>');

  parts.push(`<form class="filters" aria-label="filters"><strong>${escapeHtml(w.filters)} :</strong> <label><input type="checkbox" id="show-negated" checked> ${escapeHtml(w.showNegated)}</label><label><input type="checkbox" id="show-optional" checked> ${escapeHtml(w.showOptional)}</label></form>`);
  parts.push('<section id="findings">');
  const byCategory = new Map<string, Finding[]>();
  for (const f of report.findings) byCategory.set(f.category, [...(byCategory.get(f.category) ?? []), f]);
  for (const [category, list] of [...byCategory].sort(([a], [b]) => (a < b ? -1 : 1))) {
    parts.push(`<h2 id="cat-${escapeHtml(category)}">${escapeHtml(name(category))}</h2>`);
    parts.push(list.map((f) => findingHtml(f, options, nameOf)).join(''));
  }
  if (byCategory.size === 0) parts.push(`<p>${escapeHtml(w.noFindings)}</p>`);
  parts.push('</section>');

  parts.push(`<section id="evidence"><h2>${escapeHtml(w.evidence)}</h2><p class="meta">${escapeHtml(`${w.tool}: tenderscan ${report.tool.version} · ${w.rulePacks}: ${report.rulePacks.hash} · ${w.runDate}: ${formatDate(report.generatedAt, lang)}`)}</p><div class="scroll"><table><thead><tr>`);
  parts.push([w.document, w.status, w.sha256, w.size, w.pageCount, w.titleMeta, w.author, w.producer, w.created, w.modified, w.withoutText].map((h) => `<th>${escapeHtml(h)}</th>`).join('') + '</tr></thead><tbody>');
  for (const d of docs) {
    const m = d.metadata ?? {};
    const status = d.error ? `<span class="error">${escapeHtml(`${d.status} (${d.error.code}: ${d.error.message})`)}</span>` : escapeHtml(d.status);
    const cells = [escapeHtml(d.path), status, `<code>${escapeHtml(d.sha256 ?? '—')}</code>`, escapeHtml(d.size === null ? '—' : `${d.size} ${w.bytes}`), escapeHtml(String(d.pageCount)), escapeHtml(m.title ?? '—'), escapeHtml(m.author ?? '—'), escapeHtml(m.producer ?? '—'), escapeHtml(m.creationDate ? formatDate(m.creationDate, lang) : '—'), escapeHtml(m.modificationDate ? formatDate(m.modificationDate, lang) : '—'), escapeHtml(d.pagesWithoutText.length ? pageRanges(d.pagesWithoutText) : '—')];
    parts.push(`<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`);
  }
  parts.push('</tbody></table></div></section></body></html>\n');
  return parts.join('\n');
}
