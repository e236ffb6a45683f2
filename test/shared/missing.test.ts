// "Not in this dossier" on real documents (../shared/real-labelled/ and ../shared/corpus/): no
// document present is listed as missing, nothing absurd is listed (annexes of laws, blacked-out
// diagrams), and the number of items stays about what was measured when the feature came.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { analyseFile } from '../../src/engine/document.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { missingItems } from '../../src/report/model/missing.js';
import type { DocumentResult } from '../../src/types.js';

const SETS = { real: join(ROOT, '../shared/real-labelled'), corpus: join(ROOT, '../shared/corpus') };
const rules = loadRuleSet();
const results: Record<string, DocumentResult[]> = {};

beforeAll(async () => {
  for (const [set, dir] of Object.entries(SETS)) {
    results[set] = [];
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isFile() && !/\.(md|json)$/.test(name)) results[set].push(await analyseFile(path, rules));
    }
  }
});

const itemsOf = (list: DocumentResult[]) => missingItems(list.map((r) => ({ entry: r.entry, clues: r.dossier })));
/** What a file name of these sets says the document is, read independently of the code: "_CCTP_" → cctp. */
const kindOfName = (path: string) => /_(RC|AE|CCAP|CCTP|CCP|BPU|DPGF|DQE)_/.exec(path)?.[1].toLowerCase();
/** The buyer a file of these sets belongs to: its name up to the kind ("fr_vallee-sud-grand-paris"). */
const buyerOf = (path: string) => /([a-z]{2}_[a-z0-9-]+)_(?:RC|AE|CCAP|CCTP|CCP|BPU|DPGF|DQE|CRTE)_/.exec(path)?.[1];

describe('missing documents on real dossiers', () => {
  it('no document present is listed as missing, buyer by buyer (the documents of one buyer as one dossier)', () => {
    for (const list of Object.values(results)) {
      const byBuyer = new Map<string, DocumentResult[]>();
      for (const r of list) {
        const buyer = buyerOf(r.entry.path);
        if (buyer) byBuyer.set(buyer, [...(byBuyer.get(buyer) ?? []), r]);
      }
      for (const [buyer, dossier] of byBuyer) {
        const present = new Set(dossier.map((r) => kindOfName(r.entry.path)).filter(Boolean));
        const listed = itemsOf(dossier).filter((i) => i.ref && present.has(i.ref.kind));
        expect(listed.map((i) => `${buyer}: ${i.title}`)).toEqual([]);
      }
    }
  });

  it("the RC of Vallée Sud with its CCAP and CCTP: the AE and the price documents of the RC's list, nothing else from the list", () => {
    const dossier = results.real.filter((r) => r.entry.path.includes('vallee-sud-grand-paris'));
    expect(dossier).toHaveLength(3);
    const listed = itemsOf(dossier).filter((i) => i.reason === 'listed').map((i) => i.title);
    expect(listed).toEqual(['AE', 'BPU', 'DPGF', 'DQE']);
  });

  it('each document alone: nothing absurd, no withheld content, and about as many items as measured (34 real, 10 corpus)', () => {
    const counts: Record<string, number> = {};
    for (const [set, list] of Object.entries(results)) {
      const items = list.flatMap((r) => itemsOf([r]));
      counts[set] = items.length;
      // None of these documents is redacted; a diagram over a dark frame is not a blacked-out page.
      expect(items.filter((i) => i.type === 'withheld').map((i) => `${i.title} p. ${i.pages}`)).toEqual([]);
      // Annexes of laws and opinions are never a dossier's.
      for (const i of items) for (const c of i.citations) expect(c.quote, i.title).not.toMatch(/annexe?\s+\S+\s+(?:du règlement|de la directive|de l'avis|of the Act)/i);
    }
    expect(counts.real).toBeLessThanOrEqual(40);
    expect(counts.corpus).toBeLessThanOrEqual(14);
  });
});
