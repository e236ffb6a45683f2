// DOCX, ODT, XLSX, ODS and .doc built in the test, read in-process: what each format's reader
// takes from the file and how findings in it are cited.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanWordText } from '../../src/extract/doc.js';
import { extractDocx } from '../../src/extract/docx.js';
import { detectFormat } from '../../src/extract/registry.js';
import { citation } from '../../src/report/i18n.js';
import { loadRuleSet, type RuleSet } from '../../src/rules/load.js';
import { analyseFile } from '../../src/engine/document.js';
import type { ExtractedDocument, Finding, Location } from '../../src/types.js';
import { makeCompoundFile, makeDoc } from '../helpers/doc.js';
import { makeDocx, makeOdf, makeXlsx, wp } from '../helpers/office.js';

const dir = mkdtempSync(join(tmpdir(), 'tenderscan-office-'));
let rules: RuleSet;
beforeAll(() => {
  rules = loadRuleSet();
});

function lines(doc: ExtractedDocument): { text: string; location?: Location }[] {
  return doc.pages.flatMap((p) => p.lines.map((l) => ({ text: l.text, location: l.location })));
}

async function scanBytes(name: string, bytes: Uint8Array) {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const result = await analyseFile(file, rules);
  return { ...result, cite: (f: Finding) => citation(f, 'en', basename(f.document)) };
}

const box = (text: string) =>
  `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>${wp(text)}</w:txbxContent></wps:txbx></w:drawing></mc:Choice>` +
  `<mc:Fallback><w:pict><v:textbox><w:txbxContent>${wp(text)}</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>`;

const DOCX = makeDocx({
  body: [
    wp('Article 1 – Objet du marché'),
    `<w:p><w:r><w:t xml:space="preserve">Des drones survolent les manifestations, </w:t></w:r>${box('Encadré : les caméras-piétons enregistrent les interventions.')}<w:r><w:t>chaque samedi.</w:t></w:r></w:p>`,
    `<w:p><w:r><w:t xml:space="preserve">Le titulaire </w:t></w:r><w:ins w:author="Bob"><w:r><w:t xml:space="preserve">installe </w:t></w:r></w:ins>` +
      `<w:del w:author="Alice"><w:r><w:delText xml:space="preserve">un logiciel de reconnaissance faciale et </w:delText></w:r></w:del>` +
      `<w:r><w:t>des panneaux d’information</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r><w:commentRangeStart w:id="0"/><w:r><w:t>.</w:t></w:r></w:p>`,
    `<w:tbl><w:tr><w:tc>${wp('Poste')}</w:tc><w:tc>${wp('Désignation')}</w:tc></w:tr>` +
      `<w:tr><w:tc>${wp('2.1')}</w:tc><w:tc>${wp('Licence de lecture automatisée')}${wp('de plaques d’immatriculation (LAPI)')}</w:tc></w:tr></w:tbl>`,
    wp('Fin du document.'),
  ].join(''),
  footnotes:
    `<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>` +
    `<w:footnote w:id="2">${wp('Les données de géolocalisation des agents sont conservées un an.')}</w:footnote>`,
  comments: `<w:comment w:id="0" w:author="Claire">${wp('Prévoir une analyse des réseaux sociaux ?')}</w:comment>`,
  header: wp('Marché de vidéoprotection – CCTP'),
});

