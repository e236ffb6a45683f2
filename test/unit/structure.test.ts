// Document structure in detection: citations are mentions by name, the issuer is never its own
// partner, a heading that repeats its body is context, and frames may span two sentences of
// one paragraph when a direction word ties them. Small documents written for this file, run
// through analyseDocument with the built-in rules, in both languages.
import { describe, expect, it } from 'vitest';
import { analyseDocument } from '../../src/analyse/document.js';
import { splitPassages } from '../../src/analyse/passages.js';
import { findCitations, findFootnotes, findIssuer, findIssuerSpans } from '../../src/analyse/structure.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { extractPdfPages } from '../../src/extract/pdf.js';
import { foldString } from '../../src/text/fold.js';
import { rebuildLines } from '../../src/text/lines.js';
import { makePdf } from '../helpers/pdf.js';
import { pageFromText } from '../helpers/text.js';

const rules = loadRuleSet();
const analyse = (pages: string[]) => analyseDocument('t.pdf', pages.map((t, i) => pageFromText(t, i + 1)), rules);
/** "page:category" of the positive findings, and of the mentions set apart. */
const positives = (pages: string[]) => {
  const a = analyse(pages);
  return {
    findings: [...new Set(a.findings.filter((f) => !f.negated).map((f) => `${f.page}:${f.category}`))].sort(),
    mentions: [...new Set(a.mentions.map((f) => `${f.page}:${f.category}`))].sort(),
  };
};

// Covers long enough to count as pages with text.
const FR_COVER = 'Cahier des clauses techniques particulières du marché de gardiennage des bâtiments publics';
const EN_COVER = 'Request for proposals for the maintenance of public buildings and their grounds, fiscal year 2026';

