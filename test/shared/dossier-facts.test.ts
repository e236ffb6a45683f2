// The procurement's facts on real documents (../shared/real-labelled/ and ../shared/corpus/):
// nothing absurd is read (every value checks, no paragraph taken for a name), the count stays
// in the range measured when the extraction was written, and a few facts checked by hand stay.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tenderscan } from '../helpers/cli.js';
import { cpvValid, siretValid } from '../../src/analyse/facts.js';
import type { CitedValue, DossierFacts } from '../../src/types.js';

let dossier: DossierFacts;

/** Every value of the block with the path of its field. */
function values(d: DossierFacts): [string, CitedValue][] {
  const out: [string, CitedValue][] = [];
  const walk = (path: string, o: unknown) => {
    if (Array.isArray(o)) for (const v of o as CitedValue[]) out.push([path, v]);
    else if (o && typeof o === 'object') for (const [k, v] of Object.entries(o)) walk(path ? `${path}.${k}` : k, v);
  };
  walk('', { buyer: d.buyer, tender: d.tender, awards: d.awards });
  return out;
}

beforeAll(() => {
  // Two runs, each within the helper's time limit; the 352-page book states no procurement.
  const runs = ['real-labelled', 'corpus'].map((set) => tenderscan(['scan', join(ROOT, '../shared', set), '--exclude', '*LONG-352*', '--format', 'json', '-q']));
  const [a, b] = runs.map((r) => JSON.parse(r.stdout).dossier as DossierFacts);
  // The two blocks side by side, as one scan of both folders gathers them.
  const join2 = (x: CitedValue[], y: CitedValue[]) => [...x, ...y];
  dossier = {
    buyer: { name: join2(a.buyer.name, b.buyer.name), identifier: join2(a.buyer.identifier, b.buyer.identifier) },
    tender: {
      title: join2(a.tender.title, b.tender.title),
      procurementMethod: join2(a.tender.procurementMethod, b.tender.procurementMethod),
      lots: join2(a.tender.lots, b.tender.lots),
      items: join2(a.tender.items, b.tender.items),
      value: join2(a.tender.value, b.tender.value),
      contractPeriod: join2(a.tender.contractPeriod, b.tender.contractPeriod),
      datePublished: join2(a.tender.datePublished, b.tender.datePublished),
      tenderPeriod: { endDate: join2(a.tender.tenderPeriod.endDate, b.tender.tenderPeriod.endDate) },
    },
    awards: { date: join2(a.awards.date, b.awards.date), datePublished: join2(a.awards.datePublished, b.awards.datePublished), suppliers: join2(a.awards.suppliers, b.awards.suppliers) },
    recourse: [],
    conflicts: [],
  };
}, 300_000);

describe('facts read from real documents', () => {
  it('are few and each one checks', () => {
    const all = values(dossier);
    // Measured when written: 31 values (51 citations) from 15 of the 68 documents analysed.
    expect(all.length).toBeGreaterThanOrEqual(20);
    expect(all.length).toBeLessThanOrEqual(80);
    for (const [field, v] of all) {
      expect(v.text.length, field).toBeLessThanOrEqual(160);
      expect(v.text, field).not.toMatch(/[\u0000-\u001f]/);
      expect(v.citations.length, field).toBeGreaterThan(0);
      if (field === 'tender.items') expect(cpvValid(String(v.value)), v.text).toBe(true);
      if (field === 'buyer.identifier') expect(siretValid(String(v.value)), v.text).toBe(true);
      if (field === 'tender.value') expect(Number(v.value)).toBeGreaterThan(0);
      if (/date|endDate/i.test(field)) expect(String(v.value)).toMatch(/^(199\d|20[0-3]\d)-\d{2}-\d{2}$/);
      if (['buyer.name', 'tender.title', 'awards.suppliers'].includes(field)) expect(v.text, field).toMatch(/\p{L}{3}/u);
    }
  });

  it('keeps the facts checked by hand on a BOAMP notice', () => {
    const from = (field: CitedValue[], name: string) => field.filter((v) => v.citations.some((c) => c.document.includes(name)));
    const notice = 'vieux-conde';
    expect(from(dossier.tender.lots, notice).map((l) => [l.value, l.text])).toEqual([
      ['2', 'transports sur circuits courts'],
      ['3', 'transports sur circuits longs'],
    ]);
    expect(from(dossier.tender.value, notice).map((v) => [v.value, v.tax])).toEqual([
      [45000, 'HT'],
      [55000, 'HT'],
      [60000, 'HT'],
    ]);
    expect(from(dossier.tender.tenderPeriod.endDate, notice).map((v) => v.value)).toEqual(['2020-09-10']);
  });
});
