// "Not in this dossier" and the access request, on dossiers built here: an RC listing five
// documents with two absent, a CCTP citing "annexe 3 (non communiquée)", a PDF with a
// blacked-out page, an English RFP citing "Exhibit B"; every format shows the section, the
// letter and calendar are pinned by golden files in both languages.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makePdf } from '../helpers/pdf.js';
import { analyseFile } from '../../src/engine/document.js';
import { findDossierClues } from '../../src/analyse/references.js';
import { pageFromText } from '../helpers/text.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { buildReport } from '../../src/report/model/build.js';
import { missingItems } from '../../src/report/model/missing.js';
import { readShard, mergeShards } from '../../src/report/model/merge.js';
import { loadFormat, type FormatOptions } from '../../src/report/formats/index.js';
import { formatJsonl } from '../../src/report/formats/jsonl.js';
import { requestLetter, addMonths } from '../../src/report/request/letter.js';
import { requestCalendar, escapeText, foldLine } from '../../src/report/request/calendar.js';
import { ReviewedFindings } from '../../src/review/apply.js';
import { diffReports } from '../../src/report/model/compare.js';
import type { DocumentResult, MissingItem, Report } from '../../src/types.js';

const rules = loadRuleSet();
let root: string;

/** Writes the files in a folder of their own and analyses each: the results of one dossier. */
async function dossier(name: string, files: Record<string, Uint8Array | string>): Promise<DocumentResult[]> {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  const results: DocumentResult[] = [];
  for (const [file, bytes] of Object.entries(files)) {
    writeFileSync(join(dir, file), bytes);
    results.push(await analyseFile(join(dir, file), rules));
  }
  return results;
}

const missingOf = (results: DocumentResult[]) => missingItems(results.map((r) => ({ entry: r.entry, clues: r.dossier })));
const titles = (items: MissingItem[]) => items.map((i) => i.title);
const reportOf = (results: DocumentResult[]): Report =>
  buildReport(results.map((r) => r.entry), results.flatMap((r) => r.findings), { hash: 'test', files: [] }, new Date('2026-01-15T10:00:00Z'), undefined, [], [], missingOf(results));

