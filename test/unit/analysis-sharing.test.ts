// A long document's analysis shared out: a lent worker gets the owner's context encoded page by
// page (engine/pool/split.ts), decodes only the pages of its ranges, and must analyse them as
// the owner would, though what decides them is on pages it never reads: a word cut at a line
// end joined because another page writes it whole, the section carried from the page before,
// running lines found over every page.
import { describe, expect, it } from 'vitest';
import { extractPdfPages } from '../../src/extract/pdf.js';
import { analyseDocument, analyseDocumentShared, analysePageRange, votePageRange, type AnalysisSharing, type DocumentContext, type PageAnalysis, type RangeVotes } from '../../src/analyse/document.js';
import { decodeContext, encodeContext } from '../../src/engine/pool/split.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { makePdf, rfpAcrossPages } from '../helpers/pdf.js';

/** Pages 2 and 3 analysed by a "lent worker", each in a range of its own; pages 1 and 4 by the owner. */
function lentPages(decoded: number[]): AnalysisSharing {
  return {
    sharesAnalysis: () => true,
    openAnalysis(context: DocumentContext) {
      const shared = encodeContext(context);
      const lent = decodeContext(shared);
      const page = lent.page;
      lent.page = (i) => (decoded.push(i + 1), page(i));
      const analysed = new Map<number, PageAnalysis>();
      let vocabulary: Parameters<typeof analysePageRange>[4];
      for (const [first, last] of [[2, 2], [3, 3]]) {
        const done = analysePageRange(lent, loadRuleSet(), first, last, vocabulary);
        vocabulary = done.vocabulary;
        // Sent to the owner: the findings cross threads as copies.
        for (const [n, p] of structuredClone(done.pages)) analysed.set(n, p);
      }
      const ranges: [number, number][] = [[1, 1], [4, 4]];
      return { claim: () => ranges.shift(), collect: async () => analysed };
    },
  };
}

/** The RFP's pages, the built-in rules, and the pages analysed by one thread alone. */
async function rfpAlone() {
  const { pages } = await extractPdfPages(await rfpAcrossPages());
  const rules = loadRuleSet();
  return { pages, rules, alone: analyseDocument('rfp.pdf', pages, rules) };
}