describe('citations are mentions by name', () => {
  const cases: { name: string; page: string; mention: string[]; finding?: string[] }[] = [
    {
      name: 'fr: a decree cited with its title',
      page: 'Vu le décret n° 2023-828 du 28 août 2023 relatif aux traitements algorithmiques des images de vidéoprotection ;',
      mention: ['2:automated-analysis', '2:video-surveillance'],
    },
    {
      name: 'fr: a law cited with "pour"',
      page: 'Le titulaire respecte la loi n° 2021-646 du 25 mai 2021 pour une sécurité globale relative aux caméras.',
      mention: ['2:video-surveillance'],
    },
    {
      name: 'fr: a law cited as the subject of a verb: its title ends at the verb',
      page: 'Le texte de la loi n° 2021-646 du 25 mai 2021 pour une sécurité globale préservant les libertés a permis aux agents de transmettre en direct les images de vidéoprotection.',
      mention: [],
      finding: ['2:video-surveillance'],
    },
    {
      name: 'fr: a law cited before "afin de": its title ends at the comma',
      page: "Le décret applique la loi n° 2021-646 du 25 mai 2021 pour une sécurité globale préservant les libertés, afin de permettre aux policiers municipaux de visionner les images de vidéoprotection.",
      mention: [],
      finding: ['2:video-surveillance'],
    },
    {
      name: 'fr: the visa of a prefectoral order authorising one system names that system',
      page: "Vu l'arrêté préfectoral du 3 mars 2019 portant autorisation d'un système de vidéoprotection installé aux abords de la mairie ;",
      mention: [],
      finding: ['2:video-surveillance'],
    },
    {
      name: 'fr: a code named in an article citation',
      page: "Les agents sont habilités au titre de l'article L. 6111-1 du code de la santé publique.",
      mention: [],
    },
    {
      name: 'en: a records schedule and its upper-case title',
      page: 'Records are kept under the General Records Schedule 5.2, BIOMETRIC DATA FILES.',
      mention: ['2:biometrics'],
    },
    {
      name: 'en: a statute named by its title',
      page: 'The vendor shall comply with the Biometric Information Privacy Act.',
      mention: ['2:biometrics'],
    },
    {
      name: 'fr: the same category said outside the citation keeps the page',
      page: 'Vu le décret n° 2023-828 du 28 août 2023 relatif à la vidéoprotection ; la ville déploie 40 caméras de vidéoprotection.',
      mention: [],
      finding: ['2:video-surveillance'],
    },
    {
      name: 'fr: the visa of a decision names a code and its articles (whole visa)',
      page: 'Vu le code de la sécurité intérieure, notamment ses articles L. 251-1 et suivants relatifs à la vidéoprotection ;',
      mention: ['2:video-surveillance'],
    },
    {
      name: 'fr: the visa of an opinion',
      page: "Vu l'avis de la commission départementale des systèmes de vidéoprotection en date du 4 mai 2024 ;",
      mention: ['2:video-surveillance'],
    },
    {
      name: 'fr: the visa of a request may be the decision’s subject: it is read as text',
      page: 'Vu la demande présentée par le maire en vue d’installer un système de vidéoprotection ;',
      mention: [],
      finding: ['2:video-surveillance'],
    },
    {
      name: 'en: "having regard to" an article of a regulation',
      page: 'Having regard to Article 35 of the regulation on the processing of biometric data by the authorities;',
      mention: ['2:biometrics'],
    },
    {
      name: 'en: plain prose is no citation',
      page: 'The department collects biometric data from every booking photograph.',
      mention: [],
      finding: ['2:biometrics'],
    },
  ];
  it.each(cases)('$name', ({ page, mention, finding = [] }) => {
    const got = positives([/^(?:Vu|Le|Les) /.test(page) ? FR_COVER : EN_COVER, page]);
    expect(got.mentions).toEqual(mention);
    expect(got.findings.filter((f) => f.startsWith('2:'))).toEqual(finding);
  });

  it('a citation beside a firm finding of its category is kept, marked as a mention', () => {
    const a = analyse([FR_COVER, 'Vu la loi n° 2011-267 du 14 mars 2011 relative à la vidéoprotection.\nLa ville exploite 40 caméras de vidéoprotection.']);
    const video = a.findings.filter((f) => f.category === 'video-surveillance');
    expect(video.map((f) => Boolean(f.mention)).sort()).toEqual([false, true]);
    expect(a.mentions).toEqual([]);
  });

  it.each([
    ['CE, 27 juin 2016, n° 385091', 'CE, 27 juin 2016, n° 385091'],
    ['art. L. 34-1 du code des postes et des communications électroniques', 'code des postes et des communications électroniques'],
    ['Cal. Gov. Code § 7284.6 applies', 'Cal. Gov. Code § 7284.6'],
    ['the Legacy Investigative Case File Records Schedule (N1-36-86)', 'Legacy Investigative Case File Records Schedule'],
    // Each pattern is only tried on a passage holding what its matches hold: one case per way in.
    ['voir la décision n° 2015-713 DC sur ce point', 'décision n° 2015-713 DC'],
    ['selon le CPCE, les opérateurs conservent', 'CPCE'],
    ['under Pub. L. 107-56, section 215', 'Pub. L. 107-56'],
    ['remedies under 42 U.S.C. § 1983 apply', 'U.S.C. § 1983'],
    ['as the Electronic Communications Privacy Act requires', 'Electronic Communications Privacy Act'],
  ])('finds the citation in "%s"', (text, cited) => {
    const folded = foldString(text);
    const spans = findCitations(folded, { start: 0, end: folded.length }, (i) => text[i]);
    expect(spans.map((s) => text.slice(s.start, s.end).trim())).toContain(cited);
  });
});