describe('DOCX', () => {
  it('reads a text box once and keeps the paragraph around it', () => {
    const all = lines(extractDocx(DOCX));
    expect(all.filter((l) => l.text.includes('caméras-piétons'))).toEqual([
      { text: 'Encadré : les caméras-piétons enregistrent les interventions.', location: { kind: 'text-box', paragraph: 2 } },
    ]);
    expect(all.find((l) => l.text.startsWith('Des drones'))).toEqual({
      text: 'Des drones survolent les manifestations, chaque samedi.',
      location: { kind: 'paragraph', paragraph: 2 },
    });
  });

  it('lays a box out after its paragraph even when the box leaves its last paragraph open', () => {
    const docx = makeDocx({
      body: `<w:p><w:r><w:t xml:space="preserve">Avant, </w:t></w:r><w:r><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>Encadré</w:t></w:r></w:txbxContent></v:textbox></w:pict></w:r><w:r><w:t>après.</w:t></w:r></w:p>`,
    });
    expect(lines(extractDocx(docx))).toEqual([
      { text: 'Avant, après.', location: { kind: 'paragraph', paragraph: 1 } },
      { text: 'Encadré', location: { kind: 'text-box', paragraph: 1 } },
    ]);
  });

  it('reads inserted text as text and deleted text as its own kind, with its author', () => {
    const all = lines(extractDocx(DOCX));
    expect(all.find((l) => l.text.startsWith('Le titulaire'))?.text).toBe('Le titulaire installe des panneaux d’information.');
    expect(all.find((l) => l.location?.kind === 'deleted-text')).toEqual({
      text: 'un logiciel de reconnaissance faciale et',
      location: { kind: 'deleted-text', paragraph: 3, author: 'Alice' },
    });
  });

  it('makes a table row one passage, and reads footnotes, comments and headers', () => {
    const all = lines(extractDocx(DOCX));
    expect(all).toContainEqual({ text: '2.1 | Licence de lecture automatisée de plaques d’immatriculation (LAPI)', location: { kind: 'table-row', paragraph: 5, table: 1, row: 2 } });
    expect(all).toContainEqual({ text: 'Les données de géolocalisation des agents sont conservées un an.', location: { kind: 'footnote', note: 1, paragraph: 3 } });
    expect(all).toContainEqual({ text: 'Prévoir une analyse des réseaux sociaux ?', location: { kind: 'comment', author: 'Claire', paragraph: 3 } });
    expect(all).toContainEqual({ text: 'Marché de vidéoprotection – CCTP', location: { kind: 'header' } });
    // The separator footnote is a drawn line, not a note; the paragraph after the table keeps its number.
    expect(all.filter((l) => l.location?.kind === 'footnote')).toHaveLength(1);
    expect(all).toContainEqual({ text: 'Fin du document.', location: { kind: 'paragraph', paragraph: 6 } });
  });

  it('cites every finding where a reader finds it', async () => {
    const { entry, findings, cite } = await scanBytes('cctp.docx', DOCX);
    expect(entry.status).toBe('ok');
    const cited = findings.map((f) => `${f.category} @ ${cite(f)}`);
    expect(cited).toEqual(
      expect.arrayContaining([
        'drones @ cctp.docx, ¶ 2 (sec. 1)',
        'video-surveillance @ cctp.docx, text box, ¶ 2 (sec. 1)',
        'biometrics @ cctp.docx, deleted text by Alice, ¶ 3 (sec. 1)',
        'vehicle-tracking @ cctp.docx, table 1, row 2 (sec. 1)',
        'geolocation @ cctp.docx, footnote 1',
        'social-media @ cctp.docx, comment by Claire (¶ 3)',
        'video-surveillance @ cctp.docx, header',
      ]),
    );
    // Each sentence is found once: the text box's Fallback copy is not read.
    expect(findings.filter((f) => f.excerpt.includes('caméras-piétons'))).toHaveLength(1);
  });

  it('takes headings from the heading styles, whatever their name in the language of Word', async () => {
    const docx = makeDocx({
      styles: '<w:style w:type="paragraph" w:styleId="Titre1"><w:name w:val="heading 1"/></w:style><w:style w:type="paragraph" w:styleId="Corps"><w:name w:val="Body"/></w:style>',
      body: `<w:p><w:pPr><w:pStyle w:val="Titre1"/></w:pPr><w:r><w:t>Dispositif de vidéoprotection</w:t></w:r></w:p>` +
        `<w:p><w:pPr><w:pStyle w:val="Corps"/></w:pPr><w:r><w:t>Des drones survolent les manifestations.</w:t></w:r></w:p>`,
    });
    const { findings } = await scanBytes('styles.docx', docx);
    expect(findings.find((f) => f.category === 'drones')).toMatchObject({ section: 'Dispositif de vidéoprotection', location: { kind: 'paragraph', paragraph: 2, heading: 'Dispositif de vidéoprotection' } });
  });

  it('reads 20,000 unclosed paragraphs of a 2 KB file, each ending where the next starts', () => {
    const body = '<w:p><w:r><w:t>Les caméras filment'.repeat(20_000);
    const bytes = zipSync({ 'word/document.xml': strToU8(`<w:document><w:body>${body}`) }, { level: 9 });
    expect(bytes.length).toBeLessThan(4096);
    const doc = extractDocx(bytes);
    // Each unclosed paragraph ends where the next one starts.
    expect(lines(doc)).toHaveLength(20_000);
    expect(lines(doc)[19_999]).toEqual({ text: 'Les caméras filment', location: { kind: 'paragraph', paragraph: 20_000 } });
  });
});

