// --format json: the documented contract (schemaVersion 2).
//
// formatJson is JSON.stringify(report, null, 2) with a citation on each finding. The CLI
// takes the faster path of formatJsonBytes: each document's findings are rendered and
// encoded by its pool worker (renderJsonItems), or when the document arrives (prepareJson),
// and the report is put together from those bytes, byte for byte the same.
import type { CitedValue, Finding, FusionItem, RenderedJson, Report } from '../../types.js';
import { citation } from '../i18n.js';
import { withoutFacts } from '../model/facts.js';
import { namerFor, type DocumentNamer } from '../names.js';
import { FORMAT_META, type FormatOptions, type ReportFormat } from './meta.js';
import type { ReportDiff } from '../../types.js';

/** A finding as the report shows it: `explain` only with --explain, a citation added. */
function jsonFinding(finding: Finding, explain: boolean, nameOf: DocumentNamer): Finding & { citation: string } {
  // A copy without `explain`, then the citation (and `explain` again): the same keys in the
  // same order as a rest/spread, at about half the cost.
  const out: Partial<Finding> & { citation?: string } = Object.assign({}, finding);
  delete out.explain;
  out.citation = citation(finding, 'en', nameOf(finding.document));
  if (explain && finding.explain) out.explain = finding.explain;
  return out as Finding & { citation: string };
}

/** A crossing as the report shows it: its `explain` (verb, source words, passages) only with --explain. */
export function jsonFusion(item: FusionItem, explain: boolean): FusionItem {
  if (explain || !item.explain) return item;
  const { explain: _details, ...rest } = item;
  return rest;
}

/** The report as --format json writes it (and as it is read back): citations added, `explain` only with --explain. */
export function jsonReport(report: Report, options: Pick<FormatOptions, 'explain' | 'documentName'>): Report {
  const nameOf = namerFor(report, options.documentName);
  const shown: Report = { ...report, documents: shownDocuments(report), findings: report.findings.map((f) => jsonFinding(f, options.explain, nameOf)), fusion: shownFusion(report, options.explain) };
  // Mentions by name have the findings' shape, citation included (the key is absent without them).
  if (report.mentions) shown.mentions = shownMentions(report, options.explain, nameOf);
  if (report.dossier) shown.dossier = shownDossier(report, nameOf);
  return shown;
}

/** Documents without their facts: JSON shows them once, gathered in `dossier`. */
function shownDocuments(report: Report): Report['documents'] {
  return report.dossier ? report.documents.map(withoutFacts) : report.documents;
}

/** The dossier's facts with a citation on each place a value is written, as findings have one. */
function shownDossier(report: Report, nameOf: DocumentNamer): Report['dossier'] {
  if (!report.dossier) return undefined;
  const cite = (values: CitedValue[]): CitedValue[] =>
    values.map((v) => ({ ...v, citations: v.citations.map((c) => ({ ...c, citation: citation({ page: c.page, pageLabel: c.pageLabel, sectionNumber: null }, 'en', nameOf(c.document)) })) }));
  const d = report.dossier;
  return {
    ...d,
    buyer: { name: cite(d.buyer.name), identifier: cite(d.buyer.identifier) },
    tender: {
      title: cite(d.tender.title),
      procurementMethod: cite(d.tender.procurementMethod),
      lots: cite(d.tender.lots),
      items: cite(d.tender.items),
      value: cite(d.tender.value),
      contractPeriod: cite(d.tender.contractPeriod),
      datePublished: cite(d.tender.datePublished),
      tenderPeriod: { endDate: cite(d.tender.tenderPeriod.endDate) },
    },
    awards: { date: cite(d.awards.date), datePublished: cite(d.awards.datePublished), suppliers: cite(d.awards.suppliers) },
  };
}

/** Crossings and mentions as both JSON writers show them (`explain` only with --explain). */
function shownFusion(report: Report, explain: boolean): FusionItem[] {
  return report.fusion.map((x) => jsonFusion(x, explain));
}

function shownMentions(report: Report, explain: boolean, nameOf: DocumentNamer): Finding[] {
  return (report.mentions ?? []).map((f) => jsonFinding(f, explain, nameOf));
}

export function formatJson(report: Report, options: FormatOptions): string {
  return JSON.stringify(jsonReport(report, options), null, 2) + '\n';
}

/** Findings rendered ahead, as UTF-8 bytes at their depth in the report. */
interface Piece {
  findings: Finding[];
  /** The namer its citations were made with. */
  nameOf: DocumentNamer;
  bytes: Buffer[];
}

/** Pieces by their first finding, one map per value of --explain. */
const prepared = { plain: new WeakMap<Finding, Piece>(), explained: new WeakMap<Finding, Piece>() };

/**
 * Findings rendered a few hundred at a time: the copies and the text of a document with
 * thousands of findings would otherwise all be alive at once, while its worker still is.
 */
const RENDER_BATCH = 256;

/**
 * Items of an array at the report's second level (the documents, the findings): indented at
 * that depth, comma-separated, RENDER_BATCH at a time, so that no text of the whole array is built.
 */