describe('the issuer is never a partner', () => {
  const cases: { name: string; cover: string; body: string; partner: boolean }[] = [
    {
      name: 'fr: the préfecture that issues the document',
      cover: `PRÉFECTURE DE LA RÉGION OCCITANIE\n${FR_COVER}`,
      body: 'La préfecture transmettra ses données de verbalisation au prestataire.',
      partner: false,
    },
    {
      name: 'fr: a préfecture in a town’s document stays a partner',
      cover: `Ville de Montclair\n${FR_COVER}`,
      body: 'La préfecture transmettra ses données de verbalisation au prestataire.',
      partner: true,
    },
    {
      name: 'fr: a labelled buyer',
      cover: `${FR_COVER}\nPouvoir adjudicateur : Communauté d'agglomération du Val Vert`,
      body: "La communauté d'agglomération transmettra ses données au titulaire.",
      partner: false,
    },
    {
      name: 'en: an agency named by the acronym of its privacy assessment',
      cover: `Privacy Impact Assessment for the use of commercial records\nDHS/ICE/PIA-099\n${EN_COVER}`,
      body: 'In 2019, the U.S. Immigration and Customs Enforcement (ICE) obtained access to a commercial data service.',
      partner: false,
    },
  ];
  it.each(cases)('$name', ({ cover, body, partner }) => {
    const got = positives([cover, body]).findings;
    expect(got.includes('2:public-partners')).toBe(partner);
  });

  it.each([
    ['city of lakewood', 'city'],
    ['the county of marin', 'county'],
    ['town of hempstead', 'town'],
    ['village of skokie', 'village'],
    ['state of oregon', 'state'],
    ['anaheim police department', 'department'],
    ["orange sheriff's office", "sheriff's office"],
    ["plano sheriff's department", 'department'],
    ['texas department of public safety', 'department'],
  ])('an English letterhead name: %s', (line, head) => {
    expect(findIssuer([line, 'annual report'])).toEqual({ names: [line], heads: [head] });
  });

  it.each(['cityscape of lakewood', 'the city council', 'police reform act', "the sheriff's report", 'departmental report'])('not a name: %s', (line) => {
    expect(findIssuer([line])).toEqual({ names: [], heads: [] });
  });

  it('reads names from the letterhead, not from a list further down the cover', () => {
    const lines = ['city of lakewood police department', 'annual report'];
    const issuer = findIssuer(lines, ['springfield police department']);
    expect(issuer.names).toEqual(['city of lakewood police department']);
    const text = foldString('Data from the Springfield Police Department reach the City of Lakewood Police Department.');
    const spans = findIssuerSpans(text, { start: 0, end: text.length }, issuer);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['city of lakewood police department']);
  });
});

describe('a heading that repeats its body is context', () => {
  it.each([
    ['fr', [FR_COVER, 'Article 3 – Vidéoprotection\nLe système de vidéoprotection comprend 40 caméras fixes.']],
    ['en', [EN_COVER, 'Section 4 – Drones\nThe department operates two drones for search and rescue.']],
  ])('%s: one finding, in the body, with the heading as its section', (_lang, pages) => {
    const a = analyse(pages as string[]);
    const own = a.findings.filter((f) => f.page === 2);
    expect(own).toHaveLength(1);
    expect(own[0].excerpt).not.toMatch(/^(Article|Section)/);
    expect(own[0].section).toMatch(/^(Article 3|Section 4)/);
  });

  it('a heading at the foot of a page leaves the finding to the body page', () => {
    const got = positives([FR_COVER, 'Le titulaire assure la maintenance des locaux.\nArticle 5 – Drones', 'Deux drones survolent le site pendant les manifestations.']).findings;
    expect(got).toEqual(['3:drones']);
  });

  it('a heading whose body says nothing of it keeps its finding', () => {
    const got = positives([FR_COVER, 'Article 5 – Drones\nLe titulaire assure la maintenance des locaux.']).findings;
    expect(got).toEqual(['2:drones']);
  });
});

describe('frames over two sentences of one paragraph, with direction', () => {
  const cases: { name: string; page: string; partner: string | null }[] = [
    {
      name: 'fr: partner named first, data received in the next sentence',
      page: "Le SDIS est associé au projet. Ses statistiques d'intervention, reçues chaque nuit, alimentent l'hyperviseur.",
      partner: 'public-partners',
    },
    {
      name: 'fr: the town sends its data out: no partner source',
      page: "Le SDIS est associé au projet. Ses statistiques d'intervention alimentent le rapport que la ville publie.",
      partner: null,
    },
    {
      name: 'fr: a blank line ends the paragraph',
      page: "Le SDIS est associé au projet.\n\nSes statistiques d'intervention, reçues chaque nuit, alimentent l'hyperviseur.",
      partner: null,
    },
    {
      name: 'en: retailers named first, their footage provided in the next sentence',
      page: 'Several local retailers joined the task force. Their surveillance footage is provided to detectives after each theft.',
      partner: 'private-partners',
    },
    {
      name: 'en: alerts sent to retailers carry nothing in',
      page: 'Several local retailers joined the task force. Detectives send alerts and suspect footage after each theft.',
      partner: null,
    },
    {
      name: 'en: a heading between the two joins nothing',
      page: 'Several local retailers joined the task force.\nSection 2 – Evidence\nTheir surveillance footage is provided to detectives after each theft.',
      partner: null,
    },
  ];
  it.each(cases)('$name', ({ page, partner }) => {
    const cover = /^(Le|Les|La)\b/.test(page) ? FR_COVER : EN_COVER;
    const got = positives([cover, page]).findings.filter((f) => f.endsWith('partners')).map((f) => f.slice(2));
    expect(got).toEqual(partner ? [partner] : []);
  });
});

