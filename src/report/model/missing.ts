// "Not in this dossier": the documents the dossier refers to and does not contain, and the
// content withheld from those it does contain. Each document's clues (analyse/references.ts)
// are matched against what every document of the dossier is (file name, first-page title) and
// holds (an annex under a heading of its own), so that a present document is never listed.
import { createHash } from 'node:crypto';
import { identitiesFromName, refTitle } from '../../analyse/references.js';
import { documentBaseName } from '../../review/ids.js';
import { foldString } from '../../text/fold.js';
import type { DocumentEntry, DocumentRef, DossierClues, MissingCitation, MissingItem, MissingReason } from '../../types.js';

/** Citations kept per item: enough to find it, never the whole dossier. */
export const MAX_CITATIONS = 20;

/** The reason an item is listed for, strongest first: the RC's list, then a cue, then a plain reference. */
const STRENGTH: MissingReason[] = ['listed', 'not-communicated', 'on-request', 'sent-to-holder', 'referenced', 'blacked-out', 'redaction-mark'];

const refKey = (ref: DocumentRef) => `${ref.kind}:${ref.number ?? ''}`;
const titleKey = (title: string) => foldString(title).replace(/[^a-z0-9]+/g, ' ').trim();

export function missingId(parts: string[]): string {
  return createHash('sha256').update(['missing', ...parts].join('\0')).digest('hex').slice(0, 12);
}

function compareCitations(a: MissingCitation, b: MissingCitation): number {
  return (a.document < b.document ? -1 : a.document > b.document ? 1 : 0) || a.page - b.page || a.start - b.start;
}

/** Citations less the repeats (one place cited for two reasons), sorted first. */
function distinct(citations: MissingCitation[]): MissingCitation[] {
  return citations.filter((c, i) => i === 0 || compareCitations(c, citations[i - 1]) !== 0);
}

/** Whether a title without kind ("plan de récolement") names a document of the dossier: each of its long words in a file name or a title. */
function titlePresent(title: string, names: string[]): boolean {
  const words = titleKey(title).split(' ').filter((w) => w.length >= 4);
  if (words.length === 0) return true;
  return names.some((name) => words.every((w) => name.includes(w)));
}

/**
 * The items of "Not in this dossier", in a stable order: missing documents (by kind: the RC's
 * list order, then numbered parts, then titles), then withheld content by document.
 */
export function missingItems(documents: { entry: DocumentEntry; clues?: DossierClues }[]): MissingItem[] {
  const present = new Set<string>();
  const names: string[] = [];
  for (const { entry, clues } of documents) {
    // A document that failed is still in the dossier: its name says what it is.
    for (const ref of clues?.identities ?? identitiesFromName(entry.path)) present.add(refKey(ref));
    for (const ref of clues?.holds ?? []) present.add(refKey(ref));
    names.push(titleKey(documentBaseName(entry.path)) + (entry.metadata?.title ? ` ${titleKey(entry.metadata.title)}` : ''));
  }
  const isPresent = (ref: DocumentRef) => {
    if (present.has(refKey(ref))) return true;
    // "Plans" are there when a file says so (plan-masse.pdf, Plans des sites.pdf).
    return ref.kind === 'plans' && names.some((n) => /\bplans?\b/.test(n));
  };
  // A title is looked up once however often it is cited (every name against each of its words).
  const titles = new Map<string, boolean>();
  const titleIsPresent = (title: string) => {
    let present = titles.get(title);
    if (present === undefined) titles.set(title, (present = titlePresent(title, names)));
    return present;
  };
  const byKey = new Map<string, MissingItem>();
  for (const { clues } of documents) {
    for (const r of clues?.references ?? []) {
      if (r.ref ? isPresent(r.ref) : titleIsPresent(r.title)) continue;
      const key = r.ref ? refKey(r.ref) : `title:${titleKey(r.title)}`;
      const item = byKey.get(key);
      if (!item) {
        byKey.set(key, {
          id: missingId(['document', key]),
          type: 'document',
          title: r.ref ? refTitle(r.ref) : r.title,
          ...(r.ref ? { ref: r.ref } : {}),
          reason: r.reason,
          citations: [r.at],
        });
        continue;
      }
      if (STRENGTH.indexOf(r.reason) < STRENGTH.indexOf(item.reason)) item.reason = r.reason;
      item.citations.push(r.at);
    }
  }
  const kindOrder = ['rc', 'ae', 'ccap', 'cctp', 'ccp', 'bpu', 'dpgf', 'dqe', 'plans', 'annex', 'exhibit', 'attachment', 'appendix'];
  const rank = (item: MissingItem) => (item.ref ? kindOrder.indexOf(item.ref.kind) : kindOrder.length);
  const numberOrder = (item: MissingItem) => {
    const n = item.ref?.number ?? '';
    return /^\d+$/.test(n) ? n.padStart(4, '0') : `~${n}`;
  };
  // Each item's keys made once, not at every comparison.
  const keyed = [...byKey.values()].map((item) => ({ item, rank: rank(item), number: numberOrder(item), title: titleKey(item.title) }));
  keyed.sort((a, b) => a.rank - b.rank || (a.number < b.number ? -1 : a.number > b.number ? 1 : 0) || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
  const docs = keyed.map((k) => k.item);
  for (const item of docs) item.citations = distinct(item.citations.sort(compareCitations)).slice(0, MAX_CITATIONS);

  const withheld: MissingItem[] = [];
  for (const { entry, clues } of [...documents].sort((a, b) => (a.entry.path < b.entry.path ? -1 : a.entry.path > b.entry.path ? 1 : 0))) {
    for (const reason of ['blacked-out', 'redaction-mark'] as const) {
      const marks = (clues?.withheld ?? []).filter((w) => w.reason === reason).map((w) => w.at).sort(compareCitations);
      if (marks.length === 0) continue;
      withheld.push({
        id: missingId(['withheld', documentBaseName(entry.path), reason]),
        type: 'withheld',
        title: entry.path,
        reason,
        citations: marks.slice(0, MAX_CITATIONS),
        pages: [...new Set(marks.map((m) => m.page))].sort((a, b) => a - b),
      });
    }
  }
  return [...docs, ...withheld];
}