describe('a document analysed in part by a lent worker', () => {
  it('gives the findings of the owner alone, decoding only the pages of its ranges', async () => {
    const pdf = await rfpAcrossPages();
    const { pages } = await extractPdfPages(pdf);
    const rules = loadRuleSet();
    const alone = analyseDocument('rfp.pdf', pages, rules);
    const decoded: number[] = [];
    const shared = await analyseDocumentShared('rfp.pdf', pages, rules, lentPages(decoded));
    expect(decoded).toEqual([2, 3]);
    // The same analysis; only, for the basis cache, the words that answer the hyphen questions
    // are all the document's when other threads asked some of them (src/analyse/basis.ts).
    expect(alone.plan.hyphenWords).toEqual(['interception']);
    expect(shared.plan.hyphenWords).toContain('interception');
    expect(shared.plan.hyphenWords!.length).toBeGreaterThan(20);
    expect({ ...shared, plan: { ...shared.plan, hyphenWords: alone.plan.hyphenWords } }).toEqual(alone);
    // What the lent pages depend on made findings there (else this test proves nothing).
    expect(shared.findings.filter((f) => f.page === 2 || f.page === 3).map((f) => [f.page, f.matched, f.section])).toEqual([
      [2, 'lawful interception', 'Section 2 - Network'],
      [3, 'wiretap', 'Section 2 - Network'],
    ]);
  });

  it('gives the same analysis from the plan the basis cache gives back, shared out or not', async () => {
    const pdf = await rfpAcrossPages();
    const { pages } = await extractPdfPages(pdf);
    const rules = loadRuleSet();
    const alone = analyseDocument('rfp.pdf', pages, rules);
    // As stored and read back: plain JSON. "interception" decides a line-end hyphen on page 2.
    const plan = JSON.parse(JSON.stringify(alone.plan)) as typeof alone.plan;
    expect(plan.hyphenWords).toEqual(['interception']);
    expect(analyseDocument('rfp.pdf', pages, rules, plan)).toEqual(alone);
    const decoded: number[] = [];
    const shared = await analyseDocumentShared('rfp.pdf', pages, rules, lentPages(decoded), plan);
    expect(decoded).toEqual([2, 3]);
    expect(shared.findings).toEqual(alone.findings);
    expect(shared.mentions).toEqual(alone.mentions);
    // With all the words (a plan made with pages lent), or none (the texts decide again): the same.
    const lentRun = await analyseDocumentShared('rfp.pdf', pages, rules, lentPages([]));
    const all = JSON.parse(JSON.stringify(lentRun.plan)) as typeof plan;
    expect(all.hyphenWords!.length).toBeGreaterThan(20);
    expect(analyseDocument('rfp.pdf', pages, rules, all)).toEqual({ ...alone, plan: all });
    expect(analyseDocument('rfp.pdf', pages, rules, { ...plan, hyphenWords: null })).toEqual(alone);
  });

  it('hands the lent worker every page as the owner has it, its lines’ text not encoded twice', async () => {
    const pdf = await rfpAcrossPages();
    const { pages } = await extractPdfPages(pdf);
    let context: DocumentContext | undefined;
    const capture: AnalysisSharing = { sharesAnalysis: () => true, openAnalysis: (c) => ((context = c), undefined) };
    await analyseDocumentShared('rfp.pdf', pages, loadRuleSet(), capture);
    const shared = encodeContext(context!);
    const lent = decodeContext(shared);
    for (let i = 0; i < context!.pageCount; i++) expect(lent.page(i)).toEqual(context!.page(i));
    // Each line's text is its page text's slice: sent once, in the page text.
    const plain = Array.from({ length: context!.pageCount }, (_, i) => Buffer.byteLength(JSON.stringify(context!.page(i)))).reduce((a, b) => a + b, 0);
    expect(shared.pages.byteLength).toBeLessThan(plain * 0.8);
  });

  it("does the owner's own work once the document is offered and its first range taken, and only then", async () => {
    const pdf = await rfpAcrossPages();
    const { pages } = await extractPdfPages(pdf);
    const rules = loadRuleSet();
    const events: string[] = [];
    const lent = lentPages([]);
    const sharing: AnalysisSharing = {
      sharesAnalysis: () => true,
      openAnalysis(context) {
        events.push('offered');
        const shared = lent.openAnalysis(context)!;
        return { claim: () => (events.push('claim'), shared.claim()), collect: shared.collect };
      },
    };
    const shared = await analyseDocumentShared('rfp.pdf', pages, rules, sharing, undefined, undefined, () => events.push('meanwhile'));
    // Its first range is taken before (the pages kept prepared from the vote are the first).
    expect(events).toEqual(['offered', 'claim', 'meanwhile', 'claim', 'claim']);
    expect(shared.findings).toEqual(analyseDocument('rfp.pdf', pages, rules).findings);
    // Not offered (too short to share, or pages to reuse): the caller does that work itself.
    const alone: string[] = [];
    await analyseDocumentShared('rfp.pdf', pages, rules, { ...sharing, sharesAnalysis: () => false }, undefined, undefined, () => alone.push('meanwhile'));
    await analyseDocumentShared('rfp.pdf', pages, rules, { ...sharing, openAnalysis: () => undefined }, undefined, undefined, () => alone.push('meanwhile'));
    expect(alone).toEqual([]);
  });

  it('votes on the language with the lent worker, which reads only its pages, and analyses as alone', async () => {
    const { pages, rules, alone } = await rfpAlone();
    const decoded: number[] = [];
    const offered: (string | null)[] = [];
    const analysis = lentPages([]);
    const sharing: AnalysisSharing = {
      sharesAnalysis: () => true,
      openVote(context) {
        offered.push(`vote ${context.language}`);
        const lent = decodeContext(encodeContext(context));
        const page = lent.page;
        lent.page = (i) => (decoded.push(i + 1), page(i));
        // Pages 2 and 3 voted by the lent worker (structured-cloned, as through the pool).
        const voted: RangeVotes[] = [];
        let vocabulary: Parameters<typeof votePageRange>[3];
        for (const [first, last] of [[2, 2], [3, 3]]) {
          const done = votePageRange(lent, first, last, vocabulary);
          vocabulary = done.vocabulary;
          voted.push(structuredClone([first, last, done.votes]));
        }
        const ranges: [number, number][] = [[1, 1], [4, 4]];
        return { claim: () => ranges.shift(), collect: async () => voted };
      },
      openAnalysis(context) {
        offered.push(`analysis ${context.language}`);
        return analysis.openAnalysis(context);
      },
    };
    const shared = await analyseDocumentShared('rfp.pdf', pages, rules, sharing);
    expect(offered).toEqual(['vote null', 'analysis en']);
    expect(decoded).toEqual([2, 3]);
    expect(shared.language).toBe('en');
    expect(shared.findings).toEqual(alone.findings);
    expect({ ...shared, plan: { ...shared.plan, hyphenWords: alone.plan.hyphenWords } }).toEqual(alone);
  });

  it('counts each page once: the votes that came back, and itself those that never came', async () => {
    // Function words decide: 3 French ones on the owner's page 1, 3 English ones on page 2 (a
    // page of fewer than 20 characters has no text to vote with).
    const vote = async (lines: string[], lentDies: boolean) => {
      const { pages } = await extractPdfPages(await makePdf(lines.map((line) => ({ lines: [line] }))));
      const rules = loadRuleSet();
      const sharing: AnalysisSharing = {
        sharesAnalysis: () => true,
        openVote(context) {
          // The lent worker takes pages 2 and 3; dead, its votes never come back.
          const done = votePageRange(decodeContext(encodeContext(context)), 2, 3);
          const ranges: [number, number][] = [[1, 1], [4, 4]];
          return { claim: () => ranges.shift(), collect: async () => (lentDies ? [] : [[2, 3, done.votes] as RangeVotes]) };
        },
        openAnalysis: () => undefined,
      };
      return { alone: analyseDocument('votes.pdf', pages, rules).language, shared: (await analyseDocumentShared('votes.pdf', pages, rules, sharing)).language };
    };
    // 3 against 3: French (a tie goes to French); page 2 counted twice, 3 against 6: English.
    expect(await vote(['Cameras capteurs reseaux : le la les', 'Cameras sensors networks : the and of', 'Drones', 'Drones'], false)).toEqual({ alone: 'fr', shared: 'fr' });
    // Only page 2 has function words: English; not voted at all, no language.
    expect(await vote(['Drones', 'Cameras sensors networks : the and of', 'Drones', 'Cameras capteurs reseaux'], true)).toEqual({ alone: 'en', shared: 'en' });
  });
});