describe('table cells are passages of their own', () => {
  const fromPdf = async (lines: string[], rows: string[][]) => {
    const doc = await extractPdfPages(await makePdf([{ lines, rows }]));
    return analyseDocument('t.pdf', doc.pages, rules);
  };

  it('reads the cells of a PDF row from wide gaps and from wide runs of spaces', () => {
    const run = (text: string, x: number, width: number) => ({ text, x, y: 700, width, fontSize: 10, dirX: 1, dirY: 0, endsLine: false });
    const page = rebuildLines([run('Caméras', 60, 40), run('piétons', 103, 36), run(' ', 139, 150), run('12', 290, 10), run('unités', 420, 30)]);
    expect(page.lines[0].cells?.map((c) => page.text.slice(c.start, c.end))).toEqual(['Caméras piétons', '12', 'unités']);
    const prose = rebuildLines([run('Les', 60, 16), run('caméras', 79, 40), run('filment', 122, 35)]);
    expect(prose.lines[0].cells).toBeUndefined();
  });

  it.each([
    ['fr', ['Bordereau des prix unitaires du lot de maintenance des équipements'], [['Poste', 'Quantité', 'Observations'], ['Caméras de vidéoprotection', '12', 'Sans objet']], 'video-surveillance', 'Caméras de vidéoprotection'],
    ['en', ['Price schedule for the maintenance of the equipment listed below'], [['Item', 'Quantity', 'Notes'], ['Body-worn cameras', '40', 'Not applicable']], 'video-surveillance', 'Body-worn cameras'],
  ])('%s: a finding in a cell quotes the cell, and the next cells neither negate nor extend it', async (_lang, lines, rows, category, cell) => {
    const a = await fromPdf(lines, rows);
    const found = a.findings.filter((f) => f.category === category);
    expect(found.map((f) => [f.excerpt, f.negated])).toEqual([[cell, false]]);
  });

  // A price schedule whose designation wraps over the lines below its row: the lines read one
  // cell, and a word cut at the cell's end ("géo-" / "localisation") is joined. Before, each
  // wrapped line was a unit of its own and "géo-" never met "localisation".
  it('fr: a cell wrapped over the lines below its row goes on there, a cut word joined', () => {
    const run = (text: string, x: number, y: number, width: number) => ({ text, x, y, width, fontSize: 10, dirX: 1, dirY: 0, endsLine: false });
    const built = rebuildLines([
      run('5', 60, 700, 6),
      run('Licence de géo-', 140, 700, 70),
      run('localisation des', 140, 688, 72),
      run('terminaux des stadiers', 140, 676, 100),
      run('an', 330, 664, 10),
      run('120,00', 430, 664, 30),
    ]);
    expect(built.lines[0].cells?.map((c) => built.text.slice(c.start, c.end))).toEqual(['5', 'Licence de géo-']);
    const found = analyseDocument('t.pdf', [{ number: 1, ...built }], rules).findings.filter((f) => f.category === 'geolocation');
    expect(found.map((f) => f.excerpt)).toEqual(['Licence de géolocalisation des terminaux des stadiers']);
  });

  // A row whose other columns say it is excluded: "Exclu" in a later cell negates what the
  // row's designation names, also when the designation wraps over the lines below and the other
  // columns sit on a line of their own after it. Before, the row's finding stayed positive.
  describe('a row excluded by one of its cells', () => {
    const run = (text: string, x: number, y: number, width: number) => ({ text, x, y, width, fontSize: 10, dirX: 1, dirY: 0, endsLine: false });
    const findings = (runs: ReturnType<typeof run>[], category: string) =>
      analyseDocument('t.pdf', [{ number: 1, ...rebuildLines(runs) }], rules)
        .findings.filter((f) => f.category === category)
        .map((f) => [f.excerpt, f.negated, f.explain?.negation?.trigger ?? null]);

    it('fr: a wrapped designation whose row ends with "Exclu (sans objet)" is negated', () => {
      const rows = [
        run('5', 60, 700, 6), run('Caméra dôme', 140, 700, 60), run('fournie et posée', 140, 688, 75), run('u', 330, 676, 6), run('2 450,00', 430, 676, 40),
        run('6', 60, 664, 6), run('Module de', 140, 664, 45), run('reconnaissance faciale', 140, 652, 100), run('–', 330, 640, 6), run('Exclu (sans objet)', 430, 640, 80),
      ];
      expect(findings(rows, 'biometrics')).toEqual([['Module de reconnaissance faciale', true, 'Exclu (sans objet)']]);
      // the row above, whose own columns are priced, stays positive
      expect(findings(rows, 'video-surveillance')).toEqual([['Caméra dôme fournie et posée', false, null]]);
    });

    it('en: "Not included" on the row line negates its designation, not the next row', () => {
      const rows = [
        run('1', 60, 700, 6), run('Drone with thermal camera', 140, 700, 120), run('Not included', 430, 700, 60),
        run('2', 60, 688, 6), run('License plate readers,', 140, 688, 100), run('fixed', 140, 676, 25), run('12', 330, 664, 10), run('$4,000', 430, 664, 30),
      ];
      expect(findings(rows, 'drones')).toEqual([['Drone with thermal camera', true, 'Not included']]);
      expect(findings(rows, 'vehicle-tracking')).toEqual([['License plate readers, fixed', false, null]]);
    });

    it('fr: a row whose next row is excluded keeps its finding', () => {
      const rows = [
        run('3', 60, 700, 6), run('Capteur sonore de', 140, 700, 80),
        run('détection de coups de feu', 140, 688, 110), run('u', 330, 676, 6), run('1 850,00', 430, 676, 40),
        run('4', 60, 664, 6), run('Heure de vol de drone', 140, 664, 100), run('h', 330, 664, 6), run('Exclu', 430, 664, 30),
      ];
      expect(findings(rows, 'audio-sensors')).toEqual([['Capteur sonore de détection de coups de feu', false, null]]);
      expect(findings(rows, 'drones')).toEqual([['Heure de vol de drone', true, 'Exclu']]);
    });
  });

  it('en: a frame does not join the cells of a row', async () => {
    const a = await fromPdf(['Annual training plan of the task force, hours by partner'], [['Local retailers', 'Workshops', 'Surveillance footage review']]);
    expect(a.findings.map((f) => f.category)).not.toContain('private-partners');
  });

  it('fr: a word-processing table row is cut at its cells', () => {
    const page = pageFromText('Bordereau des prix du lot de maintenance des équipements\nCaméras de vidéoprotection | 12 | Sans objet');
    page.lines[1] = { ...page.lines[1], wholeBlock: true, location: { kind: 'table-row', paragraph: 2, table: 1, row: 1 } };
    const found = analyseDocument('t.docx', [page], rules).findings.filter((f) => f.category === 'video-surveillance');
    expect(found.map((f) => [f.excerpt, f.negated])).toEqual([['Caméras de vidéoprotection', false]]);
  });
});

