// A document's basis: what its analysis decides whatever the rules (running lines, headings,
// language, issuer, facts, legal context, dossier clues). The basis cache keeps it beside the
// document's text, so that a scan with other rules runs only the rule matching. Read back from
// a cache folder anyone may have written, it is checked against the pages it is for (shapes,
// sizes, line indices, spans within their pages): anything that does not fit is a miss. A
// forged entry that fits is served as it is; the cache folder is the user's own.
import type { DocumentLegalContext, DossierClues, Fact, Page } from '../types.js';
import type { PlanBasis } from './document.js';

export interface DocumentBasis {
  plan: PlanBasis;
  facts: Fact[];
  legalContext?: DocumentLegalContext;
  dossier: DossierClues;
}

/** No page has more findings of structure than this many: a stored list longer is not ours. */
const MAX_ITEMS = 1_000_000;
/** Nor a string longer (a running line, a quote, a heading are short; a page is not stored). */
const MAX_STRING = 100_000;

type Check = (value: unknown) => boolean;

const isString: Check = (v) => typeof v === 'string' && v.length <= MAX_STRING;
const isIndex: Check = (v) => Number.isSafeInteger(v) && (v as number) >= 0;
const isNumber: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const isBoolean: Check = (v) => typeof v === 'boolean';
const nullable = (check: Check): Check => (v) => v === null || check(v);
const oneOf = (...values: string[]): Check => (v) => typeof v === 'string' && values.includes(v);
const either = (...checks: Check[]): Check => (v) => checks.some((c) => c(v));
const listOf = (check: Check): Check => (v) => Array.isArray(v) && v.length <= MAX_ITEMS && v.every(check);

/** A plain object with the `required` keys, perhaps the `optional` ones, and no other. */
function record(required: Record<string, Check>, optional: Record<string, Check> = {}): Check {
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
    const object = v as Record<string, unknown>;
    for (const key of Object.keys(object)) {
      const check = Object.hasOwn(required, key) ? required[key] : Object.hasOwn(optional, key) ? optional[key] : undefined;
      if (!check || !check(object[key])) return false;
    }
    return Object.keys(required).every((key) => Object.hasOwn(object, key));
  };
}

const heading = record({ start: isIndex, text: isString, number: nullable(isString) });
const issuer = record({ names: listOf(isString), heads: listOf(isString) });
const language = oneOf('fr', 'en');

const fact = record(
  {
    field: oneOf('buyer', 'buyerId', 'title', 'procedure', 'lot', 'cpv', 'amount', 'duration', 'published', 'deadline', 'awardDate', 'awardNotice', 'awardee'),
    text: isString,
    page: isIndex,
    pageLabel: isString,
    start: isIndex,
    end: isIndex,
  },
  { value: either(isString, isNumber), details: isString, currency: isString, tax: oneOf('HT', 'TTC'), lot: isString },
);

const buyerKind = oneOf('commune', 'epci', 'departement', 'region', 'state', 'police', 'private');
const legalContext = record(
  {},
  {
    buyer: record({ kind: buyerKind, page: isIndex, matched: isString }),
    date: record({ value: isString, page: isIndex, matched: isString }),
  },
);

const location = record(
  { kind: oneOf('paragraph', 'table-row', 'text-box', 'header', 'footer', 'footnote', 'endnote', 'comment', 'deleted-text', 'sheet-row') },
  { paragraph: isIndex, table: isIndex, row: isIndex, note: isIndex, author: isString, sheet: isString, hidden: isBoolean, column: isString, heading: nullable(isString) },
);
const documentRef = record({ kind: isString, number: nullable(isString) });
const citation = record({ document: isString, page: isIndex, pageLabel: isString, quote: isString, start: isIndex, end: isIndex }, { location });
const dossier = record({
  identities: listOf(documentRef),
  holds: listOf(documentRef),
  references: listOf(
    record({ ref: nullable(documentRef), title: isString, reason: oneOf('listed', 'referenced', 'on-request', 'not-communicated', 'sent-to-holder', 'redaction-mark', 'blacked-out'), at: citation }),
  ),
  withheld: listOf(record({ reason: oneOf('redaction-mark', 'blacked-out'), at: citation })),
});

const plan = record({
  runningByPage: listOf(listOf(isIndex)),
  runningFirstByPage: listOf(listOf(isIndex)),
  runningTexts: listOf(isString),
  headings: listOf(listOf(heading)),
  language: nullable(language),
  issuer,
  hyphenWords: nullable(listOf(isString)),
});

const basis = record({ plan, facts: listOf(fact), dossier }, { legalContext });

/**
 * Whether a plan's page-by-page decisions fit these pages: one list per page, line indices on
 * the page, none twice (so no list is longer than its page has lines, and checking it is linear),
 * first occurrences among the page's running lines, headings within the page's text.
 */
function fitsPages(stored: PlanBasis, pages: readonly Page[]): boolean {
  const { runningByPage, runningFirstByPage, headings } = stored;
  if (runningByPage.length !== pages.length || runningFirstByPage.length !== pages.length || headings.length !== pages.length) return false;
  return pages.every((page, i) => {
    const lines = page.lines.length;
    const running = new Set(runningByPage[i]);
    const first = new Set(runningFirstByPage[i]);
    if (running.size !== runningByPage[i].length || first.size !== runningFirstByPage[i].length) return false;
    if (headings[i].length > lines || headings[i].some((h) => h.start >= Math.max(page.text.length, 1))) return false;
    return runningByPage[i].every((k) => k < lines) && runningFirstByPage[i].every((k) => running.has(k));
  });
}

/** Whether a span cited on page `page` (1-based) lies within that page's text. */
const onPage = (pages: readonly Page[], at: { page: number; start: number; end: number }) => at.page >= 1 && at.page <= pages.length && at.start <= at.end && at.end <= pages[at.page - 1].text.length;

/**
 * `value`, read back from the cache, as the basis of a document of these pages cited as `path`;
 * undefined when it is not one (another shape, indices off its pages, another document's clues).
 */
export function readDocumentBasis(value: unknown, pages: readonly Page[], path: string): DocumentBasis | undefined {
  if (!basis(value)) return undefined;
  const stored = value as DocumentBasis;
  if (!fitsPages(stored.plan, pages)) return undefined;
  const quoted = [...stored.dossier.references.map((r) => r.at), ...stored.dossier.withheld.map((w) => w.at)];
  if (quoted.some((at) => at.document !== path || !onPage(pages, at))) return undefined;
  if (stored.facts.some((f) => !onPage(pages, f))) return undefined;
  return stored;
}