let rcDossier: DocumentResult[];
let cctpDossier: DocumentResult[];
let blackedDossier: DocumentResult[];
let rfpDossier: DocumentResult[];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'tenderscan-missing-'));
  rcDossier = await dossier('rc', {
    'RC.pdf': await makePdf([
      {
        lines: [
          'REGLEMENT DE LA CONSULTATION',
          'Article 4 - Contenu du dossier de consultation',
          'Le dossier de consultation comprend les pieces suivantes :',
          '- Le present reglement de la consultation (RC)',
          "- L'acte d'engagement (AE)",
          '- Le cahier des clauses administratives particulieres (CCAP)',
          '- Le cahier des clauses techniques particulieres (CCTP)',
          '- Le bordereau des prix unitaires (BPU)',
          'Article 5 - Remise des offres',
          'Les offres sont remises par voie electronique.',
        ],
      },
    ]),
    // The CCAP is known by its first-page title, not by its file name.
    'piece-2.pdf': await makePdf([{ lines: ['CAHIER DES CLAUSES ADMINISTRATIVES PARTICULIERES', 'Article 1 - Objet du marche'] }]),
    'CCTP_videoprotection.pdf': await makePdf([{ lines: ['Article 1 - Objet', 'Fourniture de cameras.'] }]),
  });
  cctpDossier = await dossier('cctp', {
    'CCTP.pdf': await makePdf([
      { lines: ['CAHIER DES CLAUSES TECHNIQUES PARTICULIERES', 'Article 3 - Sites', 'Le plan des cameras figure en annexe 3 (non communiquée).', 'Les zones sont decrites en annexe n° 2.'] },
      { lines: ['Article 7 - Donnees personnelles', "Les clauses de l'annexe I du reglement (UE) 2016/679 s'appliquent.", 'Voir aussi la directive et son annexe II.'] },
      { lines: ['ANNEXE 4 - Liste des sites', 'Place de la mairie.'] },
      { lines: ['Article 9 - Renvois', "Les sites de l'annexe 4 sont equipes en priorite."] },
    ]),
    'Annexe_2_zones.pdf': await makePdf([{ lines: ['Zones de videoprotection', 'Zone 1 : centre-ville.'] }]),
  });
  blackedDossier = await dossier('blacked', {
    'CCTP-caviarde.pdf': await makePdf([
      { lines: ['CAHIER DES CLAUSES TECHNIQUES PARTICULIERES', 'Article 1 - Objet', 'Videoprotection urbaine.'] },
      // Page 2: a black box over the place the list of addresses was (nothing left under it).
      { lines: ['Article 2 - Emplacements des cameras', 'Les cameras sont installees aux adresses suivantes :'], boxes: [{ x: 60, y: 600, width: 400, height: 120 }] },
      // Page 3: a black banner over a line of text, and a light grey box: neither hides anything.
      { lines: ['Article 3 - Maintenance', 'Le titulaire assure la maintenance.'], boxes: [{ x: 55, y: 760, width: 300, height: 30 }, { x: 60, y: 400, width: 300, height: 80, grey: 0.9 }] },
      { lines: ['Article 4 - Conservation', 'Duree de conservation : [REDACTED]'] },
    ]),
  });
  rfpDossier = await dossier('rfp', {
    'RFP-2025-14.pdf': await makePdf([
      { lines: ['REQUEST FOR PROPOSALS 2025-14', 'License plate recognition cameras', 'Pricing shall follow the form in Exhibit B.', 'The network diagram (Attachment 3) is available upon request.', 'See Appendix 2 of the Act for definitions.'] },
      { lines: ['EXHIBIT A - Scope of work', 'The vendor shall install twelve cameras.'] },
    ]),
  });
});

describe('documents referred to and not present', () => {
  it('an RC listing five documents, two of them absent: the AE and the BPU only', () => {
    const items = missingOf(rcDossier);
    expect(titles(items)).toEqual(['AE', 'BPU']);
    expect(items.every((i) => i.type === 'document' && i.reason === 'listed')).toBe(true);
    expect(items[0].citations[0]).toMatchObject({ page: 1, quote: "- L'acte d'engagement (AE)" });
    expect(items[0].citations[0].document).toMatch(/RC\.pdf$/);
  });

  it('a CCTP citing "annexe 3 (non communiquée)": listed with its reason; a present annex, an annex it holds and annexes of a law are not', () => {
    const items = missingOf(cctpDossier);
    expect(titles(items)).toEqual(['Annexe 3']);
    expect(items[0]).toMatchObject({ ref: { kind: 'annex', number: '3' }, reason: 'not-communicated' });
    expect(items[0].citations[0].quote).toContain('annexe 3 (non communiquée)');
  });

  it('an English RFP citing "Exhibit B" and an attachment available upon request; Exhibit A is in it, Appendix 2 of the Act is not a document', () => {
    const items = missingOf(rfpDossier);
    expect(titles(items).sort()).toEqual(['Attachment 3', 'Exhibit B']);
    expect(items.find((i) => i.title === 'Attachment 3')!.reason).toBe('on-request');
  });

  it('orders documents by kind, then number, then title, whatever the order they are cited in; a title cited twice is one item', () => {
    const at = (page: number) => ({ document: 'cctp.pdf', page, pageLabel: String(page), quote: 'cité', start: 0, end: 4 });
    const cited = [
      { ref: null, title: 'Plan de récolement', reason: 'referenced' as const, at: at(1) },
      { ref: { kind: 'annex', number: '10' }, title: 'annexe 10', reason: 'referenced' as const, at: at(2) },
      { ref: null, title: 'Étude de sûreté', reason: 'referenced' as const, at: at(3) },
      { ref: { kind: 'annex', number: '2' }, title: 'annexe 2', reason: 'referenced' as const, at: at(4) },
      { ref: { kind: 'bpu', number: null }, title: 'BPU', reason: 'referenced' as const, at: at(5) },
      { ref: { kind: 'rc', number: null }, title: 'RC', reason: 'listed' as const, at: at(6) },
      { ref: null, title: 'Plan de récolement', reason: 'referenced' as const, at: at(7) },
      { ref: { kind: 'annex', number: 'B' }, title: 'annexe B', reason: 'referenced' as const, at: at(8) },
    ];
    const entry = { path: 'cctp.pdf', sha256: null, size: null, pageCount: 8, status: 'ok' } as DocumentResult['entry'];
    const items = missingItems([{ entry, clues: { identities: [{ kind: 'cctp', number: null }], holds: [], references: cited, withheld: [] } }]);
    expect(items.map((i) => `${i.ref ? `${i.ref.kind} ${i.ref.number ?? ''}`.trim() : i.title}`)).toEqual([
      'rc',
      'bpu',
      'annex 2',
      'annex 10',
      'annex B',
      'Étude de sûreté',
      'Plan de récolement',
    ]);
    expect(items.find((i) => i.title === 'Plan de récolement')?.citations.map((c) => c.page)).toEqual([1, 7]);
  });

  it('ids are stable: what is missing, not where it is cited', async () => {
    const moved = await dossier('moved', {
      'CCTP-v2.pdf': await makePdf([{ lines: ['Preambule'] }, { lines: ['Le plan figure en annexe 3 (non communiquée).'] }]),
    });
    expect(missingOf(moved)[0].id).toBe(missingOf(cctpDossier)[0].id);
    expect(missingOf(moved)[0].id).toMatch(/^[0-9a-f]{12}$/);
  });
});