describe('footnotes are passages of their own', () => {
  const body = (lines: string[]) => lines.join('\n');
  it.each([
    [
      'fr',
      body([
        'Le prestataire assure le gardiennage des bâtiments communaux et tient le registre.',
        'Les rondes sont réalisées à pied conformément au plan de prévention annexé au marché.3',
        'selon les horaires indiqués par le service technique de la commune et validés chaque',
        '3 Aucune caméra piéton ne sera utilisée.',
      ]),
      'video-surveillance',
      '3 Aucune caméra piéton ne sera utilisée.',
    ],
    [
      'en',
      body([
        'The contractor provides guard services for the municipal buildings and keeps the log.',
        'Patrols are made on foot according to the prevention plan attached to this contract.12',
        'Hours are set by the facilities department and reviewed each quarter by the city and',
        '12 Body-worn cameras shall not be used.',
      ]),
      'video-surveillance',
      '12 Body-worn cameras shall not be used.',
    ],
  ])('%s: a note at the foot of the page does not continue the body’s unfinished sentence', (_lang, text, category, note) => {
    const found = analyseDocument('t.pdf', [pageFromText(text)], rules).findings.filter((f) => f.category === category);
    expect(found.map((f) => [f.excerpt, f.negated, f.section])).toEqual([[note, true, null]]);
  });

  it('a numbered line that no marker calls is body text', () => {
    const notes = findFootnotes(
      [{ text: 'Le titulaire fournit les rapports suivants :' }, { text: 'un rapport mensuel,' }, { text: '2 Rapports trimestriels' }, { text: 'remis au service.' }],
      new Set(),
    );
    expect(notes.starts.size).toBe(0);
  });
});