describe('ODT', () => {
  const content =
    '<office:text>' +
    '<text:tracked-changes><text:changed-region text:id="ct1"><text:deletion><office:change-info><dc:creator>Alice</dc:creator><dc:date>2026-01-01T00:00:00</dc:date></office:change-info>' +
    '<text:p>Un logiciel de reconnaissance faciale complète le dispositif.</text:p></text:deletion></text:changed-region></text:tracked-changes>' +
    '<text:h text:outline-level="1">Article 1 – Objet</text:h>' +
    '<text:p>Des drones survolent les manifestations<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Les données de géolocalisation sont conservées.</text:p></text:note-body></text:note>.<text:change text:change-id="ct1"/></text:p>' +
    '<text:p>Voir l’encadré.<office:annotation><dc:creator>Claire</dc:creator><dc:date>2026-01-02T00:00:00</dc:date><text:p>Prévoir une analyse des réseaux sociaux ?</text:p></office:annotation></text:p>' +
    '<text:p><draw:frame><draw:text-box><text:p>Les caméras-piétons enregistrent les interventions.</text:p></draw:text-box></draw:frame></text:p>' +
    '<table:table table:name="T1"><table:table-row><table:table-cell><text:p>2.1</text:p></table:table-cell><table:table-cell><text:p>Licence de lecture automatisée</text:p><text:p>de plaques d’immatriculation</text:p></table:table-cell></table:table-row></table:table>' +
    '</office:text>';
  const styles = '<office:master-styles><style:master-page style:name="Standard"><style:header><text:p>Marché de vidéoprotection</text:p></style:header></style:master-page></office:master-styles>';
  const ODT = makeOdf('application/vnd.oasis.opendocument.text', content, { styles });

  it('reads headings, notes, comments, text boxes, table rows, deletions and headers', async () => {
    const doc = await detectFormat(ODT, 'x.odt').extract(ODT, {});
    const all = lines(doc);
    expect(all).toEqual([
      { text: 'Article 1 – Objet', location: { kind: 'paragraph', paragraph: 1 } },
      { text: 'Des drones survolent les manifestations.', location: { kind: 'paragraph', paragraph: 2 } },
      { text: 'Les données de géolocalisation sont conservées.', location: { kind: 'footnote', note: 1, paragraph: 2 } },
      { text: 'Un logiciel de reconnaissance faciale complète le dispositif.', location: { kind: 'deleted-text', author: 'Alice', paragraph: 2 } },
      { text: 'Voir l’encadré.', location: { kind: 'paragraph', paragraph: 3 } },
      { text: 'Prévoir une analyse des réseaux sociaux ?', location: { kind: 'comment', author: 'Claire', paragraph: 3 } },
      { text: 'Les caméras-piétons enregistrent les interventions.', location: { kind: 'text-box', paragraph: 4 } },
      { text: '2.1 | Licence de lecture automatisée de plaques d’immatriculation', location: { kind: 'table-row', paragraph: 5, table: 1, row: 1 } },
      { text: 'Marché de vidéoprotection', location: { kind: 'header' } },
    ]);
  });
});