describe('the list of the consultation documents', () => {
  // Every way a list opens; pages are only read line by line when they name the dossier.
  it.each([
    'Le dossier de consultation comprend les pièces suivantes :',
    'Contenu du DCE :',
    'Pièces constitutives du dossier de la consultation',
    'Les documents de la consultation sont :',
  ])('opened by "%s" lists its items', (opening) => {
    const page = pageFromText(`Article 4\n${opening}\n- Le CCTP\n- Le BPU\nArticle 5 - Remise des offres`);
    const clues = findDossierClues('RC.pdf', [page]);
    expect(clues.references.map((r) => `${r.ref?.kind}:${r.reason}`)).toEqual(['cctp:listed', 'bpu:listed']);
  });
});

describe('withheld content', () => {
  it('a page blacked out (a dark box with nothing under it) and a redaction mark, with their pages; a banner over text and a grey box are not', () => {
    const items = missingOf(blackedDossier);
    expect(items.map((i) => [i.type, i.reason, i.pages])).toEqual([
      ['withheld', 'blacked-out', [2]],
      ['withheld', 'redaction-mark', [4]],
    ]);
    expect(items[1].citations[0].quote).toContain('[REDACTED]');
  });

  it('"occultées" in a camera-masking clause is not a redaction mark', async () => {
    const masking = await dossier('masking', { 'cctp.txt': 'Les zones privatives doivent être occultées par masquage dynamique.\n' });
    expect(missingOf(masking)).toEqual([]);
  });
});

