// Stable finding ids: what a review file and a dossier diff hold on to across runs.
//
// An id must survive a re-run, a re-published PDF where the same clause moved to another page,
// and a line broken elsewhere: it hashes what the finding says, never where it is.
import { createHash } from 'node:crypto';
import { foldChar } from '../text/fold.js';
import type { Finding } from '../types.js';

/**
 * The excerpt as its words only: case, accents and ligatures folded, every run of spaces,
 * hyphens and punctuation dropped. "Vidéo-\nprotection" and "vidéoprotection" are then one text,
 * and so are two layouts of one sentence.
 */
export function normaliseExcerpt(excerpt: string): string {
  // Every finding of a run is normalised: ASCII takes the short way, other characters are
  // folded once each (cached), keeping their letters and digits.
  return excerpt.toLowerCase().replace(/[^\x00-\x7f]/g, foldedLetters).replace(/[^a-z0-9\u0080-\uffff]+/g, '');
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const foldedCache = new Map<string, string>();
function foldedLetters(ch: string): string {
  let out = foldedCache.get(ch);
  if (out === undefined) {
    out = [...foldChar(ch)].filter((c) => LETTER_OR_DIGIT.test(c)).join('');
    foldedCache.set(ch, out);
  }
  return out;
}

/** The last part of a document's name, also inside archives ("dossier.zip!/CCTP/cctp.pdf" → "cctp.pdf"). */
export function documentBaseName(path: string): string {
  const parts = path.split(/!\/|[/\\]/);
  return parts[parts.length - 1] || path;
}

/** What two findings must share to be one finding of two runs (the occurrence index apart). */
function identityOf(f: Pick<Finding, 'document' | 'category' | 'rule' | 'excerpt'>): string {
  return [documentBaseName(f.document), f.category, f.rule, normaliseExcerpt(f.excerpt)].join('\0');
}

/** Document order: page, then offset (the occurrence index counts in this order). */
function inDocumentOrder(a: Finding, b: Finding): number {
  return a.page - b.page || a.start - b.start || (a.category < b.category ? -1 : a.category > b.category ? 1 : 0);
}

/**
 * The findings of one document, each with its id as first field: identical passages (same
 * category, rule and words) are told apart by their rank in the document, which a page shift
 * does not change. The findings keep their order.
 */
export function withFindingIds(findings: Finding[]): Finding[] {
  const rank = new Map<Finding, number>();
  const seen = new Map<string, number>();
  const identities = new Map<Finding, string>();
  for (const f of [...findings].sort(inDocumentOrder)) {
    const identity = identityOf(f);
    const n = seen.get(identity) ?? 0;
    seen.set(identity, n + 1);
    rank.set(f, n);
    identities.set(f, identity);
  }
  return findings.map((f) => {
    const id = createHash('sha256').update(`${identities.get(f)}\0${rank.get(f)}`).digest('hex').slice(0, 12);
    const { id: _old, ...rest } = f;
    return { id, ...rest };
  });
}

/** Reports written before ids existed: ids computed per document, as a scan would. */
export function ensureFindingIds(findings: Finding[]): Finding[] {
  if (findings.every((f) => typeof f.id === 'string')) return findings;
  const byDocument = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byDocument.get(f.document);
    if (list) list.push(f);
    else byDocument.set(f.document, [f]);
  }
  const ids = new Map<Finding, Finding>();
  for (const list of byDocument.values()) withFindingIds(list).forEach((f, i) => ids.set(list[i], f));
  return findings.map((f) => ids.get(f)!);
}