function* itemBatches<T>(items: readonly T[], shown: (item: T) => unknown = (item) => item): Generator<string> {
  for (let at = 0; at < items.length; at += RENDER_BATCH) {
    const text = JSON.stringify([items.slice(at, at + RENDER_BATCH).map(shown)], null, 2);
    yield (at > 0 ? ',\n' : '') + text.slice('[\n  [\n'.length, text.length - '\n  ]\n]'.length);
  }
}

/** Findings as items of the report's findings array: indented at its depth, comma-separated. */
function renderItems(findings: Finding[], explain: boolean, nameOf: DocumentNamer): Buffer[] {
  return [...itemBatches(findings, (f) => jsonFinding(f, explain, nameOf))].map((text) => Buffer.from(text));
}

/**
 * One document's findings (in report order) as formatJsonBytes writes them, its citations
 * naming it `name`: what a pool worker renders for the main thread (DocumentResult.json).
 */
export function renderJsonItems(findings: Finding[], explain: boolean, name: string): Buffer[] {
  return renderItems(findings, explain, () => name);
}

/**
 * Renders one document's findings (in report order) ahead of formatJsonBytes. Only with the
 * run's namer: without it the names depend on documents still to come. `rendered`: the items a
 * worker rendered of `of`, taken as they are when they are these very findings, cited by the
 * same name, with --explain alike.
 */
export function prepareJson(findings: Finding[], options: Pick<FormatOptions, 'explain' | 'documentName'>, rendered?: RenderedJson & { of: readonly Finding[] }): boolean {
  if (findings.length === 0 || !options.documentName) return false;
  const cache = options.explain ? prepared.explained : prepared.plain;
  const taken =
    rendered !== undefined &&
    rendered.explain === options.explain &&
    rendered.name === options.documentName(findings[0].document) &&
    rendered.of.length === findings.length &&
    rendered.of.every((f, k) => f === findings[k]);
  const bytes = taken ? rendered.bytes.map((b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength)) : renderItems(findings, options.explain, options.documentName);
  cache.set(findings[0], { findings, nameOf: options.documentName, bytes });
  return taken;
}

/** The piece prepared for the findings starting at `at`, when they are all there in the same order. */
function pieceAt(cache: WeakMap<Finding, Piece>, findings: Finding[], at: number, nameOf: DocumentNamer): Piece | undefined {
  const piece = cache.get(findings[at]);
  if (!piece || piece.nameOf !== nameOf || at + piece.findings.length > findings.length) return undefined;
  return piece.findings.every((f, k) => findings[at + k] === f) ? piece : undefined;
}

/**
 * formatJson's output in pieces, in order: each top-level field, and the documents and the
 * findings item by item (the findings from the pieces prepared as documents arrived; what was
 * not prepared is rendered here). Written one after the other, they are formatJson's bytes.
 */
export function* jsonPieces(report: Report, options: FormatOptions): Generator<string | Buffer> {
  const cache = options.explain ? prepared.explained : prepared.plain;
  const nameOf = namerFor(report, options.documentName);
  let separator = '{\n';
  for (const [key, value] of Object.entries(report)) {
    if (value === undefined) continue;
    if (key === 'findings' && report.findings.length > 0) {
      yield `${separator}  "findings": [\n`;
      const all = report.findings;
      for (let at = 0; at < all.length; ) {
        if (at > 0) yield ',\n';
        const piece = pieceAt(cache, all, at, nameOf);
        if (piece) {
          yield* piece.bytes;
          at += piece.findings.length;
          continue;
        }
        // Not prepared (the last document is not: it arrives when nothing is left to wait for).
        let end = at + 1;
        while (end < all.length && !pieceAt(cache, all, end, nameOf)) end++;
        yield* itemBatches(all.slice(at, end), (f) => jsonFinding(f, options.explain, nameOf));
        at = end;
      }
      yield '\n  ]';
    } else if (key === 'documents' && report.documents.length > 0) {
      yield `${separator}  "documents": [\n`;
      yield* itemBatches(shownDocuments(report));
      yield '\n  ]';
    } else {
      const shown = key === 'documents' ? shownDocuments(report) : key === 'fusion' ? shownFusion(report, options.explain) : key === 'mentions' ? shownMentions(report, options.explain, nameOf) : key === 'dossier' ? shownDossier(report, nameOf) : value;
      const field = JSON.stringify({ [key]: shown }, null, 2);
      yield separator + field.slice(2, field.length - 2);
    }
    separator = ',\n';
  }
  yield '\n}\n';
}

/** formatJson's output as UTF-8, built from the prepared pieces (what was not prepared is rendered here). */
export function formatJsonBytes(report: Report, options: FormatOptions): Buffer {
  return Buffer.concat([...jsonPieces(report, options)].map((piece) => (typeof piece === 'string' ? Buffer.from(piece) : piece)));
}

formatJson.prepare = prepareJson;
formatJson.bytes = formatJsonBytes;
formatJson.pieces = jsonPieces;

/** tenderscan diff in this format. */
export function formatDiffJson(diff: ReportDiff): string {
  return JSON.stringify(diff, null, 2) + '\n';
}

export const format: ReportFormat = { meta: FORMAT_META.json, report: formatJson, diff: formatDiffJson };