describe('spreadsheets', () => {
  const XLSX = makeXlsx([
    {
      name: 'Lot 1',
      rows: [
        ['BORDEREAU DES PRIX UNITAIRES'],
        [],
        ['N°', 'Désignation', 'Unité', 'Prix HT'],
        ['1.1', 'Caméra dôme 4K', 'U', 450],
        ['1.2', 'Licence LAPI par voie', 'U', { f: 'D4*2', v: 900 }],
      ],
    },
    { name: 'Options', hidden: true, rows: [['Code', 'Libellé', 'Note'], ['O1', { f: 'CONCAT("Module de ","reconnaissance faciale")', v: 'Module de reconnaissance faciale' }, 'option']] },
  ]);

  it('XLSX: a row is a passage cited by sheet, row and column header; hidden sheets are read and marked', async () => {
    const doc = await detectFormat(XLSX, 'bpu.bin').extract(XLSX, {});
    expect(lines(doc).map((l) => [l.text, l.location])).toEqual([
      ['BORDEREAU DES PRIX UNITAIRES', { kind: 'sheet-row', sheet: 'Lot 1', row: 1 }],
      ['N° | Désignation | Unité | Prix HT', { kind: 'sheet-row', sheet: 'Lot 1', row: 3 }],
      ['1.1 | Caméra dôme 4K | U | 450', { kind: 'sheet-row', sheet: 'Lot 1', row: 4 }],
      // The formula is not evaluated: its cached value is read.
      ['1.2 | Licence LAPI par voie | U | 900', { kind: 'sheet-row', sheet: 'Lot 1', row: 5 }],
      ['Code | Libellé | Note', { kind: 'sheet-row', sheet: 'Options', row: 1, hidden: true }],
      ['O1 | Module de reconnaissance faciale | option', { kind: 'sheet-row', sheet: 'Options', row: 2, hidden: true }],
    ]);
    const { findings, cite } = await scanBytes('BPU.xlsx', XLSX);
    expect(findings.map(cite)).toEqual(
      expect.arrayContaining(['BPU.xlsx, sheet "Lot 1", row 4, column "Désignation"', 'BPU.xlsx, sheet "Lot 1", row 5, column "Désignation"', 'BPU.xlsx, sheet "Options" (hidden), row 2, column "Libellé"']),
    );
  });

  it('reads a sheet of 130,000 rows whole (more blocks than a function call takes arguments)', async () => {
    const rows = Array.from({ length: 130_000 }, (_v, i) => [i, i * 2]);
    const xlsx = makeXlsx([{ name: 'Data', rows }]);
    const doc = await detectFormat(xlsx, 'big.xlsx').extract(xlsx, {});
    expect(doc.pages[0].lines).toHaveLength(130_000);
    expect(doc.pages[0].lines[129_999]).toMatchObject({ text: '129999 | 259998', location: { kind: 'sheet-row', sheet: 'Data', row: 130_000 } });
  });

  it('ODS: the same, with repeated rows and cells read once and hidden tables marked', async () => {
    const cell = (t: string) => `<table:table-cell office:value-type="string"><text:p>${t}</text:p></table:table-cell>`;
    const ods = makeOdf(
      'application/vnd.oasis.opendocument.spreadsheet',
      '<office:spreadsheet>' +
        `<table:table table:name="DQE"><table:table-row>${cell('N°')}${cell('Désignation')}${cell('Quantité')}</table:table-row>` +
        '<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>' +
        `<table:table-row>${cell('3.4')}<table:table-cell table:number-columns-repeated="3"/>${cell('Caméra nomade')}` +
        '<table:table-cell table:formula="of:=2*3" office:value-type="float" office:value="6"><text:p>6</text:p></table:table-cell></table:table-row></table:table>' +
        `<table:table table:name="Archive" table:style-name="ta2"><table:table-row>${cell('Drone captif')}</table:table-row></table:table>` +
        '</office:spreadsheet>',
      { automaticStyles: '<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>' },
    );
    const doc = await detectFormat(ods, 'dqe.ods').extract(ods, {});
    expect(lines(doc).map((l) => [l.text, l.location])).toEqual([
      ['N° | Désignation | Quantité', { kind: 'sheet-row', sheet: 'DQE', row: 1 }],
      ['3.4 | Caméra nomade | 6', { kind: 'sheet-row', sheet: 'DQE', row: 1_000_002 }],
      ['Drone captif', { kind: 'sheet-row', sheet: 'Archive', row: 1, hidden: true }],
    ]);
    // Repeated empty cells only move the column count: "Caméra nomade" sits in column E.
    expect(doc.pages[0].lines[1].cells?.map((c) => c.column)).toEqual(['N°', 'E', 'F']);
  });
});

describe('RTF', () => {
  it('reads paragraphs, a table row, a footnote, a header, a comment and deleted text; skips fonts and pictures', async () => {
    const rtf = String.raw`{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Times;}}{\colortbl;\red0\green0\blue0;}{\*\generator Word;}{\header \pard March\'e9 de vid\'e9oprotection\par}
\pard Article 1 \endash  Objet\par
\pard Des drones survolent la ville{\footnote \pard Les donn\'e9es de g\'e9olocalisation sont conserv\u233?es.\par}.\par
\pard Le titulaire installe {\deleted un logiciel de reconnaissance faciale et }des panneaux.{\*\atnauthor Claire}\chatn{\*\annotation \pard Pr\'e9voir les r\'e9seaux sociaux ?}\par
\trowd\cellx1000\cellx2000\pard\intbl 2.1\cell Licence LAPI\cell\row
\pard Fin.\par
{\pict\pngblip 89504e47}{\*\fldinst HYPERLINK "x"}
}`;
    const bytes = new TextEncoder().encode(rtf);
    const doc = await detectFormat(bytes, 'cctp.bin').extract(bytes, {});
    expect(lines(doc)).toEqual([
      { text: 'Article 1 – Objet', location: { kind: 'paragraph', paragraph: 1 } },
      { text: 'Marché de vidéoprotection', location: { kind: 'header' } },
      { text: 'Des drones survolent la ville.', location: { kind: 'paragraph', paragraph: 2 } },
      { text: 'Les données de géolocalisation sont conservées.', location: { kind: 'footnote', note: 1, paragraph: 2 } },
      { text: 'Le titulaire installe des panneaux.', location: { kind: 'paragraph', paragraph: 3 } },
      { text: 'un logiciel de reconnaissance faciale et', location: { kind: 'deleted-text', paragraph: 3 } },
      { text: 'Prévoir les réseaux sociaux ?', location: { kind: 'comment', author: 'Claire', paragraph: 3 } },
      { text: '2.1 | Licence LAPI', location: { kind: 'table-row', paragraph: 4, table: 1, row: 1 } },
      { text: 'Fin.', location: { kind: 'paragraph', paragraph: 5 } },
    ]);
  });
});