describe('a heading above an exclusion', () => {
  it.each([
    ['fr', [FR_COVER, 'Article 6 – Reconnaissance faciale\nLe titulaire ne met en œuvre aucune reconnaissance faciale.']],
    ['en', [EN_COVER, 'Section 6 – Facial recognition\nFacial recognition shall not be used by the contractor.']],
  ])('%s: is the title of the excluded clause, not an affirmation', (_lang, pages) => {
    const a = analyse(pages as string[]);
    expect(a.findings.filter((f) => f.category === 'biometrics').map((f) => f.negated)).toEqual([true]);
  });
});

// A section heading over numbered sub-sections has no text of its own: its body is theirs
// ("SECTION 8 - CELL-SITE SIMULATORS" / "8.1 Status" / "HBPD neither owns … one").
describe('a heading right above a sub-heading', () => {
  it.each([
    ['fr', [FR_COVER, 'Article 6 – Reconnaissance faciale\n6.1 Principe\nLe titulaire ne met en œuvre aucune reconnaissance faciale.\n6.2 Contrôle\nLa commune vérifie le respect de cette clause chaque année.']],
    ['en', [EN_COVER, 'Section 8 – Cell-site simulators\n8.1 Status\nThe Department neither owns, leases nor borrows a cell-site simulator.\n8.2 Referrals\nNo referral was made to the county in 2024.']],
  ])('%s: takes the exclusion of the sub-section as its body', (_lang, pages) => {
    const a = analyse(pages as string[]);
    const category = _lang === 'fr' ? 'biometrics' : 'telecom';
    expect(a.findings.filter((f) => f.category === category).map((f) => f.negated)).toEqual([true]);
  });
  it.each([
    // a sub-section with text of its own between: the parent heading keeps its finding
    ['en', [EN_COVER, 'Section 8 – Cell-site simulators\nThe section reports on the equipment listed below and on its yearly audit.\n8.1 Status\nThe Department neither owns, leases nor borrows a cell-site simulator.']],
    // the body under the sub-heading names another category: the heading keeps its finding
    ['en', [EN_COVER, 'Section 8 – Drones\n8.1 Status\nThe Department neither owns, leases nor borrows a cell-site simulator.']],
  ])('%s: a heading with a body of its own, or naming what its sub-sections do not, is unchanged', (_lang, pages) => {
    const a = analyse(pages as string[]);
    expect(a.findings.some((f) => !f.negated && (f.category === 'telecom' || f.category === 'drones'))).toBe(true);
  });
});

// A run-in heading (a letter's "(a) Data brokers. The Department has no contract with …") is
// the title of its body, like a heading line.
describe('a run-in heading', () => {
  it.each([
    ['en', [EN_COVER, '(a) Data brokers. The Department has no contract, subscription or trial account with LexisNexis Accurint or any other commercial aggregator.\n(b) Grants. None were received.'], 'private-partners'],
    ['fr', [FR_COVER, 'a) Drones. La commune n’utilise aucun drone et n’en a commandé aucun.\nb) Subventions. Aucune n’a été reçue.'], 'drones'],
  ])('%s: takes the exclusion of its body', (_lang, pages, category) => {
    const a = analyse(pages as string[]);
    expect(a.findings.filter((f) => f.category === category).map((f) => f.negated)).toEqual([true]);
  });
  it.each([
    // the body names another category, or the heading is a sentence: unchanged
    ['en', [EN_COVER, '(c) Cameras. The fire department is responsible for the station.'], 'video-surveillance'],
    ['en', [EN_COVER, 'Drones are flown. The Department has no contract for drones.'], 'drones'],
  ])('%s: a heading whose body names something else keeps its finding', (_lang, pages, category) => {
    const a = analyse(pages as string[]);
    expect(a.findings.some((f) => f.category === category && !f.negated)).toBe(true);
  });
});