describe('in every format', () => {
  const options = (language: 'fr' | 'en'): FormatOptions => ({ color: false, explain: false, language, categoryName: (id) => id });

  it('terminal, Markdown, HTML, CSV, JSON and JSON Lines show the items, escaped; JSON Lines reads back and merges', async () => {
    const report = reportOf([...cctpDossier, ...blackedDossier]);
    // A hostile title, as a document could write it.
    report.missing!.push({ id: 'abcdefabcdef', type: 'document', title: '<script>alert(1)</script> *x* [a](javascript:1)', reason: 'on-request', citations: [{ document: report.documents[0].path, page: 1, pageLabel: '1', quote: '=HYPERLINK("x")', start: 0, end: 5 }] });
    const out = Object.fromEntries(await Promise.all(['terminal', 'markdown', 'html', 'csv', 'json', 'jsonl'].map(async (name) => [name, (await loadFormat(name))!.report(report, options('en'))] as const)));
    expect(out.terminal).toContain('Not in this dossier');
    expect(out.terminal).toContain('Annexe 3 — said not to be communicated');
    expect(out.markdown).toContain('## Not in this dossier');
    expect(out.markdown).not.toContain('<script>');
    expect(out.markdown).not.toContain('[a](javascript');
    expect(out.html).toContain('<section id="missing">');
    expect(out.html).not.toContain('<script>alert');
    expect(out.csv).toContain('tenderscan.missing.not-communicated');
    expect(out.csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(JSON.parse(out.json).missing).toHaveLength(4);
    const shard = readShard(out.jsonl, 'r.jsonl');
    expect(shard.missing?.map((i) => i.id)).toEqual(report.missing!.map((i) => i.id));
    expect(mergeShards([{ file: 'r.jsonl', shard }]).missing).toHaveLength(4);
    expect((await loadFormat('markdown'))!.report(report, options('fr'))).toContain('## Absent de ce dossier');
  });

  it('a report without missing items is what it was: no key, no section', async () => {
    const report = reportOf(rcDossier.slice(1));
    expect('missing' in report).toBe(false);
    expect((await loadFormat('terminal'))!.report(report, options('en'))).not.toContain('Not in this dossier');
  });

  it('diff tells the items one version lists and the other does not, by id', () => {
    const diff = diffReports(reportOf(rcDossier), reportOf(cctpDossier), { old: 'v1', new: 'v2' });
    expect(diff.missing?.added.map((i) => i.title)).toEqual(['Annexe 3']);
    expect(diff.missing?.removed.map((i) => i.title)).toEqual(['AE', 'BPU']);
    expect('missing' in diffReports(reportOf(cctpDossier), reportOf(cctpDossier), { old: 'a', new: 'b' })).toBe(false);
  });

  it('every diff format shows those items: newly missing and no longer missing, with their ids', async () => {
    const diff = diffReports(reportOf(rcDossier), reportOf(cctpDossier), { old: 'v1', new: 'v2' });
    const annex = diff.missing!.added[0];
    const bpu = diff.missing!.removed.find((i) => i.title === 'BPU')!;
    const opts = (language: 'fr' | 'en'): FormatOptions => ({ color: false, explain: false, language, categoryName: (id) => id });
    const out = async (name: string, language: 'fr' | 'en' = 'en') => (await loadFormat(name))!.diff(diff, opts(language));
    const terminal = await out('terminal');
    expect(terminal).toContain('Not in this dossier');
    expect(terminal).toMatch(new RegExp(`\\+ newly missing  Annexe 3 — .+  ${annex.id}`));
    expect(terminal).toMatch(new RegExp(`- no longer missing  BPU — .+  ${bpu.id}`));
    expect(await out('markdown')).toContain(`- **+ newly missing** — Annexe 3 — `);
    expect(await out('markdown', 'fr')).toContain('## Absent de ce dossier');
    expect(await out('html')).toMatch(new RegExp(`<li class="missing removed"><strong>- no longer missing</strong> — BPU — .+<code>${bpu.id}</code></li>`));
    const csv = (await out('csv')).split('\r\n');
    expect(csv).toContainEqual(expect.stringMatching(new RegExp(`^missing,added,Annexe 3,.*,,${annex.id},,$`)));
    expect(csv).toContainEqual(expect.stringMatching(new RegExp(`^missing,removed,BPU,.*,${bpu.id},,,$`)));
    // No change in the items: no such part.
    const same = diffReports(reportOf(cctpDossier), reportOf(cctpDossier), { old: 'a', new: 'b' });
    expect((await loadFormat('terminal'))!.diff(same, opts('en'))).not.toContain('Not in this dossier');
  });

  it('a review file hides items judged false positives and labels confirmed ones', () => {
    const items = missingOf(blackedDossier);
    const reviewed = new ReviewedFindings({ path: 'r.yaml', entries: [{ id: items[0].id, status: 'false-positive', document: 'x', category: 'missing', excerpt: '' }, { id: items[1].id, status: 'confirmed', document: 'x', category: 'missing', excerpt: '' }] });
    const shown = reviewed.applyMissing(items);
    expect(shown).toHaveLength(1);
    expect(shown[0].review?.status).toBe('confirmed');
  });
});

describe('tenderscan request', () => {
  it('the letter and calendar in French and English (golden files)', async () => {
    const report = reportOf([...rcDossier, ...cctpDossier, ...blackedDossier]);
    // Paths as the golden files show them, with no temporary folder.
    const shown: Report = JSON.parse(JSON.stringify(report).replaceAll(root + '/', ''));
    const fr = { to: 'Ville de Saint-Exemple', language: 'fr' as const, date: '2026-01-31' };
    await expect(requestLetter(shown, fr)).toMatchFileSnapshot('golden/request.fr.md');
    await expect(requestCalendar(shown, fr)).toMatchFileSnapshot('golden/request.fr.ics');
    const en = { to: 'City of Example, Records Office', language: 'en' as const, date: '2026-01-31' };
    const rfp: Report = JSON.parse(JSON.stringify(reportOf(rfpDossier)).replaceAll(root + '/', ''));
    await expect(requestLetter(rfp, en)).toMatchFileSnapshot('golden/request.en.md');
    await expect(requestCalendar(rfp, en)).toMatchFileSnapshot('golden/request.en.ics');
  });

  it('deadlines: one month, then two; the end of a month is kept in a shorter one', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-02-28', 2)).toBe('2026-04-28');
    expect(addMonths('2026-11-15', 2)).toBe('2027-01-15');
  });

  it('the letter quotes only titles and citations, escaped; the calendar escapes and folds what the dossier and --to carry', () => {
    const hostile: Report = {
      ...reportOf(rfpDossier),
      missing: [{ id: 'abcdefabcdef', type: 'document', title: 'Plan *des* <b>sites</b>, lot 1; zone \\ A\nEND:VCALENDAR', reason: 'on-request', citations: [{ document: rfpDossier[0].entry.path, page: 1, pageLabel: '1', quote: 'secret words of the page', start: 0, end: 10 }] }],
    };
    const letter = requestLetter(hostile, { to: 'Ville <X>', language: 'fr', date: '2026-03-01' });
    expect(letter).not.toContain('secret words');
    expect(letter).not.toContain('<b>');
    expect(letter).toContain('Plan \\*des\\* &lt;b&gt;sites&lt;/b&gt;');
    const ics = requestCalendar(hostile, { to: 'Ville; X, "Y"', language: 'fr', date: '2026-03-01' });
    expect(ics.split('\r\n').filter((l) => l === 'END:VCALENDAR')).toHaveLength(1);
    expect(ics).not.toMatch(/[^\r]\n/);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain('Plan *des* <b>sites</b>\\, lot 1\\; zone \\\\ A\\nEND:VCALENDAR');
    expect(unfolded).toContain('SUMMARY:Demande CRPA à Ville\\; X\\, "Y"');
    expect(escapeText('a,b;c\\d\r\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    // Folding never cuts a UTF-8 character.
    const folded = foldLine(`DESCRIPTION:${'é'.repeat(80)}`);
    expect(folded.split('\r\n ').every((part) => Buffer.from(part).toString() === part && !part.includes('\ufffd'))).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(`DESCRIPTION:${'é'.repeat(80)}`);
  });
});
