// Legal packs: one YAML file per jurisdiction, checked like the rule packs (unknown keys are
// errors) and every problem located: file, line, entry id, field and what was expected.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { UsageError } from '../errors.js';
import { BUILTIN_CATEGORY_IDS } from '../rules/categories.js';
import { loadYaml, loadZod, type Zod } from '../rules/lazy.js';
import type { BuyerKind, LegalSeverity } from '../types.js';

/** Where the built-in legal packs live (the same folder from src/ and from dist/). */
export const LEGAL_PACK_DIR = fileURLToPath(new URL('../../src/legal/packs/', import.meta.url));

export const BUYER_KINDS: readonly BuyerKind[] = ['commune', 'epci', 'departement', 'region', 'state', 'police', 'private'];
export const SEVERITIES: readonly LegalSeverity[] = ['conflict', 'check', 'note'];
export const JURISDICTIONS = ['fr', 'eu', 'us'] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];

/** One entry of a legal pack, as checked. */
export interface LegalEntry {
  id: string;
  jurisdiction: Jurisdiction;
  /** Shown under each of these categories when one is found (positive, not excluded)… */
  categories: string[];
  /** …and every one of these is found too. */
  with?: string[];
  /** Applies only to these buyer kinds (all when absent). */
  buyers?: BuyerKind[];
  /** Applies only to dossiers dated on or after `from`, on or before `until` (YYYY-MM-DD). */
  from?: string;
  until?: string;
  severity: LegalSeverity;
  reference: string;
  summary: { fr: string; en: string };
  source: string;
}

/** The built-in packs, checked: what a run needs, as plain data. */
export interface LegalPacks {
  /** sha256 (12 hex digits) of the packs' names and bytes. */
  version: string;
  /** The latest `date` of the packs: when their entries were last checked against their sources. */
  date: string;
  entries: LegalEntry[];
}

/** A legal pack problem: `file:line: entry <id>: field <f>: what was expected`. */
export class LegalPackError extends UsageError {
  constructor(file: string, line: number | undefined, where: { entry?: string; field?: string }, expected: string) {
    const parts = [line ? `${file}:${line}` : file];
    if (where.entry) parts.push(`entry ${where.entry}`);
    if (where.field) parts.push(`field ${where.field}`);
    super(`${parts.join(': ')}: ${expected}`);
    this.name = 'LegalPackError';
  }
}

const ISO_DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function packSchema(z: Zod) {
  const day = z.string().regex(ISO_DAY, 'a date as YYYY-MM-DD');
  const oneLine = z.string().min(1).max(400).regex(/^[^\n\r]+$/, 'one line of text');
  const entry = z
    .object({
      id: z.string().regex(/^[a-z]{2}\.[a-z0-9-]+(\.[a-z0-9-]+)*$/, 'an id like "fr.drones.municipal-police" (jurisdiction first)'),
      categories: z.array(z.enum(BUILTIN_CATEGORY_IDS as [string, ...string[]])).min(1),
      with: z.array(z.enum(BUILTIN_CATEGORY_IDS as [string, ...string[]])).min(1).optional(),
      buyers: z.array(z.enum(BUYER_KINDS as [BuyerKind, ...BuyerKind[]])).min(1).optional(),
      from: day.optional(),
      until: day.optional(),
      severity: z.enum(SEVERITIES as [LegalSeverity, ...LegalSeverity[]]),
      reference: oneLine,
      summary: z.object({ fr: oneLine, en: oneLine }).strict(),
      source: z.string().regex(/^https:\/\/[^\s<>"]+$/, 'a public https:// URL'),
    })
    .strict();
  return z.object({ jurisdiction: z.enum(JURISDICTIONS), date: day, entries: z.array(entry).min(1) }).strict();
}

function issueText(issue: z.core.$ZodIssue): string {
  return issue.message;
}

/** Checks one pack's text; `file` names it in errors. */
export function checkLegalPack(file: string, text: string): { jurisdiction: Jurisdiction; date: string; entries: LegalEntry[] } {
  const yaml = loadYaml();
  const lines = new yaml.LineCounter();
  const doc = yaml.parseDocument(text, { lineCounter: lines });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new LegalPackError(file, e.linePos?.[0].line, {}, `not valid YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`);
  }
  const data = doc.toJS() as unknown;
  const lineOf = (path: readonly PropertyKey[]): number | undefined => {
    // The node at the path, or its nearest parent that exists (a missing field: its entry).
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n) as (string | number)[], true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && node.range) return lines.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const entryId = (path: readonly PropertyKey[]) => {
    if (path[0] !== 'entries' || typeof path[1] !== 'number') return undefined;
    const id = (data as { entries?: { id?: unknown }[] }).entries?.[path[1]]?.id;
    return typeof id === 'string' ? id : `#${path[1] + 1}`;
  };
  const parsed = packSchema(loadZod()).safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // An unknown key: point at the key itself.
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
    const field = path.slice(path[0] === 'entries' ? 2 : 0).join('.') || undefined;
    throw new LegalPackError(file, lineOf(path), { entry: entryId(path), field }, issueText(issue));
  }
  const pack = parsed.data;
  const seen = new Set<string>();
  pack.entries.forEach((e, i) => {
    const at = (field: string) => lineOf(['entries', i, field]);
    if (!e.id.startsWith(`${pack.jurisdiction}.`)) throw new LegalPackError(file, at('id'), { entry: e.id, field: 'id' }, `expected an id starting with "${pack.jurisdiction}." (the pack's jurisdiction)`);
    if (seen.has(e.id)) throw new LegalPackError(file, at('id'), { entry: e.id, field: 'id' }, 'expected a unique id (it is used twice)');
    seen.add(e.id);
    if (e.from && e.until && e.from > e.until) throw new LegalPackError(file, at('until'), { entry: e.id, field: 'until' }, `expected a date on or after from (${e.from})`);
  });
  return { jurisdiction: pack.jurisdiction, date: pack.date, entries: pack.entries.map((e) => ({ ...e, jurisdiction: pack.jurisdiction })) };
}

/** Reads and checks every pack of a folder (`*.yaml`, by name): the built-in ones by default. */
export function checkLegalPacks(dir = LEGAL_PACK_DIR): LegalPacks {
  const hash = createHash('sha256');
  const entries: LegalEntry[] = [];
  let date = '';
  const seen = new Set<string>();
  for (const name of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort()) {
    const text = readFileSync(join(dir, name), 'utf8');
    hash.update(basename(name)).update('\0').update(text);
    const pack = checkLegalPack(name, text);
    if (seen.has(pack.jurisdiction)) throw new LegalPackError(name, 1, { field: 'jurisdiction' }, `expected one pack per jurisdiction ("${pack.jurisdiction}" has another)`);
    seen.add(pack.jurisdiction);
    if (pack.date > date) date = pack.date;
    entries.push(...pack.entries);
  }
  return { version: hash.digest('hex').slice(0, 12), date, entries };
}