describe('passages', () => {
  it('end at sentence ends, not inside "2.3" nor after "art.", without the white space around them', () => {
    // Unicode spaces (no-break, em) are white space too, as String.prototype.trim has them.
    const text = "  Voir l'art. 2.3 du CCTP.\u00a0 Les caméras filment.\u2003\n\n Fin du 1.5 \u00a0";
    const spans = splitPassages(text, (i) => text[i]);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(["Voir l'art. 2.3 du CCTP.", 'Les caméras filment.', 'Fin du 1.5']);
  });

  it('keep the number of a list item with its item, so that the list cue above governs it', () => {
    const text = 'It shall be unlawful for any City department to obtain, retain, access, or use:\n\n1. Biometric surveillance technology; or\n\n2. Predictive policing technology.\nThe total is 12. The end.';
    const spans = splitPassages(text, (i) => text[i]);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual([
      'It shall be unlawful for any City department to obtain, retain, access, or use:',
      '1. Biometric surveillance technology; or',
      '2. Predictive policing technology.',
      'The total is 12.',
      'The end.',
    ]);
    const findings = analyse([text]).findings;
    expect(findings.map((f) => [f.category, f.negated])).toEqual([
      ['biometrics', true],
      ['automated-analysis', true],
    ]);
  });

  it('give a bare item number on its own line ("(1)") its item below, under the same list cue', () => {
    const text =
      'A.\nIt shall be unlawful for any official to obtain, retain, access, or use:\n(1)\nAny face surveillance system; or\n(2)\nAny information obtained from a facial surveillance system.\nB.\nThis section shall be repealed once the council approves rules governing facial surveillance systems.';
    expect(analyse([text]).findings.map((f) => [f.category, f.negated, f.excerpt.slice(0, 12)])).toEqual([
      ['biometrics', true, 'Any face sur'],
      ['biometrics', true, 'Any informat'],
      // "B." may be a section of the level above: the list ends there
      ['biometrics', false, 'This section'],
    ]);
  });
});

// A passage ending with a colon and the list items under it: each item is also read with the
// lead-in, as one sentence, so that a frame takes its verb from the lead-in and its data from
// the item; what either finds alone is not found twice, and the list ends at the next passage
// that is no item.
describe('a list item read with its lead-in', () => {
  const LEAD_FR = "Article 2\n\nUn appareil opère un contrôle automatique en deux points et collecte les données suivantes :\n\n";
  const LEAD_EN = 'Section 4\n\nThe automated system shall read and store the following:\n\n';
  it.each([
    { name: 'fr: the verb in the lead-in, the plate in the third item', page: LEAD_FR + "- clichés concernant le véhicule ;\n\n- lieu, date et heure des clichés ;\n\n- numéro d'immatriculation du véhicule.", want: ['2:vehicle-tracking'] },
    { name: 'fr: a paragraph that is no item ends the list', page: LEAD_FR + "- clichés concernant le véhicule.\n\nLe présent article s'applique aussi au numéro d'immatriculation du véhicule.", want: [] },
    { name: 'en: the verb in the lead-in, the plates in the item', page: LEAD_EN + '- the license plates of passing vehicles;\n\n- the date and time of each read.', want: ['2:vehicle-tracking'] },
    { name: 'en: the items alone, without a lead-in, give nothing', page: 'Section 4\n\n- the license plates of passing vehicles;\n\n- the date and time of each read.', want: [] },
  ])('$name', ({ page, want }) => {
    const cover = /Article/.test(page) ? FR_COVER : EN_COVER;
    expect(positives([cover, page]).findings.filter((f) => f.startsWith('2:'))).toEqual(want);
  });
});

// The words of a web address ("https://…/Face-Recognition-Policy-…-Criminal-Intelligence") are
// a name, not prose; the sentence around it keeps its own findings.
describe('web addresses are no prose', () => {
  it.each([
    { name: 'en: a policy template cited by its address', page: 'The Department of Justice recommends audit logs (see: https://it.ojp.gov/GIST/1204/Face-Recognition-Policy-Template-For-Use-In-Criminal-Intelligence).', want: [] },
    { name: 'fr: a site address naming cameras', page: "Les informations sont publiées sur www.ville-exemple.fr/videoprotection-cameras-pietons-police.", want: [] },
    { name: 'en: the prose beside the address keeps its finding', page: 'The criminal intelligence files are kept for five years (see www.example.org/retention).', want: ['2:police-records'] },
  ])('$name', ({ page, want }) => {
    const cover = /^(Les|La|Le)\b/.test(page) ? FR_COVER : EN_COVER;
    expect(positives([cover, page]).findings.filter((f) => f.startsWith('2:'))).toEqual(want);
  });
});