describe('names a document gives (issue 23)', () => {
  it('an RTF control word named constructor is no story nor symbol', async () => {
    const rtf = new TextEncoder().encode(String.raw`{\rtf1 {\constructor Des drones survolent.}\par Texte \constructor suivant.\par}`);
    expect(lines(await detectFormat(rtf, 'x.rtf').extract(rtf, {}))).toEqual([
      { text: 'Des drones survolent.', location: { kind: 'paragraph', paragraph: 1 } },
      { text: 'Texte suivant.', location: { kind: 'paragraph', paragraph: 2 } },
    ]);
  });
});

describe('legacy Word and other compound files', () => {
  it('reads a Word 97–2003 .doc, told by its bytes whatever its name', async () => {
    const bytes = makeDoc(['Article 1 – Objet', 'Des drones survolent les manifestations.'], ['Les données de géolocalisation sont conservées.']);
    const { entry, findings, cite } = await scanBytes('ancien.dat', bytes);
    expect(entry.status).toBe('ok');
    expect(findings.map((f) => `${f.category} @ ${cite(f)}`)).toEqual(['drones @ ancien.dat, ¶ 2 (sec. 1)', 'geolocation @ ancien.dat, footnote']);
  });

  it('keeps the result of Word fields and drops their codes, in linear time', async () => {
    // One unmatched field start before 1,000,000 characters: word-extractor's own expression backtracks for hours.
    expect(cleanWordText('\x13' + 'a'.repeat(1_000_000))).toHaveLength(1_000_000);
    expect(cleanWordText('Voir \x13 HYPERLINK "x" \x14le site\x15 et \x13 PAGE \x15la page.\r')).toBe('Voir le site et la page.\n');
    // The reader runs with this pass: the unmatched field start is gone from the text it gives.
    const bytes = makeDoc(['Des caméras \x13 champ ouvert', 'Voir \x13 HYPERLINK "x" \x14le site\x15.']);
    const doc = await detectFormat(bytes, 'x.doc').extract(bytes, {});
    expect(lines(doc).map((l) => l.text)).toEqual(['Des caméras champ ouvert', 'Voir le site.']);
  });

  it('names what a compound file is when it is not a Word document, and refuses broken ones', async () => {
    const xls = await scanBytes('prix.xls', makeCompoundFile([{ name: 'Workbook', data: new Uint8Array(100) }]));
    expect(xls.entry.error).toEqual({ code: 'UNSUPPORTED', message: 'an Excel 97–2003 workbook (.xls): save it as .xlsx or .ods' });
    const msg = await scanBytes('mail.doc', makeCompoundFile([{ name: '__substg1.0_0037001F', data: new Uint8Array(10) }]));
    expect(msg.entry.error?.message).toBe('an Outlook message (.msg)');
    const looping = await scanBytes('loop.doc', makeCompoundFile([{ name: 'WordDocument', data: new Uint8Array(8192) }], { loop: true }));
    expect(looping.entry.error).toEqual({ code: 'CORRUPT', message: 'broken OLE2 compound file (stream chain loops)' });
    const encrypted = await scanBytes('secret.doc', makeDoc(['x'], [], { encrypted: true }));
    expect(encrypted.entry.error?.code).toBe('ENCRYPTED');
    const package_ = await scanBytes('secret.docx', makeCompoundFile([{ name: 'EncryptionInfo', data: new Uint8Array(10) }, { name: 'EncryptedPackage', data: new Uint8Array(10) }]));
    expect(package_.entry.error).toEqual({ code: 'ENCRYPTED', message: 'a password-protected Office document (DOCX, XLSX…): save it without a password' });
  });
});
